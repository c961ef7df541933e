// store-bench: measures the Storage module on this machine.
//
//   store-bench throughput --db PATH [--tickets N] [--batches 1,16,64]
//   store-bench crash-writer --db PATH
//   store-bench history --db PATH [--tickets N] [--days D] [--events-per-ticket E]
//   store-bench recover --db PATH
//
// `throughput` and `history` start from a fresh file at PATH (removed first, with its -wal
// and -shm); `recover` times start-up on the file `history` left.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import Storage

struct Options {
  var command = ""
  var db = ""
  var tickets = 0
  var days = 365
  var eventsPerTicket = 3
  var batches = [1, 16, 64]

  init(_ arguments: [String]) {
    var rest = arguments.dropFirst()
    command = rest.popFirst() ?? ""
    while let flag = rest.popFirst() {
      let value = rest.popFirst() ?? ""
      switch flag {
      case "--db": db = value
      case "--tickets": tickets = Int(value) ?? -1
      case "--days": days = Int(value) ?? -1
      case "--events-per-ticket": eventsPerTicket = Int(value) ?? -1
      case "--batches": batches = value.split(separator: ",").map { Int($0) ?? 0 }
      default: fail("unknown option \(flag)")
      }
    }
    if db.isEmpty { fail("--db PATH is required") }
    if tickets < 0 || days < 1 || eventsPerTicket < 1 || batches.contains(where: { $0 < 1 }) {
      fail("bad number")
    }
  }
}

func fail(_ message: String) -> Never {
  writeLine(standardError: true, "store-bench: \(message)")
  writeLine(
    standardError: true,
    """
    usage: store-bench throughput --db PATH [--tickets N] [--batches 1,16,64]
           store-bench crash-writer --db PATH
           store-bench history --db PATH [--tickets N] [--days D] [--events-per-ticket E]
           store-bench recover --db PATH
    """)
  exit(2)
}

/// Writes straight to the file descriptor, so a line is out before the next commit starts
/// (stdio would buffer it when stdout is a pipe).
func writeLine(standardError: Bool = false, _ text: String) {
  var bytes = Array((text + "\n").utf8)
  var offset = 0
  while offset < bytes.count {
    let written = bytes.withUnsafeMutableBytes {
      write(standardError ? 2 : 1, $0.baseAddress! + offset, $0.count - offset)
    }
    if written < 0 {
      if errno == EINTR { continue }
      exit(1)
    }
    offset += written
  }
  bytes.removeAll()
}

func removeDatabase(_ path: String) {
  for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
}

func openStore(_ path: String) -> Store {
  do {
    return try Store(path: path)
  } catch {
    fail("cannot open \(path): \(error)")
  }
}

func seconds(_ duration: Duration) -> Double {
  let (whole, attoseconds) = duration.components
  return Double(whole) + Double(attoseconds) / 1e18
}

func format(_ value: Double, decimals: Int = 0) -> String {
  var factor = 1.0
  for _ in 0..<decimals { factor *= 10 }
  let rounded = (value * factor).rounded() / factor
  return decimals == 0 ? String(Int(rounded)) : String(rounded)
}

let options = Options(CommandLine.arguments)
switch options.command {
case "throughput": runThroughput(options)
case "crash-writer": runCrashWriter(options)
case "history": runHistory(options)
case "recover": measureRecovery(options.db, day: civilDay(Int(time(nil)) / 86_400))
default: fail("unknown command '\(options.command)'")
}
