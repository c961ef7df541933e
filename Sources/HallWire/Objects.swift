// The hall's objects as they travel (PROTOCOL.md "Objects"), declared once: the server writes
// them (Objects+JSONWriter.swift), the officer tools, the ticket box and the console read
// them (Decodable). Optional fields a newer server adds decode as nil from an older one.

import InitMacros

/// A ticket's life: waiting → called → serving → done, or noshow / cancelled / expired.
public enum TicketState: String, Sendable, Equatable, Codable, CaseIterable {
  case waiting, called, serving, done, noshow, cancelled, expired

  /// No further change except a no-show being called back.
  public var isFinal: Bool {
    switch self {
    case .waiting, .called, .serving: false
    case .done, .noshow, .cancelled, .expired: true
    }
  }
}

public enum CounterState: String, Sendable, Equatable, Codable, CaseIterable {
  /// Calling.
  case open
  /// A short break: its services stay issuable, it cannot call.
  case paused
  /// Not serving.
  case closed
}

/// `{"id", "name"}` of the officer signed in at a counter, or who called a ticket.
@PublicInit
public struct OfficerRef: Sendable, Equatable, Codable {
  public var id: String
  public var name: String
}

@PublicInit
public struct Ticket: Sendable, Equatable, Decodable {
  public var id: String
  public var number: String
  public var service: String
  public var state: TicketState
  public var priority: Bool = false
  /// RFC 3339 with the hall's offset.
  public var issuedAt: String
  public var calledAt: String?
  public var counter: Int?
  public var calls: Int = 0
  /// 1 = next; present while waiting.
  public var position: Int?
  public var etaS: Int?
  /// The capability to cancel it and answer its survey (PROTOCOL 1.1). Set only in what goes
  /// to the one it was issued to; written only when set, so feeds and views never carry it.
  public var key: String?
  /// Who called it; nil before a call or when nobody was signed in.
  public var officer: OfficerRef?
  /// When the visitor reached the desk (`start`) in its current service; an addition, so
  /// the region computes service times from events as the hall does.
  public var startedAt: String?
  /// Taken from a phone rather than at the hall (PROTOCOL 1.1).
  public var remote: Bool = false
  /// The start of the booked slot it was issued for at check-in, RFC 3339; nil for others.
  public var appointment: String?

  enum CodingKeys: String, CodingKey {
    case id, number, service, state, priority, issuedAt = "issued_at", calledAt = "called_at"
    case startedAt = "started_at"
    case counter, calls, position, etaS = "eta_s", key, officer, remote, appointment
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .id)
    number = try c.decode(String.self, forKey: .number)
    service = try c.decode(String.self, forKey: .service)
    state = try c.decode(TicketState.self, forKey: .state)
    priority = try c.decodeIfPresent(Bool.self, forKey: .priority) ?? false
    issuedAt = try c.decodeIfPresent(String.self, forKey: .issuedAt) ?? ""
    calledAt = try c.decodeIfPresent(String.self, forKey: .calledAt)
    startedAt = try c.decodeIfPresent(String.self, forKey: .startedAt)
    counter = try c.decodeIfPresent(Int.self, forKey: .counter)
    calls = try c.decodeIfPresent(Int.self, forKey: .calls) ?? 0
    position = try c.decodeIfPresent(Int.self, forKey: .position)
    etaS = try c.decodeIfPresent(Int.self, forKey: .etaS)
    key = try c.decodeIfPresent(String.self, forKey: .key)
    officer = try c.decodeIfPresent(OfficerRef.self, forKey: .officer)
    remote = try c.decodeIfPresent(Bool.self, forKey: .remote) ?? false
    appointment = try c.decodeIfPresent(String.self, forKey: .appointment)
  }

  /// People ahead of a waiting ticket: the one rule for paper, pages and tools.
  public var peopleAhead: Int? { position.map { max(0, $0 - 1) } }
}

@PublicInit
public struct Counter: Sendable, Equatable, Decodable {
  public var id: Int
  public var name: String
  public var services: [String]
  public var state: CounterState
  /// Why it is paused (an addition to PROTOCOL.md).
  public var reason: String?
  public var ticket: Ticket?
  public var officer: OfficerRef?

  enum CodingKeys: String, CodingKey { case id, name, services, state, reason, ticket, officer }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(Int.self, forKey: .id)
    name = try c.decodeIfPresent(String.self, forKey: .name) ?? "Loket \(id)"
    services = try c.decodeIfPresent([String].self, forKey: .services) ?? []
    state = try c.decode(CounterState.self, forKey: .state)
    reason = try c.decodeIfPresent(String.self, forKey: .reason)
    ticket = try c.decodeIfPresent(Ticket.self, forKey: .ticket)
    officer = try c.decodeIfPresent(OfficerRef.self, forKey: .officer)
  }
}

/// An officer as the API shows it (PROTOCOL 1.1 "Officers"): never the PIN or its hash.
@PublicInit
public struct Officer: Sendable, Equatable, Decodable {
  public var id: String
  public var name: String
  public var active: Bool
}

/// `{"officer": Officer, "pin": "482913"}`: a new PIN, shown once.
@PublicInit
public struct OfficerPIN: Sendable, Equatable, Decodable {
  public var officer: Officer
  public var pin: String
}

/// Why a service takes no tickets now.
public enum ClosedReason: String, Sendable, Equatable, Codable {
  /// Outside its opening hours.
  case hours
  /// None of its counters is open or paused.
  case noCounter = "no_counter"
  /// Its daily quota is used up.
  case quota
}

/// `name_en`, `closed_reason` and `opens_at` are additions to PROTOCOL.md.
@PublicInit
public struct Service: Sendable, Equatable, Decodable {
  public var id: String
  public var name: String
  public var nameEN: String?
  /// Issuable now.
  public var open: Bool = true
  public var closedReason: ClosedReason?
  /// When it next opens, if closed for its hours and it opens within a week.
  public var opensAt: String?
  public var waiting: Int = 0
  /// Tickets issued in it today.
  public var issued: Int = 0
  public var quota: Int?
  public var targetWaitS: Int = 0
  /// Estimated wait of a ticket issued now; nil when no counter serves it.
  public var etaS: Int?
  /// Its bookings (PROTOCOL 1.1); nil when it takes none.
  public var appointments: AppointmentOffer?
  /// Its remote tickets (PROTOCOL 1.1); nil when it takes none.
  public var remote: RemoteOffer?

  enum CodingKeys: String, CodingKey {
    case id, name, nameEN = "name_en", open, closedReason = "closed_reason", opensAt = "opens_at"
    case waiting, issued, quota, targetWaitS = "target_wait_s", etaS = "eta_s", appointments
    case remote
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .id)
    name = try c.decodeIfPresent(String.self, forKey: .name) ?? id
    nameEN = try c.decodeIfPresent(String.self, forKey: .nameEN)
    open = try c.decodeIfPresent(Bool.self, forKey: .open) ?? true
    closedReason = try c.decodeIfPresent(ClosedReason.self, forKey: .closedReason)
    opensAt = try c.decodeIfPresent(String.self, forKey: .opensAt)
    waiting = try c.decodeIfPresent(Int.self, forKey: .waiting) ?? 0
    issued = try c.decodeIfPresent(Int.self, forKey: .issued) ?? 0
    quota = try c.decodeIfPresent(Int.self, forKey: .quota)
    targetWaitS = try c.decodeIfPresent(Int.self, forKey: .targetWaitS) ?? 0
    etaS = try c.decodeIfPresent(Int.self, forKey: .etaS)
    appointments = try c.decodeIfPresent(AppointmentOffer.self, forKey: .appointments)
    remote = try c.decodeIfPresent(RemoteOffer.self, forKey: .remote)
  }
}

public enum PrinterStatus: String, Sendable, Equatable, Codable, CaseIterable {
  case ok
  case paperLow = "paper_low"
  case paperOut = "paper_out"
  case offline
}

/// A ticket box as the server sees it (connection state is the server's, not the core's).
@PublicInit
public struct BoxStatus: Sendable, Equatable, Decodable {
  public var id: String
  public var connected: Bool
  public var printer: PrinterStatus
}

/// `GET /api/hall`. `utc_offset`, `ticker`, `footer`, `voice` and `public_url` are additions
/// the displays and ticket boxes use.
@PublicInit
public struct HallView: Sendable, Equatable, Decodable {
  public var name: String
  /// Today's service day, `YYYY-MM-DD`.
  public var date: String
  public var services: [Service]
  public var counters: [Counter]
  public var boxes: [BoxStatus] = []
  public var utcOffset: String?
  public var ticker: String?
  public var footer: String?
  public var voice: [String]?
  public var publicURL: String?

  enum CodingKeys: String, CodingKey {
    case name, date, services, counters, boxes, utcOffset = "utc_offset", ticker, footer, voice
    case publicURL = "public_url"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
    date = try c.decodeIfPresent(String.self, forKey: .date) ?? ""
    services = try c.decodeIfPresent([Service].self, forKey: .services) ?? []
    counters = try c.decodeIfPresent([Counter].self, forKey: .counters) ?? []
    boxes = try c.decodeIfPresent([BoxStatus].self, forKey: .boxes) ?? []
    utcOffset = try c.decodeIfPresent(String.self, forKey: .utcOffset)
    ticker = try c.decodeIfPresent(String.self, forKey: .ticker)
    footer = try c.decodeIfPresent(String.self, forKey: .footer)
    voice = try c.decodeIfPresent([String].self, forKey: .voice)
    publicURL = try c.decodeIfPresent(String.self, forKey: .publicURL)
  }

  public func counter(_ id: Int) -> Counter? { counters.first { $0.id == id } }
  public func service(_ id: String) -> Service? { services.first { $0.id == id } }

  /// Tickets waiting in the services this counter serves.
  public func waiting(atCounter id: Int) -> Int? {
    guard let counter = counter(id) else { return nil }
    return counter.services.reduce(0) { $0 + (service($1)?.waiting ?? 0) }
  }

  public var totalWaiting: Int { services.reduce(0) { $0 + $1.waiting } }
}

/// One entry of a snapshot's `recent_calls`.
@PublicInit
public struct RecentCall: Sendable, Equatable, Codable {
  public var number: String
  public var counter: Int
  /// RFC 3339.
  public var at: String
}

/// `{"id":3,"name":"Loket 3"}` in a `called` event.
@PublicInit
public struct CounterRef: Sendable, Equatable, Codable {
  public var id: Int
  public var name: String
}

/// Tickets waiting per service, all services, in the hall file's order: `{"A":5,"B":0}`.
@PublicInit
public struct WaitingCounts: Sendable, Equatable, Decodable {
  public var counts: [(service: String, waiting: Int)]

  public subscript(service: String) -> Int? {
    counts.first { $0.service == service }?.waiting
  }

  public static func == (a: WaitingCounts, b: WaitingCounts) -> Bool {
    a.counts.elementsEqual(b.counts) { $0 == $1 }
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: DynamicKey.self)
    counts = try c.allKeys.sorted { $0.stringValue < $1.stringValue }.map {
      ($0.stringValue, try c.decode(Int.self, forKey: $0))
    }
  }

  public var dictionary: [String: Int] {
    Dictionary(counts.map { ($0.service, $0.waiting) }, uniquingKeysWith: { a, _ in a })
  }
}

struct DynamicKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }
  init(_ s: String) { stringValue = s }
  init?(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}

/// PROTOCOL's error body `{"code", "message"}`, in HTTP answers and kiosk replies;
/// `services` names the services a refused close would strand (`would_strand`).
@PublicInit
public struct WireError: Sendable, Equatable, Codable, Error {
  public var code: String
  public var message: String
  public var services: [String]?
}

/// An HTTP error answer: `{"error": {"code", "message"}}`.
public struct ErrorReply: Sendable, Equatable, Decodable {
  public var error: WireError
}
