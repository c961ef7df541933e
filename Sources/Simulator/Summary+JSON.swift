import Foundation

/// The `--json` shape of SIMULATE.md, keys in its order, services in the hall's.
extension Summary {
  public var json: String { jsonObject(indent: "") }

  func jsonObject(indent: String) -> String {
    var out = "{\"replications\": \(replications), \"policy\": \(quote(policy)),\n"
    out += "\(indent) \"services\": {"
    out += services.enumerated().map { i, entry in
      let (id, s) = entry
      var fields = [
        "\"arrivals\": \(num(s.arrivals))", "\"refused\": \(num(s.refused))",
        "\"served\": \(num(s.served))", "\"unserved\": \(num(s.unserved))",
        "\"wait_mean_s\": \(num(s.waitMeanS))", "\"wait_p50_s\": \(num(s.waitP50S))",
        "\"wait_p90_s\": \(num(s.waitP90S))", "\"wait_max_s\": \(num(s.waitMaxS))",
        "\"p_wait\": \(num(s.pWait, 3))", "\"within_target\": \(num(s.withinTarget, 3))",
        "\"eta_mae_s\": \(num(s.etaMaeS))", "\"eta_mae_ratio\": \(num(s.etaMaeRatio, 3))",
      ]
      let ci = s.ci95WaitMeanS.map { "[\(num($0.0)), \(num($0.1))]" } ?? "null"
      fields.append("\"ci95_wait_mean_s\": \(ci)")
      if let w = s.walkIn { fields.append("\"walk_in\": \(w.json)") }
      if let a = s.appointment { fields.append("\"appointment\": \(a.json)") }
      return (i == 0 ? "" : ",") + "\n\(indent)   \(quote(id)): {" + fields.joined(separator: ", ")
        + "}"
    }.joined()
    out += "},\n\(indent) \"counters\": {"
    out += counters.map { id, c in
      "\(quote(String(id))): {\"served\": \(num(c.served)), \"utilisation\": \(num(c.utilisation, 3))}"
    }.joined(separator: ", ")
    out += "}}"
    return out
  }

  /// `--compare`: one object per policy.
  public static func json(comparing summaries: [Summary]) -> String {
    let first = summaries.first?.replications ?? 0
    return "{\"replications\": \(first), \"policies\": {"
      + summaries.map { "\n \(quote($0.policy)): " + $0.jsonObject(indent: "  ") }.joined(
        separator: ",") + "}}"
  }
}

extension Summary.ClassSummary {
  /// The appointment-only keys only where they were measured.
  var json: String {
    var fields = [
      "\"served\": \(num(served))", "\"wait_mean_s\": \(num(waitMeanS))",
      "\"wait_p50_s\": \(num(waitP50S))", "\"wait_p90_s\": \(num(waitP90S))",
      "\"ci95_wait_p90_s\": " + (ci95WaitP90S.map { "[\(num($0.0)), \(num($0.1))]" } ?? "null"),
    ]
    if let booked {
      fields += [
        "\"booked\": \(num(booked))", "\"noshow\": \(num(noshow))", "\"missed\": \(num(missed))",
        "\"lateness_mean_s\": \(num(latenessMeanS))", "\"lateness_p50_s\": \(num(latenessP50S))",
        "\"lateness_p90_s\": \(num(latenessP90S))",
      ]
    }
    return "{" + fields.joined(separator: ", ") + "}"
  }
}

func num(_ x: Double?, _ digits: Int = 1) -> String {
  guard let x, x.isFinite else { return "null" }
  let scale = pow(10, Double(digits))
  let r = (x * scale).rounded() / scale
  if r == r.rounded() && abs(r) < 1e15 { return String(Int64(r)) }
  return String(r)
}

func quote(_ s: String) -> String {
  var out = "\""
  for c in s.unicodeScalars {
    switch c {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case _ where c.value < 0x20: out += String(format: "\\u%04x", c.value)
    default: out.unicodeScalars.append(c)
    }
  }
  return out + "\""
}
