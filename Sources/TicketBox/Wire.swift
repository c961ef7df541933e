import FoundationEssentials
import EscPos

/// PROTOCOL's `Ticket`, as much of it as a printed ticket needs. Unknown fields are ignored.
public struct BoxTicket: Decodable, Equatable, Sendable {
  public var id: String
  public var number: String
  public var service: String
  public var priority: Bool
  /// RFC 3339 with the hall's offset.
  public var issuedAt: String
  /// 1 = next; present while waiting.
  public var position: Int?
  public var etaS: Int?
  /// The ticket's key (PROTOCOL 1.1), printed in the QR tracking link so its holder can cancel.
  public var key: String?

  public init(
    id: String, number: String, service: String, priority: Bool = false, issuedAt: String,
    position: Int? = nil, etaS: Int? = nil, key: String? = nil
  ) {
    self.key = key
    self.id = id
    self.number = number
    self.service = service
    self.priority = priority
    self.issuedAt = issuedAt
    self.position = position
    self.etaS = etaS
  }

  enum CodingKeys: String, CodingKey {
    case id, number, service, priority, position, key
    case issuedAt = "issued_at"
    case etaS = "eta_s"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .id)
    number = try c.decode(String.self, forKey: .number)
    service = try c.decode(String.self, forKey: .service)
    priority = try c.decodeIfPresent(Bool.self, forKey: .priority) ?? false
    key = try c.decodeIfPresent(String.self, forKey: .key)
    issuedAt = try c.decode(String.self, forKey: .issuedAt)
    position = try c.decodeIfPresent(Int.self, forKey: .position)
    etaS = try c.decodeIfPresent(Int.self, forKey: .etaS)
  }
}

/// The parts of `GET /api/hall` (the feed's `snapshot`) that go on a ticket.
public struct BoxHall: Decodable, Equatable, Sendable {
  public struct Service: Decodable, Equatable, Sendable {
    public var id: String
    public var name: String
    public var nameEn: String?

    public init(id: String, name: String, nameEn: String? = nil) {
      self.id = id
      self.name = name
      self.nameEn = nameEn
    }

    enum CodingKeys: String, CodingKey {
      case id, name
      case nameEn = "name_en"
    }
  }

  public struct Counter: Decodable, Equatable, Sendable {
    public var id: Int
    public var name: String
    public var services: [String]
    /// open, paused or closed.
    public var state: String?

    public init(id: Int, name: String, services: [String], state: String? = nil) {
      self.id = id
      self.name = name
      self.services = services
      self.state = state
    }
  }

  public var name: String
  public var services: [Service]
  public var counters: [Counter]
  /// `+07:00`; absent from older servers, in which case a ticket's own offset is used.
  public var utcOffset: String?
  public var footer: String?
  public var publicURL: String?

  public init(
    name: String, services: [Service], counters: [Counter], utcOffset: String? = nil,
    footer: String? = nil, publicURL: String? = nil
  ) {
    self.name = name
    self.services = services
    self.counters = counters
    self.utcOffset = utcOffset
    self.footer = footer
    self.publicURL = publicURL
  }

  enum CodingKeys: String, CodingKey {
    case name, services, counters, footer
    case utcOffset = "utc_offset"
    case publicURL = "public_url"
  }
}

/// What the server sends a ticket box, as far as the box acts on it.
public enum ServerMessage: Equatable, Sendable {
  case snapshot(BoxHall)
  case counter(BoxHall.Counter)
  case ticket(request: String, ticket: BoxTicket)
  case error(request: String?, code: String, message: String)
  case print(job: String, ticket: BoxTicket)
  /// Events a ticket box has no use for (`issued`, `called`…).
  case other(type: String)

  private struct Envelope: Decodable {
    var type: String
  }
  private struct Snapshot: Decodable {
    var hall: BoxHall
  }
  private struct CounterEvent: Decodable {
    var counter: BoxHall.Counter
  }
  private struct TicketReply: Decodable {
    var request: String
    var ticket: BoxTicket
  }
  private struct ErrorReply: Decodable {
    struct Body: Decodable {
      var code: String
      var message: String
    }
    var request: String?
    var error: Body
  }
  private struct PrintJob: Decodable {
    var job: String
    var ticket: BoxTicket
  }

  /// Parses one text message; throws on JSON that does not fit its `type`.
  public init(parsing text: String) throws(TicketBoxError) {
    let data = Data(text.utf8)
    let decoder = JSONDecoder()
    do {
      switch try decoder.decode(Envelope.self, from: data).type {
      case "snapshot":
        self = .snapshot(try decoder.decode(Snapshot.self, from: data).hall)
      case "counter":
        self = .counter(try decoder.decode(CounterEvent.self, from: data).counter)
      case "ticket":
        let m = try decoder.decode(TicketReply.self, from: data)
        self = .ticket(request: m.request, ticket: m.ticket)
      case "error":
        let m = try decoder.decode(ErrorReply.self, from: data)
        self = .error(request: m.request, code: m.error.code, message: m.error.message)
      case "print":
        let m = try decoder.decode(PrintJob.self, from: data)
        self = .print(job: m.job, ticket: m.ticket)
      case let type:
        self = .other(type: type)
      }
    } catch {
      throw .malformedMessage(String(text.prefix(200)))
    }
  }
}

/// What a ticket box sends the server (PROTOCOL.md, "WebSocket").
public enum BoxMessage: Equatable, Sendable {
  case issue(request: String, service: String, priority: Bool)
  case printed(job: String)
  case printer(PrinterStatus)

  public var json: String {
    switch self {
    case .issue(let request, let service, let priority):
      #"{"type":"issue","request":\#(quoted(request)),"service":\#(quoted(service)),"priority":\#(priority)}"#
    case .printed(let job):
      #"{"type":"printed","job":\#(quoted(job))}"#
    case .printer(let status):
      #"{"type":"printer","status":"\#(status.rawValue)"}"#
    }
  }
}

/// A JSON string literal.
private func quoted(_ s: String) -> String {
  let data = (try? JSONEncoder().encode(s)) ?? Data("\"\"".utf8)
  return String(decoding: data, as: UTF8.self)
}
