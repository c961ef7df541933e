import FoundationEssentials

/// PROTOCOL's `Ticket`, as the officer tools read it. Unknown fields are ignored and
/// optional ones may be absent, so a newer server stays readable.
public struct TicketInfo: Codable, Equatable, Sendable {
  public var id: String
  public var number: String
  public var service: String
  public var state: String
  public var priority: Bool
  public var issuedAt: String?
  public var calledAt: String?
  public var counter: Int?
  public var calls: Int
  public var position: Int?
  public var etaS: Int?

  public init(
    id: String, number: String, service: String, state: String, priority: Bool = false,
    issuedAt: String? = nil, calledAt: String? = nil, counter: Int? = nil, calls: Int = 0,
    position: Int? = nil, etaS: Int? = nil
  ) {
    self.id = id
    self.number = number
    self.service = service
    self.state = state
    self.priority = priority
    self.issuedAt = issuedAt
    self.calledAt = calledAt
    self.counter = counter
    self.calls = calls
    self.position = position
    self.etaS = etaS
  }

  enum CodingKeys: String, CodingKey {
    case id, number, service, state, priority, counter, calls, position
    case issuedAt = "issued_at"
    case calledAt = "called_at"
    case etaS = "eta_s"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .id)
    number = try c.decode(String.self, forKey: .number)
    service = try c.decode(String.self, forKey: .service)
    state = try c.decode(String.self, forKey: .state)
    priority = try c.decodeIfPresent(Bool.self, forKey: .priority) ?? false
    issuedAt = try c.decodeIfPresent(String.self, forKey: .issuedAt)
    calledAt = try c.decodeIfPresent(String.self, forKey: .calledAt)
    counter = try c.decodeIfPresent(Int.self, forKey: .counter)
    calls = try c.decodeIfPresent(Int.self, forKey: .calls) ?? 0
    position = try c.decodeIfPresent(Int.self, forKey: .position)
    etaS = try c.decodeIfPresent(Int.self, forKey: .etaS)
  }
}

/// PROTOCOL's `Counter`.
public struct CounterInfo: Codable, Equatable, Sendable {
  public var id: Int
  public var name: String
  public var services: [String]
  public var state: String
  public var ticket: TicketInfo?

  public init(
    id: Int, name: String, services: [String], state: String, ticket: TicketInfo? = nil
  ) {
    self.id = id
    self.name = name
    self.services = services
    self.state = state
    self.ticket = ticket
  }

  enum CodingKeys: String, CodingKey { case id, name, services, state, ticket }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(Int.self, forKey: .id)
    name = try c.decodeIfPresent(String.self, forKey: .name) ?? "Loket \(id)"
    services = try c.decodeIfPresent([String].self, forKey: .services) ?? []
    state = try c.decode(String.self, forKey: .state)
    ticket = try c.decodeIfPresent(TicketInfo.self, forKey: .ticket)
  }
}

/// PROTOCOL's `Service`; only what the officer tools show.
public struct ServiceInfo: Codable, Equatable, Sendable {
  public var id: String
  public var name: String
  public var open: Bool
  public var waiting: Int

  public init(id: String, name: String, open: Bool = true, waiting: Int = 0) {
    self.id = id
    self.name = name
    self.open = open
    self.waiting = waiting
  }

  enum CodingKeys: String, CodingKey { case id, name, open, waiting }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .id)
    name = try c.decodeIfPresent(String.self, forKey: .name) ?? id
    open = try c.decodeIfPresent(Bool.self, forKey: .open) ?? true
    waiting = try c.decodeIfPresent(Int.self, forKey: .waiting) ?? 0
  }
}

/// The answer of `GET /api/hall`.
public struct HallInfo: Codable, Equatable, Sendable {
  public var name: String
  public var date: String?
  public var services: [ServiceInfo]
  public var counters: [CounterInfo]

  public init(
    name: String, date: String? = nil, services: [ServiceInfo], counters: [CounterInfo]
  ) {
    self.name = name
    self.date = date
    self.services = services
    self.counters = counters
  }

  enum CodingKeys: String, CodingKey { case name, date, services, counters }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
    date = try c.decodeIfPresent(String.self, forKey: .date)
    services = try c.decodeIfPresent([ServiceInfo].self, forKey: .services) ?? []
    counters = try c.decodeIfPresent([CounterInfo].self, forKey: .counters) ?? []
  }

  public func counter(_ id: Int) -> CounterInfo? { counters.first { $0.id == id } }
  public func service(_ id: String) -> ServiceInfo? { services.first { $0.id == id } }

  /// Tickets waiting in the services this counter serves.
  public func waiting(atCounter id: Int) -> Int? {
    guard let counter = counter(id) else { return nil }
    return counter.services.reduce(0) { $0 + (service($1)?.waiting ?? 0) }
  }

  public var totalWaiting: Int { services.reduce(0) { $0 + $1.waiting } }
}

/// PROTOCOL's error body: `{"error": {"code", "message"}}`.
struct ErrorBody: Decodable {
  struct Detail: Decodable {
    var code: String
    var message: String?
    /// `would_strand`: the services a close would leave without a counter.
    var services: [String]?
  }
  var error: Detail
}
