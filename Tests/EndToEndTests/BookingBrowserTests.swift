import Foundation
import Testing
import ZbarReader

/// Issue 18's pages in a real Chromium at phone size against a real `antre serve`: booking on
/// `book.html`, its view and cancel link, a full slot, the kiosk's check-in by code, and a
/// remote ticket's tracking page alerting its visitor as the queue moves.
@Suite(
  .serialized,
  .enabled(
    if: BrowserDriver.chromium != nil, "chromium is not installed: the browser tests are skipped"))
struct BookingBrowserTests {
  let browser = BrowserDriver.shared

  /// Service A takes bookings (any time of day: the service has no hours) and remote
  /// tickets; B takes neither, so the booking page must leave it out.
  static let hall = """
    name: Mal Pelayanan Publik Banyuwangi
    timezone: Asia/Jakarta
    admin_token: admin-secret
    services:
      - id: A
        name: Kependudukan (Dukcapil)
        name_en: Civil registry
        target_wait_s: 900
        mean_service_s: 300
        appointments: {slot_s: 900, per_slot: 2, days_ahead: 7}
        remote: {share: 0.5, notify_ahead: 2}
      - {id: B, name: Perizinan, name_en: Licensing, target_wait_s: 900, mean_service_s: 300}
    counters:
      - {id: 1, name: Loket 1, services: [A], token: c1-secret}
      - {id: 2, name: Loket 2, services: [B], token: c2-secret}
    kiosks:
      - {id: K1, token: k1-secret}
    """

  static let phone = (width: 390, height: 844)

  /// Opens a tab, runs `body`, expects no script errors, and closes it however `body` ends.
  func withPage(
    _ url: String, width: Int = phone.width, height: Int = phone.height, mobile: Bool = true,
    initScript: String? = nil, _ body: (BrowserPage) async throws -> Void
  ) async throws {
    let page = try await browser.open(
      url, width: width, height: height, mobile: mobile, initScript: initScript)
    do {
      try await body(page)
      let errors = try await page.errors()
      #expect(errors.isEmpty, "the page logged errors: \(errors)")
    } catch {
      await page.close()
      throw error
    }
    await page.close()
  }

  func screenshot(_ page: BrowserPage, _ name: String) async throws {
    if let dir = BrowserTests.screenshotDirectory {
      try await page.screenshot(to: "\(dir)/\(name).png")
    }
  }

  func expectFits(_ page: BrowserPage, _ view: String) async throws {
    let problems = try await page.eval(BrowserTests.layoutProblems).strings
    #expect(problems.isEmpty, "\(view): \(problems)")
  }

  /// Types into a field as the page sees typing (value set, `input` fired).
  func fill(_ page: BrowserPage, _ id: String, _ text: String) async throws {
    try await page.eval(
      """
      (() => { const e = document.getElementById(\(jsString(id))); e.value = \(jsString(text));
        e.dispatchEvent(new Event('input', { bubbles: true })); return true; })()
      """)
  }

  /// Every slot of the next two days with its places, from the server (hall time).
  func slots(_ server: ServerProcess, count: Int = 2) async throws -> [(start: String, free: Int)] {
    let hall = try await server.request("GET", "/api/hall").object
    let today = try #require(hall["date"] as? String)
    var all: [(String, Int)] = []
    let days = hallDayFormatter()
    var date = try #require(days.date(from: today))
    for _ in 0..<count {
      let day = days.string(from: date)
      let reply = try await server.request("GET", "/api/slots?service=A&date=\(day)")
      #expect(reply.status == 200, "slots \(day): \(reply.status)")
      for slot in reply.json as? [[String: Any]] ?? [] {
        if let start = slot["start"] as? String, let free = slot["free"] as? Int {
          all.append((start, free))
        }
      }
      date = date.addingTimeInterval(86400)
    }
    return all
  }

  func book(_ server: ServerProcess, start: String, phone: String) async throws
    -> ServerProcess.Reply
  {
    try await server.request(
      "POST", "/api/bookings",
      json: ["service": "A", "start": start, "name": "Budi Santoso", "phone": phone])
  }

  // MARK: - book.html

  @Test func visitorBooksASlotAndGetsACodeWithAReadableQRLink() async throws {
    let server = try ServerProcess(hall: Self.hall)
    try await withPage(server.baseURL + "/book.html") { page in
      try await page.wait(for: "document.querySelector('.svc')")
      // Only the service that takes bookings or remote tickets is offered.
      #expect(
        try await page.eval("[...document.querySelectorAll('.svc')].map(e => e.dataset.service)")
          .strings == ["A"])
      try await screenshot(page, "book-1-services-390x844")
      try await expectFits(page, "services")

      try await page.click(".svc[data-service=A] button[data-action=book]")
      try await page.wait(for: "document.querySelector('.slot')")
      // Tomorrow: its whole day is still ahead, whatever the time now.
      try await page.click(".day:nth-child(2)")
      try await page.wait(
        for:
          "document.querySelector('.day:nth-child(2)[aria-pressed=true]') && document.querySelector('.slot')"
      )
      try await screenshot(page, "book-2-slots-390x844")
      try await expectFits(page, "slots")
      let start = try #require(
        try await page.eval("document.querySelector('.slot:not(:disabled)').dataset.start").string)
      #expect(try await page.text(".slot:not(:disabled) .slot-free") == "2 tempat")
      try await page.click(".slot:not(:disabled)")
      try await page.wait(for: "!document.getElementById('v-form').hidden")

      // Bad input is refused on the page, in Indonesian, before anything is sent.
      try await fill(page, "phone", "12345")
      try await page.click("#submit")
      try await page.wait(for: "!document.getElementById('phone-error').hidden")
      #expect(try await page.text("#name-error") == "Nama wajib diisi.")
      #expect(try await page.text("#phone-error").contains("diawali 08 atau +62"))
      try await screenshot(page, "book-3-form-errors-390x844")
      try await expectFits(page, "form")

      try await fill(page, "name", "Sari Dewi")
      try await fill(page, "phone", "0812 3456 7890")
      try await page.click("#submit")
      try await page.wait(for: "!document.getElementById('v-booking').hidden")
      let code = try await page.text("#b-code")
      #expect(code.range(of: "^[A-HJ-NP-Z2-9]{6}$", options: .regularExpression) != nil, "\(code)")
      #expect(try await page.text("#b-state") == "Terdaftar")
      // The key stays in the link: the address bar now holds it, and nothing was stored.
      let search = try await page.eval("location.search").string ?? ""
      #expect(search.hasPrefix("?b=") && search.contains("&k="), "\(search)")
      #expect(try await page.eval("localStorage.length + sessionStorage.length").int == 0)
      try await screenshot(page, "book-4-code-390x844")
      try await expectFits(page, "code")

      // The QR code on screen reads back as the booking's link.
      try await page.wait(
        for:
          "document.getElementById('b-qr').complete && document.getElementById('b-qr').naturalWidth > 0"
      )
      try await page.eval("document.getElementById('b-qr').scrollIntoView({block: 'center'})")
      let shot = server.directory.appendingPathComponent("book-qr.png")
      try await page.screenshot(to: shot.path)
      let decoded = try zbarDecode(shot)
      #expect(decoded.count == 1 && decoded.first?.contains("/book.html?b=") == true, "\(decoded)")
      #expect(decoded.first?.hasSuffix(search) == true, "\(decoded) vs \(search)")

      // The server holds the booking: the slot has one place fewer.
      let after = try await slots(server).first { $0.start == start }
      #expect(after?.free == 1)
    }
  }

  @Test func bookingLinkShowsTheBookingAndCancelsItAfterConfirmation() async throws {
    let server = try ServerProcess(hall: Self.hall)
    let start = try #require(try await slots(server).last?.start)
    let reply = try await book(server, start: start, phone: "+6281234567890")
    #expect(reply.status == 201)
    let booking = try #require(reply.object["booking"] as? [String: Any])
    let id = try #require(booking["id"] as? String)
    let key = try #require(reply.object["key"] as? String)
    let code = try #require(booking["code"] as? String)

    // A wrong key shows nothing of the booking.
    try await withPage(server.baseURL + "/book.html?b=\(id)&k=wrong") { page in
      try await page.wait(for: "!document.getElementById('booking-error').hidden")
      #expect(try await page.text("#booking-error").contains("tidak lengkap atau salah"))
      #expect(try await page.text("#b-code") != code)
    }

    try await withPage(server.baseURL + "/book.html?b=\(id)&k=\(key)") { page in
      try await page.wait(
        for: "document.getElementById('b-code').textContent === \(jsString(code))")
      #expect(try await page.text("#b-service") == "Kependudukan (Dukcapil)")
      try await page.click("#b-cancel")
      try await page.wait(for: "!document.getElementById('b-confirm').hidden")
      #expect(try await page.text("#b-confirm-text").hasPrefix("Batalkan janji temu \(code)"))
      try await screenshot(page, "book-5-cancel-confirm-390x844")
      try await expectFits(page, "cancel confirmation")
      // "Tidak" changes nothing.
      try await page.click("#b-cancel-no")
      #expect(try await page.eval("document.getElementById('b-confirm').hidden").bool == true)
      let still = try await server.request("GET", "/api/bookings/\(id)?key=\(key)").object
      #expect(still["state"] as? String == "booked")

      try await page.click("#b-cancel")
      try await page.click("#b-cancel-yes")
      try await page.wait(for: "document.body.dataset.booking === 'cancelled'")
      #expect(try await page.text("#b-state") == "Dibatalkan")
      #expect(try await page.eval("document.getElementById('b-cancel').hidden").bool == true)
      try await screenshot(page, "book-6-cancelled-390x844")
    }
    let cancelled = try await server.request("GET", "/api/bookings/\(id)?key=\(key)").object
    #expect(cancelled["state"] as? String == "cancelled")
    // Its place is free again.
    #expect(try await slots(server).first { $0.start == start }?.free == 2)
  }

  @Test func fullSlotIsShownDisabledAndASlotTakenMeanwhileIsRefusedClearly() async throws {
    let server = try ServerProcess(hall: Self.hall)
    let tomorrow = try await slots(server).filter { $0.free == 2 }.suffix(2).map(\.start)
    let full = try #require(tomorrow.first)
    let last = try #require(tomorrow.last)
    for phone in ["081111111111", "082222222222"] {
      #expect(try await book(server, start: full, phone: phone).status == 201)
    }
    #expect(try await book(server, start: last, phone: "083333333333").status == 201)

    try await withPage(server.baseURL + "/book.html?service=A", width: 360, height: 640) { page in
      let date = String(full.prefix(10))
      try await page.wait(for: "document.querySelector('.day')")
      try await page.click(".day[data-date='\(date)']")
      let fullSlot = ".slot[data-start='\(full)']"
      try await page.wait(for: "document.querySelector(\(jsString(fullSlot)))?.disabled === true")
      #expect(try await page.text(fullSlot + " .slot-free") == "Penuh")
      try await page.eval(
        "document.querySelector(\(jsString(fullSlot))).scrollIntoView({block: 'center'})")
      try await screenshot(page, "book-slot-full-360x640")
      try await expectFits(page, "full slot at 360x640")

      // The last place of another slot goes while this visitor types.
      let lastSlot = ".slot[data-start='\(last)']"
      try await page.click(lastSlot)
      try await page.wait(for: "!document.getElementById('v-form').hidden")
      #expect(try await book(server, start: last, phone: "084444444444").status == 201)
      try await fill(page, "name", "Sari Dewi")
      try await fill(page, "phone", "081234567890")
      try await page.click("#submit")
      try await page.wait(
        for:
          "!document.getElementById('v-slots').hidden && !document.getElementById('slots-error').hidden"
      )
      #expect(try await page.text("#slots-error").contains("penuh"))
      try await page.wait(for: "document.querySelector(\(jsString(lastSlot)))?.disabled === true")
    }
  }

  @Test func remoteShareAndAPhonesDailyCapAreRefusedInIndonesian() async throws {
    let server = try ServerProcess(hall: Self.hall)
    // A share of 0.5 with no quota: the day's first ticket may be remote, a second in a row not.
    let first = try await server.request(
      "POST", "/api/tickets", json: ["service": "A", "remote": true, "phone": "081111111111"])
    #expect(first.status == 201)
    // This phone has used its three for the day.
    let starts = try await slots(server).suffix(3).map(\.start)
    for start in starts {
      #expect(try await book(server, start: start, phone: "085555555555").status == 201)
    }

    try await withPage(server.baseURL + "/book.html") { page in
      try await page.wait(
        for: "document.querySelector('.svc[data-service=A] button[data-action=remote]')")
      try await page.click(".svc[data-service=A] button[data-action=remote]")
      try await fill(page, "phone", "082222222222")
      try await page.click("#submit")
      try await page.wait(for: "!document.getElementById('form-error').hidden")
      #expect(
        try await page.text("#form-error").contains(
          "Kuota nomor antrean lewat HP hari ini sudah habis"))
      #expect(try await page.eval("location.pathname").string == "/book.html")
      try await screenshot(page, "book-remote-share-reached-390x844")
      try await expectFits(page, "remote share reached")

      try await page.eval("history.back()")
      try await page.wait(for: "!document.getElementById('v-services').hidden")
      try await page.click(".svc[data-service=A] button[data-action=book]")
      try await page.wait(for: "document.querySelector('.slot')")
      try await page.click(".day:nth-child(2)")
      try await page.wait(
        for:
          "document.querySelector('.day:nth-child(2)[aria-pressed=true]') && document.querySelector('.slot:not(:disabled)')"
      )
      try await page.click(".slot:not(:disabled)")
      try await fill(page, "name", "Sari Dewi")
      try await fill(page, "phone", "0855-5555-5555")
      try await page.click("#submit")
      try await page.wait(for: "!document.getElementById('form-error').hidden")
      // The server's own sentence: which limit, and when to try again.
      #expect(
        try await page.text("#form-error")
          == "Nomor HP ini sudah dipakai 3 kali hari ini; coba lagi besok.")
    }
  }

  // MARK: - Kiosk check-in

  @Test func kioskChecksABookedVisitorInByCodeAndExplainsRefusals() async throws {
    let server = try ServerProcess(hall: Self.hall)
    let now = Date()
    let upcoming = try await slots(server).filter {
      guard let at = ISO8601DateFormatter().date(from: $0.start) else { return false }
      return at > now
    }
    // The next slot starts within 15 minutes: check-in is open (from 30 minutes before).
    let soon = try #require(upcoming.first?.start)
    let later = try #require(upcoming.last?.start)
    let soonBooking = try await book(server, start: soon, phone: "081234567890").object
    let code = try #require((soonBooking["booking"] as? [String: Any])?["code"] as? String)
    let laterBooking = try await book(server, start: later, phone: "089876543210").object
    let laterCode = try #require((laterBooking["booking"] as? [String: Any])?["code"] as? String)

    try await withPage(
      server.baseURL + "/kiosk.html?box=K1#token=k1-secret", width: 1080, height: 1920,
      mobile: false
    ) { page in
      try await page.wait(for: "!document.getElementById('appointment').hidden")
      try await page.click("#appointment")
      try await page.wait(for: "!document.getElementById('checkin').hidden")
      // Only keys of the code's alphabet: no 0, O, 1 or I to mistype.
      let keys =
        try await page.eval(
          "[...document.querySelectorAll('#keypad .key')].map(k => k.dataset.key).join('')"
        ).string ?? ""
      #expect(
        keys.count == 32 && !keys.contains("O") && !keys.contains("0") && !keys.contains("I")
          && !keys.contains("1"))

      func type(_ text: String) async throws {
        for ch in text { try await page.click("#keypad .key[data-key='\(ch)']") }
      }
      // A code nobody booked.
      let unknown = code == "ZZZZZZ" ? "YYYYYY" : "ZZZZZZ"
      try await type(unknown)
      try await page.click("#checkin-go")
      try await page.wait(
        for: "document.getElementById('checkin-error').classList.contains('shown')")
      #expect(try await page.text("#checkin-error").contains("Kode tidak ditemukan"))
      #expect(
        try await page.eval("document.getElementById('code-boxes').dataset.code").string == "")

      // A booking for later: too early.
      try await type(laterCode)
      try await page.click("#checkin-go")
      try await page.wait(
        for: "document.getElementById('checkin-error').classList.contains('too_early')")
      #expect(try await page.text("#checkin-error").contains("30 menit sebelum"))
      try await screenshot(page, "kiosk-checkin-too-early-1080x1920")
      for _ in 0..<6 { try await page.click("#checkin-erase") }

      try await type(code)
      try await page.click("#checkin-go")
      try await page.wait(for: "!document.getElementById('result').hidden")
      #expect(try await page.eval("document.getElementById('checkin').hidden").bool == true)
      #expect(try await page.text("#result-number") == "A001")
      #expect(try await page.text("#result-appointment").hasPrefix("Janji temu pukul "))
      try await screenshot(page, "kiosk-checkin-ticket-1080x1920")
      try await expectFits(page, "kiosk check-in ticket")
    }
    let hall = try await server.request("GET", "/api/hall").object
    let services = hall["services"] as? [[String: Any]] ?? []
    #expect(services.first { $0["id"] as? String == "A" }?["issued"] as? Int == 1)
  }

  @Test func kioskCheckInPrintsTheAppointmentTicketOnItsBox() async throws {
    let server = try ServerProcess(hall: Self.hall)
    let printer = try FakePrinter(directory: server.directory)
    let box = try TicketBoxProcess(
      server: server.baseURL, printer: printer.address, directory: server.directory, name: "box")
    #expect(try await eventually { try await server.boxConnected() }, "\(box.logs)")
    let now = Date()
    let soon = try #require(
      try await slots(server).first {
        (ISO8601DateFormatter().date(from: $0.start) ?? now) > now
      }?.start)
    let booked = try await book(server, start: soon, phone: "081234567890").object
    let code = try #require((booked["booking"] as? [String: Any])?["code"] as? String)

    try await withPage(
      server.baseURL + "/kiosk.html?box=K1#token=k1-secret", width: 1366, height: 768,
      mobile: false
    ) { page in
      try await page.wait(for: "!document.getElementById('appointment').hidden")
      try await page.click("#appointment")
      for ch in code { try await page.click("#keypad .key[data-key='\(ch)']") }
      try await page.click("#checkin-go")
      try await page.wait(for: "!document.getElementById('result').hidden")
      // Printed, so no QR code on screen.
      #expect(try await page.eval("document.getElementById('result-qr').hidden").bool == true)
      #expect(try await page.text("#result-note").hasPrefix("Tiket sedang dicetak"))
      #expect(try await page.text("#result-appointment").hasPrefix("Janji temu pukul "))
      try await screenshot(page, "kiosk-checkin-printing-1366x768")
      try await expectFits(page, "kiosk check-in printing")
    }
    #expect(try await eventually { printer.count("A001") == 1 }, "\(box.logs)")
    #expect(printer.count("Janji temu ") == 1)
  }

  // MARK: - Remote ticket and its alerts

  /// Run before the page's scripts: vibration and notifications are recorded (a headless
  /// browser has neither), and permission is granted as a visitor would grant it.
  static let recordAlerts = """
    (() => {
      window.__vibrations = [];
      window.__notifications = [];
      Object.defineProperty(navigator, 'vibrate', { value: (p) => { window.__vibrations.push(p); return true; } });
      window.Notification = class {
        static permission = 'granted';
        static requestPermission() { return Promise.resolve('granted'); }
        constructor(title, options) { window.__notifications.push({ title, body: options?.body }); }
      };
      if (navigator.serviceWorker) navigator.serviceWorker.register = () => Promise.reject(new Error('not in this test'));
    })();
    """

  @Test func remoteTicketTakenOnThePhoneAlertsItsVisitorWhenTheQueueMoves() async throws {
    let server = try ServerProcess(hall: Self.hall)
    // Walk-ins first: the remote ticket stays within the remote share, with 4 people ahead.
    for _ in 0..<4 {
      #expect(
        try await server.request("POST", "/api/tickets", token: "k1-secret", json: ["service": "A"])
          .status == 201)
    }
    try await withPage(server.baseURL + "/book.html", initScript: Self.recordAlerts) { page in
      try await page.wait(
        for:
          "document.querySelector('.svc[data-service=A] button[data-action=remote]')?.disabled === false"
      )
      try await page.click(".svc[data-service=A] button[data-action=remote]")
      try await page.wait(for: "!document.getElementById('v-form').hidden")
      #expect(try await page.eval("document.getElementById('name-field').hidden").bool == true)
      try await fill(page, "phone", "08123")
      try await page.click("#submit")
      try await page.wait(for: "!document.getElementById('phone-error').hidden")
      try await screenshot(page, "book-remote-390x844")
      try await fill(page, "phone", "081234567890")
      try await page.click("#submit")

      // The tracking page, with the ticket's key.
      try await page.wait(
        for:
          "location.pathname.endsWith('/track.html') && document.getElementById('number').textContent === 'A005'",
        timeout: 10)
      let search = try await page.eval("location.search").string ?? ""
      #expect(search.contains("t=") && search.contains("&k="), "\(search)")
      try await page.wait(for: "document.getElementById('ahead').textContent === '4 orang'")
      try await page.wait(
        for: "document.getElementById('note').textContent.includes('tinggal 2 orang')")
      try await page.click("#sound")
      try await screenshot(page, "track-remote-390x844")
      try await expectFits(page, "remote tracking")

      // One ahead leaves: 3 ahead, still above the threshold of 2.
      _ = try await server.request("POST", "/api/counters/1/call", token: "c1-secret")
      _ = try await server.request("POST", "/api/counters/1/start", token: "c1-secret")
      try await page.wait(for: "document.getElementById('ahead').textContent === '3 orang'")
      #expect(try await page.eval("window.__alerts.length").int == 0)
      // Another: 2 ahead, the alert fires, once.
      _ = try await server.request("POST", "/api/counters/1/call", token: "c1-secret")
      try await page.wait(for: "document.getElementById('ahead').textContent === '2 orang'")
      try await page.wait(for: "window.__alerts.length === 1")
      let alert = try await page.eval("window.__alerts[0]").value as? [String: Any] ?? [:]
      #expect(alert["kind"] as? String == "near")
      #expect(alert["ahead"] as? Int == 2)
      #expect(alert["vibrate"] as? Bool == true)
      #expect(try await page.eval("window.__vibrations.length").int == 1)
      #expect(
        try await page.eval("window.__notifications[0]?.title").string
          == "Nomor A005 hampir dipanggil")
      #expect(try await page.text("#note").contains("sudah dekat"))
      try await screenshot(page, "track-remote-near-390x844")

      // A reload does not ring again for the same threshold.
      try await page.eval("location.reload()")
      try await page.wait(for: "document.getElementById('ahead')?.textContent === '2 orang'")
      try await page.wait(for: "document.getElementById('offline').hidden")
      #expect(try await page.eval("window.__alerts.length").int == 0)
      #expect(try await page.eval("window.__notifications.length").int == 0)

      // Its call alerts too: vibration, the voice and a notification naming the counter.
      try await page.click("#sound")
      for _ in 0..<3 {
        _ = try await server.request("POST", "/api/counters/1/start", token: "c1-secret")
        _ = try await server.request("POST", "/api/counters/1/call", token: "c1-secret")
      }
      try await page.wait(for: "!document.getElementById('called').hidden")
      try await page.wait(for: "window.__alerts.some((a) => a.kind === 'called')")
      let called =
        try await page.eval("window.__alerts.find((a) => a.kind === 'called')").value
        as? [String: Any] ?? [:]
      #expect(called["vibrate"] as? Bool == true)
      #expect(called["counter"] as? Int == 1)
      #expect(
        try await page.eval("window.__notifications.at(-1)?.title").string == "Giliran Anda! A005")
      #expect(
        try await page.eval("window.__notifications.at(-1)?.body").string
          == "Silakan menuju Loket 1.")
      try await screenshot(page, "track-remote-called-390x844")
    }
  }
}

/// `YYYY-MM-DD` in the test hall's zone (Asia/Jakarta).
func hallDayFormatter() -> ISO8601DateFormatter {
  let f = ISO8601DateFormatter()
  f.formatOptions = [.withFullDate]
  f.timeZone = TimeZone(identifier: "Asia/Jakarta")
  return f
}
