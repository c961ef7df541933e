import Foundation
import Testing

/// The screens' connection (issue 20) and what they show a hall (issue 11) in a real Chromium
/// against a real `antre serve`, restarted on the same port where a test needs an outage.
@Suite(
  .serialized,
  .enabled(
    if: BrowserDriver.chromium != nil, "chromium is not installed: the browser tests are skipped"))
struct ScreensBrowserTests {
  let browser = BrowserDriver.shared

  /// Run before the page's scripts: every socket's open and close, and every change of the
  /// OFFLINE badge, on the page's own clock.
  static let watchConnection = """
    (() => {
      window.__ws = [];
      const Native = window.WebSocket;
      window.WebSocket = class extends Native {
        constructor(...args) {
          super(...args);
          const rec = { created: performance.now(), opened: null, closed: null };
          window.__ws.push(rec);
          this.addEventListener('open', () => { rec.opened = performance.now(); });
          this.addEventListener('close', () => { rec.closed = performance.now(); });
        }
      };
      window.__badge = [];
      document.addEventListener('DOMContentLoaded', () => {
        const b = document.getElementById('offline');
        const note = () => window.__badge.push({ at: performance.now(), hidden: b.hidden });
        note();
        new MutationObserver(note).observe(b, { attributes: true, attributeFilter: ['hidden'] });
      });
    })();
    """

  func open(
    _ url: String, width: Int, height: Int, mobile: Bool = false, watch: Bool = false
  ) async throws -> BrowserPage {
    try await browser.open(
      url, width: width, height: height, mobile: mobile,
      initScript: watch ? Self.watchConnection : nil)
  }

  /// Expects no script errors and closes the tab.
  func finish(_ page: BrowserPage) async throws {
    let errors = try await page.errors()
    await page.close()
    #expect(errors.isEmpty, "the page logged errors: \(errors)")
  }

  static let screenshots = ProcessInfo.processInfo.environment["ANTRE_SCREENSHOTS"]

  func screenshot(_ page: BrowserPage, _ name: String) async throws {
    if let dir = Self.screenshots { try await page.screenshot(to: "\(dir)/\(name).png") }
  }

  static let badgeHidden = "document.getElementById('offline').hidden"

  /// Milliseconds from the newest socket's open to the badge hiding after it (page clock).
  static let openToOnline = """
    (() => {
      const s = window.__ws.at(-1);
      const h = window.__badge.filter((b) => b.hidden && b.at >= s.opened - 1).at(0);
      return s.opened !== null && h ? h.at - s.opened : null;
    })()
    """

  // MARK: - Issue 20: connection

  @Test func offlineBadgeGoesWithinASecondOfAReconnectThatBringsNoEvents() async throws {
    var server = try ServerProcess()
    let port = server.port
    let page = try await open(server.baseURL + "/hall.html", width: 1920, height: 1080, watch: true)
    try await page.wait(for: Self.badgeHidden)
    let seq = try await page.eval("window.__ws.length").int ?? 0
    // Quick restarts, as an upgrade or a watchdog makes them, and nothing happens after any.
    for round in 1...5 {
      server.kill9()
      try await page.wait(for: "!" + Self.badgeHidden, timeout: 3)
      server = try ServerProcess(reuse: server.directory, extraArguments: ["--port", String(port)])
      try await page.wait(for: Self.badgeHidden, timeout: 4)
      let lag = try await page.eval(Self.openToOnline).value as? Double
      #expect(
        (lag ?? .infinity) < 1000, "round \(round): online \(lag ?? -1) ms after the socket opened")
    }
    #expect(try await page.eval("window.__ws.length").int ?? 0 > seq)
    // It stays online through the quiet that follows.
    try await Task.sleep(for: .milliseconds(1500))
    #expect(try await page.eval(Self.badgeHidden).bool == true)
    try await finish(page)
  }

  /// A 30 s outage and an 8 s one end the same way: the delay between attempts stops growing
  /// at 1.5 s after the third attempt (0.5 s, 1 s, then 1.5 s, about 2 s into the outage), so
  /// by 8 s every later attempt is already at the cap. The test asserts that cap too.
  @Test func screenComesBackWithinTwoSecondsOfARestartAfterALongOutage() async throws {
    var server = try ServerProcess()
    let port = server.port
    let page = try await open(server.baseURL + "/hall.html", width: 1920, height: 1080, watch: true)
    try await page.wait(for: Self.badgeHidden)
    server.kill9()
    try await page.wait(for: "!" + Self.badgeHidden, timeout: 3)
    try await Task.sleep(for: .seconds(8))
    server = try ServerProcess(reuse: server.directory, extraArguments: ["--port", String(port)])
    // The server prints `listening` before it accepts: this is the clock's start.
    let listening = try await page.eval("performance.now()").value as? Double ?? 0
    try await page.wait(for: Self.badgeHidden, timeout: 5)
    let back =
      try await page.eval(
        "window.__badge.filter((b) => b.hidden).at(-1).at - \(listening)"
      ).value as? Double
    #expect((back ?? .infinity) < 2000, "back \(back ?? -1) ms after the server listened")
    // The gaps between the last attempts of the outage: at most the cap (1.5 s) plus a loaded
    // machine's timer slack.
    let gaps =
      try await page.eval(
        "window.__ws.slice(-5).map((s, i, a) => i ? s.created - a[i - 1].closed : 0).slice(1)"
      ).value as? [Double] ?? []
    // Capped, not growing (the old backoff reached 7–10 s here). The cap is 1.5 s; a page in
    // a browser shared with a whole test suite sees its timers fire late (gaps of 1.8–2.4 s
    // were seen then, 1.0–1.5 s alone), so the bound is on growth, not on timer precision.
    let typical = gaps.isEmpty ? Double.infinity : gaps.sorted()[gaps.count / 2]
    #expect(
      !gaps.isEmpty && typical < 2500 && gaps.allSatisfy { $0 < 3500 }, "retry gaps \(gaps)")

    // And it is live: a call made now shows.
    _ = try await server.request("POST", "/api/tickets", token: "k1-secret", json: ["service": "A"])
    _ = try await server.request("POST", "/api/counters/1/call", token: "c1-secret")
    try await page.wait(for: "document.getElementById('now-number').textContent === 'A001'")
    try await finish(page)
  }

  /// A closed hall's screens retry gently (up to 15 s apart), but the browser's `online`
  /// event (its network is back) makes them retry at once.
  @Test func screenRetriesAtOnceWhenTheBrowserIsOnlineAgain() async throws {
    let (yaml, _) = Self.closedHall()
    var server = try ServerProcess(hall: yaml)
    let port = server.port
    let page = try await open(server.baseURL + "/hall.html", width: 1920, height: 1080, watch: true)
    try await page.wait(for: Self.badgeHidden)
    server.kill9()
    try await page.wait(for: "!" + Self.badgeHidden, timeout: 3)
    // Long enough for the delays to grow past a few seconds (0.5, 1, 2, 4 s … with jitter).
    try await Task.sleep(for: .seconds(6))
    let gap =
      try await page.eval(
        "(() => { const w = window.__ws; return w.at(-1).created - w.at(-2).closed; })()"
      ).value as? Double ?? 0
    #expect(gap > 1000, "the closed hall's screen retried after only \(gap) ms")
    server = try ServerProcess(reuse: server.directory, extraArguments: ["--port", String(port)])
    let sent =
      try await page.eval(
        "(() => { window.dispatchEvent(new Event('online')); return performance.now(); })()"
      ).value as? Double ?? 0
    try await page.wait(for: Self.badgeHidden, timeout: 2)
    let back =
      try await page.eval(
        "window.__badge.filter((b) => b.hidden).at(-1).at - \(sent)"
      ).value as? Double
    #expect((back ?? .infinity) < 1000, "back \(back ?? -1) ms after the online event")
    try await finish(page)
  }

  @Test func busyKioskRegistersEveryMousePress() async throws {
    let server = try ServerProcess()
    let page = try await open(
      server.baseURL + "/kiosk.html?box=K1#token=k1-secret", width: 1280, height: 800)
    let button = "button.service[data-service='A']"
    try await page.wait(for: "document.querySelector(\"\(button)\")?.disabled === false")
    // Five tickets a second from elsewhere in the hall, each an event the kiosk hears.
    let base = server.baseURL
    let load = Task {
      var issued = 0
      while !Task.isCancelled {
        let r = try? await ServerProcess.request(
          base, "POST", "/api/tickets", token: "admin-secret", json: ["service": "A"])
        if r?.status == 201 { issued += 1 }
        try? await Task.sleep(for: .milliseconds(200))
      }
      return issued
    }
    var numbers: [String] = []
    var lost = 0
    let started = Date()
    let clock = ContinuousClock()
    var lastPress = clock.now - .seconds(2)
    for _ in 1...15 {
      try await page.wait(for: "document.querySelector(\"\(button)\")?.disabled === false")
      // A person every 1.2 s: without a box each press costs two requests, and the server
      // allows a kiosk 2 a second (burst 10), so faster presses would be refused, not lost.
      try await clock.sleep(until: lastPress + .milliseconds(1200))
      lastPress = clock.now
      let before = try await page.text("#result-number")
      // A hand holds the button for a moment; events arrive meanwhile.
      try await page.click(button, holdMs: 150)
      do {
        try await page.wait(
          for:
            "!document.getElementById('result').hidden && document.getElementById('result-number').textContent !== \(jsString(before))",
          timeout: 3)
        numbers.append(try await page.text("#result-number"))
        try await page.click("#result-done")
        try await page.wait(for: "document.getElementById('result').hidden")
      } catch {
        lost += 1
      }
    }
    let seconds = Date().timeIntervalSince(started)
    load.cancel()
    let background = await load.value
    #expect(lost == 0, "\(lost) of 15 presses were lost")
    #expect(Set(numbers).count == 15, "tickets shown: \(numbers)")
    // The load really was on: about five a second.
    #expect(Double(background) / seconds > 3, "\(background) tickets in \(seconds) s")
    try await finish(page)
  }

  // MARK: - Issue 11: the voice

  /// Ten counters of one service, announced in Indonesian and English.
  static let rushHall = """
    name: Rush Hall
    timezone: Asia/Jakarta
    admin_token: admin-secret
    voice: [id, en]
    services:
      - {id: A, name: Kependudukan, target_wait_s: 900, mean_service_s: 300}
    counters:
    \((1...10).map { "  - {id: \($0), name: Loket \($0), services: [A], token: c\($0)-secret}" }.joined(separator: "\n"))
    kiosks:
      - {id: K1, token: k1-secret}
    """

  /// Records, at each change of the big number, what it shows and which call is being spoken.
  static let watchBigNumber = """
    (() => {
      window.__shown = [];
      const n = document.getElementById('now-number');
      new MutationObserver(() => {
        const cur = window.__announcements.filter((e) => e.endedAt === null && !e.chimeOnly).at(-1);
        window.__shown.push({ shown: n.textContent, speaking: cur ? cur.number : null });
      }).observe(n, { childList: true, characterData: true, subtree: true });
      return true;
    })()
    """

  /// Opens the hall page with sound on (the test browser allows audio without a gesture).
  func openHallWithSound(_ server: ServerProcess) async throws -> BrowserPage {
    let page = try await open(server.baseURL + "/hall.html", width: 1920, height: 1080)
    try await page.wait(for: Self.badgeHidden)
    try await page.wait(for: "document.getElementById('sound-overlay').hidden")
    try await page.eval(Self.watchBigNumber)
    return page
  }

  /// Issues `count` tickets and calls one at each of counters 1…count, as fast as HTTP goes.
  func rush(_ server: ServerProcess, calls count: Int) async throws -> [(String, Int)] {
    for i in 0..<count {
      _ = try await server.request(
        "POST", "/api/tickets", token: "admin-secret", json: ["service": "A", "priority": i == 2])
    }
    var called: [(String, Int)] = []
    for counter in 1...count {
      let t = try await server.request(
        "POST", "/api/counters/\(counter)/call", token: "c\(counter)-secret"
      ).object
      called.append((t["number"] as? String ?? "?", counter))
    }
    return called
  }

  /// The same rush with three-digit numbers (A120…), the longest to say: the tickets before
  /// them are issued first, and each counter calls its ticket by number.
  func rush(_ server: ServerProcess, calls count: Int, from first: Int) async throws
    -> [(String, Int)]
  {
    for _ in 1..<(first + count) {
      _ = try await server.request(
        "POST", "/api/tickets", token: "admin-secret", json: ["service": "A"])
    }
    var called: [(String, Int)] = []
    for counter in 1...count {
      let number = "A\(first + counter - 1)"
      let t = try await server.request(
        "POST", "/api/counters/\(counter)/call", token: "c\(counter)-secret",
        json: ["number": number]
      ).object
      called.append((t["number"] as? String ?? "?", counter))
    }
    return called
  }

  static let spoken = """
    window.__announcements.filter((e) => !e.chimeOnly).map((e) => ({
      number: e.number, counter: e.counter, recall: e.recall, played: e.played,
      clips: e.clips.length, form: e.form, rate: e.rate, langs: e.langs, ended: e.endedAt !== null,
      wait: e.startedAt - e.queuedAt }))
    """

  @Test func rushOfFiveCallsIsAnnouncedFiveTimesInOrder() async throws {
    let server = try ServerProcess(hall: Self.rushHall)
    let page = try await openHallWithSound(server)
    let started = Date()
    // Four calls and a recall within a second: five announcements.
    var expected = try await rush(server, calls: 4)
    _ = try await server.request("POST", "/api/counters/1/recall", token: "c1-secret")
    expected.append(expected[0])
    let rushTook = Date().timeIntervalSince(started)
    #expect(rushTook < 1, "the rush took \(rushTook) s")

    try await page.wait(
      for:
        "(() => { const a = \(Self.spoken); return a.length >= 5 && a.every((e) => e.ended); })()",
      timeout: 60)
    let said = try await page.eval(Self.spoken).value as? [[String: Any]] ?? []
    #expect(said.count == 5)
    #expect(
      said.map { "\($0["number"] as? String ?? "")@\($0["counter"] as? Int ?? 0)" }
        == expected.map { "\($0.0)@\($0.1)" })
    #expect(said.last?["recall"] as? Bool == true)
    // Real clips were decoded and scheduled for every one of them.
    #expect(said.allSatisfy { ($0["played"] as? Int ?? 0) >= 3 }, "\(said)")
    // The big number is the one being announced, the newer calls already in the list.
    let shown = try await page.eval("window.__shown").value as? [[String: Any]] ?? []
    let mismatched = shown.filter {
      $0["speaking"] is String && $0["speaking"] as? String != $0["shown"] as? String
    }
    #expect(mismatched.isEmpty, "\(mismatched)")
    #expect(shown.contains { $0["speaking"] as? String == expected[0].0 })
    #expect(try await page.eval("document.querySelectorAll('#recent li').length").int == 4)
    try await finish(page)
  }

  @Test func rushOfTenCallsWaitsAtMostTwentySecondsForItsVoice() async throws {
    let server = try ServerProcess(hall: Self.rushHall)
    let page = try await openHallWithSound(server)
    let longest = try await announced(try await rush(server, calls: 10), on: page, "rush of ten")
    #expect(longest <= 20, "the longest wait was \(longest) s")
    try await finish(page)
  }

  @Test func rushOfTenThreeDigitCallsWaitsAtMostTwentySecondsForItsVoice() async throws {
    let server = try ServerProcess(hall: Self.rushHall)
    let page = try await openHallWithSound(server)
    let expected = try await rush(server, calls: 10, from: 120)
    let longest = try await announced(expected, on: page, "rush of ten three-digit calls")
    // Said digit by digit in the quick voice ("A satu dua tujuh, loket delapan", ~1.7 s)
    // rather than "A seratus dua puluh tujuh" (25 s for the last call when that was so).
    #expect(longest <= 20, "the longest wait was \(longest) s")
    try await finish(page)
  }

  /// Waits until every call of `expected` was spoken, checks their order, prints the waits
  /// and returns the longest, in seconds.
  func announced(_ expected: [(String, Int)], on page: BrowserPage, _ label: String)
    async throws -> Double
  {
    try await page.wait(
      for:
        "(() => { const a = \(Self.spoken); return a.length >= \(expected.count) && a.every((e) => e.ended); })()",
      timeout: 120)
    let said = try await page.eval(Self.spoken).value as? [[String: Any]] ?? []
    #expect(
      said.map { "\($0["number"] as? String ?? "")@\($0["counter"] as? Int ?? 0)" }
        == expected.map { "\($0.0)@\($0.1)" })
    // Every clip of every call was found and decoded, the quick ones of a backlog too.
    #expect(
      said.allSatisfy {
        ($0["played"] as? Int ?? 0) >= 3 && $0["played"] as? Int == $0["clips"] as? Int
      },
      "\(said)")
    let waits = said.map { ($0["wait"] as? Double ?? .infinity) / 1000 }
    let longest = waits.max() ?? .infinity
    print(
      "\(label): longest announcement wait \(String(format: "%.1f", longest)) s; waits "
        + waits.map { String(format: "%.1f", $0) }.joined(separator: " ")
        + "; forms "
        + said.map { "\($0["form"] as? String ?? "?")@\($0["rate"] as? Double ?? 1)" }
        .joined(separator: " "))
    return longest
  }

  // MARK: - Issue 11: what the pages say

  /// A hall open only on the weekday two days from now, its services from different hours.
  static func closedHall() -> (yaml: String, day: String) {
    let days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
    let names = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"]
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
    let weekday = (calendar.component(.weekday, from: Date()) - 1 + 2) % 7
    let yaml = """
      name: Mal Pelayanan Publik Uji
      timezone: Asia/Jakarta
      admin_token: admin-secret
      services:
        - {id: A, name: Kependudukan (Dukcapil), target_wait_s: 900, mean_service_s: 300, hours: {\(days[weekday]): "08:00-15:00"}}
        - {id: B, name: Perizinan (DPMPTSP), target_wait_s: 900, mean_service_s: 300, hours: {\(days[weekday]): "09:30-12:00"}}
      counters:
        - {id: 1, name: Loket 1, services: [A, B], token: c1-secret}
      """
    return (yaml, names[weekday])
  }

  @Test func hallTVOutsideOpeningHoursSaysWhenServicesOpen() async throws {
    let (yaml, day) = Self.closedHall()
    let server = try ServerProcess(hall: yaml)
    let page = try await open(server.baseURL + "/hall.html", width: 1920, height: 1080)
    try await page.wait(for: "document.getElementById('now').classList.contains('closed')")
    #expect(try await page.text("#closed-title") == "Layanan tutup")
    #expect(try await page.text("#closed-opens") == "Layanan dibuka mulai \(day) pukul 08.00")
    // They differ: each service says its own.
    #expect(
      try await page.eval(
        "[...document.querySelectorAll('#waiting .count')].map((e) => e.textContent)"
      )
      .strings == ["buka \(day) 08.00", "buka \(day) 09.30"])
    try await screenshot(page, "hall-closed-1920x1080")
    let problems = try await page.eval(BrowserTests.layoutProblems).strings
    #expect(problems.isEmpty, "\(problems)")
    try await finish(page)

    // The dashboard gives no estimate for a closed service.
    let dash = try await open(
      server.baseURL + "/dashboard.html#token=admin-secret", width: 1440, height: 900)
    try await dash.wait(for: "document.querySelectorAll('#services tr').length === 2")
    #expect(
      try await dash.eval(
        "[...document.querySelectorAll('#services tr')].map((r) => r.lastChild.textContent)"
      )
      .strings == ["—", "—"])
    try await finish(dash)
  }

  @Test func trackingPageOfAStrandedTicketSaysNoCounterServesIt() async throws {
    let server = try ServerProcess()
    let mine = try await server.request(
      "POST", "/api/tickets", token: "k1-secret", json: ["service": "B"]
    ).object
    let id = try #require(mine["id"] as? String)
    let page = try await open(
      server.baseURL + "/track.html?t=\(id)", width: 390, height: 844, mobile: true)
    try await page.wait(for: "document.body.dataset.state === 'waiting'")
    try await page.wait(for: Self.badgeHidden)
    #expect(try await page.eval("document.getElementById('stranded').hidden").bool == true)
    // Both counters that serve B close; the last one has to insist.
    _ = try await server.request("POST", "/api/counters/2/close", token: "c2-secret")
    let closed = try await server.request(
      "POST", "/api/counters/1/close", token: "c1-secret", json: ["force": true])
    #expect(closed.status == 200)
    try await page.wait(for: "!document.getElementById('stranded').hidden")
    #expect(try await page.text("#stranded").lowercased() == "belum ada loket yang melayani")
    try await page.wait(for: "document.getElementById('eta').textContent === '—'")
    #expect(try await page.text("#state") == "Menunggu")
    try await screenshot(page, "track-stranded-390x844")
    let problems = try await page.eval(BrowserTests.layoutProblems).strings
    #expect(problems.isEmpty, "\(problems)")
    try await finish(page)
  }

  @Test func trackingPageOfAFinishedTicketOffersNoSoundAlerts() async throws {
    let server = try ServerProcess()
    let mine = try await server.request(
      "POST", "/api/tickets", token: "k1-secret", json: ["service": "A"]
    ).object
    let id = try #require(mine["id"] as? String)
    let page = try await open(
      server.baseURL + "/track.html?t=\(id)", width: 390, height: 844, mobile: true)
    try await page.wait(for: "document.body.dataset.state === 'waiting'")
    #expect(try await page.eval("document.getElementById('sound').hidden").bool == false)
    _ = try await server.request("POST", "/api/counters/1/call", token: "c1-secret")
    try await page.wait(for: "document.body.dataset.state === 'called'")
    #expect(try await page.eval("document.getElementById('sound').hidden").bool == false)
    _ = try await server.request("POST", "/api/counters/1/done", token: "c1-secret")
    try await page.wait(for: "document.body.dataset.state === 'done'")
    #expect(try await page.text("#state") == "Selesai")
    #expect(try await page.eval("document.getElementById('sound').hidden").bool == true)
    try await screenshot(page, "track-finished-390x844")
    try await finish(page)
  }

  @Test(arguments: [(1280, 720), (1920, 1080)])
  func counterScreenFitsAPauseReasonOfTwoHundredCharacters(width: Int, height: Int) async throws {
    let server = try ServerProcess()
    let reason = String(
      String(
        repeating:
          "Petugas sedang mengikuti rapat koordinasi pelayanan dengan dinas terkait; loket dibuka kembali pukul 13.30. ",
        count: 2
      ).prefix(200))
    #expect(reason.count == 200)
    let paused = try await server.request(
      "POST", "/api/counters/1/pause", token: "c1-secret", json: ["reason": reason])
    #expect(paused.status == 200)
    let page = try await open(
      server.baseURL + "/counter.html?counter=1", width: width, height: height)
    try await page.wait(for: "document.body.dataset.state === 'paused'")
    #expect(
      try await page.text("#status") == "Istirahat · " + reason.trimmingCharacters(in: .whitespaces)
    )
    let box =
      try await page.eval(
        """
        (() => { const s = document.getElementById('status'); const r = s.getBoundingClientRect();
          return { bottom: r.bottom, right: r.right, size: parseFloat(getComputedStyle(s).fontSize) }; })()
        """
      ).value as? [String: Double] ?? [:]
    #expect((box["bottom"] ?? .infinity) <= Double(height), "\(box)")
    #expect((box["right"] ?? .infinity) <= Double(width), "\(box)")
    // Still legible from a few metres.
    #expect((box["size"] ?? 0) >= 20, "\(box)")
    try await screenshot(page, "counter-paused-200-\(width)x\(height)")
    let problems = try await page.eval(BrowserTests.layoutProblems).strings
    #expect(problems.isEmpty, "\(problems)")
    try await finish(page)
  }

  @Test func dashboardTellsAWrongTokenFromNone() async throws {
    let server = try ServerProcess()
    let wrong = try await open(
      server.baseURL + "/dashboard.html#token=not-the-token", width: 1440, height: 900)
    try await wrong.wait(for: "document.getElementById('report-error').textContent !== ''")
    #expect(try await wrong.text("#report-error").hasPrefix("Token admin salah"))
    await wrong.close()
    let none = try await open(server.baseURL + "/dashboard.html", width: 1440, height: 900)
    try await none.wait(for: "document.getElementById('report-error').textContent !== ''")
    #expect(try await none.text("#report-error").hasPrefix("Token admin belum diberikan"))
    await none.close()
  }

  @Test func dashboardShowsMeasuredFiguresWithoutPlusMinus() async throws {
    let server = try ServerProcess()
    for _ in 0..<3 {
      _ = try await server.request(
        "POST", "/api/tickets", token: "k1-secret", json: ["service": "A"])
    }
    for _ in 0..<3 {
      _ = try await server.request("POST", "/api/counters/1/call", token: "c1-secret")
    }
    _ = try await server.request("POST", "/api/counters/1/done", token: "c1-secret")
    let page = try await open(
      server.baseURL + "/dashboard.html#token=admin-secret", width: 1440, height: 900)
    try await page.wait(for: "document.querySelectorAll('#stats tr').length > 0")
    let figures = try await page.eval(
      "[...document.querySelectorAll('#stats td, #counter-stats td')].map((e) => e.textContent)"
    ).strings
    #expect(figures.contains { $0.hasSuffix("detik") || $0.hasSuffix("menit") }, "\(figures)")
    #expect(!figures.contains { $0.contains("±") }, "\(figures)")
    try await finish(page)
  }
}
