import HallWire
import FoundationEssentials

/// One officer action, as PROTOCOL's HTTP call that carries it.
public enum OfficerRequest: Equatable, Sendable {
  case call(service: String?, number: String?)
  case recall, start, done, noShow
  case transfer(service: String)
  case pause(reason: String?)
  case resume, open, close
  /// Close even when it leaves a service's waiting visitors without a counter.
  case forceClose
  case status
  /// An officer signs in at this counter (PROTOCOL 1.1 "Officers"), or out of it.
  case signIn(officer: String, pin: String)
  case signOut

  public var method: String { self == .status ? "GET" : "POST" }

  public func path(counter: Int) -> String {
    let base = "/api/counters/\(counter)/"
    switch self {
    case .call: return base + "call"
    case .recall: return base + "recall"
    case .start: return base + "start"
    case .done: return base + "done"
    case .noShow: return base + "noshow"
    case .transfer: return base + "transfer"
    case .pause: return base + "pause"
    case .resume: return base + "resume"
    case .open: return base + "open"
    case .close, .forceClose: return base + "close"
    case .status: return "/api/hall"
    case .signIn: return base + "signin"
    case .signOut: return base + "signout"
    }
  }

  /// The JSON body, or nil when the call takes none.
  public var body: [UInt8]? {
    switch self {
    case .call(let service?, _): return Self.json(["service": service])
    case .call(nil, let number?): return Self.json(["number": number])
    case .transfer(let service): return Self.json(["service": service])
    // The reason is an addition to PROTOCOL's bodiless pause; servers ignore unknown fields.
    case .pause(let reason?): return Self.json(["reason": reason])
    case .forceClose: return Array(#"{"force":true}"#.utf8)
    case .signIn(let officer, let pin): return Self.json(["officer": officer, "pin": pin])
    default: return nil
    }
  }

  private static func json(_ object: [String: String]) -> [UInt8] {
    // Encoding a [String: String] cannot fail.
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    return Array((try? encoder.encode(object)) ?? Data("{}".utf8))
  }
}
