/// A ticket as the wire shows it (PROTOCOL.md, "Objects").
public struct Ticket: Sendable, Equatable, Encodable {
  public var id: String
  public var number: String
  public var service: String
  public var state: TicketState
  public var priority: Bool
  /// RFC 3339 with the hall's offset.
  public var issuedAt: String
  public var calledAt: String?
  public var counter: Int?
  public var calls: Int
  /// 1 = next; present while waiting.
  public var position: Int?
  public var etaS: Int?

  /// The wire view of a stored ticket; `position` and `etaS` only the live hall knows.
  public init(record r: TicketRecord, zone: HallZone, position: Int? = nil, etaS: Int? = nil) {
    id = r.id
    number = r.number
    service = r.service
    state = r.state
    priority = r.priority
    issuedAt = zone.rfc3339(r.issuedAt)
    calledAt = r.calledAt.map(zone.rfc3339)
    counter = r.counter
    calls = r.calls
    self.position = position
    self.etaS = etaS
  }

  enum CodingKeys: String, CodingKey {
    case id, number, service, state, priority, issuedAt = "issued_at", calledAt = "called_at"
    case counter, calls, position, etaS = "eta_s"
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode(number, forKey: .number)
    try c.encode(service, forKey: .service)
    try c.encode(state, forKey: .state)
    try c.encode(priority, forKey: .priority)
    try c.encode(issuedAt, forKey: .issuedAt)
    try c.encode(calledAt, forKey: .calledAt)
    try c.encode(counter, forKey: .counter)
    try c.encode(calls, forKey: .calls)
    try c.encode(position, forKey: .position)
    try c.encode(etaS, forKey: .etaS)
  }
}

/// A counter as the wire shows it. `reason` (why it is paused) is an addition to PROTOCOL.md.
public struct Counter: Sendable, Equatable, Encodable {
  public var id: Int
  public var name: String
  public var services: [String]
  public var state: CounterState
  public var reason: String?
  public var ticket: Ticket?

  enum CodingKeys: String, CodingKey { case id, name, services, state, reason, ticket }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode(name, forKey: .name)
    try c.encode(services, forKey: .services)
    try c.encode(state, forKey: .state)
    try c.encode(reason, forKey: .reason)
    try c.encode(ticket, forKey: .ticket)
  }
}

/// Why a service takes no tickets now.
public enum ClosedReason: String, Sendable, Equatable, Encodable {
  /// Outside its opening hours.
  case hours
  /// None of its counters is open or paused.
  case noCounter = "no_counter"
  /// Its daily quota is used up.
  case quota
}

/// A service as the wire shows it. `name_en`, `closed_reason` and `opens_at` are additions.
public struct Service: Sendable, Equatable, Encodable {
  public var id: String
  public var name: String
  public var nameEN: String
  /// Issuable now.
  public var open: Bool
  public var closedReason: ClosedReason?
  /// When it next opens, if closed for its hours and it opens within a week.
  public var opensAt: String?
  public var waiting: Int
  /// Tickets issued in it today.
  public var issued: Int
  public var quota: Int?
  public var targetWaitS: Int
  /// Estimated wait of a ticket issued now.
  public var etaS: Int

  enum CodingKeys: String, CodingKey {
    case id, name, nameEN = "name_en", open, closedReason = "closed_reason", opensAt = "opens_at"
    case waiting, issued, quota, targetWaitS = "target_wait_s", etaS = "eta_s"
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode(name, forKey: .name)
    try c.encode(nameEN, forKey: .nameEN)
    try c.encode(open, forKey: .open)
    try c.encode(closedReason, forKey: .closedReason)
    try c.encode(opensAt, forKey: .opensAt)
    try c.encode(waiting, forKey: .waiting)
    try c.encode(issued, forKey: .issued)
    try c.encode(quota, forKey: .quota)
    try c.encode(targetWaitS, forKey: .targetWaitS)
    try c.encode(etaS, forKey: .etaS)
  }
}

public enum PrinterStatus: String, Sendable, Equatable, Codable {
  case ok
  case paperLow = "paper_low"
  case paperOut = "paper_out"
  case offline
}

/// A ticket box as the server sees it (connection state is the server's, not the core's).
public struct BoxStatus: Sendable, Equatable, Encodable {
  public var id: String
  public var connected: Bool
  public var printer: PrinterStatus

  public init(id: String, connected: Bool, printer: PrinterStatus) {
    self.id = id
    self.connected = connected
    self.printer = printer
  }
}

/// `GET /api/hall`. `utc_offset`, `ticker`, `footer`, `voice` and `public_url` are additions
/// the displays and ticket boxes use.
public struct HallView: Sendable, Equatable, Encodable {
  public var name: String
  /// Today's service day, `YYYY-MM-DD`.
  public var date: String
  public var services: [Service]
  public var counters: [Counter]
  public var boxes: [BoxStatus]
  public var utcOffset: String
  public var ticker: String?
  public var footer: String?
  public var voice: [String]
  public var publicURL: String?

  enum CodingKeys: String, CodingKey {
    case name, date, services, counters, boxes, utcOffset = "utc_offset", ticker, footer, voice
    case publicURL = "public_url"
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(name, forKey: .name)
    try c.encode(date, forKey: .date)
    try c.encode(services, forKey: .services)
    try c.encode(counters, forKey: .counters)
    try c.encode(boxes, forKey: .boxes)
    try c.encode(utcOffset, forKey: .utcOffset)
    try c.encode(ticker, forKey: .ticker)
    try c.encode(footer, forKey: .footer)
    try c.encode(voice, forKey: .voice)
    try c.encode(publicURL, forKey: .publicURL)
  }
}

public struct RecentCall: Sendable, Equatable, Encodable {
  public var number: String
  public var counter: Int
  /// RFC 3339.
  public var at: String
}

/// The first message of a feed connection.
public struct SnapshotMessage: Sendable, Equatable, Encodable {
  public var seq: Int64
  public var hall: HallView
  /// Most recent first, at most 10, one per ticket.
  public var recentCalls: [RecentCall]

  enum CodingKeys: String, CodingKey { case type, seq, hall, recentCalls = "recent_calls" }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode("snapshot", forKey: .type)
    try c.encode(seq, forKey: .seq)
    try c.encode(hall, forKey: .hall)
    try c.encode(recentCalls, forKey: .recentCalls)
  }
}

/// Tickets waiting per service, all services, in the hall file's order: `{"A":5,"B":0}`.
public struct WaitingCounts: Sendable, Equatable, Encodable {
  public var counts: [(service: String, waiting: Int)]

  public subscript(service: String) -> Int? {
    counts.first { $0.service == service }?.waiting
  }

  public static func == (a: WaitingCounts, b: WaitingCounts) -> Bool {
    a.counts.elementsEqual(b.counts) { $0 == $1 }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: DynamicKey.self)
    for (service, waiting) in counts { try c.encode(waiting, forKey: DynamicKey(service)) }
  }
}

struct DynamicKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }
  init(_ s: String) { stringValue = s }
  init?(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}

/// `{"id":3,"name":"Loket 3"}` in a `called` event.
public struct CounterRef: Sendable, Equatable, Encodable {
  public var id: Int
  public var name: String
}
