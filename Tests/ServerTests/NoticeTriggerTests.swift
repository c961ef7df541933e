import Foundation
import HTTP
import HallWire
import Notices
import Reactor
import Testing

@testable import Server

/// The hall's triggers: "near" and "called" for remote tickets, reminders for bookings.
/// The hall's clock is the fixture's (Wednesday 2026-11-25 09:00 WIB); the sender reads it too.
@Suite(.serialized) struct NoticeTriggerTests {
  final class Rig {
    let loop = EventLoop()
    let f: AppFixture
    let receiver: Receiver

    init(webhook: Bool = true) throws {
      f = try AppFixture(yaml: bookingHallYAML)
      f.now = 1_795_572_000_000
      f.app.rolloverIfNeeded(now: f.now)
      f.app.commit()
      receiver = try Receiver(loop: loop)
      guard webhook else { return }
      let sender = NoticeSender(
        url: receiver.url, loop: loop, restoring: [], now: { [f] in f.now },
        logger: f.app.logger
      ) { [unowned app = f.app] in app.recordNoticeProgress($0) }
      f.app.noticeSender = sender
    }

    func walkIn() {
      #expect(
        f.roundTrip(.POST, "/api/tickets", token: "k1-secret", body: #"{"service":"A"}"#).status
          == 201)
    }

    func remote(_ phone: String = "0812-3456-7890") -> String {
      let r = f.roundTrip(
        .POST, "/api/tickets", body: #"{"service":"A","remote":true,"phone":"\#(phone)"}"#,
        from: "10.0.0.7")
      #expect(r.status == 201)
      return r.object["id"] as? String ?? ""
    }

    /// A minute later (a second call within 5 s of an unstarted one only repeats it).
    func call() {
      f.now += 60_000
      #expect(
        f.roundTrip(.POST, "/api/counters/1/call", token: "c1-secret", body: "{}").status == 200)
    }

    /// Lets the loop run until the receiver has `count` notices (or a second passes).
    func received(_ count: Int) -> [[String: Any]] {
      loop.run(until: { receiver.requests.count >= count }, timeout: 0.5)
      loop.run(until: { false }, timeout: 0.05)
      return receiver.requests.compactMap {
        try? JSONSerialization.jsonObject(with: Data($0.body)) as? [String: Any]
      }
    }
  }

  @Test func aRemoteTicketIsToldOnceWhenNearThenWhenCalled() throws {
    let rig = try Rig()
    for _ in 0..<5 { rig.walkIn() }
    let id = rig.remote()
    // Five people ahead, notify_ahead 3: nothing yet, and walk-ins never get notices.
    #expect(rig.received(1).isEmpty)
    rig.call()
    #expect(rig.received(1).isEmpty, "four ahead")
    rig.call()
    var got = rig.received(1)
    #expect(got.count == 1)
    #expect(got.first?["event"] as? String == "near")
    #expect(got.first?["id"] as? String == "near-\(id)")
    #expect(got.first?["phone"] as? String == "+6281234567890")
    let ticket = try #require(got.first?["ticket"] as? [String: Any])
    #expect(ticket["id"] as? String == id)
    #expect(ticket["position"] as? Int == 4)
    #expect(ticket["key"] == nil)
    #expect((got.first?["text"] as? String)?.contains("3 orang lagi") == true)
    for _ in 0..<3 { rig.call() }
    got = rig.received(2)
    #expect(got.count == 1, "near goes once, however the queue moves")
    rig.call()
    got = rig.received(2)
    #expect(got.map { $0["event"] as? String } == ["near", "called"])
    let called = try #require(got.last)
    #expect((called["id"] as? String)?.hasPrefix("called-\(id)-") == true)
    #expect((called["ticket"] as? [String: Any])?["counter"] as? Int == 1)
    #expect(
      called["text"] as? String
        == "Test Hall: nomor A006 dipanggil ke Loket 1. Silakan menuju loket sekarang.")
    // A recall is not a new call.
    rig.f.now += 10_000
    _ = rig.f.roundTrip(.POST, "/api/counters/1/recall", token: "c1-secret", body: "{}")
    #expect(rig.received(3).count == 2)
    #expect(try rig.f.app.store.pendingNotices().isEmpty)
  }

  @Test func aTicketTakenWithFewAheadIsToldAtOnce() throws {
    let rig = try Rig()
    rig.walkIn()
    let id = rig.remote("+6281311112222")
    let got = rig.received(1)
    #expect(got.first?["id"] as? String == "near-\(id)")
    #expect((got.first?["text"] as? String)?.contains("1 orang lagi") == true)
  }

  @Test func withoutAWebhookNoNoticeIsMade() throws {
    let rig = try Rig(webhook: false)
    _ = rig.remote()
    rig.call()
    #expect(try rig.f.app.store.noticeIDs(since: 0).isEmpty)
  }

  @Test func aBookingIsRemindedOnceTheEveningBefore() throws {
    let rig = try Rig()
    let made = rig.f.roundTrip(
      .POST, "/api/bookings",
      body:
        #"{"service":"A","start":"2026-11-26T10:00:00+07:00","name":"Siti Aminah","phone":"0812 3456 7890"}"#,
      from: "10.0.0.9")
    #expect(made.status == 201)
    let booking = try #require(made.object["booking"] as? [String: Any])
    let wed = rig.f.app.config.zone.startOfDay(rig.f.app.config.zone.local(rig.f.now).dayNumber)
    // The sender reads the fixture's clock too.
    rig.f.now = wed + 17 * 3_600_000
    rig.f.app.remindBookings(now: rig.f.now)
    #expect(rig.received(1).isEmpty, "not before 18:00")
    rig.f.now = wed + 18 * 3_600_000
    rig.f.app.remindBookings(now: rig.f.now)
    rig.f.now = wed + 21 * 3_600_000
    rig.f.app.remindBookings(now: rig.f.now)
    let got = rig.received(2)
    #expect(got.count == 1, "once")
    let n = try #require(got.first)
    #expect(n["event"] as? String == "booking_reminder")
    #expect(n["id"] as? String == "booking_reminder-\(booking["id"] as? String ?? "")")
    #expect(n["phone"] as? String == "+6281234567890")
    #expect(n["at"] as? String == "2026-11-25T18:00:00+07:00")
    let sent = try #require(n["booking"] as? [String: Any])
    #expect(sent["code"] as? String == booking["code"] as? String)
    #expect(sent["start"] as? String == "2026-11-26T10:00:00+07:00")
    #expect(sent["name"] == nil && sent["key"] == nil)
    #expect(
      n["text"] as? String
        == "Test Hall: pengingat janji temu Kependudukan besok, Kamis, 26 November 2026 pukul 10.00. Kode: \(sent["code"] as? String ?? ""). Lapor kedatangan di kios dengan kode ini antara 30 menit sebelum dan 15 menit sesudah jadwal."
    )
    // Its day has begun: too late for a reminder.
    rig.f.now = wed + 24 * 3_600_000 + 60_000
    rig.f.app.remindBookings(now: rig.f.now)
    #expect(rig.received(2).count == 1)
  }
}
