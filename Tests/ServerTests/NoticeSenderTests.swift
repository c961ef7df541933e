import Foundation
import HTTP
import HallWire
import Notices
import Reactor
import Storage
import Testing

@testable import Server

/// A webhook receiver on the test's loop: records every POST, answers `status`.
final class Receiver {
  let server: HTTPServer
  var requests: [HTTPRequest] = []
  var status = 204
  /// When false, requests are left unanswered (a gateway that hangs).
  var answers = true
  var port: Int { server.boundPort }
  var url: String { "http://127.0.0.1:\(port)/hooks/antre?key=gateway-secret" }

  init(loop: EventLoop, port: Int = 0) throws {
    server = try HTTPServer(loop: loop, host: "127.0.0.1", port: port)
    server.onRequest = { [unowned self] exchange in
      self.requests.append(exchange.request)
      if self.answers { exchange.respond(HTTPResponse(status: self.status)) }
    }
  }

  var bodies: [String] { requests.map { String(decoding: $0.body, as: UTF8.self) } }
  var ids: [String] { requests.compactMap { $0.headers["Idempotency-Key"] } }
}

/// A hall app whose notices go to a receiver on a real loop, with a fast retry policy.
final class NoticeFixture {
  let loop = EventLoop()
  let fixture: AppFixture
  var app: HallApp { fixture.app }
  var policy = RetryPolicy()

  init(directory: URL? = nil) throws {
    fixture = try AppFixture(directory: directory)
    policy.firstDelay = 40
    policy.maxDelay = 200
    policy.timeoutSeconds = 1
  }

  func startSender(url: String) throws {
    let sender = NoticeSender(
      url: url, loop: loop, policy: policy, restoring: try app.store.pendingNotices(),
      logger: app.logger
    ) { [unowned app] in app.recordNoticeProgress($0) }
    app.noticeSender = sender
    sender.start()
  }

  /// A notice as the hall would make it for ticket `ticket`, made now.
  func notice(_ event: NoticeEvent, ticket: String, seq: Int64 = 1) -> Notice {
    let context = NoticeContext(
      hallName: "Test Hall", zone: app.config.zone, serviceNames: ["A": "Kependudukan"])
    let t = Ticket(
      id: ticket, number: "A00\(seq)", service: "A", state: event == .near ? .waiting : .called,
      issuedAt: "2026-11-25T09:00:00+07:00", counter: event == .near ? nil : 1,
      position: event == .near ? 3 : nil, etaS: event == .near ? 600 : nil)
    return event == .near
      ? .near(ticket: t, phone: "+6281200000\(seq)", context: context, at: wallClockMillis())
      : .called(
        ticket: t, seq: seq, counterName: "Loket 1", phone: "+6281200000\(seq)",
        context: context, at: wallClockMillis())
  }

  @discardableResult
  func run(until condition: () -> Bool, timeout: Double = 10) -> Bool {
    loop.run(until: condition, timeout: timeout)
  }
}

@Suite(.serialized) struct NoticeSenderTests {
  @Test func everyNoticeArrivesExactlyAsStoredAndIsMarkedDelivered() throws {
    let f = try NoticeFixture()
    let receiver = try Receiver(loop: f.loop)
    try f.startSender(url: receiver.url)
    let notices = [
      f.notice(.near, ticket: "t1"), f.notice(.called, ticket: "t1", seq: 7),
      f.notice(.called, ticket: "t2", seq: 8),
    ]
    for n in notices { #expect(f.app.enqueueNotice(n)) }
    #expect(!f.app.enqueueNotice(notices[0]), "made once")
    #expect(f.run(until: { receiver.requests.count == 3 }))
    f.run(until: { f.app.noticeSender?.pendingCount == 0 }, timeout: 2)

    for n in notices {
      let request = try #require(receiver.requests.first { $0.headers["Idempotency-Key"] == n.id })
      #expect(request.method == .POST)
      #expect(request.path == "/hooks/antre")
      #expect(request.headers["Content-Type"] == "application/json")
      #expect(request.body == n.body)
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
      #expect(object["id"] as? String == n.id)
      #expect(object["event"] as? String == n.event.rawValue)
      #expect(object["phone"] as? String != nil)
      #expect(try f.app.store.notice(id: n.id)?.deliveredAt != nil)
    }
    #expect(receiver.ids.firstIndex(of: "near-t1")! < receiver.ids.firstIndex(of: "called-t1-7")!)
    #expect(try f.app.store.pendingNotices().isEmpty)

    let metrics = String(decoding: f.fixture.roundTrip(.GET, "/metrics").body, as: UTF8.self)
    #expect(metrics.contains("antre_notices_sent_total 3\n"))
    #expect(metrics.contains("antre_notices_pending 0\n"))
    #expect(!metrics.contains("+628"), "phone numbers never reach /metrics")
    let health = f.fixture.roundTrip(.GET, "/healthz").object
    let notices_ = try #require(health["notices"] as? [String: Any])
    #expect(notices_["state"] as? String == "idle")
    #expect(notices_["sent"] as? Int == 3)
  }

  @Test func aReceiverThatWasDownGetsEverythingWhenItComesUpInOrderPerTicket() throws {
    let f = try NoticeFixture()
    // A port with nobody listening: the gateway is down.
    let down = try Receiver(loop: f.loop)
    let port = down.port
    down.server.close()
    f.run(until: { false }, timeout: 0.05)
    try f.startSender(url: "http://127.0.0.1:\(port)/hook")
    var made: [Notice] = []
    for i in 0..<12 {
      let ticket = "t\(i % 3)"
      made.append(f.notice(i < 3 ? .near : .called, ticket: ticket, seq: Int64(i)))
      f.app.enqueueNotice(made.last!)
    }
    let sender = try #require(f.app.noticeSender)
    f.run(until: { sender.counts.failedAttempts >= 4 }, timeout: 5)
    #expect(sender.gatewayDown)
    #expect(sender.pendingCount == 12)
    #expect(sender.inFlightCount <= 1, "one probe at a time while it is down")
    let metrics = String(decoding: f.fixture.roundTrip(.GET, "/metrics").body, as: UTF8.self)
    #expect(metrics.contains("antre_notices_gateway_down 1\n"))
    #expect(metrics.contains("antre_notices_pending 12\n"))
    let health = f.fixture.roundTrip(.GET, "/healthz").object["notices"] as? [String: Any]
    #expect(health?["state"] as? String == "retrying")
    #expect(health?["last_error"] as? String == "unreachable")

    let receiver = try Receiver(loop: f.loop, port: port)
    #expect(f.run(until: { sender.pendingCount == 0 }, timeout: 10))
    #expect(Set(receiver.ids) == Set(made.map(\.id)))
    for ticket in ["t0", "t1", "t2"] {
      let order = made.filter { $0.subject == ticket }.map(\.id)
      #expect(receiver.ids.filter { order.contains($0) } == order, "\(ticket) out of order")
    }
    for request in receiver.requests {
      let id = request.headers["Idempotency-Key"]!
      #expect(request.body == made.first { $0.id == id }!.body)
    }
    #expect(!sender.gatewayDown)
    #expect(try f.app.store.pendingNotices().isEmpty)
  }

  @Test func noticesNotDeliveredBeforeARestartGoAfterIt() throws {
    let first = try NoticeFixture()
    let directory = first.fixture.directory
    let refusing = try Receiver(loop: first.loop)
    refusing.status = 503
    try first.startSender(url: refusing.url)
    let a = first.notice(.near, ticket: "t1")
    let b = first.notice(.called, ticket: "t1", seq: 2)
    first.app.enqueueNotice(a)
    first.app.enqueueNotice(b)
    first.run(until: { refusing.requests.count >= 2 }, timeout: 5)
    #expect(refusing.ids.allSatisfy { $0 == a.id }, "b waits behind a")
    #expect(try first.app.store.notice(id: a.id)?.pending.attempts ?? 0 >= 1)
    first.app.noticeSender?.stop()

    let second = try NoticeFixture(directory: directory)
    let receiver = try Receiver(loop: second.loop)
    try second.startSender(url: receiver.url)
    #expect(second.run(until: { receiver.requests.count == 2 }))
    #expect(receiver.ids == [a.id, b.id])
    #expect(receiver.requests.map(\.body) == [a.body, b.body])
  }

  @Test func aGatewayThatNeverAnswersDoesNotHoldUpTheHall() throws {
    let f = try NoticeFixture()
    let receiver = try Receiver(loop: f.loop)
    receiver.answers = false
    try f.startSender(url: receiver.url)
    for i in 0..<10 { f.app.enqueueNotice(f.notice(.called, ticket: "t\(i)", seq: Int64(i))) }
    f.run(until: { receiver.requests.count >= 4 }, timeout: 5)
    let sender = try #require(f.app.noticeSender)
    #expect(sender.inFlightCount == 4, "a few requests in flight, no more")
    // The hall goes on issuing at once while every request hangs.
    let started = Date()
    for _ in 0..<10 {
      let r = f.fixture.roundTrip(
        .POST, "/api/tickets", token: "k1-secret", body: #"{"service":"A"}"#)
      #expect(r.status == 201)
    }
    #expect(Date().timeIntervalSince(started) < 2)
    // The timeout ends the hanging attempts; they are counted and retried.
    #expect(f.run(until: { sender.counts.failedAttempts >= 4 }, timeout: 5))
    #expect(sender.pendingCount == 10)
  }
}
