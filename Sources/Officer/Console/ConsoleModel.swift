import HallWire
import FoundationEssentials
import Terminal

/// The counter console as a pure state machine: inputs in, actions out, and a rendering
/// of the state as screen lines. The driver does the I/O.
public struct ConsoleModel: Sendable {
  public enum Connection: Equatable, Sendable { case connecting, connected, disconnected }

  /// A line the officer is typing, and what it is for.
  public enum Prompt: Equatable, Sendable {
    case transfer(String)
    case pause(String)
    /// Signing in: the officer's NIP or id, then their PIN (never shown).
    case officer(String)
    case pin(officer: String, pin: String)
  }

  public struct Notice: Equatable, Sendable {
    public var text: String
    public var isError: Bool
    /// The server could not be reached: stale once the feed is connected again.
    public var isConnectionError = false
  }

  public let counterID: Int
  public let messages: Messages
  public private(set) var hallName = ""
  public private(set) var counter: Counter?
  public private(set) var services: [Service] = []
  public private(set) var recentCalls: [RecentCall] = []
  public private(set) var connection = Connection.connecting
  public private(set) var prompt: Prompt?
  public private(set) var notice: Notice?
  public private(set) var pauseReason: String?
  public private(set) var now: Date
  /// The last feed event applied; the feed client resumes after it (`since=`).
  public private(set) var lastSeq: Int64?

  static let maxRecentCalls = 10
  static let maxReasonLength = 60
  /// PROTOCOL 1.1: an officer id is 1–32 of [0-9A-Za-z._-]; a PIN is six digits.
  static let maxOfficerIDLength = 32
  static let pinLength = 6

  static func isOfficerIDCharacter(_ c: Character) -> Bool {
    c.isASCII && (c.isLetter || c.isNumber || c == "." || c == "_" || c == "-")
  }

  public init(counter: Int, language: Language, now: Date) {
    counterID = counter
    messages = Messages(language: language)
    self.now = now
  }

  public var currentTicket: Ticket? { counter?.ticket }
  public var counterName: String { counter?.name ?? "Loket \(counterID)" }

  public func waiting(_ service: String) -> Int {
    services.first { $0.id == service }?.waiting ?? 0
  }

  /// Waiting in this counter's services.
  public var waitingHere: Int { (counter?.services ?? []).reduce(0) { $0 + waiting($1) } }
  public var waitingInHall: Int { services.reduce(0) { $0 + $1.waiting } }

  // MARK: - Update

  public mutating func update(_ input: ConsoleInput) -> [ConsoleAction] {
    switch input {
    case .key(let key):
      return prompt == nil ? press(key) : type(key)
    case .event(let event):
      return apply(event) ? [.redraw] : []
    case .feedConnected:
      connection = .connected
      // "Cannot connect to the server" is no longer true; other refusals stay.
      if notice?.isConnectionError == true { notice = nil }
      return [.redraw]
    case .feedDisconnected:
      connection = .disconnected
      return [.redraw]
    case .tick(let date):
      now = date
      return [.redraw]
    case .result(let request, let result):
      switch result {
      case .success(let outcome): apply(outcome, of: request)
      case .failure(let error):
        var isConnectionError = false
        switch error {
        case .unreachable, .timeout: isConnectionError = true
        default: break
        }
        notice = Notice(
          text: messages.consoleError(error, counter: counterID), isError: true,
          isConnectionError: isConnectionError)
      }
      return [.redraw]
    }
  }

  private mutating func press(_ key: Key) -> [ConsoleAction] {
    let request: OfficerRequest
    switch key {
    case .space, .character("n"), .character("N"): request = .call(service: nil, number: nil)
    case .character("r"), .character("R"): request = .recall
    case .character("s"), .character("S"): request = .start
    case .character("d"), .character("D"): request = .done
    case .character("x"), .character("X"): request = .noShow
    case .character("t"), .character("T"):
      prompt = .transfer("")
      notice = nil
      return [.redraw]
    case .character("p"), .character("P"):
      switch counter?.state {
      case .paused: request = .resume
      case .closed: request = .open
      default:
        prompt = .pause("")
        notice = nil
        return [.redraw]
      }
    case .character("o"), .character("O"):
      // Signed in: O signs out; nobody signed in: O asks for the officer and their PIN.
      guard counter?.officer == nil else {
        request = .signOut
        break
      }
      prompt = .officer("")
      notice = nil
      return [.redraw]
    case .character("q"), .character("Q"), .ctrlC, .ctrlD: return [.quit]
    default: return []
    }
    notice = nil
    return [.redraw, .send(request)]
  }

  private mutating func type(_ key: Key) -> [ConsoleAction] {
    guard let prompt else { return [] }
    switch key {
    case .ctrlC: return [.quit]
    case .escape:
      self.prompt = nil
      return [.redraw]
    case .backspace:
      switch prompt {
      case .transfer(let text): self.prompt = .transfer(String(text.dropLast()))
      case .pause(let text): self.prompt = .pause(String(text.dropLast()))
      case .officer(let text): self.prompt = .officer(String(text.dropLast()))
      case .pin(let officer, let pin):
        self.prompt = .pin(officer: officer, pin: String(pin.dropLast()))
      }
      return [.redraw]
    case .enter:
      self.prompt = nil
      switch prompt {
      case .transfer(let service) where !service.isEmpty:
        return [.redraw, .send(.transfer(service: service))]
      case .transfer: return [.redraw]
      case .pause(let reason):
        return [.redraw, .send(.pause(reason: reason.isEmpty ? nil : reason))]
      case .officer(let id) where !id.isEmpty:
        self.prompt = .pin(officer: id, pin: "")
        return [.redraw]
      case .officer: return [.redraw]
      case .pin(let officer, let pin) where pin.count == Self.pinLength:
        return [.redraw, .send(.signIn(officer: officer, pin: pin))]
      case .pin(let officer, let pin):
        // A PIN is six digits: stay and say so rather than send what cannot be right.
        self.prompt = .pin(officer: officer, pin: pin)
        notice = Notice(text: messages.pinLengthHint, isError: true)
        return [.redraw]
      }
    case .character(let c):
      switch prompt {
      case .transfer(let text):
        guard c.isASCII, c.isLetter, text.count < 2 else { return [] }
        self.prompt = .transfer(text + c.uppercased())
      case .pause(let text):
        guard text.count < Self.maxReasonLength else { return [] }
        self.prompt = .pause(text + String(c))
      case .officer(let text):
        guard Self.isOfficerIDCharacter(c), text.count < Self.maxOfficerIDLength else { return [] }
        self.prompt = .officer(text + String(c))
      case .pin(let officer, let pin):
        guard c.isASCII, c.isNumber, pin.count < Self.pinLength else { return [] }
        self.prompt = .pin(officer: officer, pin: pin + String(c))
      }
      return [.redraw]
    case .space:
      guard case .pause(let text) = prompt, text.count < Self.maxReasonLength else { return [] }
      self.prompt = .pause(text + " ")
      return [.redraw]
    default:
      return []
    }
  }

  /// Applies a feed message; false when it changes nothing (an old one replayed).
  private mutating func apply(_ message: FeedMessage) -> Bool {
    switch message {
    case .snapshot(let snapshot):
      lastSeq = snapshot.seq
      hallName = snapshot.hall.name
      services = snapshot.hall.services
      counter = snapshot.hall.counter(counterID) ?? counter
      recentCalls = Self.newestFirst(snapshot.recentCalls)
      if counter?.state != .paused { pauseReason = nil }
      return true
    case .event(let event):
      if let last = lastSeq, event.seq <= last { return false }
      lastSeq = event.seq
      return apply(event)
    case .ticket, .error, .other:
      return false
    }
  }

  private mutating func apply(_ event: Event) -> Bool {
    switch event.body {
    case .issued(_, let waiting):
      setWaiting(waiting)
    case .called(let ticket, let caller, let recall, let waiting):
      setWaiting(waiting)
      // A recall moves the number back to the top rather than listing it twice, at the time
      // of the recall: the ticket's `called_at` stays that of its first call.
      let at = recall ? event.atText : ticket.calledAt ?? event.atText
      recentCalls.removeAll { $0.number == ticket.number }
      recentCalls.insert(RecentCall(number: ticket.number, counter: caller.id, at: at), at: 0)
      recentCalls = Self.newestFirst(recentCalls)
      if caller.id == counterID { counter?.ticket = ticket }
    case .finished(let ticket, let waiting), .transferred(let ticket, _, let waiting, _):
      setWaiting(waiting)
      if currentTicket?.id == ticket.id { counter?.ticket = nil }
    case .counter(let updated):
      guard updated.id == counterID else { return false }
      counter = updated
      if updated.state != .paused { pauseReason = nil }
    case .print:
      return false
    }
    return true
  }

  /// Calls in time order, newest first (the order the server keeps), at most
  /// `maxRecentCalls`; a call whose time does not read keeps its place after the others.
  static func newestFirst(_ calls: [RecentCall]) -> [RecentCall] {
    let timed = calls.enumerated().map { ($0.offset, $0.element, RFC3339($0.element.at)?.millis) }
    let sorted = timed.sorted { a, b in
      switch (a.2, b.2) {
      case (let x?, let y?): x != y ? x > y : a.0 < b.0
      case (.some, nil): true
      case (nil, .some): false
      case (nil, nil): a.0 < b.0
      }
    }
    return Array(sorted.map(\.1).prefix(maxRecentCalls))
  }

  private mutating func setWaiting(_ waiting: WaitingCounts) {
    for index in services.indices {
      if let count = waiting[services[index].id] { services[index].waiting = count }
    }
  }

  private mutating func apply(_ outcome: CommandOutcome, of request: OfficerRequest) {
    switch outcome {
    case .called(let ticket), .recalled(let ticket), .started(let ticket):
      counter?.ticket = ticket
    case .nobodyWaiting:
      counter?.ticket = nil
    case .done(let ticket), .noShow(let ticket), .transferred(let ticket):
      if currentTicket?.id == ticket.id { counter?.ticket = nil }
    case .paused(let updated, let reason):
      counter = updated
      pauseReason = reason
    case .resumed(let updated), .opened(let updated), .closed(let updated):
      counter = updated
      pauseReason = nil
    case .status(let hall):
      counter = hall.counter(counterID) ?? counter
      services = hall.services
    case .signedIn(let updated), .signedOut(let updated):
      counter = updated
    }
    let text = messages.line(
      for: outcome, counterName: counterName, waiting: nil,
      serviceName: { id in services.first { $0.id == id }?.name })
    notice = Notice(text: text, isError: false)
  }
}
