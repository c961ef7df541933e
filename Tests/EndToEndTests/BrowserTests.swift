import Foundation
import Testing

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
      let started = ContinuousClock.now
      let called = try await server.request("POST", "/api/counters/1/call", token: "c1-secret")
      #expect(called.status == 200)
      try await page.wait(
        for: """
          document.getElementById('now-number').textContent === 'A001'
            && document.getElementById('now-counter').textContent === 'Loket 1'
            && document.querySelector('#recent li .number')?.textContent === 'A001'
          """, timeout: 1)
      #expect(ContinuousClock.now - started < .seconds(1))
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
      #expect(
        try await page.eval(
          "document.querySelector('#qr-svg path')?.getAttribute('d').length > 100"
        ).bool == true)

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
    try await withPage(
      server.baseURL + "/track.html?t=\(id)", width: 390, height: 844, mobile: true
    ) { page in
      try await page.wait(for: "document.getElementById('number').textContent === 'A002'")
      try await page.wait(for: "document.getElementById('ahead').textContent === '1 orang'")
      #expect(try await page.text("#state") == "Menunggu")
      #expect(try await page.eval("document.getElementById('cancel').hidden").bool == false)

      // The ticket ahead is called: this one moves up without a reload.
      _ = try await server.request("POST", "/api/counters/1/call", token: "c1-secret")
      try await page.wait(for: "document.getElementById('ahead').textContent === '0 orang'")
      // Then this one is called.
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
}
