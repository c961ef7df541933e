import FoundationEssentials
import InitMacros

/// The first message of a feed connection.
@PublicInit
public struct SnapshotMessage: Sendable, Equatable, Decodable {
  public var seq: Int64
  public var hall: HallView
  /// Most recent first, at most 10, one per ticket.
  public var recentCalls: [RecentCall]

  enum CodingKeys: String, CodingKey { case seq, hall, recentCalls = "recent_calls" }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    seq = try c.decode(Int64.self, forKey: .seq)
    hall = try c.decode(HallView.self, forKey: .hall)
    recentCalls = try c.decodeIfPresent([RecentCall].self, forKey: .recentCalls) ?? []
  }
}

/// Everything the server sends on `/ws` (PROTOCOL.md "WebSocket"): what a client reads, and
/// what the server writes (FeedMessage+JSONWriter.swift).
public enum FeedMessage: Sendable, Equatable {
  case snapshot(SnapshotMessage)
  case event(Event)
  /// `{"type":"ticket", "request", "ticket"}`: the kiosk socket's answer to `issue` and
  /// `checkin`.
  case ticket(request: String, ticket: Ticket)
  /// `{"type":"error", "request", "error": {"code", "message"}}`: its refusal.
  case error(request: String?, WireError)
  /// A type this version does not know (one added later).
  case other(type: String, seq: Int64?)

  public var seq: Int64? {
    switch self {
    case .snapshot(let s): s.seq
    case .event(let e): e.seq
    case .ticket, .error: nil
    case .other(_, let seq): seq
    }
  }

  /// Parses one text frame; throws `FeedMessageError` on JSON that does not fit its `type`.
  public init(parsing text: String) throws(FeedMessageError) {
    do {
      self = try JSONDecoder().decode(Decoded.self, from: Data(text.utf8)).message
    } catch {
      throw FeedMessageError(text: String(text.prefix(200)), detail: "\(error)")
    }
  }
}

public struct FeedMessageError: Error, Sendable, Equatable, CustomStringConvertible {
  public var text: String
  public var detail: String
  public var description: String { "malformed feed message: \(text)" }
}

/// Decodes by `type`; `counter` is a `{id, name}` in `called` and a whole Counter in `counter`.
private struct Decoded: Decodable {
  var message: FeedMessage

  enum Keys: String, CodingKey {
    case type, seq, at, ticket, counter, recall, from, job, box, waiting, request, error
    case fromStartedAt = "from_started_at"
  }

  init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    let type = try c.decode(String.self, forKey: .type)
    switch type {
    case "snapshot":
      message = .snapshot(try SnapshotMessage(from: decoder))
      return
    case "ticket":
      message = .ticket(
        request: try c.decode(String.self, forKey: .request),
        ticket: try c.decode(Ticket.self, forKey: .ticket))
      return
    case "error":
      message = .error(
        request: try c.decodeIfPresent(String.self, forKey: .request),
        try c.decode(WireError.self, forKey: .error))
      return
    default: break
    }
    let seq = try c.decodeIfPresent(Int64.self, forKey: .seq)
    let atText = try c.decodeIfPresent(String.self, forKey: .at) ?? ""
    func waiting() throws -> WaitingCounts {
      try c.decodeIfPresent(WaitingCounts.self, forKey: .waiting) ?? WaitingCounts(counts: [])
    }
    func ticket() throws -> Ticket { try c.decode(Ticket.self, forKey: .ticket) }
    let body: Event.Body
    switch type {
    case "issued": body = .issued(ticket: try ticket(), waiting: try waiting())
    case "called":
      body = .called(
        ticket: try ticket(), counter: try c.decode(CounterRef.self, forKey: .counter),
        recall: try c.decodeIfPresent(Bool.self, forKey: .recall) ?? false,
        waiting: try waiting())
    case "finished": body = .finished(ticket: try ticket(), waiting: try waiting())
    case "transferred":
      body = .transferred(
        ticket: try ticket(), from: try c.decode(String.self, forKey: .from),
        waiting: try waiting(),
        fromStartedAt: try c.decodeIfPresent(String.self, forKey: .fromStartedAt))
    case "counter": body = .counter(try c.decode(Counter.self, forKey: .counter))
    case "print":
      body = .print(
        job: try c.decode(String.self, forKey: .job),
        box: try c.decodeIfPresent(String.self, forKey: .box) ?? "", ticket: try ticket())
    default:
      message = .other(type: type, seq: seq)
      return
    }
    guard let seq else {
      throw DecodingError.keyNotFound(
        Keys.seq, .init(codingPath: c.codingPath, debugDescription: "events carry seq"))
    }
    message = .event(
      Event(seq: seq, at: RFC3339(atText)?.millis ?? 0, atText: atText, body: body))
  }
}

/// What a ticket box sends on its socket (PROTOCOL.md "WebSocket").
public enum KioskRequest: Sendable, Equatable {
  case issue(request: String, service: String, priority: Bool)
  case printed(job: String)
  case printer(PrinterStatus)
  /// `{"type":"checkin", "request", "code"}`: a booking's code typed at the box (PROTOCOL
  /// 1.1); answered like `issue`, with the appointment ticket.
  case checkIn(request: String, code: String)
}

/// A print job re-sent to a box that reconnected: the same shape as the `print` event.
@PublicInit
public struct PrintMessage: Sendable, Equatable {
  public var seq: Int64
  public var job: String
  public var ticket: Ticket
  public var box: String
}

/// Why a ticket box's message was refused; `message` is what the box is told.
public struct KioskRequestError: Error, Sendable, Equatable {
  public var request: String?
  public var message: String
}

extension KioskRequest {
  /// Parses a box's message. Limits (the request id's length, rates) are the server's.
  public init(parsing text: String) throws(KioskRequestError) {
    struct Loose: Decodable {
      var type: String
      var request: String?
      var service: String?
      var priority: Bool?
      var job: String?
      var status: String?
      var code: String?
    }
    let m: Loose
    do {
      m = try JSONDecoder().decode(Loose.self, from: Data(text.utf8))
    } catch {
      throw KioskRequestError(request: nil, message: "not a JSON message: \(error)")
    }
    func requestID() throws(KioskRequestError) -> String {
      guard let request = m.request, !request.isEmpty else {
        throw KioskRequestError(request: m.request, message: "`request` is required")
      }
      return request
    }
    func required(_ value: String?, _ name: String, answering request: String?)
      throws(KioskRequestError) -> String
    {
      guard let value else {
        throw KioskRequestError(request: request, message: "`\(name)` is required")
      }
      return value
    }
    switch m.type {
    case "issue":
      let request = try requestID()
      let service = try required(m.service, "service", answering: request)
      self = .issue(request: request, service: service, priority: m.priority ?? false)
    case "checkin":
      let request = try requestID()
      self = .checkIn(request: request, code: try required(m.code, "code", answering: request))
    case "printed":
      self = .printed(job: try required(m.job, "job", answering: nil))
    case "printer":
      guard let status = m.status.flatMap(PrinterStatus.init(rawValue:)) else {
        throw KioskRequestError(
          request: nil, message: "`status` must be ok, paper_low, paper_out or offline")
      }
      self = .printer(status)
    default:
      throw KioskRequestError(request: m.request, message: "unknown message type `\(m.type)`")
    }
  }
}
