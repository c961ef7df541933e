import Foundation

/// What one `wrk` run reports.
struct WrkResult {
  var requestsPerSecond: Double
  var p50: Double
  var p99: Double
  /// Responses that were not 2xx/3xx, plus socket errors: a run with any is not a valid figure.
  var failures: Int
}

/// Reads wrk's summary (run with `--latency`).
func parseWrk(_ lines: [String]) throws -> WrkResult {
  var result = WrkResult(requestsPerSecond: 0, p50: 0, p99: 0, failures: 0)
  var sawRate = false
  for line in lines {
    let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    guard let first = words.first else { continue }
    switch first {
    case "Requests/sec:":
      result.requestsPerSecond = Double(words[1]) ?? 0
      sawRate = true
    case "50%": result.p50 = seconds(wrkDuration: words[1])
    case "99%": result.p99 = seconds(wrkDuration: words[1])
    case "Non-2xx":
      result.failures += Int(words.last ?? "") ?? 0
    case "Socket":
      // "Socket errors: connect 0, read 0, write 0, timeout 0"
      for word in words where Int(word.trimmingCharacters(in: [","])) != nil {
        result.failures += Int(word.trimmingCharacters(in: [","])) ?? 0
      }
    default: break
    }
  }
  guard sawRate else { throw BenchError.unexpectedOutput(lines.joined(separator: "\n")) }
  return result
}

/// "812.00us", "2.41ms", "1.02s", "2.00m" as seconds.
func seconds(wrkDuration text: String) -> Double {
  let units: [(String, Double)] = [("us", 1e-6), ("ms", 1e-3), ("m", 60), ("s", 1)]
  for (suffix, factor) in units where text.hasSuffix(suffix) {
    return (Double(text.dropLast(suffix.count)) ?? 0) * factor
  }
  return Double(text) ?? 0
}

/// One round of call-to-screen latency from bench-load (seconds).
struct FanOutRound {
  var received: Int
  var p50: Double
  var p99: Double
  var max: Double
}

/// A run of bench-load's `screens`: connected count, server memory, rounds.
struct ScreensResult {
  var connected = 0
  var connectSeconds = 0.0
  var failed = 0
  var residentBeforeKiB = 0
  var residentAfterKiB = 0
  var rounds: [FanOutRound] = []
}

extension ScreensResult {
  /// Every run's rounds together; connection counts are the smallest seen, memory the median
  /// run's (by resident size after connecting).
  static func merged(_ runs: [ScreensResult]) -> ScreensResult {
    guard let first = runs.first else { return ScreensResult() }
    var merged = runs.sorted { $0.residentAfterKiB < $1.residentAfterKiB }[runs.count / 2]
    merged.connected = runs.map(\.connected).min() ?? first.connected
    merged.failed = runs.map(\.failed).reduce(0, +)
    merged.rounds = runs.flatMap(\.rounds)
    return merged
  }
}

func parseScreens(_ lines: [String]) throws -> ScreensResult {
  var result = ScreensResult()
  for line in lines {
    let words = line.split(separator: " ").map(String.init)
    switch words.first {
    case "connected":
      result.connected = Int(words[1]) ?? 0
      result.connectSeconds = Double(words[2]) ?? 0
    case "failed": result.failed = Int(words[1]) ?? 0
    case "rss_kb":
      result.residentBeforeKiB = Int(words[1]) ?? 0
      result.residentAfterKiB = Int(words[2]) ?? 0
    case "round":
      guard words.count >= 7 else { throw BenchError.unexpectedOutput(line) }
      let status = Int(words[6]) ?? 0
      guard (200..<300).contains(status) else {
        throw BenchError.unexpectedOutput("the trigger answered \(status)")
      }
      result.rounds.append(
        FanOutRound(
          received: Int(words[2]) ?? 0, p50: (Double(words[3]) ?? 0) / 1e6,
          p99: (Double(words[4]) ?? 0) / 1e6, max: (Double(words[5]) ?? 0) / 1e6))
    default: break
    }
  }
  guard result.connected > 0, !result.rounds.isEmpty else {
    throw BenchError.unexpectedOutput(lines.joined(separator: "\n"))
  }
  return result
}

/// bench-load's `calls` line.
struct CallsResult {
  var ok: Int
  var nobody: Int
  var other: Int
  var p50: Double
  var p99: Double
  var max: Double
}

func parseCalls(_ lines: [String]) throws -> CallsResult {
  guard let line = lines.first(where: { $0.hasPrefix("calls ") }) else {
    throw BenchError.unexpectedOutput(lines.joined(separator: "\n"))
  }
  let w = line.split(separator: " ").map { Double($0) ?? 0 }
  return CallsResult(
    ok: Int(w[1]), nobody: Int(w[2]), other: Int(w[3]), p50: w[4] / 1e6, p99: w[5] / 1e6,
    max: w[6] / 1e6)
}

func median(_ values: [Double]) -> Double {
  guard !values.isEmpty else { return 0 }
  let sorted = values.sorted()
  return sorted.count % 2 == 1
    ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

// MARK: - Formatting

func formatCount(_ value: Double) -> String {
  let whole = Int(value.rounded())
  let digits = String(whole)
  var out = ""
  for (index, character) in digits.reversed().enumerated() {
    if index > 0 && index % 3 == 0 { out.append(",") }
    out.append(character)
  }
  return String(out.reversed())
}

/// Seconds as ms with a precision that suits the size.
func formatMillis(_ seconds: Double) -> String {
  let ms = seconds * 1000
  if ms >= 100 { return String(format: "%.0f ms", ms) }
  if ms >= 10 { return String(format: "%.1f ms", ms) }
  return String(format: "%.2f ms", ms)
}

func formatRatio(_ value: Double) -> String {
  guard value.isFinite, value > 0 else { return "—" }
  return value >= 10 ? String(format: "%.0f×", value) : String(format: "%.2f×", value)
}

/// KiB from /proc as "MB"/"KB" (binary units, as the targets are read).
func formatKiB(_ kib: Double) -> String {
  kib >= 1024 ? String(format: "%.1f MB", kib / 1024) : String(format: "%.1f KB", kib)
}

/// Group commits as the server counts them (GET /metrics).
struct CommitStats {
  var commits = 0
  var changes = 0
  var seconds = 0.0
  var maxSeconds = 0.0

  var summary: String {
    guard commits > 0 else { return "no commits reported" }
    return
      "\(formatCount(Double(commits))) group commits of \(String(format: "%.1f", Double(changes) / Double(commits))) "
      + "tickets on average, \(formatMillis(seconds / Double(commits))) mean from BEGIN to COMMIT done "
      + "(slowest \(formatMillis(maxSeconds)))"
  }
}
