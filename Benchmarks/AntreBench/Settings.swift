import Foundation

/// How much to run: the full table, or `--quick` (tiny counts, to check it works).
struct Settings {
  var quick = false
  var build = true
  var runs = 3
  var ticketSeconds = 4
  var ticketConnections = [1, 16, 64]
  var callSeconds = 4
  var screenCounts = [100, 1_000, 10_000]
  /// Calls timed per screen count (one connected set of screens serves them all).
  var screenRounds = 5
  var historyTickets = 1_000_000
  /// Only the figures named (tickets, calls, screens, startup); all when empty.
  var only: Set<String> = []

  init(_ arguments: [String]) {
    var rest = arguments.dropFirst()
    while let flag = rest.popFirst() {
      switch flag {
      case "--quick": quick = true
      case "--no-build": build = false
      case "--only": only = Set((rest.popFirst() ?? "").split(separator: ",").map(String.init))
      case "--runs": runs = max(1, Int(rest.popFirst() ?? "") ?? 3)
      case "--history-tickets": historyTickets = max(1_000, Int(rest.popFirst() ?? "") ?? 0)
      case "--help", "-h":
        print(Self.usage)
        exit(0)
      default:
        FileHandle.standardError.write(
          Data("antre-bench: unknown option \(flag)\n\(Self.usage)\n".utf8))
        exit(2)
      }
    }
    if quick {
      runs = 1
      ticketSeconds = 1
      callSeconds = 1
      screenCounts = [10, 100]
      screenRounds = 1
      historyTickets = 10_000
    }
  }

  func wants(_ figure: String) -> Bool { only.isEmpty || only.contains(figure) }

  static let usage = """
    usage: antre-bench [--quick] [--no-build] [--runs N] [--only tickets,growth,calls,screens,startup]
                       [--history-tickets N]
    Builds antre, bare-responder, bare-issuer and bench-load in release mode (unless
    --no-build), runs every load against `antre serve` and a bare C yardstick (the durable bare
    issuer for tickets, the bare responder for the rest), and prints one markdown table.
    """
}
