import FoundationEssentials

/// One entry of a snapshot's `recent_calls`, or a call seen live on the feed.
public struct RecentCall: Codable, Equatable, Sendable {
  public var number: String
  public var counter: Int
  public var at: String?

  public init(number: String, counter: Int, at: String?) {
    self.number = number
    self.counter = counter
    self.at = at
  }
}

/// A WebSocket feed message that the console cares about (PROTOCOL, "WebSocket").
public enum HallEvent: Equatable, Sendable {
  case snapshot(seq: Int, hall: HallInfo, recentCalls: [RecentCall])
  case issued(seq: Int, ticket: TicketInfo, waiting: [String: Int])
  case called(
    seq: Int, ticket: TicketInfo, counterID: Int, counterName: String, recall: Bool,
    waiting: [String: Int])
  case finished(seq: Int, ticket: TicketInfo, waiting: [String: Int])
  case transferred(seq: Int, ticket: TicketInfo, from: String, waiting: [String: Int])
  case counter(seq: Int, counter: CounterInfo)
  /// A type this client does not use (`print`, or one added later).
  case other(type: String, seq: Int?)

  public var seq: Int? {
    switch self {
    case .snapshot(let seq, _, _), .issued(let seq, _, _), .called(let seq, _, _, _, _, _),
      .finished(let seq, _, _), .transferred(let seq, _, _, _), .counter(let seq, _):
      return seq
    case .other(_, let seq): return seq
    }
  }

  /// Decodes one text frame of the feed.
  public static func decode(_ text: String) throws(OfficerError) -> HallEvent {
    let raw: RawEvent
    do {
      raw = try JSONDecoder().decode(RawEvent.self, from: Data(text.utf8))
    } catch {
      throw .unexpectedResponse(status: 0, detail: "feed message: \(error)")
    }
    let waiting = raw.waiting ?? [:]
    switch raw.type {
    case "snapshot":
      guard let seq = raw.seq, let hall = raw.hall else { break }
      return .snapshot(seq: seq, hall: hall, recentCalls: raw.recentCalls ?? [])
    case "issued":
      guard let seq = raw.seq, let ticket = raw.ticket else { break }
      return .issued(seq: seq, ticket: ticket, waiting: waiting)
    case "called":
      guard let seq = raw.seq, let ticket = raw.ticket, let counter = raw.counter else { break }
      return .called(
        seq: seq, ticket: ticket, counterID: counter.id,
        counterName: counter.name ?? "Loket \(counter.id)", recall: raw.recall ?? false,
        waiting: waiting)
    case "finished":
      guard let seq = raw.seq, let ticket = raw.ticket else { break }
      return .finished(seq: seq, ticket: ticket, waiting: waiting)
    case "transferred":
      guard let seq = raw.seq, let ticket = raw.ticket else { break }
      return .transferred(seq: seq, ticket: ticket, from: raw.from ?? "", waiting: waiting)
    case "counter":
      guard let seq = raw.seq, let counter = raw.counterObject else { break }
      return .counter(seq: seq, counter: counter)
    default:
      return .other(type: raw.type, seq: raw.seq)
    }
    throw .unexpectedResponse(status: 0, detail: "feed message \(raw.type) lacks a field")
  }
}

/// The union of every event's fields; `counter` is a small `{id, name}` in `called` and a
/// full Counter in `counter`, so it is decoded both ways.
private struct RawEvent: Decodable {
  struct CounterRef: Decodable {
    var id: Int
    var name: String?
  }
  var type: String
  var seq: Int?
  var hall: HallInfo?
  var recentCalls: [RecentCall]?
  var ticket: TicketInfo?
  var counter: CounterRef?
  var counterObject: CounterInfo?
  var recall: Bool?
  var waiting: [String: Int]?
  var from: String?

  enum CodingKeys: String, CodingKey {
    case type, seq, hall, ticket, counter, recall, waiting, from
    case recentCalls = "recent_calls"
  }

  init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    type = try c.decode(String.self, forKey: .type)
    seq = try c.decodeIfPresent(Int.self, forKey: .seq)
    hall = try c.decodeIfPresent(HallInfo.self, forKey: .hall)
    recentCalls = try c.decodeIfPresent([RecentCall].self, forKey: .recentCalls)
    ticket = try c.decodeIfPresent(TicketInfo.self, forKey: .ticket)
    counter = try? c.decodeIfPresent(CounterRef.self, forKey: .counter)
    counterObject = try? c.decodeIfPresent(CounterInfo.self, forKey: .counter)
    recall = try c.decodeIfPresent(Bool.self, forKey: .recall)
    waiting = try c.decodeIfPresent([String: Int].self, forKey: .waiting)
    from = try c.decodeIfPresent(String.self, forKey: .from)
  }
}
