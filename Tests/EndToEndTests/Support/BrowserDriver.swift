import Foundation

/// One headless Chromium shared by the browser tests, driven by `Support/browser.py` over the
/// DevTools protocol. Requests carry ids and are answered out of order, so tests can share it.
actor BrowserDriver {
  /// Debian's `chromium` on the PATH, or nil: the browser tests then skip.
  static let chromium: String? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for dir in path.split(separator: ":") {
      let candidate = "\(dir)/chromium"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }()

  /// Started on first use and left running: the script kills Chromium when the test runner
  /// exits and its stdin closes.
  static let shared = BrowserDriver()

  private var process: Process?
  private var input: FileHandle?
  private var starting: Task<Void, any Error>?
  private var nextID = 1
  private var pending: [Int: CheckedContinuation<Reply, Never>] = [:]

  enum Reply: Sendable {
    case ok(Data)
    case failed(String)
  }

  private func start() async throws {
    if let starting { return try await starting.value }
    let task = Task { try await launch() }
    starting = task
    try await task.value
  }

  private func launch() async throws {
    guard let chromium = Self.chromium else { throw BrowserError.unavailable }
    let process = Process()
    let stdin = Pipe()
    let stdout = Pipe()
    let script = ServerProcess.packageRoot
      .appendingPathComponent("Tests/EndToEndTests/Support/browser.py").path
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script, "--chromium", chromium]
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = FileHandle.standardError
    try process.run()
    self.process = process
    input = stdin.fileHandleForWriting
    let ready = await withCheckedContinuation { continuation in
      pending[0] = continuation
      Self.readReplies(from: stdout.fileHandleForReading, to: self)
    }
    if case .failed(let message) = ready { throw BrowserError.failed("start: \(message)") }
  }

  /// A thread of its own reads the script's answers, so no test's task ever blocks on a pipe.
  private nonisolated static func readReplies(from handle: FileHandle, to driver: BrowserDriver) {
    Thread.detachNewThread {
      var buffer = Data()
      while true {
        let chunk = handle.availableData
        if chunk.isEmpty { break }
        buffer.append(chunk)
        while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
          let line = Data(buffer[buffer.startIndex..<newline])
          buffer.removeSubrange(buffer.startIndex...newline)
          Task { await driver.deliver(line) }
        }
      }
      Task { await driver.failAll("the browser driver exited") }
    }
  }

  private func deliver(_ line: Data) {
    guard let object = (try? JSONSerialization.jsonObject(with: line)) as? [String: Any],
      let id = object["id"] as? Int, let continuation = pending.removeValue(forKey: id)
    else { return }
    if object["ok"] as? Bool == true {
      let result = object["result"] ?? NSNull()
      let data =
        (try? JSONSerialization.data(withJSONObject: ["v": result], options: [.fragmentsAllowed]))
        ?? Data()
      continuation.resume(returning: .ok(data))
    } else {
      continuation.resume(returning: .failed(object["error"] as? String ?? "unknown error"))
    }
  }

  private func failAll(_ message: String) {
    let waiting = pending
    pending = [:]
    for continuation in waiting.values { continuation.resume(returning: .failed(message)) }
  }

  /// Sends one request (`fields` as JSON text values) and returns its result as JSON.
  func request(_ command: String, _ fields: [String: BrowserValue]) async throws -> JSONResult {
    try await start()
    let id = nextID
    nextID += 1
    var object: [String: Any] = ["id": id, "cmd": command]
    for (key, value) in fields { object[key] = value.any }
    let data = try JSONSerialization.data(withJSONObject: object) + Data("\n".utf8)
    let reply = await withCheckedContinuation { continuation in
      pending[id] = continuation
      input?.write(data)
    }
    switch reply {
    case .ok(let data): return JSONResult(data: data)
    case .failed(let message): throw BrowserError.failed("\(command): \(message)")
    }
  }

  /// Opens a tab at the given viewport size and waits for its load event. `initScript` runs
  /// in the page before any of its own scripts (to watch what the page does).
  func open(
    _ url: String, width: Int, height: Int, mobile: Bool = false, initScript: String? = nil
  ) async throws -> BrowserPage {
    var fields: [String: BrowserValue] = [
      "url": .string(url), "width": .int(width), "height": .int(height), "mobile": .bool(mobile),
    ]
    if let initScript { fields["init"] = .string(initScript) }
    let result = try await request("open", fields)
    guard let page = (result.value as? [String: Any])?["page"] as? String else {
      throw BrowserError.failed("open: no page id")
    }
    return BrowserPage(id: page, driver: self)
  }
}

enum BrowserError: Error, CustomStringConvertible {
  case unavailable
  case failed(String)

  var description: String {
    switch self {
    case .unavailable: "chromium is not installed"
    case .failed(let message): message
    }
  }
}

/// A request field: the few JSON shapes the script takes.
enum BrowserValue: Sendable {
  case string(String)
  case int(Int)
  case double(Double)
  case bool(Bool)

  var any: Any {
    switch self {
    case .string(let v): v
    case .int(let v): v
    case .double(let v): v
    case .bool(let v): v
    }
  }
}

/// A result from the page, kept as JSON bytes so it can cross from the driver to a test.
struct JSONResult: Sendable {
  let data: Data

  var value: Any? {
    let wrapper = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    return wrapper?["v"].flatMap { $0 is NSNull ? nil : $0 }
  }
  var string: String? { value as? String }
  var bool: Bool? { value as? Bool }
  var int: Int? { (value as? NSNumber)?.intValue }
  var strings: [String] { value as? [String] ?? [] }
}

/// One tab.
struct BrowserPage: Sendable {
  let id: String
  let driver: BrowserDriver

  /// Evaluates an expression (promises are awaited) and returns its JSON value.
  @discardableResult
  func eval(_ expression: String) async throws -> JSONResult {
    try await driver.request("eval", ["page": .string(id), "expr": .string(expression)])
  }

  /// Polls an expression until it is truthy; throws with its last value after `timeout`.
  @discardableResult
  func wait(for expression: String, timeout: Double = 5) async throws -> JSONResult {
    try await driver.request(
      "wait", ["page": .string(id), "expr": .string(expression), "timeout": .double(timeout)])
  }

  /// The text of the first element matching `selector`, trimmed.
  func text(_ selector: String) async throws -> String {
    try await eval("document.querySelector(\(jsString(selector)))?.textContent.trim() ?? null")
      .string ?? ""
  }

  /// A real mouse click at the element's centre; `holdMs` apart from press to release, as a
  /// hand holds a button down.
  func click(_ selector: String, holdMs: Int = 0) async throws {
    try await driver.request(
      "click", ["page": .string(id), "selector": .string(selector), "hold": .int(holdMs)])
  }

  func screenshot(to path: String) async throws {
    try await driver.request("screenshot", ["page": .string(id), "path": .string(path)])
  }

  /// Uncaught exceptions and console errors since the page opened.
  func errors() async throws -> [String] {
    try await driver.request("errors", ["page": .string(id)]).strings
  }

  func close() async {
    _ = try? await driver.request("close", ["page": .string(id)])
  }
}

/// A JavaScript string literal.
func jsString(_ text: String) -> String {
  let data = try? JSONSerialization.data(withJSONObject: [text])
  let array = data.map { String(decoding: $0, as: UTF8.self) } ?? "[\"\"]"
  return String(array.dropFirst().dropLast())
}
