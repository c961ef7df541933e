import PinHash
import HallWire
import Testing

@testable import QueueCore
import HallYAML

let salt = [UInt8](repeating: 7, count: 16)

extension Hall {
  @discardableResult
  func addOfficer(
    _ id: String, _ name: String = "Sari Dewi", pin: String = "482913", at now: Millis = monday9
  )
    throws(QueueError) -> Outcome
  {
    try handle(.addOfficer(id: id, name: name, pin: pin, salt: salt), at: now)
  }
}

@Suite struct OfficerAccountTests {
  @Test func signedInOfficerIsRecordedOnEveryCallAndTicket() throws {
    let hall = makeHall()
    let added = try hall.addOfficer("198506212010011001")
    #expect(added.changes.officers.count == 1)
    #expect(added.changes.officers[0].pin.matches("482913"))
    #expect(!added.changes.officers[0].pin.matches("482914"))
    let out = try hall.handle(
      .signIn(counter: 1, officer: "198506212010011001", pin: "482913"), at: monday9)
    #expect(out.types == ["counter"])
    #expect(out.changes.counters.first?.officer == "198506212010011001")
    #expect(hall.officerAt(counter: 1)?.name == "Sari Dewi")
    try hall.issue("A", at: monday9)
    let called = try hall.handle(.call(counter: 1, .auto), at: monday9 + minutes(1))
    #expect(called.changes.tickets.first?.officer == "198506212010011001")
    try hall.issue("A", at: monday9 + minutes(2))
    _ = try hall.handle(.signOut(counter: 1), at: monday9 + minutes(3))
    let next = try hall.handle(.call(counter: 1, .auto), at: monday9 + minutes(4))
    // The first ticket was finished under the officer; the second is called by nobody.
    #expect(next.changes.tickets.map(\.officer) == ["198506212010011001", nil])
  }

  @Test func signingInElsewhereSignsOutOfTheFirstCounter() throws {
    let hall = makeHall()
    try hall.addOfficer("sari")
    _ = try hall.handle(.signIn(counter: 1, officer: "sari", pin: "482913"), at: monday9)
    let out = try hall.handle(.signIn(counter: 2, officer: "sari", pin: "482913"), at: monday9)
    #expect(out.changes.counters.map(\.id) == [1, 2])
    #expect(out.changes.counters.map(\.officer) == [nil, "sari"])
    #expect(out.types == ["counter", "counter"])
    #expect(hall.officerAt(counter: 1) == nil)
  }

  @Test func wrongPinsAreLimitedToFivePerFifteenMinutes() throws {
    let hall = makeHall()
    try hall.addOfficer("sari")
    for i in 0..<5 {
      expectRefusal(.badPin) { () throws(QueueError) in
        _ = try hall.handle(
          .signIn(counter: 1, officer: "sari", pin: "000000"), at: monday9 + seconds(Int64(i)))
      }
    }
    // Locked: even the right PIN is refused, without changing anything.
    expectRefusal(.rateLimited) { () throws(QueueError) in
      _ = try hall.handle(
        .signIn(counter: 1, officer: "sari", pin: "482913"), at: monday9 + minutes(14))
    }
    let out = try hall.handle(
      .signIn(counter: 1, officer: "sari", pin: "482913"), at: monday9 + minutes(16))
    #expect(out.changes.counters.first?.officer == "sari")
  }

  @Test func wrongPinsSpreadOverMoreThanFifteenMinutesDoNotLock() throws {
    let hall = makeHall()
    try hall.addOfficer("sari")
    for i in 0..<8 {
      expectRefusal(.badPin) { () throws(QueueError) in
        _ = try hall.handle(
          .signIn(counter: 1, officer: "sari", pin: "000000"), at: monday9 + minutes(Int64(i) * 4))
      }
    }
    _ = try hall.handle(
      .signIn(counter: 1, officer: "sari", pin: "482913"), at: monday9 + minutes(40))
  }

  @Test func unknownInactiveAndMalformedOfficersAreRefused() throws {
    let hall = makeHall()
    try hall.addOfficer("sari")
    expectRefusal(.badPin) { () throws(QueueError) in
      _ = try hall.handle(.signIn(counter: 1, officer: "budi", pin: "482913"), at: monday9)
    }
    expectRefusal(.badRequest) { () throws(QueueError) in
      _ = try hall.handle(.signIn(counter: 1, officer: "sari", pin: "48291"), at: monday9)
    }
    expectRefusal(.badRequest) { () throws(QueueError) in
      _ = try hall.handle(.signIn(counter: 1, officer: "sari", pin: "４８２９１３"), at: monday9)
    }
    expectRefusal(.unknownCounter) { () throws(QueueError) in
      _ = try hall.handle(.signIn(counter: 9, officer: "sari", pin: "482913"), at: monday9)
    }
    expectRefusal(.conflict) { () throws(QueueError) in try hall.addOfficer("sari") }
    expectRefusal(.badRequest) { () throws(QueueError) in try hall.addOfficer("has space") }
    expectRefusal(.badRequest) { () throws(QueueError) in
      try hall.addOfficer(String(repeating: "x", count: 33))
    }
    expectRefusal(.badRequest) { () throws(QueueError) in try hall.addOfficer("ok", "  ") }
    expectRefusal(.badRequest) { () throws(QueueError) in try hall.addOfficer("ok", pin: "12345a") }
    _ = try hall.handle(.signIn(counter: 1, officer: "sari", pin: "482913"), at: monday9)
    let removed = try hall.handle(.removeOfficer(id: "sari"), at: monday9)
    #expect(removed.changes.officers.first?.active == false)
    #expect(removed.changes.counters.first?.officer == nil)
    expectRefusal(.badPin) { () throws(QueueError) in
      _ = try hall.handle(.signIn(counter: 1, officer: "sari", pin: "482913"), at: monday9)
    }
    expectRefusal(.conflict) { () throws(QueueError) in
      _ = try hall.handle(.resetPIN(officer: "sari", pin: "111111", salt: salt), at: monday9)
    }
    expectRefusal(.notFound) { () throws(QueueError) in
      _ = try hall.handle(.removeOfficer(id: "budi"), at: monday9)
    }
    #expect(hall.officerList.map(\.active) == [false])
  }

  @Test func aNewPinReplacesTheOld() throws {
    let hall = makeHall()
    try hall.addOfficer("sari")
    _ = try hall.handle(.resetPIN(officer: "sari", pin: "135790", salt: salt), at: monday9)
    expectRefusal(.badPin) { () throws(QueueError) in
      _ = try hall.handle(.signIn(counter: 1, officer: "sari", pin: "482913"), at: monday9)
    }
    _ = try hall.handle(.signIn(counter: 1, officer: "sari", pin: "135790"), at: monday9)
  }

  @Test func requireOfficerRefusesCallsUntilSomeoneSignsIn() throws {
    var config = fixtureConfig()
    config.requireOfficer = true
    let hall = makeHall(config)
    try hall.issue("A", at: monday9)
    expectRefusal(.noOfficer) { () throws(QueueError) in try hall.callNext(1, at: monday9) }
    #expect(QueueError(.noOfficer, "", id: "").httpStatus == 409)
    try hall.addOfficer("sari")
    _ = try hall.handle(.signIn(counter: 1, officer: "sari", pin: "482913"), at: monday9)
    #expect(try hall.callNext(1, at: monday9) == "A001")
  }

  @Test func hallFileReadsRequireOfficer() throws {
    #expect(fixtureConfig().requireOfficer == false)
    let config = try HallConfig.load(yaml: fixtureYAML + "\nrequire_officer: true\n")
    #expect(config.requireOfficer)
    #expect(throws: HallConfigError.self) {
      try HallConfig.load(yaml: fixtureYAML + "\nrequire_officer: perhaps\n")
    }
  }

  @Test func officersAndSignInsSurviveARestart() throws {
    var store = FakeStore()
    var officers: [OfficerRecord] = []
    let hall = makeHall()
    let added = try hall.addOfficer("sari")
    officers += added.changes.officers
    store.apply(added)
    store.apply(try hall.handle(.signIn(counter: 2, officer: "sari", pin: "482913"), at: monday9))
    var state = store.state(today: "2026-11-30")
    state.officers = officers
    let again = makeHall(state: state, now: monday9 + minutes(5))
    #expect(again.officerAt(counter: 2)?.id == "sari")
    _ = try again.handle(
      .signIn(counter: 3, officer: "sari", pin: "482913"), at: monday9 + minutes(6))
  }
}

@Suite struct PinHashTimingTests {
  /// A sign-in hashes once on the event loop: it must stay in the tens of milliseconds.
  @Test func oneHashTakesTensOfMilliseconds() {
    let clock = ContinuousClock()
    let record = PinHash.make(pin: "482913", salt: salt)
    let runs = 5
    let elapsed = clock.measure { for _ in 0..<runs { _ = record.matches("482913") } }
    let ms =
      Double(
        elapsed.components.attoseconds / 1_000_000_000_000_000 + elapsed.components.seconds * 1000)
      / Double(runs)
    print("PBKDF2-HMAC-SHA256, \(PinHash.defaultIterations) iterations: \(ms) ms per hash")
    #expect(ms < 250)
    #expect(PinHash(encoded: record.encoded) == record)
    #expect(PinHash(encoded: "pbkdf2-sha256$1$zz$00") == nil)
  }
}
