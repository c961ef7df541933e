import HallWire
import Testing

@testable import QueueCore
import HallYAML

/// Each kind of mistake in a hall file gets its own error, naming where it is.
@Suite struct InvalidHallFileTests {
  static let service = "{id: A, name: X, target_wait_s: 60, mean_service_s: 30}"
  static let counter = "{id: 1, services: [A]}"

  func hall(
    top: String = "name: H", services: [String] = [service], counters: [String] = [counter],
    extra: String = ""
  ) -> String {
    """
    \(top)
    services: [\(services.joined(separator: ", "))]
    counters: [\(counters.joined(separator: ", "))]
    \(extra)
    """
  }

  @Test func badServiceIDs() {
    let mk = { (id: String) in
      hall(services: [Self.service, "{id: \(id), name: Y, target_wait_s: 60, mean_service_s: 30}"])
    }
    expectError(mk("a1"), "services[1].id", "\"a1\" is not 1–2 capital letters")
    expectError(mk("ABC"), "services[1].id", "is not 1–2 capital letters")
    expectError(mk("\"\""), "services[1].id", "is not 1–2 capital letters")
    expectError(mk("A"), "services[1].id", "duplicate service id \"A\"")
  }

  @Test func duplicateCounterAndKioskIDs() {
    expectError(
      hall(counters: [Self.counter, "{id: 2, services: [A]}", "{id: 1, services: [A]}"]),
      "counters[2].id", "duplicate counter id 1")
    expectError(
      hall(extra: "kiosks: [{id: K1}, {id: K1}]"), "kiosks[1].id", "duplicate kiosk id \"K1\"")
  }

  @Test func counterNamingAnUnknownService() {
    expectError(
      hall(counters: ["{id: 1, services: [A, Z]}"]), "counters[0].services[1]",
      "unknown service \"Z\"")
    expectError(
      hall(counters: ["{id: 1, services: [A, A]}"]), "counters[0].services[1]", "listed twice")
    expectError(
      hall(counters: ["{id: 1, services: []}"]), "counters[0].services", "at least one")
  }

  @Test func badCounterIDsAndPolicies() {
    expectError(hall(counters: ["{id: 0, services: [A]}"]), "counters[0].id", "positive")
    expectError(hall(counters: ["{id: x, services: [A]}"]), "counters[0].id", "whole number")
    expectError(
      hall(counters: ["{id: 1, services: [A], policy: random}"]), "counters[0].policy",
      "unknown policy \"random\"")
  }

  @Test func malformedHours() {
    let mk = { (hours: String) in
      hall(services: ["{id: A, name: X, target_wait_s: 60, mean_service_s: 30, hours: \(hours)}"])
    }
    expectError(mk("{mon: \"8-15\"}"), "services[0].hours.mon", "not a time range")
    expectError(mk("{mon: \"08:00-25:00\"}"), "services[0].hours.mon", "not a time range")
    expectError(mk("{mon: \"08:60-15:00\"}"), "services[0].hours.mon", "not a time range")
    expectError(mk("{mon: \"15:00-08:00\"}"), "services[0].hours.mon", "end after it starts")
    expectError(
      mk("{mon: \"08:00-12:00, 11:00-15:00\"}"), "services[0].hours.mon", "must not overlap")
    expectError(mk("{monday: \"08:00-15:00\"}"), "services[0].hours.monday", "unknown weekday")
    expectError(mk("\"08:00-15:00\""), "services[0].hours", "must map weekdays")
  }

  @Test func hoursAcceptClosedDaysAndMidnight() throws {
    let config = try HallConfig.load(
      yaml: hall(services: [
        "{id: A, name: X, target_wait_s: 60, mean_service_s: 30, "
          + "hours: {mon: \"00:00-24:00\", tue: closed, wed: null, thu: \"8:00-9:30\"}}"
      ]))
    let days = config.services[0].hours!.days
    #expect(days[.mon] == [0..<1440])
    #expect(days[.tue] == [] && days[.wed] == [] && days[.fri] == nil)
    #expect(days[.thu] == [480..<570])
  }

  @Test func unknownTimezone() {
    expectError(
      hall(top: "name: H\ntimezone: Europe/Paris"), "timezone", "unknown time zone \"Europe/Paris\""
    )
    expectError(hall(top: "name: H\ntimezone: \"+7\""), "timezone", "unknown time zone")
  }

  @Test func nonPositiveTargetsAndMeans() {
    expectError(
      hall(services: ["{id: A, name: X, target_wait_s: 0, mean_service_s: 30}"]),
      "services[0].target_wait_s", "positive")
    expectError(
      hall(services: ["{id: A, name: X, target_wait_s: 60, mean_service_s: -5}"]),
      "services[0].mean_service_s", "positive")
    expectError(
      hall(services: ["{id: A, name: X, target_wait_s: soon, mean_service_s: 30}"]),
      "services[0].target_wait_s", "\"soon\" is not a whole number")
  }

  @Test func negativeQuota() {
    expectError(
      hall(services: ["{id: A, name: X, target_wait_s: 60, mean_service_s: 30, quota: -1}"]),
      "services[0].quota", "negative")
  }

  @Test func missingRequiredKeys() {
    expectError(hall(top: "timezone: UTC"), "name", "is required")
    expectError(
      hall(services: ["{id: A, target_wait_s: 60, mean_service_s: 30}"]), "services[0].name",
      "is required")
    expectError(
      hall(services: ["{id: A, name: X, mean_service_s: 30}"]), "services[0].target_wait_s",
      "is required")
    expectError("name: H\ncounters: []", "services", "is required")
    expectError(hall(services: []), "services", "at least one service")
    expectError(hall(counters: []), "counters", "at least one counter")
    expectError(hall(counters: ["{name: X, services: [A]}"]), "counters[0].id", "is required")
  }

  @Test func unknownKeysAreRefused() {
    expectError(hall(extra: "priorty_weight: 2"), "priorty_weight", "unknown key")
    expectError(
      hall(services: ["{id: A, name: X, target_wait: 60, target_wait_s: 60, mean_service_s: 30}"]),
      "services[0].target_wait", "unknown key")
    expectError(
      hall(counters: ["{id: 1, services: [A], polcy: fifo}"]), "counters[0].polcy", "unknown key")
  }

  @Test func otherValueChecks() {
    expectError(hall(top: "name: H\npriority_weight: 0.5"), "priority_weight", "at least 1")
    expectError(hall(extra: "voice: [id, fr]"), "voice[1]", "unknown voice language \"fr\"")
    expectError(hall(extra: "kiosks: [{id: K1, token: short}]"), "kiosks[0].token", "8 characters")
    expectError(hall(extra: "admin_token: abc"), "admin_token", "8 characters")
    expectError(hall(extra: "origins: http://x"), "origins", "must be a list")
    expectError(hall(extra: "services: []"), "", "duplicated key(s): 'services'")
  }

  @Test func wholeFileProblems() {
    expectError("", "", "empty")
    expectError("name: [unclosed", "", "not valid YAML")
    expectError("- a\n- b", "", "must be a mapping")
  }

  @Test func errorDescriptionReadsAsPathAndProblem() {
    let e = HallConfigError(path: "services[2].id", problem: "\"a1\" is not 1–2 capital letters")
    #expect(e.description == "services[2].id: \"a1\" is not 1–2 capital letters")
  }
}

/// Loading `yaml` is refused at key `path` with a problem that mentions `fragment`, and the
/// message starts with the path. Shared by the hall-file tests.
func expectError(
  _ yaml: String, _ path: String, _ fragment: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  do {
    _ = try HallConfig.load(yaml: yaml)
    Issue.record("accepted an invalid file", sourceLocation: sourceLocation)
  } catch {
    #expect(error.path == path, "\(error)", sourceLocation: sourceLocation)
    #expect(error.problem.contains(fragment), "\(error)", sourceLocation: sourceLocation)
    #expect(error.description.hasPrefix(path), sourceLocation: sourceLocation)
  }
}
