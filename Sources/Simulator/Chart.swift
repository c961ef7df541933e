import HallWire
import QueueCore

/// `--svg`: waiting visitors per service by time of day (means over replications).
public enum Chart {
  static let colours = [
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    "#7f7f7f", "#bcbd22",
  ]

  public static func svg(_ summary: Summary, hall: HallConfig, english: Bool) -> String {
    let rows = summary.waitingByTime
    let step = RunResult.sampleMinutes
    // From the first visitor to the last change: tickets left when counters close wait on
    // unchanged until midnight, which says nothing more.
    let active = rows.indices.filter { i in
      i > 0 ? rows[i] != rows[i - 1] : rows[i].contains { $0 > 0 }
    }
    let fromHour = active.first.map { $0 * step / 60 } ?? 7
    let toHour = active.last.map { min(24, ($0 * step + 59) / 60 + 1) } ?? 17
    let peak = max(1, rows.flatMap { $0 }.max() ?? 1)
    let yMax = niceCeiling(peak)
    let (w, h, left, right, top, bottom) = (980.0, 420.0, 60.0, 250.0, 40.0, 50.0)
    let plotW = w - left - right
    let plotH = h - top - bottom
    func x(_ minute: Int) -> Double {
      left + plotW * Double(minute - fromHour * 60) / Double(max(1, (toHour - fromHour) * 60))
    }
    func y(_ v: Double) -> Double { top + plotH * (1 - v / yMax) }
    var s = """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(w))" height="\(Int(h))" \
      font-family="DejaVu Sans, sans-serif" font-size="12">
      <rect width="100%" height="100%" fill="white"/>
      <text x="\(left)" y="22" font-size="15">\(escape(english ? "Visitors waiting, by time of day — \(hall.name)" : "Pengunjung menunggu menurut jam — \(hall.name)"))</text>

      """
    for hr in fromHour...toHour {
      let px = x(hr * 60)
      s += "<line x1=\"\(px)\" y1=\"\(top)\" x2=\"\(px)\" y2=\"\(top + plotH)\" stroke=\"#ddd\"/>"
      s +=
        "<text x=\"\(px)\" y=\"\(top + plotH + 18)\" text-anchor=\"middle\">\(hr < 10 ? "0" : "")\(hr):00</text>\n"
    }
    for i in 0...4 {
      let v = yMax * Double(i) / 4
      s +=
        "<line x1=\"\(left)\" y1=\"\(y(v))\" x2=\"\(left + plotW)\" y2=\"\(y(v))\" stroke=\"#eee\"/>"
      s += "<text x=\"\(left - 6)\" y=\"\(y(v) + 4)\" text-anchor=\"end\">\(num(v))</text>\n"
    }
    for (k, svc) in hall.services.enumerated() where rows.contains(where: { $0[k] > 0.05 }) {
      let colour = colours[k % colours.count]
      let points = rows.indices.filter { $0 * step >= fromHour * 60 && $0 * step <= toHour * 60 }
        .map { "\(num(x($0 * step), 1)),\(num(y(rows[$0][k]), 1))" }.joined(separator: " ")
      s +=
        "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" points=\"\(points)\"/>\n"
      let ly = top + 16 * Double(k)
      s +=
        "<rect x=\"\(w - right + 15)\" y=\"\(ly - 9)\" width=\"12\" height=\"12\" fill=\"\(colour)\"/>"
      s +=
        "<text x=\"\(w - right + 32)\" y=\"\(ly + 1)\">\(escape("\(svc.id) \(english ? svc.nameEN ?? svc.name : svc.name)"))</text>\n"
    }
    s +=
      "<text x=\"\(left + plotW / 2)\" y=\"\(h - 8)\" text-anchor=\"middle\">\(english ? "time of day" : "jam")</text>\n"
    s += "</svg>\n"
    return s
  }

  static func niceCeiling(_ v: Double) -> Double {
    for c in [1.0, 2, 4, 5, 8, 10, 20, 25, 40, 50, 80, 100, 120, 150, 200, 250, 400, 500, 1000]
    where v <= c {
      return c
    }
    return (v / 1000).rounded(.up) * 1000
  }

  static func escape(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;")
  }
}

import Foundation
