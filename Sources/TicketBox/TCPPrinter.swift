import EscPos
import Reactor
import Wording

/// A network receipt printer on raw TCP (port 9100). The box keeps one connection open,
/// reconnecting with capped backoff, and asks the printer's real-time status (`DLE EOT` 1, 2
/// and 4) every `pollInterval` seconds; an unreachable printer is `offline`.
public final class TCPPrinter: Printer {
  public var onStatus: (PrinterStatus) -> Void = { _ in }
  public var name: String { "tcp://\(host):\(port)" }
  public var pollInterval = 5.0
  /// How long a ticket may sit unsent in the socket before the printer counts as stuck.
  public var writeTimeout = 30.0
  public var minimumDelay = 1.0
  public var maximumDelay = 30.0
  /// The language of the reasons it gives for a failed ticket.
  public var language = Language.id

  private enum State {
    case idle
    case connecting
    case open(Connection)
  }

  private let loop: EventLoop
  private let host: String
  private let port: Int
  private var state = State.idle
  private var generation = 0
  private var delay: Double
  private var stopped = true
  private var reconnect: Timer?
  private var poll: Timer?
  private var writeDeadline: Timer?
  private var status: PrinterStatus?
  private var statusParser = StatusReplies()
  /// A ticket waiting for the connection, or written and waiting to drain.
  private var job:
    (bytes: [UInt8], written: Bool, completion: (Result<Void, TicketBoxError>) -> Void)?

  public init(loop: EventLoop, host: String, port: Int) {
    self.loop = loop
    self.host = host
    self.port = port
    self.delay = minimumDelay
  }

  public func start() {
    stopped = false
    let poll = Timer(loop: loop, repeating: true) { [weak self] in self?.pollStatus() }
    poll.schedule(after: pollInterval)
    self.poll = poll
    connect()
  }

  public func stop() {
    stopped = true
    poll?.cancel()
    reconnect?.cancel()
    writeDeadline?.cancel()
    if case .open(let c) = state { c.close(afterFlush: true, flushTimeout: 1) }
    generation += 1
    state = .idle
  }

  public func print(
    _ bytes: [UInt8], completion: @escaping (Result<Void, TicketBoxError>) -> Void
  ) {
    job = (bytes, false, completion)
    switch state {
    case .open(let c): write(to: c)
    case .connecting: break
    case .idle:
      // Try now rather than wait out the backoff: someone is waiting for this ticket.
      reconnect?.cancel()
      connect()
    }
  }

  // MARK: - Connection

  private func connect() {
    guard !stopped else { return }
    generation += 1
    let current = generation
    state = .connecting
    Connection.connect(loop: loop, host: host, port: port, timeout: 5) { [weak self] result in
      guard let self, current == self.generation else { return }
      switch result {
      case .success(let c):
        self.state = .open(c)
        self.delay = self.minimumDelay
        c.onRead = { [weak self] bytes in
          guard current == self?.generation else { return }
          self?.received(bytes)
        }
        c.onDrained = { [weak self, weak c] in
          guard current == self?.generation, let c else { return }
          self?.drained(c)
        }
        c.onClose = { [weak self] reason in
          guard current == self?.generation else { return }
          self?.lost(self?.describe(reason) ?? "")
        }
        self.statusParser = StatusReplies()
        self.askStatus(c)
        if self.job != nil { self.write(to: c) }
      case .failure(let error):
        self.lost(self.describe(error))
      }
    }
  }

  private func lost(_ reason: String) {
    generation += 1
    if case .open(let c) = state { c.close(afterFlush: false) }
    state = .idle
    writeDeadline?.cancel()
    report(.offline)
    if let job {
      self.job = nil
      job.completion(.failure(.printerFailed("\(name): \(reason)")))
    }
    guard !stopped else { return }
    let timer = Timer(loop: loop) { [weak self] in self?.connect() }
    timer.schedule(after: delay)
    reconnect = timer
    delay = min(maximumDelay, delay * 2)
  }

  // MARK: - Printing

  private func write(to c: Connection) {
    guard var job, !job.written else { return }
    job.written = true
    self.job = job
    c.write(job.bytes)
    let deadline = Timer(loop: loop) { [weak self] in
      guard let self else { return }
      let seconds = Int(self.writeTimeout)
      self.lost(
        self.language.pick(
          "printer tidak menerima data selama \(seconds) detik",
          "the printer took no bytes for \(seconds) s"))
    }
    deadline.schedule(after: writeTimeout)
    writeDeadline = deadline
  }

  private func drained(_ c: Connection) {
    guard let job, job.written, c.pendingOutputBytes == 0 else { return }
    self.job = nil
    writeDeadline?.cancel()
    job.completion(.success(()))
  }

  // MARK: - Status

  private func pollStatus() {
    guard case .open(let c) = state else { return }
    if statusParser.isAwaiting, status == nil || status == .offline {
      // It answers no DLE EOT (some cheap printers don't): reachable is all we can say.
      report(.ok)
    }
    askStatus(c)
  }

  private func askStatus(_ c: Connection) {
    let requests: [StatusRequest] = [.printer, .offlineCause, .paperSensor]
    var encoder = EscPosEncoder()
    for r in requests { encoder = encoder.statusRequest(r) }
    statusParser.expect(requests)
    c.write(encoder.bytes)
  }

  private func received(_ bytes: [UInt8]) {
    for byte in bytes {
      if let status = statusParser.receive(byte) { report(status) }
    }
  }

  private func report(_ new: PrinterStatus) {
    guard new != status else { return }
    status = new
    onStatus(new)
  }

  private func describe(_ reason: Connection.CloseReason) -> String {
    switch reason {
    case .eof: language.pick("printer menutup sambungan", "the printer closed the connection")
    case .error(let text): language.pick("sambungan terputus: \(text)", "connection lost: \(text)")
    case .timeout: language.pick("sambungan habis waktu", "the connection timed out")
    case .closedLocally: language.pick("sambungan ditutup", "connection closed")
    }
  }

  private func describe(_ error: Connection.ConnectError) -> String {
    switch error {
    case .unresolvable(let h):
      language.pick("alamat \(h) tidak ditemukan", "cannot resolve \(h)")
    case .refused:
      language.pick(
        "sambungan ditolak (apakah printer menyala dan ada di jaringan ini?)",
        "connection refused (is the printer on and on this network?)")
    case .timeout:
      language.pick(
        "tidak ada jawaban dalam 5 detik (apakah printer menyala dan ada di jaringan ini?)",
        "no answer within 5 s (is the printer on and on this network?)")
    case .failed(_, _, let reason):
      language.pick("tidak dapat tersambung: \(reason)", "cannot connect: \(reason)")
    }
  }
}

/// Pairs the one-byte replies to a batch of `DLE EOT` requests with their requests, and
/// yields the printer's status once the batch is answered. Bytes that are no status reply
/// (the pattern check fails) are skipped.
struct StatusReplies {
  private var awaiting: [StatusRequest] = []
  private var flags: StatusFlags = []

  var isAwaiting: Bool { !awaiting.isEmpty }

  /// Starts a new batch; replies still missing from the last one are given up.
  mutating func expect(_ requests: [StatusRequest]) {
    awaiting = requests
    flags = []
  }

  mutating func receive(_ byte: UInt8) -> PrinterStatus? {
    guard let request = awaiting.first,
      let parsed = try? StatusFlags(parsing: byte, for: request)
    else { return nil }
    awaiting.removeFirst()
    flags.formUnion(parsed)
    return awaiting.isEmpty ? PrinterStatus(flags) : nil
  }
}
