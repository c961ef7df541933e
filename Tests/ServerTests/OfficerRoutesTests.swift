import Foundation
import HTTP
import HallWire
import Testing

@testable import Server

/// Officers, sign-in and the survey through the hall app, with fake feed connections and the
/// clock in the test's hands.
@Suite struct OfficerRoutesTests {
  func addOfficer(_ f: AppFixture, id: String = "sari") -> String {
    let r = f.roundTrip(
      .POST, "/api/officers", token: "admin-secret", body: #"{"id":"\#(id)","name":"Sari Dewi"}"#)
    #expect(r.status == 201)
    return r.object["pin"] as? String ?? ""
  }

  @Test func signInIsBroadcastAsACounterEventWithTheOfficer() throws {
    let f = try AppFixture()
    let pin = addOfficer(f)
    let screen = FakePeer()
    f.app.attach(screen, since: nil, now: f.now)
    screen.clear()
    let r = f.roundTrip(
      .POST, "/api/counters/2/signin", token: "c2-secret",
      body: #"{"officer":"sari","pin":"\#(pin)"}"#)
    #expect(r.status == 200)
    #expect(screen.types == ["counter"])
    let counter = screen.messages.first?["counter"] as? [String: Any]
    #expect((counter?["officer"] as? [String: Any])?["name"] as? String == "Sari Dewi")
    // The PIN and its hash never reach a screen.
    let frames = screen.frames.map { String(decoding: $0.bytes, as: UTF8.self) }.joined()
    #expect(!frames.contains(pin) && !frames.contains("pbkdf2"))
  }

  @Test func fiveWrongPinsLockSignInForFifteenMinutes() throws {
    let f = try AppFixture()
    let pin = addOfficer(f)
    let wrong = pin == "000000" ? "000001" : "000000"
    for _ in 0..<5 {
      let r = f.roundTrip(
        .POST, "/api/counters/1/signin", token: "c1-secret",
        body: #"{"officer":"sari","pin":"\#(wrong)"}"#)
      #expect(r.status == 401 && r.errorCode == "bad_pin")
      f.now += 60_000
    }
    let locked = f.roundTrip(
      .POST, "/api/counters/1/signin", token: "c1-secret",
      body: #"{"officer":"sari","pin":"\#(pin)"}"#)
    #expect(locked.status == 429 && locked.errorCode == "rate_limited")
    f.now += 15 * 60_000
    let ok = f.roundTrip(
      .POST, "/api/counters/1/signin", token: "c1-secret",
      body: #"{"officer":"sari","pin":"\#(pin)"}"#)
    #expect(ok.status == 200)
  }

  @Test(arguments: [
    (#"{"officer":"sari"}"#, 400),
    (#"{"officer":"sari","pin":123456}"#, 400),
    (#"{"officer":"sari","pin":"12345"}"#, 400),
    ("not json", 400),
  ])
  func badSignInBodiesAreRefused(body: String, status: Int) throws {
    let f = try AppFixture()
    _ = addOfficer(f)
    #expect(
      f.roundTrip(.POST, "/api/counters/1/signin", token: "c1-secret", body: body).status == status)
    #expect(
      f.roundTrip(.GET, "/api/hall").object["counters"].map { "\($0)" }?.contains("Sari") == false)
  }

  @Test func officerAdministrationNeedsTheAdminAndValidInput() throws {
    let f = try AppFixture()
    #expect(f.roundTrip(.GET, "/api/officers", token: "c1-secret").status == 403)
    #expect(f.roundTrip(.GET, "/api/officers").status == 401)
    #expect(
      f.roundTrip(.POST, "/api/officers", token: "admin-secret", body: #"{"id":"a b","name":"X"}"#)
        .status == 400)
    #expect(
      f.roundTrip(.POST, "/api/officers", token: "admin-secret", body: #"{"id":"ok"}"#).status
        == 400)
    #expect(f.roundTrip(.POST, "/api/officers/nobody/pin", token: "admin-secret").status == 404)
    #expect(f.roundTrip(.DELETE, "/api/officers/nobody", token: "admin-secret").status == 404)
    _ = addOfficer(f)
    #expect(
      f.roundTrip(
        .POST, "/api/officers", token: "admin-secret", body: #"{"id":"sari","name":"Lain"}"#
      ).status == 409)
  }

  @Test func theVisitorAnswersTheSurveyWithTheTicketsKeyAndOnlyWithIt() throws {
    let f = try AppFixture()
    let t = f.roundTrip(.POST, "/api/tickets", token: "k1-secret", body: #"{"service":"B"}"#)
    let id = t.object["id"] as? String ?? ""
    let key = t.object["key"] as? String ?? ""
    #expect(!key.isEmpty)
    _ = f.roundTrip(.POST, "/api/counters/2/call", token: "c2-secret")
    _ = f.roundTrip(.POST, "/api/counters/2/done", token: "c2-secret")
    let body = #"{"u1":4,"u2":4,"u3":4,"u4":4,"u5":4,"u6":4,"u7":4,"u8":4,"u9":4}"#
    #expect(
      f.roundTrip(.POST, "/api/tickets/\(id)/survey?key=wrong-key", body: body).errorCode
        == "forbidden")
    #expect(
      f.roundTrip(.POST, "/api/tickets/\(id)/survey?key=\(key)", body: body).status == 201)
    #expect(
      f.roundTrip(.POST, "/api/tickets/\(id)/survey?key=\(key)", body: body).errorCode
        == "already_answered")
  }

  @Test func surveyFromTheServingCounterOnlyOnceAndOnlyForADoneTicket() throws {
    let f = try AppFixture()
    let t = f.roundTrip(.POST, "/api/tickets", token: "k1-secret", body: #"{"service":"B"}"#)
    let id = t.object["id"] as? String ?? ""
    _ = f.roundTrip(.POST, "/api/counters/2/call", token: "c2-secret")
    let body = #"{"u1":4,"u2":4,"u3":3,"u4":4,"u5":3,"u6":4,"u7":4,"u8":3,"u9":3}"#
    #expect(
      f.roundTrip(.POST, "/api/tickets/\(id)/survey", token: "c2-secret", body: body).errorCode
        == "conflict")
    _ = f.roundTrip(.POST, "/api/counters/2/done", token: "c2-secret")
    #expect(
      f.roundTrip(.POST, "/api/tickets/\(id)/survey", token: "c1-secret", body: body).status == 403)
    #expect(f.roundTrip(.POST, "/api/tickets/\(id)/survey", body: body).status == 401)
    #expect(
      f.roundTrip(.POST, "/api/tickets/unknown/survey", token: "c2-secret", body: body).status
        == 404)
    #expect(
      f.roundTrip(.POST, "/api/tickets/\(id)/survey", token: "c2-secret", body: #"{"u1":"4"}"#)
        .status == 400)
    #expect(
      f.roundTrip(.POST, "/api/tickets/\(id)/survey", token: "c2-secret", body: body).status == 201)
    #expect(
      f.roundTrip(.POST, "/api/tickets/\(id)/survey", token: "admin-secret", body: body).errorCode
        == "already_answered")
    let ikm = f.roundTrip(.GET, "/api/ikm", token: "admin-secret")
    // (4+4+3+4+3+4+4+3+3) = 32; 25 × 32 / 9 = 88.888… → 88.89, band A.
    #expect(ikm.object["ikm"] as? Double == 88.89 && ikm.object["band"] as? String == "A")
    #expect((ikm.object["by_counter"] as? [[String: Any]])?.first?["counter"] as? Int == 2)
  }
}
