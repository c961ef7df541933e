import Foundation
import HTTP
import HallWire
import QueueCore
import Testing

@testable import Server

/// A is booked in 15-minute slots of two places and takes remote tickets; B takes neither.
let bookingHallYAML = """
  name: Test Hall
  timezone: Asia/Jakarta
  admin_token: admin-secret
  services:
    - name: Kependudukan
      id: A
      target_wait_s: 900
      mean_service_s: 300
      appointments: {slot_s: 900, per_slot: 2, days_ahead: 7, hours: {wed: "08:00-12:00", thu: "08:00-12:00"}}
      remote: {share: 0.5, notify_ahead: 3}
    - {id: B, name: Perizinan, target_wait_s: 900, mean_service_s: 300}
  counters:
    - {id: 1, name: Loket 1, services: [A, B], token: c1-secret}
    - {id: 2, name: Loket 2, services: [B], token: c2-secret}
  kiosks:
    - {id: K1, token: k1-secret}
  """

@Suite struct BookingRoutesTests {
  /// The clock reads Wednesday 2026-11-25 09:00 WIB.
  func fixture(limits: ServerLimits = ServerLimits(), directory: URL? = nil) throws -> AppFixture {
    let f = try AppFixture(limits: limits, directory: directory, yaml: bookingHallYAML)
    f.now = 1_795_572_000_000
    // The new day starts in a commit of its own, before the test.
    f.app.rolloverIfNeeded(now: f.now)
    f.app.commit()
    f.batchesOpened = 0
    return f
  }

  func book(
    _ f: AppFixture, _ start: String = "2026-11-25T10:00:00+07:00",
    phone: String = "0812 3456 7890", from address: String = "10.0.0.9"
  ) -> HTTPResponse {
    f.roundTrip(
      .POST, "/api/bookings",
      body: #"{"service":"A","start":"\#(start)","name":"Siti Aminah","phone":"\#(phone)"}"#,
      from: address)
  }

  @Test func slotsListTheDaysBookableSlots() throws {
    let f = try fixture()
    let r = f.roundTrip(.GET, "/api/slots?service=A&date=2026-11-25")
    #expect(r.status == 200)
    let slots = try #require(
      try JSONSerialization.jsonObject(with: Data(r.body)) as? [[String: Any]])
    #expect(slots.count == 11)  // 09:15 … 11:45: the 09:00 slot has begun
    #expect(slots.first?["start"] as? String == "2026-11-25T09:15:00+07:00")
    #expect(slots.first?["free"] as? Int == 2)
    #expect(f.roundTrip(.GET, "/api/slots?service=A&date=2026-11-24").status == 400)
    #expect(f.roundTrip(.GET, "/api/slots?service=A&date=2026-12-03").status == 400)
    #expect(f.roundTrip(.GET, "/api/slots?service=A&date=tomorrow").status == 400)
    #expect(f.roundTrip(.GET, "/api/slots?service=B&date=2026-11-25").status == 400)
    #expect(f.roundTrip(.GET, "/api/slots?service=A").status == 400)
    #expect(
      f.roundTrip(.GET, "/api/slots?service=Z&date=2026-11-25").errorCode == "unknown_service")
  }

  @Test func aBookingIsAnsweredOnlyAfterItsCommit() throws {
    let f = try fixture()
    let pending = f.request(
      .POST, "/api/bookings",
      body:
        #"{"service":"A","start":"2026-11-25T10:00:00+07:00","name":"Siti","phone":"081234567890"}"#
    )
    #expect(pending.value == nil)
    f.app.commit()
    let r = try #require(pending.value)
    #expect(r.status == 201)
    let booking = try #require(r.object["booking"] as? [String: Any])
    #expect(Set(booking.keys) == ["id", "code", "service", "start", "state", "ticket"])
    #expect(booking["state"] as? String == "booked" && booking["ticket"] is NSNull)
    #expect((r.object["key"] as? String)?.count == 22)
  }

  @Test func requestsInOneBatchNeverOverbookASlot() throws {
    let f = try fixture()
    let pending = (0..<10).map { i in
      f.request(
        .POST, "/api/bookings",
        body:
          #"{"service":"A","start":"2026-11-25T11:00:00+07:00","name":"N","phone":"08110000000\#(i)"}"#,
        from: "10.0.1.\(i)")
    }
    // The refusals answer at once; the two bookings only after the commit.
    #expect(pending.compactMap(\.value).map(\.status) == Array(repeating: 409, count: 8))
    f.app.commit()
    #expect(pending.filter { $0.value?.status == 201 }.count == 2)
    let slots = f.roundTrip(.GET, "/api/slots?service=A&date=2026-11-25")
    #expect(
      String(decoding: slots.body, as: UTF8.self).contains(
        #"{"start":"2026-11-25T11:00:00+07:00","free":0}"#))
  }

  @Test func viewingOrCancellingNeedsTheKeyAndAWrongKeyChangesNothing() throws {
    let f = try fixture()
    let made = book(f).object
    let id = try #require((made["booking"] as? [String: Any])?["id"] as? String)
    let key = try #require(made["key"] as? String)
    #expect(f.roundTrip(.GET, "/api/bookings/\(id)").status == 403)
    #expect(f.roundTrip(.GET, "/api/bookings/\(id)?key=wrong").status == 403)
    #expect(f.roundTrip(.DELETE, "/api/bookings/\(id)?key=wrong").status == 403)
    #expect(f.roundTrip(.DELETE, "/api/bookings/\(id)", token: "admin-secret").status == 403)
    #expect(f.batchesOpened == 1)
    let viewed = f.roundTrip(.GET, "/api/bookings/\(id)?key=\(key)")
    #expect(viewed.status == 200 && viewed.object["state"] as? String == "booked")
    let cancelled = f.roundTrip(.DELETE, "/api/bookings/\(id)?key=\(key)")
    #expect(cancelled.status == 200 && cancelled.object["state"] as? String == "cancelled")
    #expect(f.roundTrip(.GET, "/api/bookings/nope?key=\(key)").status == 404)
  }

  @Test func aFullSlotIsRefusedAndACancelledPlaceReturns() throws {
    let f = try fixture()
    let first = book(f, phone: "081100000001").object
    let second = book(f, phone: "081100000002")
    #expect(second.status == 201, "\(String(decoding: second.body, as: UTF8.self))")
    let full = book(f, phone: "081100000003")
    #expect(full.status == 409 && full.errorCode == "slot_full")
    let id = (first["booking"] as! [String: Any])["id"] as! String
    let key = first["key"] as! String
    #expect(f.roundTrip(.DELETE, "/api/bookings/\(id)?key=\(key)").status == 200)
    #expect(book(f, phone: "081100000003").status == 201)
  }

  @Test(arguments: [
    (
      #"{"service":"A","start":"2026-11-25T10:05:00+07:00","name":"S","phone":"081234567890"}"#,
      "bad_request"
    ),
    (
      #"{"service":"A","start":"2026-11-25T08:00:00+07:00","name":"S","phone":"081234567890"}"#,
      "bad_request"
    ),
    (
      #"{"service":"A","start":"2026-12-03T08:00:00+07:00","name":"S","phone":"081234567890"}"#,
      "bad_request"
    ),
    (
      #"{"service":"A","start":"2026-11-25T10:00:00+07:00","name":"S","phone":"021555123"}"#,
      "bad_request"
    ),
    (#"{"service":"A","start":"soon","name":"S","phone":"081234567890"}"#, "bad_request"),
    (#"{"service":"A","start":"2026-11-25T10:00:00+07:00","phone":"081234567890"}"#, "bad_request"),
    (
      #"{"service":"B","start":"2026-11-25T10:00:00+07:00","name":"S","phone":"081234567890"}"#,
      "bad_request"
    ),
    (
      #"{"service":"Z","start":"2026-11-25T10:00:00+07:00","name":"S","phone":"081234567890"}"#,
      "unknown_service"
    ),
  ])
  func badBookingsAreRefusedAndChangeNothing(body: String, code: String) throws {
    let f = try fixture()
    let r = f.roundTrip(.POST, "/api/bookings", body: body, headers: [("Accept-Language", "id")])
    #expect(r.status == (code == "unknown_service" ? 404 : 400))
    #expect(r.errorCode == code)
    #expect(f.batchesOpened == 0)
  }

  @Test func checkInAtTheKioskIssuesAnAppointmentTicket() throws {
    let f = try fixture()
    let code = (book(f).object["booking"] as! [String: Any])["code"] as! String
    let body = #"{"code":"\#(code)"}"#
    #expect(f.roundTrip(.POST, "/api/bookings/checkin", body: body).status == 401)
    #expect(
      f.roundTrip(.POST, "/api/bookings/checkin", token: "c1-secret", body: body).status == 403)
    f.now += 29 * 60_000  // 09:29, the slot is at 10:00
    let early = f.roundTrip(.POST, "/api/bookings/checkin", token: "k1-secret", body: body)
    #expect(early.status == 409 && early.errorCode == "too_early")
    f.now += 60_000
    let r = f.roundTrip(.POST, "/api/bookings/checkin", token: "k1-secret", body: body)
    #expect(r.status == 201)
    #expect(r.object["appointment"] as? String == "2026-11-25T10:00:00+07:00")
    #expect(r.object["key"] is String && r.object["remote"] as? Bool == false)
    let bad = f.roundTrip(
      .POST, "/api/bookings/checkin", token: "admin-secret", body: #"{"code":"K7MQ0C"}"#)
    #expect(bad.status == 400)
    let unknown = f.roundTrip(
      .POST, "/api/bookings/checkin", token: "admin-secret", body: #"{"code":"K7MQ2C"}"#)
    #expect(unknown.status == 404)
  }

  @Test func remoteTicketsArePublicMarkedAndCapped() throws {
    let f = try fixture()
    let r = f.roundTrip(
      .POST, "/api/tickets", body: #"{"service":"A","remote":true,"phone":"081234567890"}"#,
      from: "10.0.0.9")
    #expect(r.status == 201)
    #expect(r.object["remote"] as? Bool == true && r.object["key"] is String)
    let capped = f.roundTrip(
      .POST, "/api/tickets", body: #"{"service":"A","remote":true,"phone":"081234567891"}"#)
    #expect(capped.status == 409 && capped.errorCode == "remote_share_reached")
    let noPhone = f.roundTrip(.POST, "/api/tickets", body: #"{"service":"A","remote":true}"#)
    #expect(noPhone.status == 400)
    let notOffered = f.roundTrip(
      .POST, "/api/tickets", body: #"{"service":"B","remote":true,"phone":"081234567891"}"#)
    #expect(notOffered.status == 400)
    // Without `remote`, issuing still needs a kiosk or admin token.
    #expect(f.roundTrip(.POST, "/api/tickets", body: #"{"service":"A"}"#).status == 401)
  }

  @Test func anAddressIsLimitedAcrossBookingsAndRemoteTickets() throws {
    var limits = ServerLimits()
    limits.publicBookingsPerHour = 2
    let f = try fixture(limits: limits)
    #expect(book(f, phone: "081100000001", from: "10.0.0.7").status == 201)
    let remote = f.roundTrip(
      .POST, "/api/tickets", body: #"{"service":"A","remote":true,"phone":"081100000002"}"#,
      from: "10.0.0.7")
    #expect(remote.status == 201)
    let third = book(f, "2026-11-25T10:15:00+07:00", phone: "081100000003", from: "10.0.0.7")
    #expect(third.status == 429 && third.errorCode == "rate_limited")
    #expect(
      book(f, "2026-11-25T10:15:00+07:00", phone: "081100000003", from: "10.0.0.8").status == 201)
  }

  @Test func aPhoneIsLimitedToThreeADay() throws {
    let f = try fixture()
    for (i, slot) in ["10:00", "10:15", "10:30"].enumerated() {
      let r = book(f, "2026-11-25T\(slot):00+07:00", from: "10.0.0.\(i)")
      #expect(r.status == 201)
    }
    let fourth = book(f, "2026-11-25T10:45:00+07:00", from: "10.0.0.9")
    #expect(fourth.status == 429 && fourth.errorCode == "rate_limited")
  }

  @Test func namesAndPhonesStayOutOfTheHallTicketsFeedAndCSV() throws {
    let f = try fixture()
    let peer = FakePeer()
    f.app.attach(peer, since: nil, now: f.now)
    let code =
      (book(f, "2026-11-25T09:15:00+07:00").object["booking"] as! [String: Any])["code"] as! String
    let ticket = f.roundTrip(
      .POST, "/api/bookings/checkin", token: "k1-secret", body: #"{"code":"\#(code)"}"#
    ).object
    let remote = f.roundTrip(
      .POST, "/api/tickets", body: #"{"service":"A","remote":true,"phone":"081299998888"}"#
    ).object
    var texts = [
      String(decoding: f.roundTrip(.GET, "/api/hall").body, as: UTF8.self),
      String(
        decoding: f.roundTrip(.GET, "/api/tickets/\(ticket["id"] as! String)").body, as: UTF8.self),
      String(
        decoding: f.roundTrip(.GET, "/api/tickets/\(remote["id"] as! String)").body, as: UTF8.self),
      String(
        decoding: f.roundTrip(.GET, "/api/stats.csv?date=2026-11-25", token: "admin-secret").body,
        as: UTF8.self),
    ]
    texts += peer.frames.map { String(decoding: $0.bytes, as: UTF8.self) }
    #expect(texts.count > 5)
    for text in texts {
      #expect(!text.contains("Siti") && !text.contains("+62"), "\(text)")
      #expect(!text.contains("81234567890") && !text.contains("81299998888"), "\(text)")
    }
    // The per-ticket CSV says which tickets were booked or taken from a phone, no more.
    let rows = texts[3].split(separator: "\r\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    let appointmentAt = try #require(rows[0].firstIndex(of: "appointment_at"))
    let isRemote = try #require(rows[0].firstIndex(of: "remote"))
    let number = try #require(rows[0].firstIndex(of: "number"))
    let byNumber = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0[number], $0) })
    let booked = try #require(byNumber[ticket["number"] as! String])
    #expect(booked[appointmentAt] == "2026-11-25T09:15:00+07:00" && booked[isRemote] == "false")
    let fromPhone = try #require(byNumber[remote["number"] as! String])
    #expect(fromPhone[appointmentAt] == "" && fromPhone[isRemote] == "true")
    // The notice sender finds them through the hall.
    #expect(f.app.hall.phone(ofTicket: ticket["id"] as! String) == "+6281234567890")
    #expect(f.app.hall.phone(ofTicket: remote["id"] as! String) == "+6281299998888")
  }

  @Test func aRestartRebuildsBookingsAndAppointmentAndRemoteTicketsExactly() throws {
    let f = try fixture()
    let made = book(f, "2026-11-25T09:15:00+07:00").object
    let booking = try #require(made["booking"] as? [String: Any], "\(made)")
    #expect(book(f, "2026-12-02T09:15:00+07:00", phone: "081100000001").status == 201)
    let ticket = f.roundTrip(
      .POST, "/api/bookings/checkin", token: "k1-secret",
      body: #"{"code":"\#(booking["code"] as! String)"}"#
    ).object
    let remote = f.roundTrip(
      .POST, "/api/tickets", body: #"{"service":"A","remote":true,"phone":"081299998888"}"#
    ).object
    let before = f.app.hall.heldBookings()
    #expect(before.count == 2)
    let restarted = try fixture(directory: f.directory)
    restarted.now = f.now
    #expect(restarted.app.hall.heldBookings() == before)
    for id in [ticket["id"] as! String, remote["id"] as! String] {
      #expect(restarted.app.hall.record(id: id) == f.app.hall.record(id: id))
      #expect(restarted.app.hall.ticket(id: id, at: f.now) == f.app.hall.ticket(id: id, at: f.now))
    }
    // The remote share holds across the restart: 2 of 3 tickets may be remote, not 3 of 4.
    let second = restarted.roundTrip(
      .POST, "/api/tickets", body: #"{"service":"A","remote":true,"phone":"081299998887"}"#)
    #expect(second.status == 201)
    let capped = restarted.roundTrip(
      .POST, "/api/tickets", body: #"{"service":"A","remote":true,"phone":"081299998886"}"#)
    #expect(capped.errorCode == "remote_share_reached")
  }
}
