import Foundation
import Testing
import ZbarReader

/// The pages in `Displays/` in a real Chromium against a real `antre serve`.
///
/// Each test's server is stopped by `ServerProcess`'s deinit (SIGKILL), not `terminate()`:
/// spawned from a Swift concurrency thread, `antre serve` inherits that thread's blocked
/// SIGTERM, and `terminate()` would then wait forever.
@Suite(
  .serialized,
  .enabled(
    if: BrowserDriver.chromium != nil, "chromium is not installed: the browser tests are skipped"))
struct BrowserTests {
  let browser = BrowserDriver.shared

  /// Opens a tab, runs `body` with it, expects no script errors, and closes it however
  /// `body` ends.
  func withPage(
    _ url: String, width: Int, height: Int, mobile: Bool = false,
    _ body: (BrowserPage) async throws -> Void
  ) async throws {
    let page = try await browser.open(url, width: width, height: height, mobile: mobile)
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

  @Test func hallPageShowsACallMadeThroughTheAPIWithinOneSecond() async throws {
    let server = try ServerProcess()
    try await withPage(server.baseURL + "/hall.html", width: 1920, height: 1080) { page in
      try await page.wait(for: "document.getElementById('hall-name').textContent === 'Test Hall'")
      try await page.wait(for: "document.getElementById('offline').hidden")

      let issued = try await server.request(
        "POST", "/api/tickets", token: "k1-secret", json: ["service": "A"])
      #expect(issued.status == 201)
      // Measured on the page's own clock, from just before the call request leaves to the
      // moment the call is on screen, so the test driver's polling adds nothing to it.
      let status = try await page.eval(
        """
        new Promise((resolve) => {
          const shown = () => document.getElementById('now-number').textContent === 'A001'
            && document.getElementById('now-counter').textContent === 'Loket 1'
            && document.querySelector('#recent li .number')?.textContent === 'A001';
          new MutationObserver((_, observer) => {
            if (shown()) { window.__shownAt = performance.now(); observer.disconnect(); }
          }).observe(document.body, { subtree: true, childList: true, characterData: true });
          window.__callAt = performance.now();
          fetch('/api/counters/1/call', {
            method: 'POST', headers: { Authorization: 'Bearer c1-secret' },
          }).then((r) => resolve(r.status));
        })
        """)
      #expect(status.int == 200)
      try await page.wait(for: "window.__shownAt !== undefined", timeout: 5)
      let elapsed = try await page.eval("window.__shownAt - window.__callAt").value as? Double
      #expect((elapsed ?? .infinity) < 1000, "the call took \(elapsed ?? -1) ms to show")
    }
  }

  @Test func kioskPageIssuesATicketWhenItsServiceButtonIsClicked() async throws {
    let server = try ServerProcess()
    try await withPage(
      server.baseURL + "/kiosk.html?box=K1#token=k1-secret", width: 1280, height: 800
    ) { page in
      let button = "button.service[data-service='A']"
      try await page.wait(for: "document.querySelector(\"\(button)\")?.disabled === false")
      // The token leaves the address bar once read.
      #expect(try await page.eval("location.hash").string == "")

      try await page.click(button)
      // No box is connected: the box's 503 makes the page issue without it and show a QR code.
      try await page.wait(
        for:
          "!document.getElementById('result').hidden && !document.getElementById('result-qr').hidden"
      )
      #expect(try await page.text("#result-number") == "A001")
      #expect(try await page.text("#result-ahead") == "0 orang")
      try await page.wait(
        for:
          "document.getElementById('qr-img').complete && document.getElementById('qr-img').naturalWidth > 0"
      )

      let hall = try await server.request("GET", "/api/hall").object
      let services = hall["services"] as? [[String: Any]] ?? []
      #expect(services.first { $0["id"] as? String == "A" }?["issued"] as? Int == 1)
    }
  }

  @Test func trackingPageShowsTheTicketsPositionAndItsCall() async throws {
    let server = try ServerProcess()
    _ = try await server.request("POST", "/api/tickets", token: "k1-secret", json: ["service": "A"])
    let mine = try await server.request(
      "POST", "/api/tickets", token: "k1-secret", json: ["service": "A"]
    ).object
    let id = try #require(mine["id"] as? String)
    let key = try #require(mine["key"] as? String)
    try await withPage(
      server.baseURL + "/track.html?t=\(id)&k=\(key)", width: 390, height: 844, mobile: true
    ) { page in
      try await page.wait(for: "document.getElementById('number').textContent === 'A002'")
      try await page.wait(for: "document.getElementById('ahead').textContent === '1 orang'")
      #expect(try await page.text("#state") == "Menunggu")
      #expect(try await page.eval("document.getElementById('cancel').hidden").bool == false)

      // The ticket ahead is called: this one moves up without a reload.
      _ = try await server.request("POST", "/api/counters/1/call", token: "c1-secret")
      try await page.wait(for: "document.getElementById('ahead').textContent === '0 orang'")
      // Then this one is called, once the first is done (a second call moments after the
      // first would count as the same press).
      _ = try await server.request("POST", "/api/counters/1/done", token: "c1-secret")
      _ = try await server.request("POST", "/api/counters/1/call", token: "c1-secret")
      try await page.wait(for: "!document.getElementById('called').hidden")
      #expect(try await page.text("#called-go") == "Silakan menuju Loket 1")
      #expect(try await page.text("#state") == "Dipanggil")
    }
  }

  @Test func counterPageShowsPausedWithItsReason() async throws {
    let server = try ServerProcess()
    try await withPage(server.baseURL + "/counter.html?counter=1", width: 1280, height: 720) {
      page in
      try await page.wait(for: "document.getElementById('name').textContent === 'Loket 1'")
      try await page.wait(for: "document.getElementById('offline').hidden")

      let paused = try await server.request(
        "POST", "/api/counters/1/pause", token: "c1-secret", json: ["reason": "makan siang"])
      #expect(paused.status == 200)
      try await page.wait(for: "document.body.dataset.state === 'paused'")
      #expect(try await page.text("#status") == "Istirahat · makan siang")
    }
  }

  /// Where to save screenshots (`ANTRE_SCREENSHOTS=DIR`), or nil to take none.
  static let screenshotDirectory = ProcessInfo.processInfo.environment["ANTRE_SCREENSHOTS"]

  /// Elements that stick out of the viewport (sideways always; downwards on screens that
  /// cannot scroll), whose content is taller than their box (squeezed rows overlap), or
  /// whose text is cut off. The ticker runs off-screen on purpose.
  static let layoutProblems = """
    (() => {
      const W = innerWidth, H = innerHeight, fixed = document.body.classList.contains('kiosk');
      const bad = [];
      for (const e of document.body.querySelectorAll('*')) {
        if (e.closest('.ticker-track, [hidden], svg')) continue;
        const style = getComputedStyle(e);
        if (style.display === 'none' || style.visibility === 'hidden') continue;
        const r = e.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        const name = e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
          + (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
        if (r.right > W + 1 || r.left < -1) bad.push(name + ' sticks out sideways');
        if (fixed && r.bottom > H + 1) bad.push(name + ' sticks out below');
        // Containers only: a big number's glyphs rise above its line box by design.
        if (e.children.length > 0 && style.display !== 'inline' && e.clientHeight > 0
            && e.scrollHeight > e.clientHeight + 2
            && !['auto', 'scroll'].includes(style.overflowY)) bad.push(name + ' content taller than its box: ' + e.scrollHeight + ' > ' + e.clientHeight);
        if (e.children.length === 0 && e.textContent.trim() && e.scrollWidth > e.clientWidth + 1
            && style.overflowX !== 'visible') bad.push(name + ' text cut off: ' + e.textContent.trim());
      }
      return bad.slice(0, 20);
    })()
    """

  @Test func everyPageFitsItsTargetSizeWithAFullHall() async throws {
    let server = try ServerProcess(hall: BrowserHall.busy)
    try await BrowserHall.fill(server)
    let waiting = try await server.request(
      "POST", "/api/tickets", token: "admin-secret", json: ["service": "A"]
    ).object
    let ticket = try #require(waiting["id"] as? String)
    let views: [(name: String, path: String, width: Int, height: Int, ready: String)] = [
      ("hall-1920x1080", "/hall.html", 1920, 1080, "#recent li:nth-child(8)"),
      ("hall-1366x768", "/hall.html", 1366, 768, "#recent li:nth-child(8)"),
      ("hall-1080x1920", "/hall.html", 1080, 1920, "#recent li:nth-child(8)"),
      ("counter-1-1280x720", "/counter.html?counter=1", 1280, 720, "body[data-state=open]"),
      ("counter-4-paused-800x480", "/counter.html?counter=4", 800, 480, "body[data-state=paused]"),
      ("kiosk-1366x768", "/kiosk.html?box=K1#token=k1-secret", 1366, 768, "button.service.closed"),
      (
        "kiosk-1080x1920", "/kiosk.html?box=K1#token=k1-secret", 1080, 1920, "button.service.closed"
      ),
      ("track-390x844", "/track.html?t=\(ticket)", 390, 844, "body[data-state=waiting]"),
      ("book-390x844", "/book.html", 390, 844, ".svc"),
      ("book-360x640", "/book.html", 360, 640, ".svc"),
      ("dashboard-1440x900", "/dashboard.html#token=admin-secret", 1440, 900, "#counter-stats tr"),
      ("index-1280x800", "/", 1280, 800, "#counters a"),
    ]
    for view in views {
      try await withPage(
        server.baseURL + view.path, width: view.width, height: view.height,
        mobile: view.name.hasPrefix("track") || view.name.hasPrefix("book")
      ) { page in
        try await page.wait(for: "document.querySelector(\(jsString(view.ready))) !== null")
        try await page.wait(for: "document.getElementById('offline')?.hidden ?? true")
        if let dir = Self.screenshotDirectory {
          try await page.screenshot(to: "\(dir)/\(view.name).png")
        }
        let problems = try await page.eval(Self.layoutProblems).strings
        #expect(problems.isEmpty, "\(view.name): \(problems)")
        if view.path == "/hall.html" {
          // The call in progress is the screen's point: at least a tenth of its height.
          let tall = try await page.eval(
            "document.getElementById('now-number').getBoundingClientRect().height > innerHeight / 10"
          ).bool
          #expect(tall == true, "\(view.name): the current call is not shown large")
        }
      }
    }
  }

  @Test func kioskShowsTheNumberWithAQRCodeWhenTheBoxCannotPrint() async throws {
    let server = try ServerProcess(hall: BrowserHall.busy)
    try await withPage(
      server.baseURL + "/kiosk.html?box=K1#token=k1-secret", width: 1080, height: 1920
    ) { page in
      try await page.wait(
        for: "document.querySelector(\"button.service[data-service='C']\")?.disabled === false")
      try await page.click("button.service[data-service='C']")
      try await page.wait(for: "!document.getElementById('result-qr').hidden")
      #expect(try await page.text("#result-number") == "C001")
      // The code on screen is the server's (/qr.svg) and reads back as the tracking link.
      try await page.wait(
        for:
          "document.getElementById('qr-img').complete && document.getElementById('qr-img').naturalWidth > 0"
      )
      let shot = server.directory.appendingPathComponent("kiosk-qr.png")
      try await page.screenshot(to: shot.path)
      let decoded = try zbarDecode(shot)
      #expect(decoded.count == 1 && decoded.first?.contains("/track.html?t=") == true, "\(decoded)")
      if let dir = Self.screenshotDirectory {
        try await page.screenshot(to: "\(dir)/kiosk-ticket-1080x1920.png")
      }
      let problems = try await page.eval(Self.layoutProblems).strings
      #expect(problems.isEmpty, "\(problems)")
    }
  }
}
