import HallWire
import Foundation
import HTTP
import Logging
import QueueCore
import Reactor
import Storage
import WebSocket

@testable import Server
import HallYAML

/// A feed peer that records what it was sent, decoded back to JSON objects.
final class FakePeer: FeedPeer {
  let role: Role?
  var frames: [SharedBytes] = []
  var closedWith: CloseCode?
  var backlogFull = false

  init(role: Role? = nil) { self.role = role }

  func send(frame: SharedBytes) -> Bool {
    guard closedWith == nil, !backlogFull else { return false }
    frames.append(frame)
    return true
  }

  func close(_ code: CloseCode, reason: String) { closedWith = code }

  /// One send may carry several frames (a batch's events are joined).
  var messages: [[String: Any]] {
    frames.flatMap { splitServerFrames($0.bytes) }.map(decodeServerFrame)
  }
  var types: [String] { messages.map { $0["type"] as? String ?? "?" } }
  func clear() { frames.removeAll() }
}

/// The unmasked server frames in `bytes`, each whole.
func splitServerFrames(_ bytes: [UInt8]) -> [[UInt8]] {
  var frames: [[UInt8]] = []
  var i = 0
  while i + 2 <= bytes.count {
    let len7 = Int(bytes[i + 1] & 0x7F)
    var header = 2
    var length = len7
    if len7 == 126 {
      header = 4
      length = Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
    } else if len7 == 127 {
      header = 10
      length = (0..<8).reduce(0) { $0 << 8 | Int(bytes[i + 2 + $1]) }
    }
    frames.append(Array(bytes[i..<min(bytes.count, i + header + length)]))
    i += header + length
  }
  return frames
}

/// Unwraps one unmasked server text frame and parses its JSON.
func decodeServerFrame(_ bytes: [UInt8]) -> [String: Any] {
  precondition(bytes[0] == 0x81, "not a final text frame")
  let len7 = Int(bytes[1] & 0x7F)
  let start: Int
  switch len7 {
  case 126: start = 4
  case 127: start = 10
  default: start = 2
  }
  let payload = Data(bytes[start...])
  return (try? JSONSerialization.jsonObject(with: payload)) as? [String: Any] ?? [:]
}

let testHallYAML = """
  name: Test Hall
  timezone: Asia/Jakarta
  admin_token: admin-secret
  services:
    - {id: A, name: Kependudukan, name_en: Civil registry, target_wait_s: 900, mean_service_s: 300}
    - {id: B, name: Perizinan, name_en: Licensing, target_wait_s: 900, mean_service_s: 300, quota: 2}
  counters:
    - {id: 1, name: Loket 1, services: [A, B], token: c1-secret}
    - {id: 2, name: Loket 2, services: [B], token: c2-secret}
  kiosks:
    - {id: K1, token: k1-secret}
  """

/// A hall app on a temporary database, with the clock in the test's hands.
final class AppFixture {
  let directory: URL
  let store: Store
  let app: HallApp
  /// Wednesday 2026-11-25 09:00 WIB.
  var now: Millis = 1_764_036_000_000
  var batchesOpened = 0

  init(
    limits: ServerLimits = ServerLimits(), directory reuse: URL? = nil, yaml: String = testHallYAML
  ) throws {
    directory =
      reuse
      ?? FileManager.default.temporaryDirectory.appendingPathComponent(
        "antre-server-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    store = try Store(path: directory.appendingPathComponent("hall.sqlite").path)
    let config = try HallConfig.load(yaml: yaml)
    let tokens = TokenTable(
      admin: "admin-secret", counters: [1: "c1-secret", 2: "c2-secret"], kiosks: ["K1": "k1-secret"]
    )
    app = try HallApp(
      config: config, store: store, tokens: tokens, limits: limits, resourceRoot: "/nonexistent",
      now: now, logger: Logger(label: "test"))
    app.onBatchOpened = { [unowned self] in self.batchesOpened += 1 }
  }

  /// Sends a request; returns the response if it arrived (before any commit).
  @discardableResult
  func request(
    _ method: HTTPMethod, _ path: String, token: String? = nil, body: String? = nil,
    headers extra: [(String, String)] = [], from address: String = ""
  ) -> Box<HTTPResponse> {
    var headers = HTTPHeaders(extra)
    if let token { headers.set("Authorization", "Bearer \(token)") }
    let box = Box<HTTPResponse>()
    app.handle(
      HTTPRequest(
        method: method, uri: path, headers: headers, body: Array((body ?? "").utf8),
        remoteAddress: address),
      now: now, monotonic: Double(now) / 1000
    ) { box.value = $0 }
    return box
  }

  /// Request then commit: the usual round trip.
  func roundTrip(
    _ method: HTTPMethod, _ path: String, token: String? = nil, body: String? = nil,
    headers: [(String, String)] = [], from address: String = ""
  ) -> HTTPResponse {
    let r = request(method, path, token: token, body: body, headers: headers, from: address)
    app.commit()
    return r.value!
  }
}

final class Box<T> {
  var value: T?
}

extension HTTPResponse {
  var object: [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
  }
  var errorCode: String? { (object["error"] as? [String: Any])?["code"] as? String }
}
