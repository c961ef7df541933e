import HallWire
import Testing

/// The bytes of every wire object and message, as PROTOCOL 1.1 and the clients have them:
/// any change to a writer that is not meant to change the wire fails here.
@Suite struct WireGoldenTests {
  static func written() -> [(String, String)] {
    let officer = OfficerRef(id: "o-1", name: "Siti \"Ani\"")
    let t1 = Ticket(
      id: "t-1", number: "A012", service: "A", state: .waiting, priority: true,
      issuedAt: "2026-11-30T09:00:00+07:00", position: 3, etaS: 420)
    let t2 = Ticket(
      id: "t-2", number: "B007", service: "B", state: .called,
      issuedAt: "2026-11-30T09:01:00+07:00",
      calledAt: "2026-11-30T09:05:00+07:00", counter: 3, calls: 2, key: "k\\ey", officer: officer,
      startedAt: "2026-11-30T09:06:00.250+07:00", remote: true,
      appointment: "2026-11-30T09:00:00+07:00")
    let waiting = WaitingCounts(counts: [("A", 3), ("B", 0), ("Ç\"", 12)])
    let counter = Counter(
      id: 3, name: "Loket 3", services: ["A", "B"], state: .paused, reason: "sholat", ticket: t2,
      officer: officer)
    let idle = Counter(id: 1, name: "Loket 1", services: [], state: .closed)
    let offer = AppointmentOffer(
      slotS: 900, perSlot: 2, daysAhead: 14,
      hours: ["wed": "08:00-12:00", "mon": "08:00-12:00, 13:00-15:00"])
    let remote = RemoteOffer(share: 0.25, notifyAhead: 5)
    let s1 = Service(
      id: "A", name: "Kependudukan", nameEN: "Civil registry", waiting: 3, issued: 12, quota: 100,
      targetWaitS: 1800, etaS: 600, appointments: offer, remote: remote)
    let s2 = Service(
      id: "C", name: "Imigrasi", open: false, closedReason: .hours,
      opensAt: "2026-11-30T13:00:00+07:00")
    let box = BoxStatus(id: "K1", connected: true, printer: .paperLow)
    let hall1 = HallView(
      name: "MPP", date: "2026-11-30", services: [s1, s2], counters: [counter, idle], boxes: [box],
      utcOffset: "+07:00", ticker: "Selamat datang", footer: "f", voice: ["id", "en"],
      publicURL: "https://mpp.example/")
    let hall2 = HallView(name: "MPP", date: "2026-11-30", services: [], counters: [])
    let calls = [
      RecentCall(number: "A011", counter: 3, at: "2026-11-30T09:04:00+07:00"),
      RecentCall(number: "A010", counter: 1, at: "2026-11-30T09:03:00+07:00"),
    ]
    let snap = SnapshotMessage(seq: 40, hall: hall1, recentCalls: calls)
    let at = "2026-11-30T09:05:00+07:00"
    let events: [Event.Body] = [
      .issued(ticket: t1, waiting: waiting),
      .called(
        ticket: t2, counter: CounterRef(id: 3, name: "Loket 3"), recall: true, waiting: waiting),
      .finished(ticket: t1, waiting: WaitingCounts(counts: [])),
      .transferred(ticket: t1, from: "B", waiting: waiting),
      .transferred(
        ticket: t1, from: "B", waiting: waiting, fromStartedAt: "2026-11-30T09:04:00.007+07:00"),
      .counter(counter),
      .print(job: "J17", box: "K1", ticket: t2),
    ]
    let booking = Booking(
      id: "b-1", code: "ABC234", service: "A", start: "2026-12-01T09:00:00+07:00", state: .booked)
    let booked = Booking(
      id: "b-2", code: "XYZ789", service: "A", start: "2026-12-01T09:15:00+07:00",
      state: .checkedIn, ticket: "t-9")
    var lines: [(String, String)] = [
      ("ticketWaiting", t1.jsonString), ("ticketCalledWithKey", t2.jsonString),
      ("counterPaused", counter.jsonString), ("counterIdle", idle.jsonString),
      ("officerRef", officer.jsonString),
      ("officer", Officer(id: "o-2", name: "Budi", active: false).jsonString),
      (
        "officerPIN",
        OfficerPIN(officer: Officer(id: "o-2", name: "Budi", active: true), pin: "482913")
          .jsonString
      ),
      ("serviceOpen", s1.jsonString), ("serviceClosed", s2.jsonString), ("box", box.jsonString),
      ("hallFull", hall1.jsonString), ("hallBare", hall2.jsonString),
      ("recentCall", calls[0].jsonString),
      ("snapshot", snap.jsonString),
      ("counterRef", CounterRef(id: 2, name: "Loket \\2").jsonString),
      ("waiting", waiting.jsonString),
      ("errorPlain", WireError(code: "not_found", message: "Tiket tidak ada").jsonString),
      (
        "errorStrand",
        WireError(code: "would_strand", message: "m", services: ["A", "B"]).jsonString
      ),
    ]
    for (i, b) in events.enumerated() {
      lines.append(
        ("event\(i)", Event(seq: 9_000_000_000 + Int64(i), at: 0, atText: at, body: b).jsonString))
    }
    lines += [
      ("printMessage", PrintMessage(seq: 41, job: "J17", ticket: t2, box: "K1").jsonString),
      ("kioskTicket", FeedMessage.ticket(request: "r1", ticket: t2).jsonString),
      (
        "kioskError",
        FeedMessage.error(request: "r2", WireError(code: "closed", message: "Tutup"))
          .jsonString
      ),
      (
        "kioskErrorNoRequest",
        FeedMessage.error(request: nil, WireError(code: "bad_request", message: "x"))
          .jsonString
      ),
      ("kioskIssue", KioskRequest.issue(request: "r1", service: "A", priority: true).jsonString),
      ("kioskPrinted", KioskRequest.printed(job: "J1").jsonString),
      ("kioskPrinter", KioskRequest.printer(.paperOut).jsonString),
      ("kioskCheckIn", KioskRequest.checkIn(request: "r3", code: "ABC234").jsonString),
      ("booking", booking.jsonString), ("bookingCheckedIn", booked.jsonString),
      ("bookingCreated", BookingCreated(booking: booking, key: "sekret").jsonString),
      ("slot", Slot(start: "2026-12-01T09:00:00+07:00", free: 2).jsonString),
      ("appointmentOffer", offer.jsonString), ("remoteOffer", remote.jsonString),
    ]
    return lines
  }

  @Test func everyObjectIsWrittenByteForByteAsBefore() {
    let written = Self.written()
    #expect(written.count == Self.golden.count)
    for (name, json) in written {
      #expect(json == Self.golden[name], "\(name)")
    }
  }

  /// The server writes a `FeedMessage` (the kiosk replies) as clients parse it.
  @Test func feedMessagesReadBackAsWritten() throws {
    let ticket = Ticket(
      id: "t-1", number: "A012", service: "A", state: .waiting,
      issuedAt: "2026-11-30T09:00:00+07:00",
      position: 1, etaS: 60, key: "k")
    let hall = HallView(name: "MPP", date: "2026-11-30", services: [], counters: [])
    let messages: [FeedMessage] = [
      .snapshot(SnapshotMessage(seq: 4, hall: hall, recentCalls: [])),
      .event(
        Event(
          seq: 5, at: RFC3339("2026-11-30T09:00:00+07:00")!.millis,
          atText: "2026-11-30T09:00:00+07:00",
          body: .print(job: "J5", box: "K1", ticket: ticket))),
      .ticket(request: "r1", ticket: ticket),
      .error(request: "r2", WireError(code: "closed", message: "Tutup")),
      .error(request: nil, WireError(code: "bad_request", message: "x")),
      .other(type: "later", seq: 3),
    ]
    for message in messages {
      #expect(try FeedMessage(parsing: message.jsonString) == message, "\(message.jsonString)")
      switch message {
      case .snapshot(let snapshot): #expect(message.jsonString == snapshot.jsonString)
      case .event(let event): #expect(message.jsonString == event.jsonString)
      default: break
      }
    }
    #expect(
      FeedMessage.other(type: "later", seq: nil).jsonString == #"{"type":"later","seq":null}"#)
  }

  static let golden: [String: String] = [
    "ticketWaiting":
      #"{"id":"t-1","number":"A012","service":"A","state":"waiting","priority":true,"issued_at":"2026-11-30T09:00:00+07:00","called_at":null,"started_at":null,"counter":null,"calls":0,"position":3,"eta_s":420,"officer":null,"remote":false,"appointment":null}"#,
    "ticketCalledWithKey":
      #"{"id":"t-2","number":"B007","service":"B","state":"called","priority":false,"issued_at":"2026-11-30T09:01:00+07:00","called_at":"2026-11-30T09:05:00+07:00","started_at":"2026-11-30T09:06:00.250+07:00","counter":3,"calls":2,"position":null,"eta_s":null,"officer":{"id":"o-1","name":"Siti \"Ani\""},"remote":true,"appointment":"2026-11-30T09:00:00+07:00","key":"k\\ey"}"#,
    "counterPaused":
      #"{"id":3,"name":"Loket 3","services":["A","B"],"state":"paused","reason":"sholat","ticket":{"id":"t-2","number":"B007","service":"B","state":"called","priority":false,"issued_at":"2026-11-30T09:01:00+07:00","called_at":"2026-11-30T09:05:00+07:00","started_at":"2026-11-30T09:06:00.250+07:00","counter":3,"calls":2,"position":null,"eta_s":null,"officer":{"id":"o-1","name":"Siti \"Ani\""},"remote":true,"appointment":"2026-11-30T09:00:00+07:00","key":"k\\ey"},"officer":{"id":"o-1","name":"Siti \"Ani\""}}"#,
    "counterIdle":
      #"{"id":1,"name":"Loket 1","services":[],"state":"closed","reason":null,"ticket":null,"officer":null}"#,
    "officerRef": #"{"id":"o-1","name":"Siti \"Ani\""}"#,
    "officer": #"{"id":"o-2","name":"Budi","active":false}"#,
    "officerPIN": #"{"officer":{"id":"o-2","name":"Budi","active":true},"pin":"482913"}"#,
    "serviceOpen":
      #"{"id":"A","name":"Kependudukan","name_en":"Civil registry","open":true,"closed_reason":null,"opens_at":null,"waiting":3,"issued":12,"quota":100,"target_wait_s":1800,"eta_s":600,"appointments":{"slot_s":900,"per_slot":2,"days_ahead":14,"hours":{"mon":"08:00-12:00, 13:00-15:00","wed":"08:00-12:00"}},"remote":{"share":0.25,"notify_ahead":5}}"#,
    "serviceClosed":
      #"{"id":"C","name":"Imigrasi","name_en":"Imigrasi","open":false,"closed_reason":"hours","opens_at":"2026-11-30T13:00:00+07:00","waiting":0,"issued":0,"quota":null,"target_wait_s":0,"eta_s":null,"appointments":null,"remote":null}"#,
    "box": #"{"id":"K1","connected":true,"printer":"paper_low"}"#,
    "hallFull":
      #"{"name":"MPP","date":"2026-11-30","services":[{"id":"A","name":"Kependudukan","name_en":"Civil registry","open":true,"closed_reason":null,"opens_at":null,"waiting":3,"issued":12,"quota":100,"target_wait_s":1800,"eta_s":600,"appointments":{"slot_s":900,"per_slot":2,"days_ahead":14,"hours":{"mon":"08:00-12:00, 13:00-15:00","wed":"08:00-12:00"}},"remote":{"share":0.25,"notify_ahead":5}},{"id":"C","name":"Imigrasi","name_en":"Imigrasi","open":false,"closed_reason":"hours","opens_at":"2026-11-30T13:00:00+07:00","waiting":0,"issued":0,"quota":null,"target_wait_s":0,"eta_s":null,"appointments":null,"remote":null}],"counters":[{"id":3,"name":"Loket 3","services":["A","B"],"state":"paused","reason":"sholat","ticket":{"id":"t-2","number":"B007","service":"B","state":"called","priority":false,"issued_at":"2026-11-30T09:01:00+07:00","called_at":"2026-11-30T09:05:00+07:00","started_at":"2026-11-30T09:06:00.250+07:00","counter":3,"calls":2,"position":null,"eta_s":null,"officer":{"id":"o-1","name":"Siti \"Ani\""},"remote":true,"appointment":"2026-11-30T09:00:00+07:00","key":"k\\ey"},"officer":{"id":"o-1","name":"Siti \"Ani\""}},{"id":1,"name":"Loket 1","services":[],"state":"closed","reason":null,"ticket":null,"officer":null}],"boxes":[{"id":"K1","connected":true,"printer":"paper_low"}],"utc_offset":"+07:00","ticker":"Selamat datang","footer":"f","voice":["id","en"],"public_url":"https://mpp.example/"}"#,
    "hallBare":
      #"{"name":"MPP","date":"2026-11-30","services":[],"counters":[],"boxes":[],"utc_offset":null,"ticker":null,"footer":null,"voice":null,"public_url":null}"#,
    "recentCall": #"{"number":"A011","counter":3,"at":"2026-11-30T09:04:00+07:00"}"#,
    "snapshot":
      #"{"type":"snapshot","seq":40,"hall":{"name":"MPP","date":"2026-11-30","services":[{"id":"A","name":"Kependudukan","name_en":"Civil registry","open":true,"closed_reason":null,"opens_at":null,"waiting":3,"issued":12,"quota":100,"target_wait_s":1800,"eta_s":600,"appointments":{"slot_s":900,"per_slot":2,"days_ahead":14,"hours":{"mon":"08:00-12:00, 13:00-15:00","wed":"08:00-12:00"}},"remote":{"share":0.25,"notify_ahead":5}},{"id":"C","name":"Imigrasi","name_en":"Imigrasi","open":false,"closed_reason":"hours","opens_at":"2026-11-30T13:00:00+07:00","waiting":0,"issued":0,"quota":null,"target_wait_s":0,"eta_s":null,"appointments":null,"remote":null}],"counters":[{"id":3,"name":"Loket 3","services":["A","B"],"state":"paused","reason":"sholat","ticket":{"id":"t-2","number":"B007","service":"B","state":"called","priority":false,"issued_at":"2026-11-30T09:01:00+07:00","called_at":"2026-11-30T09:05:00+07:00","started_at":"2026-11-30T09:06:00.250+07:00","counter":3,"calls":2,"position":null,"eta_s":null,"officer":{"id":"o-1","name":"Siti \"Ani\""},"remote":true,"appointment":"2026-11-30T09:00:00+07:00","key":"k\\ey"},"officer":{"id":"o-1","name":"Siti \"Ani\""}},{"id":1,"name":"Loket 1","services":[],"state":"closed","reason":null,"ticket":null,"officer":null}],"boxes":[{"id":"K1","connected":true,"printer":"paper_low"}],"utc_offset":"+07:00","ticker":"Selamat datang","footer":"f","voice":["id","en"],"public_url":"https://mpp.example/"},"recent_calls":[{"number":"A011","counter":3,"at":"2026-11-30T09:04:00+07:00"},{"number":"A010","counter":1,"at":"2026-11-30T09:03:00+07:00"}]}"#,
    "counterRef": #"{"id":2,"name":"Loket \\2"}"#,
    "waiting": #"{"A":3,"B":0,"Ç\"":12}"#,
    "errorPlain": #"{"code":"not_found","message":"Tiket tidak ada"}"#,
    "errorStrand": #"{"code":"would_strand","message":"m","services":["A","B"]}"#,
    "event0":
      #"{"type":"issued","seq":9000000000,"ticket":{"id":"t-1","number":"A012","service":"A","state":"waiting","priority":true,"issued_at":"2026-11-30T09:00:00+07:00","called_at":null,"started_at":null,"counter":null,"calls":0,"position":3,"eta_s":420,"officer":null,"remote":false,"appointment":null},"waiting":{"A":3,"B":0,"Ç\"":12},"at":"2026-11-30T09:05:00+07:00"}"#,
    "event1":
      #"{"type":"called","seq":9000000001,"ticket":{"id":"t-2","number":"B007","service":"B","state":"called","priority":false,"issued_at":"2026-11-30T09:01:00+07:00","called_at":"2026-11-30T09:05:00+07:00","started_at":"2026-11-30T09:06:00.250+07:00","counter":3,"calls":2,"position":null,"eta_s":null,"officer":{"id":"o-1","name":"Siti \"Ani\""},"remote":true,"appointment":"2026-11-30T09:00:00+07:00","key":"k\\ey"},"counter":{"id":3,"name":"Loket 3"},"recall":true,"waiting":{"A":3,"B":0,"Ç\"":12},"at":"2026-11-30T09:05:00+07:00"}"#,
    "event2":
      #"{"type":"finished","seq":9000000002,"ticket":{"id":"t-1","number":"A012","service":"A","state":"waiting","priority":true,"issued_at":"2026-11-30T09:00:00+07:00","called_at":null,"started_at":null,"counter":null,"calls":0,"position":3,"eta_s":420,"officer":null,"remote":false,"appointment":null},"waiting":{},"at":"2026-11-30T09:05:00+07:00"}"#,
    "event3":
      #"{"type":"transferred","seq":9000000003,"ticket":{"id":"t-1","number":"A012","service":"A","state":"waiting","priority":true,"issued_at":"2026-11-30T09:00:00+07:00","called_at":null,"started_at":null,"counter":null,"calls":0,"position":3,"eta_s":420,"officer":null,"remote":false,"appointment":null},"from":"B","from_started_at":null,"waiting":{"A":3,"B":0,"Ç\"":12},"at":"2026-11-30T09:05:00+07:00"}"#,
    "event4":
      #"{"type":"transferred","seq":9000000004,"ticket":{"id":"t-1","number":"A012","service":"A","state":"waiting","priority":true,"issued_at":"2026-11-30T09:00:00+07:00","called_at":null,"started_at":null,"counter":null,"calls":0,"position":3,"eta_s":420,"officer":null,"remote":false,"appointment":null},"from":"B","from_started_at":"2026-11-30T09:04:00.007+07:00","waiting":{"A":3,"B":0,"Ç\"":12},"at":"2026-11-30T09:05:00+07:00"}"#,
    "event5":
      #"{"type":"counter","seq":9000000005,"counter":{"id":3,"name":"Loket 3","services":["A","B"],"state":"paused","reason":"sholat","ticket":{"id":"t-2","number":"B007","service":"B","state":"called","priority":false,"issued_at":"2026-11-30T09:01:00+07:00","called_at":"2026-11-30T09:05:00+07:00","started_at":"2026-11-30T09:06:00.250+07:00","counter":3,"calls":2,"position":null,"eta_s":null,"officer":{"id":"o-1","name":"Siti \"Ani\""},"remote":true,"appointment":"2026-11-30T09:00:00+07:00","key":"k\\ey"},"officer":{"id":"o-1","name":"Siti \"Ani\""}},"at":"2026-11-30T09:05:00+07:00"}"#,
    "event6":
      #"{"type":"print","seq":9000000006,"job":"J17","box":"K1","ticket":{"id":"t-2","number":"B007","service":"B","state":"called","priority":false,"issued_at":"2026-11-30T09:01:00+07:00","called_at":"2026-11-30T09:05:00+07:00","started_at":"2026-11-30T09:06:00.250+07:00","counter":3,"calls":2,"position":null,"eta_s":null,"officer":{"id":"o-1","name":"Siti \"Ani\""},"remote":true,"appointment":"2026-11-30T09:00:00+07:00","key":"k\\ey"},"at":"2026-11-30T09:05:00+07:00"}"#,
    "printMessage":
      #"{"type":"print","seq":41,"job":"J17","ticket":{"id":"t-2","number":"B007","service":"B","state":"called","priority":false,"issued_at":"2026-11-30T09:01:00+07:00","called_at":"2026-11-30T09:05:00+07:00","started_at":"2026-11-30T09:06:00.250+07:00","counter":3,"calls":2,"position":null,"eta_s":null,"officer":{"id":"o-1","name":"Siti \"Ani\""},"remote":true,"appointment":"2026-11-30T09:00:00+07:00","key":"k\\ey"},"box":"K1"}"#,
    "kioskTicket":
      #"{"type":"ticket","request":"r1","ticket":{"id":"t-2","number":"B007","service":"B","state":"called","priority":false,"issued_at":"2026-11-30T09:01:00+07:00","called_at":"2026-11-30T09:05:00+07:00","started_at":"2026-11-30T09:06:00.250+07:00","counter":3,"calls":2,"position":null,"eta_s":null,"officer":{"id":"o-1","name":"Siti \"Ani\""},"remote":true,"appointment":"2026-11-30T09:00:00+07:00","key":"k\\ey"}}"#,
    "kioskError": #"{"type":"error","request":"r2","error":{"code":"closed","message":"Tutup"}}"#,
    "kioskErrorNoRequest":
      #"{"type":"error","request":null,"error":{"code":"bad_request","message":"x"}}"#,
    "kioskIssue": #"{"type":"issue","request":"r1","service":"A","priority":true}"#,
    "kioskPrinted": #"{"type":"printed","job":"J1"}"#,
    "kioskPrinter": #"{"type":"printer","status":"paper_out"}"#,
    "kioskCheckIn": #"{"type":"checkin","request":"r3","code":"ABC234"}"#,
    "booking":
      #"{"id":"b-1","code":"ABC234","service":"A","start":"2026-12-01T09:00:00+07:00","state":"booked","ticket":null}"#,
    "bookingCheckedIn":
      #"{"id":"b-2","code":"XYZ789","service":"A","start":"2026-12-01T09:15:00+07:00","state":"checked_in","ticket":"t-9"}"#,
    "bookingCreated":
      #"{"booking":{"id":"b-1","code":"ABC234","service":"A","start":"2026-12-01T09:00:00+07:00","state":"booked","ticket":null},"key":"sekret"}"#,
    "slot": #"{"start":"2026-12-01T09:00:00+07:00","free":2}"#,
    "appointmentOffer":
      #"{"slot_s":900,"per_slot":2,"days_ahead":14,"hours":{"mon":"08:00-12:00, 13:00-15:00","wed":"08:00-12:00"}}"#,
    "remoteOffer": #"{"share":0.25,"notify_ahead":5}"#,
  ]
}
