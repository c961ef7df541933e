import Foundation
import Testing

/// Runs a tool to the end; its standard output as text and its exit status.
/// With `mergeErrors`, standard error joins the output.
func runTool(
  _ tool: String, _ arguments: [String], environment: [String: String] = [:],
  input: String? = nil, mergeErrors: Bool = false
) throws -> (status: Int32, output: String) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: tool)
  process.arguments = arguments
  if !environment.isEmpty {
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
  }
  let out = Pipe()
  process.standardOutput = out
  process.standardError = mergeErrors ? out : FileHandle.nullDevice
  if let input {
    let pipe = Pipe()
    process.standardInput = pipe
    try process.run()
    pipe.fileHandleForWriting.write(Data(input.utf8))
    try pipe.fileHandleForWriting.close()
  } else {
    try process.run()
  }
  let data = out.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// A port nothing listens on now (the kernel's choice of a free one).
func freePort() throws -> Int {
  let r = try runTool(
    "/usr/bin/python3",
    ["-c", "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])"])
  return Int(r.output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
}

/// Debian's nginx running the repository's `packaging/nginx/antre.conf` — only its ports,
/// upstream and certificate paths changed — with a fresh self-signed certificate.
final class NginxProxy {
  static let binary = "/usr/sbin/nginx"
  static var available: Bool {
    FileManager.default.isExecutableFile(atPath: binary)
      && FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")
  }

  let directory: URL
  let httpsPort: Int
  let httpPort: Int
  let certificate: String
  private let process = Process()

  init(upstreamPort: Int) throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("antre-nginx-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let dir = directory.path
    certificate = dir + "/antre.crt"
    let made = try runTool(
      "/usr/bin/openssl",
      [
        "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
        "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", dir + "/antre.key",
        "-out", certificate,
      ])
    guard made.status == 0 else { throw TestError("openssl could not make a certificate") }
    httpsPort = try freePort()
    httpPort = try freePort()

    let shipped = try String(
      contentsOf: ServerProcess.packageRoot.appendingPathComponent("packaging/nginx/antre.conf"),
      encoding: .utf8)
    var site = shipped
    let replacements = [
      ("server 127.0.0.1:8080;", "server 127.0.0.1:\(upstreamPort);"),
      ("listen 80;", "listen 127.0.0.1:\(httpPort);"),
      ("listen [::]:80;", ""),
      ("listen 443 ssl;", "listen 127.0.0.1:\(httpsPort) ssl;"),
      ("listen [::]:443 ssl;", ""),
      ("/etc/antre/tls/antre.crt", certificate),
      ("/etc/antre/tls/antre.key", dir + "/antre.key"),
    ]
    for (from, to) in replacements {
      guard site.contains(from) else { throw TestError("antre.conf no longer has \(from)") }
      site = site.replacingOccurrences(of: from, with: to)
    }
    try site.write(toFile: dir + "/antre.conf", atomically: true, encoding: .utf8)
    // What Debian's /etc/nginx/nginx.conf provides around a site, in this directory.
    let main = """
      pid \(dir)/nginx.pid;
      error_log \(dir)/error.log;
      worker_processes 1;
      events { worker_connections 256; }
      http {
        access_log \(dir)/access.log;
        client_body_temp_path \(dir)/body;
        proxy_temp_path \(dir)/proxy;
        fastcgi_temp_path \(dir)/fastcgi;
        uwsgi_temp_path \(dir)/uwsgi;
        scgi_temp_path \(dir)/scgi;
        include \(dir)/antre.conf;
      }
      """
    try main.write(toFile: dir + "/nginx.conf", atomically: true, encoding: .utf8)
    let check = try runTool(Self.binary, ["-t", "-p", dir, "-c", dir + "/nginx.conf"])
    guard check.status == 0 else { throw TestError("nginx -t refused the configuration") }
    process.executableURL = URL(fileURLWithPath: Self.binary)
    process.arguments = ["-p", dir, "-c", dir + "/nginx.conf", "-g", "daemon off;"]
    process.standardError = FileHandle.nullDevice
    try process.run()
    for _ in 0..<100 {
      if (try? curl(["-o", "/dev/null", base + "/healthz"]))?.status == 0 { return }
      Thread.sleep(forTimeInterval: 0.05)
    }
    throw TestError("nginx did not start")
  }

  var base: String { "https://127.0.0.1:\(httpsPort)" }

  /// curl trusting only the test's own certificate.
  func curl(_ arguments: [String]) throws -> (status: Int32, output: String) {
    try runTool("/usr/bin/curl", ["-sS", "--max-time", "5", "--cacert", certificate] + arguments)
  }

  func stop() {
    if process.isRunning {
      process.terminate()
      process.waitUntilExit()
    }
    try? FileManager.default.removeItem(at: directory)
  }

  deinit { stop() }
}

struct TestError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

@Suite(.enabled(if: NginxProxy.available, "needs nginx and openssl"), .serialized)
struct NginxEndToEndTests {
  @Test func apiAndPagesAnswerOverHTTPSAndPlainHTTPRedirects() async throws {
    let server = try ServerProcess()
    let proxy = try NginxProxy(upstreamPort: server.port)
    defer { proxy.stop() }
    let health = try proxy.curl([proxy.base + "/healthz"])
    #expect(health.status == 0 && health.output.contains(#""status":"ok""#))

    let issued = try proxy.curl([
      "-X", "POST", "-H", "Authorization: Bearer k1-secret", "-H",
      "Content-Type: application/json", "-d", #"{"service":"A"}"#, proxy.base + "/api/tickets",
    ])
    let ticket = jsonObject(issued.output)
    let id = try #require(ticket["id"] as? String)
    #expect(ticket["number"] as? String == "A001")
    let page = try proxy.curl(["-w", "%{http_code}", proxy.base + "/track.html?t=\(id)"])
    #expect(page.output.hasSuffix("200") && page.output.contains("<html"))

    let redirect = try runTool(
      "/usr/bin/curl",
      [
        "-sS", "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}",
        "http://127.0.0.1:\(proxy.httpPort)/track.html?t=\(id)",
      ])
    #expect(redirect.output == "301 https://127.0.0.1/track.html?t=\(id)")
    _ = server.terminate()
  }

  @Test func feedWorksOverWSSThroughTheProxy() async throws {
    let server = try ServerProcess()
    let proxy = try NginxProxy(upstreamPort: server.port)
    defer { proxy.stop() }
    let script = ServerProcess.packageRoot
      .appendingPathComponent("Tests/EndToEndTests/Support/wsclient.py").path
    // Python's ssl trusts SSL_CERT_FILE: the client checks the certificate for real.
    let client = Process()
    // The python3 on the PATH: the one pip installed `websockets` for.
    client.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    client.arguments = [
      "python3", script, "wss://127.0.0.1:\(proxy.httpsPort)/ws", "--count", "2", "--timeout", "10",
      "--origin", proxy.base,
    ]
    client.environment = ProcessInfo.processInfo.environment.merging([
      "SSL_CERT_FILE": proxy.certificate
    ]) { $1 }
    let out = Pipe()
    client.standardOutput = out
    client.standardError = out
    try client.run()
    try await Task.sleep(for: .milliseconds(700))
    _ = try proxy.curl([
      "-X", "POST", "-H", "Authorization: Bearer k1-secret", "-H",
      "Content-Type: application/json", "-d", #"{"service":"B"}"#, proxy.base + "/api/tickets",
    ])
    let data = out.fileHandleForReading.readDataToEndOfFile()
    client.waitUntilExit()
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    #expect(lines.count >= 2, "\(lines)")
    #expect(jsonObject(lines.first ?? "")["type"] as? String == "snapshot")
    let event = jsonObject(lines.count > 1 ? lines[1] : "")
    #expect(event["type"] as? String == "issued")
    #expect((event["ticket"] as? [String: Any])?["number"] as? String == "B001")
    _ = server.terminate()
  }

  @Test(.enabled(if: BrowserDriver.chromium != nil, "needs chromium"))
  func trackingPageFollowsItsTicketLiveOverWSSInARealBrowser() async throws {
    let server = try ServerProcess()
    let proxy = try NginxProxy(upstreamPort: server.port)
    defer { proxy.stop() }
    let issued = try proxy.curl([
      "-X", "POST", "-H", "Authorization: Bearer k1-secret", "-H",
      "Content-Type: application/json", "-d", #"{"service":"A"}"#, proxy.base + "/api/tickets",
    ])
    let id = try #require(jsonObject(issued.output)["id"] as? String)

    // The shared test browser trusts no test certificate; this one is told to, through a
    // wrapper, so the page really runs over https:// and wss://.
    let wrapper = proxy.directory.appendingPathComponent("chromium").path
    try "#!/bin/sh\nexec \(BrowserDriver.chromium!) --ignore-certificate-errors \"$@\"\n"
      .write(toFile: wrapper, atomically: true, encoding: .utf8)
    chmod(wrapper, 0o755)
    let browser = try BrowserScript(chromium: wrapper)
    defer { browser.stop() }
    let page = try browser.call(
      [
        "cmd": "open", "url": proxy.base + "/track.html?t=\(id)", "width": 390, "height": 844,
        "mobile": true,
      ])
    let pageID = try #require((page as? [String: Any])?["page"] as? String)
    func wait(_ expression: String) throws -> Bool {
      let value = try browser.call(
        ["cmd": "wait", "page": pageID, "expr": expression, "timeout": 10])
      return (value as? Bool) == true
    }
    #expect(try wait("document.getElementById('number').textContent === 'A001'"))
    #expect(try wait("location.protocol === 'https:'"))
    _ = try proxy.curl([
      "-X", "POST", "-H", "Authorization: Bearer c1-secret", proxy.base + "/api/counters/1/call",
    ])
    #expect(try wait("!document.getElementById('called').hidden"))
    let errors = try browser.call(["cmd": "errors", "page": pageID]) as? [Any]
    #expect(errors?.isEmpty == true)
    _ = server.terminate()
  }
}

/// `Support/browser.py` with a Chromium of the test's choosing, one request at a time.
final class BrowserScript {
  private let process = Process()
  private let input: FileHandle
  private let output: FileHandle
  private var buffer = Data()
  private var nextID = 1

  init(chromium: String) throws {
    let script = ServerProcess.packageRoot
      .appendingPathComponent("Tests/EndToEndTests/Support/browser.py").path
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script, "--chromium", chromium]
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = FileHandle.standardError
    try process.run()
    input = stdin.fileHandleForWriting
    output = stdout.fileHandleForReading
    let ready = try readReply()
    guard ready["ok"] as? Bool == true else { throw TestError("browser did not start") }
  }

  func call(_ request: [String: Any]) throws -> Any? {
    var request = request
    request["id"] = nextID
    nextID += 1
    input.write(try JSONSerialization.data(withJSONObject: request) + Data("\n".utf8))
    let reply = try readReply()
    guard reply["ok"] as? Bool == true else {
      throw TestError("browser: \(reply["error"] ?? "failed")")
    }
    return reply["result"]
  }

  private func readReply() throws -> [String: Any] {
    while true {
      if let newline = buffer.firstIndex(of: 0x0A) {
        let line = buffer[..<newline]
        buffer.removeSubrange(...newline)
        return (try? JSONSerialization.jsonObject(with: line)) as? [String: Any] ?? [:]
      }
      let chunk = output.availableData
      if chunk.isEmpty { throw TestError("browser script exited") }
      buffer.append(chunk)
    }
  }

  func stop() {
    try? input.close()
    process.waitUntilExit()
  }
}
