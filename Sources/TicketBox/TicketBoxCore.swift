import HallWire
import EscPos
import InitMacros
import Wording

/// The ticket box's decisions, without I/O: inputs (a line typed, a server message, the
/// printer's answer) go in, actions (send, print, retry later, say something, exit) come
/// out. `TicketBoxDriver` runs the actions on a loop.
///
/// Guarantees it keeps:
/// - One line, one ticket: each issue carries a `request` id chosen once and resent
///   unchanged after every reconnect until the server answers it.
/// - A print job is acknowledged only after the printer took the whole ticket, and a job
///   printed in this process is never printed again (a re-sent one is only acknowledged).
/// - One ticket at a time goes to the printer; a failure retries it with capped backoff.
public struct TicketBoxCore {
  public enum Input: Equatable, Sendable {
    /// The feed is open (handshake done).
    case connected
    case disconnected(reason: String)
    /// A text message from the server.
    case received(String)
    /// A line from standard input (a button press).
    case line(String)
    /// Standard input ended: finish what is pending, then exit.
    case inputEnded
    /// The printer transport accepted every byte of the ticket.
    case printed(PrintTask.Key)
    case printFailed(PrintTask.Key, reason: String)
    /// The retry scheduled by `.retryPrint` is due.
    case retryDue
    case printerStatus(PrinterStatus)
  }

  public enum Action: Equatable, Sendable {
    case send(KioskRequest)
    case print(PrintTask)
    /// Feed `.retryDue` back after this many seconds.
    case retryPrint(after: Double)
    /// Something the people running the box should read (standard error).
    case warn(String)
    /// Progress worth a log line (standard output).
    case note(String)
    /// A press the box turned down because its printer cannot print, with the printer's
    /// status and why, for the visitor's buzzer or light (standard output).
    case refuse(PrinterStatus, String)
    case exit
  }

  /// A waiting issue or check-in request: sent on every (re)connection until answered.
  struct Request: Equatable {
    enum Kind: Equatable {
      case issue(service: String)
      /// A booking's code typed as `#CODE` (PROTOCOL 1.1).
      case checkIn(code: String)
    }

    var id: String
    var kind: Kind

    var message: KioskRequest {
      switch kind {
      case .issue(let service): .issue(request: id, service: service, priority: false)
      case .checkIn(let code): .checkIn(request: id, code: code)
      }
    }
  }

  public private(set) var hall: HallView?
  public private(set) var isConnected = false
  public private(set) var printerStatus: PrinterStatus?
  private let serverURL: String
  public let language: Language
  private let makeRequestID: () -> String
  private var requests: [Request] = []
  private var queue: [(key: PrintTask.Key, ticket: Ticket)] = []
  private var printing: PrintTask.Key?
  private var waitingForRetry = false
  private var retryDelay: Double
  private var printedJobs: Set<String> = []
  private var unsentAcks: [String] = []
  private var inputEnded = false
  private var exited = false

  public let minimumRetryDelay: Double
  public let maximumRetryDelay: Double

  /// - Parameters:
  ///   - serverURL: the `--server` base, for tracking links when the hall has no `public_url`.
  ///   - makeRequestID: a fresh id per button press, unique across restarts of the box.
  public init(
    serverURL: String, language: Language = .id, minimumRetryDelay: Double = 1,
    maximumRetryDelay: Double = 30, makeRequestID: @escaping () -> String
  ) {
    self.serverURL = serverURL
    self.language = language
    self.makeRequestID = makeRequestID
    self.minimumRetryDelay = minimumRetryDelay
    self.maximumRetryDelay = maximumRetryDelay
    self.retryDelay = minimumRetryDelay
  }

  /// Issue requests not yet answered, oldest first.
  public var pendingRequests: [String] { requests.map(\.id) }

  public mutating func handle(_ input: Input) -> [Action] {
    guard !exited else { return [] }
    var actions: [Action] = []
    switch input {
    case .connected:
      isConnected = true
      if let printerStatus { actions.append(.send(.printer(printerStatus))) }
      for job in unsentAcks { actions.append(.send(.printed(job: job))) }
      unsentAcks = []
      for r in requests { actions.append(.send(r.message)) }
    case .disconnected(let raw):
      let reason = FeedReason.text(raw, language)
      // Said every time, also when never connected: a wrong token or URL must be visible.
      actions.append(
        .warn(
          isConnected
            ? say(
              "server: terputus (\(reason)); mencoba lagi",
              "server: disconnected (\(reason)); retrying")
            : say(
              "server: tidak dapat tersambung (\(reason)); mencoba lagi",
              "server: cannot connect (\(reason)); retrying")))
      isConnected = false
    case .received(let text):
      do {
        actions += receive(try FeedMessage(parsing: text))
      } catch {
        actions.append(
          .warn("server: " + TicketBoxError.malformedMessage(error.text).message(language)))
      }
    case .line(let text):
      actions += press(text)
    case .inputEnded:
      inputEnded = true
    case .printed(let key):
      guard printing == key else { break }
      printing = nil
      retryDelay = minimumRetryDelay
      let number = queue.first { $0.key == key }?.ticket.number ?? "?"
      dequeue(key)
      actions.append(
        .note(say("tercetak \(number) (\(describe(key)))", "printed \(number) (\(describe(key)))")))
      if case .job(let job) = key {
        printedJobs.insert(job)
        actions += acknowledge(job)
      }
    case .printFailed(let key, let reason):
      guard printing == key else { break }
      printing = nil
      waitingForRetry = true
      let number = queue.first { $0.key == key }?.ticket.number ?? "\(key)"
      let seconds = retryDelay.formatted
      actions.append(
        .warn(
          say(
            "printer: \(reason); tiket \(number) belum tercetak, dicoba lagi dalam \(seconds) detik",
            "printer: \(reason); ticket \(number) not printed, retrying in \(seconds) s")))
      actions.append(.retryPrint(after: retryDelay))
      retryDelay = min(maximumRetryDelay, retryDelay * 2)
      // The failed ticket stays at the head of the queue.
      return actions + finishIfIdle()
    case .retryDue:
      waitingForRetry = false
    case .printerStatus(let status):
      guard status != printerStatus else { break }
      let before = printerStatus
      printerStatus = status
      if status != .ok || (before != nil && before != .ok) {
        actions.append(.warn("printer: \(describe(status))"))
      }
      if status == .paperOut, !queue.isEmpty {
        actions.append(
          .warn(
            say(
              "printer: \(queue.count) tiket ditahan sampai kertas diisi",
              "printer: holding \(queue.count) ticket(s) until paper is loaded")))
      }
      if isConnected { actions.append(.send(.printer(status))) }
    }
    return actions + startPrinting() + finishIfIdle()
  }

  // MARK: - Messages

  private mutating func receive(_ message: FeedMessage) -> [Action] {
    switch message {
    case .snapshot(let snapshot):
      self.hall = snapshot.hall
      return []
    case .event(let event):
      switch event.body {
      case .counter(let counter):
        guard var hall, let i = hall.counters.firstIndex(where: { $0.id == counter.id }) else {
          return []
        }
        hall.counters[i] = counter
        self.hall = hall
        return []
      case .print(let job, _, let ticket):
        return receive(job: job, ticket: ticket)
      default:
        return []
      }
    case .ticket(let request, let ticket):
      guard let i = requests.firstIndex(where: { $0.id == request }) else { return [] }
      requests.remove(at: i)
      queue.append((.request(request), ticket))
      return [
        .note(
          say(
            "terbit \(ticket.number) (permintaan \(request))",
            "issued \(ticket.number) (request \(request))"))
      ]
    case .error(let request, let error):
      let (code, message) = (error.code, error.message)
      // The server's message is Indonesian; in English the code says what happened.
      let reason = language == .id ? "\(message) (\(code))" : code
      guard let request else {
        return [
          .warn(say("server menolak pesan: \(reason)", "the server refused a message: \(reason)"))
        ]
      }
      guard let i = requests.firstIndex(where: { $0.id == request }) else { return [] }
      switch requests.remove(at: i).kind {
      case .issue(let service):
        return [
          .warn(
            say(
              "tidak ada tiket untuk \(service): \(reason)", "no ticket for \(service): \(reason)"))
        ]
      case .checkIn(let code):
        return [
          .warn(say("check-in #\(code) ditolak: \(reason)", "check-in #\(code) refused: \(reason)"))
        ]
      }
    case .other:
      return []
    }
  }

  private mutating func receive(job: String, ticket: Ticket) -> [Action] {
    if printedJobs.contains(job) {
      // Printed here already; the server missed our acknowledgement.
      return acknowledge(job)
    }
    guard printing != .job(job), !queue.contains(where: { $0.key == .job(job) }) else {
      return []
    }
    queue.append((.job(job), ticket))
    return [
      .note(say("tugas cetak \(job): \(ticket.number)", "print job \(job): \(ticket.number)"))
    ]
  }

  private mutating func press(_ text: String) -> [Action] {
    if text.trimmingWhitespace().hasPrefix("#") { return checkIn(text.trimmingWhitespace()) }
    let service = text.trimmingWhitespace().uppercased()
    guard !service.isEmpty else {
      return [
        .warn(
          say(
            "baris kosong: ketik kode layanan (\(serviceList ?? "misalnya A")) lalu Enter",
            "empty line: type a service id (\(serviceList ?? "such as A")) and Enter"))
      ]
    }
    guard service.count <= 2, service.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) })
    else {
      let typed = text.trimmingWhitespace()
      return [
        .warn(
          say(
            "`\(typed)` bukan kode layanan (\(serviceList ?? "1–2 huruf, misalnya A"))",
            "`\(typed)` is not a service id (\(serviceList ?? "1–2 letters, such as A"))"))
      ]
    }
    if let hall, !hall.services.contains(where: { $0.id == service }) {
      let list = serviceList ?? ""
      return [
        .warn(
          say(
            "tidak ada layanan \(service) di \(hall.name) (\(list))",
            "no service \(service) in \(hall.name) (\(list))"))
      ]
    }
    // A printer that cannot print would take the visitor's place in the queue and give them
    // nothing: refuse the press instead, and say so where a buzzer or light can act on it.
    if let status = printerStatus, status == .paperOut || status == .offline {
      return [.refuse(status, refusal(status))]
    }
    return submit(Request(id: makeRequestID(), kind: .issue(service: service)), what: service)
  }

  /// `#K7MQ2C`: a booking's check-in; the server issues its appointment ticket.
  private mutating func checkIn(_ typed: String) -> [Action] {
    guard let code = BookingCode.parse(typed) else {
      return [
        .warn(
          say(
            "`\(typed)` bukan kode janji temu: # lalu 6 huruf dan angka, tanpa 0, O, 1, atau I (misalnya #K7MQ2C)",
            "`\(typed)` is not a booking code: # and 6 letters and digits, never 0, O, 1 or I (such as #K7MQ2C)"
          ))
      ]
    }
    if let status = printerStatus, status == .paperOut || status == .offline {
      return [.refuse(status, refusal(status))]
    }
    return submit(Request(id: makeRequestID(), kind: .checkIn(code: code)), what: "#" + code)
  }

  private mutating func submit(_ request: Request, what: String) -> [Action] {
    requests.append(request)
    guard isConnected else {
      return [
        .note(
          say(
            "belum tersambung: \(what) menunggu (permintaan \(request.id))",
            "not connected: \(what) waits (request \(request.id))"))
      ]
    }
    return [.send(request.message)]
  }

  private var serviceList: String? {
    guard let hall, !hall.services.isEmpty else { return nil }
    return hall.services.map { "\($0.id) \($0.name)" }.joined(separator: ", ")
  }

  private mutating func acknowledge(_ job: String) -> [Action] {
    guard isConnected else {
      if !unsentAcks.contains(job) { unsentAcks.append(job) }
      return []
    }
    return [.send(.printed(job: job))]
  }

  // MARK: - Printing

  private mutating func startPrinting() -> [Action] {
    // Bytes sent to a printer without paper are lost; hold the tickets (and their
    // acknowledgements) until the printer reports paper again. Only a printer that answers
    // status reports paper out, so this never holds a device that can't tell.
    guard printerStatus != .paperOut else { return [] }
    guard printing == nil, !waitingForRetry, let hall, let next = queue.first else { return [] }
    printing = next.key
    let content = TicketContent(ticket: next.ticket, hall: hall, serverURL: serverURL)
    return [.print(PrintTask(key: next.key, content: content))]
  }

  /// Removes a printed task from the queue; kept separate so a failure keeps it at the head.
  private mutating func dequeue(_ key: PrintTask.Key) {
    queue.removeAll { $0.key == key }
  }

  private mutating func finishIfIdle() -> [Action] {
    guard inputEnded, requests.isEmpty, queue.isEmpty, printing == nil, unsentAcks.isEmpty
    else { return [] }
    exited = true
    return [.exit]
  }

  private func describe(_ status: PrinterStatus) -> String {
    switch status {
    case .ok: say("siap lagi", "ready again")
    case .paperLow:
      say(
        "kertas hampir habis: segera pasang gulungan baru",
        "paper is running low: load a new roll soon")
    case .paperOut: say("kertas habis: pasang gulungan baru", "out of paper: load a new roll")
    case .offline:
      say(
        "tidak siap: periksa apakah menyala, tersambung, dan tutupnya tertutup",
        "offline: check that it is on, connected and its cover closed")
    }
  }

  private func refusal(_ status: PrinterStatus) -> String {
    status == .paperOut
      ? say(
        "kertas printer habis; tiket tidak diterbitkan. Silakan pindai QR di layar kios atau hubungi petugas.",
        "the printer is out of paper; no ticket was issued. Scan the QR code on the kiosk screen or ask staff."
      )
      : say(
        "printer tidak siap; tiket tidak diterbitkan. Silakan pindai QR di layar kios atau hubungi petugas.",
        "the printer is offline; no ticket was issued. Scan the QR code on the kiosk screen or ask staff."
      )
  }

  private func describe(_ key: PrintTask.Key) -> String {
    switch key {
    case .job(let j): say("tugas \(j)", "job \(j)")
    case .request(let r): say("permintaan \(r)", "request \(r)")
    }
  }

  private func say(_ indonesian: String, _ english: String) -> String {
    language.pick(indonesian, english)
  }
}

/// One ticket on its way to the printer.
@PublicInit
public struct PrintTask: Equatable, Sendable {
  public enum Key: Hashable, Sendable, CustomStringConvertible {
    /// A print job from the server, acknowledged once printed.
    case job(String)
    /// A ticket this box issued itself (no job: the box prints it on the reply).
    case request(String)

    public var description: String {
      switch self {
      case .job(let j): "job \(j)"
      case .request(let r): "request \(r)"
      }
    }
  }

  public var key: Key
  public var content: TicketContent
}

extension String {
  func trimmingWhitespace() -> String {
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
      let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
    else { return "" }
    return String(scalars[first...last])
  }
}

extension Double {
  /// 1, 2, 0.5: seconds as people write them.
  var formatted: String {
    self == rounded() ? String(Int(self)) : String(self)
  }
}
