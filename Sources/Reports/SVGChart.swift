/// Small inline SVG charts for the printed report: no script, no external file, legible
/// in black and white (values are written on the bars).
enum SVGChart {
  /// Vertical bars; `series` share the labels, drawn side by side, the first lighter.
  static func bars(
    labels: [String], series: [(name: String, values: [Int], color: String)], width: Int = 680,
    height: Int = 200, title: String
  ) -> String {
    let top = 28
    let bottom = 30
    let left = 36
    let plotW = width - left - 8
    let plotH = height - top - bottom
    let maxV = max(1, series.flatMap(\.values).max() ?? 1)
    let step = niceStep(maxV)
    let scaleMax = ((maxV + step - 1) / step) * step
    let slot = Double(plotW) / Double(max(1, labels.count))
    let barW = max(1.0, slot * 0.8 / Double(max(1, series.count)))
    var s = svgOpen(width, height, title)
    s += text(x: left, y: 14, title, size: 13, weight: "bold")
    var legendX = width - 8
    for item in series.reversed() {
      legendX -= item.name.count * 7 + 24
      s += "<rect x=\"\(legendX)\" y=\"6\" width=\"10\" height=\"10\" fill=\"\(item.color)\"/>"
      s += text(x: legendX + 14, y: 15, item.name, size: 11)
    }
    var v = 0
    while v <= scaleMax {
      let y = Double(top + plotH) - Double(v) / Double(scaleMax) * Double(plotH)
      s +=
        "<line x1=\"\(left)\" x2=\"\(left + plotW)\" y1=\"\(f(y))\" y2=\"\(f(y))\" stroke=\"#ddd\"/>"
      s += text(x: left - 4, y: Int(y) + 4, String(v), size: 10, anchor: "end")
      v += step
    }
    let labelEvery = max(1, labels.count / 16)
    for (i, label) in labels.enumerated() {
      let x0 = Double(left) + slot * Double(i) + slot * 0.1
      for (k, item) in series.enumerated() {
        let value = i < item.values.count ? item.values[i] : 0
        let h = Double(value) / Double(scaleMax) * Double(plotH)
        let x = x0 + barW * Double(k)
        s +=
          "<rect x=\"\(f(x))\" y=\"\(f(Double(top + plotH) - h))\" width=\"\(f(barW))\" height=\"\(f(h))\" fill=\"\(item.color)\"/>"
      }
      if i % labelEvery == 0 {
        s += text(
          x: Int(Double(left) + slot * (Double(i) + 0.5)), y: top + plotH + 14, label, size: 10,
          anchor: "middle")
      }
    }
    s +=
      "<line x1=\"\(left)\" x2=\"\(left + plotW)\" y1=\"\(top + plotH)\" y2=\"\(top + plotH)\" stroke=\"#333\"/>"
    return s + "</svg>"
  }

  /// Horizontal bars from 0 to `scaleMax`, each with its value written, and an optional
  /// marker per row (a target).
  static func hbars(
    rows: [(label: String, value: Double?, text: String, marker: Double?)], scaleMax: Double,
    width: Int = 680, title: String, color: String = "#1f5f8b", markerName: String? = nil
  ) -> String {
    let rowH = 22
    let top = 28
    let left = 200
    let plotW = width - left - 200
    let height = top + rowH * rows.count + 8
    var s = svgOpen(width, height, title)
    s += text(x: 4, y: 14, title, size: 13, weight: "bold")
    if let markerName {
      s +=
        "<line x1=\"\(width - 150)\" x2=\"\(width - 150)\" y1=\"5\" y2=\"17\" stroke=\"#c0392b\" stroke-width=\"2\"/>"
      s += text(x: width - 144, y: 15, markerName, size: 11)
    }
    for (i, row) in rows.enumerated() {
      let y = top + i * rowH
      s += text(x: left - 6, y: y + 15, row.label, size: 11, anchor: "end")
      let w = (row.value ?? 0) / scaleMax * Double(plotW)
      s +=
        "<rect x=\"\(left)\" y=\"\(y + 3)\" width=\"\(f(min(Double(plotW), w)))\" height=\"\(rowH - 6)\" fill=\"\(color)\"/>"
      if let m = row.marker {
        let x = Double(left) + min(1, m / scaleMax) * Double(plotW)
        s +=
          "<line x1=\"\(f(x))\" x2=\"\(f(x))\" y1=\"\(y + 1)\" y2=\"\(y + rowH - 1)\" stroke=\"#c0392b\" stroke-width=\"2\"/>"
      }
      // The value is written after the marker, on a white backing, so the line never crosses it.
      let tx = left + Int(min(Double(plotW), w)) + 4
      s +=
        "<rect x=\"\(tx - 1)\" y=\"\(y + 4)\" width=\"\(row.text.count * 7)\" height=\"\(rowH - 8)\" fill=\"#fff\"/>"
      s += text(x: tx, y: y + 15, row.text, size: 11)
    }
    s +=
      "<line x1=\"\(left)\" x2=\"\(left)\" y1=\"\(top)\" y2=\"\(top + rowH * rows.count)\" stroke=\"#333\"/>"
    return s + "</svg>"
  }

  static func svgOpen(_ w: Int, _ h: Int, _ title: String) -> String {
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(w) \(h)\" width=\"100%\" role=\"img\" aria-label=\"\(HTML.escape(title))\" font-family=\"DejaVu Sans, sans-serif\">"
  }

  static func text(
    x: Int, y: Int, _ t: String, size: Int, anchor: String = "start", weight: String = "normal"
  ) -> String {
    "<text x=\"\(x)\" y=\"\(y)\" font-size=\"\(size)\" text-anchor=\"\(anchor)\" font-weight=\"\(weight)\" fill=\"#222\">\(HTML.escape(t))</text>"
  }

  static func niceStep(_ maxV: Int) -> Int {
    let rough = max(1, maxV / 5)
    var p = 1
    while p * 10 <= rough { p *= 10 }
    for m in [1, 2, 5, 10] where m * p >= rough { return m * p }
    return 10 * p
  }

  static func f(_ v: Double) -> String {
    let n = Int((v * 10).rounded())
    return n % 10 == 0 ? String(n / 10) : "\(n / 10).\(abs(n % 10))"
  }
}

enum HTML {
  static func escape(_ s: String) -> String {
    var out = ""
    for ch in s {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(ch)
      }
    }
    return out
  }
}
