import Foundation
import HallWire
import QueueCore
import Testing

@testable import Simulator
import HallYAML

@Suite struct AppointmentTests {
  /// One service taking bookings in 15-minute slots, `counters` counters calling by score.
  func scenario(
    counters: Int, perHour: Double, booked: Double, perSlot: Int = 4, replications: Int = 10,
    lateS: Int = 600
  ) throws -> Scenario {
    try Scenario.load(
      yaml: """
        hall:
          name: Uji
          services:
            - id: A
              name: A
              target_wait_s: 1200
              mean_service_s: 300
              hours: {mon: "08:00-15:00"}
              appointments: {slot_s: 900, per_slot: \(perSlot)}
          counters: [\((1...counters).map { "{id: \($0), services: [A]}" }.joined(separator: ", "))]
        date: 2026-12-07
        replications: \(replications)
        arrivals: {A: [{from: "08:00", to: "15:00", per_hour: \(perHour)}]}
        service_time: {A: {dist: lognormal, mean_s: 300, cv: 0.6}}
        booked: {A: \(booked)}
        booking: {late_s: \(lateS)}
        """, directory: ".")
  }

  @Test func bookedVisitorsComeFromTwentyMinutesEarlyToTenLateAndOneInTenStaysAway() {
    var rng = Xoshiro256(seed: 7)
    let behaviour = BookingBehaviour()
    let slot: Millis = 1_000_000_000
    var offsets: [Double] = []
    var absent = 0
    let n = 20_000
    for _ in 0..<n {
      guard let at = behaviour.arrival(forSlotAt: slot, &rng) else {
        absent += 1
        continue
      }
      offsets.append(Double(at - slot) / 1000)
    }
    #expect(offsets.allSatisfy { (-1200...600).contains($0) })
    // Uniform on [-1200, 600]: mean -300 s, standard error 520/√18000 ≈ 4 s.
    let mean = offsets.reduce(0, +) / Double(offsets.count)
    #expect(abs(mean + 300) < 20, "mean \(mean)")
    #expect(offsets.filter { $0 < -900 }.count > offsets.count / 8)
    #expect(offsets.filter { $0 > 300 }.count > offsets.count / 8)
    #expect(abs(Double(absent) / Double(n) - 0.1) < 0.01, "absent \(absent)")
  }

  @Test func slotsGoToTheNearestWithAPlaceLeftAndNoneIsOverbooked() {
    var rng = Xoshiro256(seed: 3)
    let slot: Millis = 900_000
    let starts: [Millis] = [0, slot, 2 * slot]
    // Five want the middle slot, which takes two: the rest go to the neighbours.
    let assigned = assignSlots(
      preferred: Array(repeating: slot + 10_000, count: 5), slotStarts: starts, slotMillis: slot,
      perSlot: 2, &rng)
    #expect(assigned.compactMap { $0 }.filter { $0 == slot }.count == 2)
    #expect(assigned.compactMap { $0 }.count == 5)
    for s in starts { #expect(assigned.filter { $0 == s }.count <= 2) }
    // Seven for six places: one is left without a slot and walks in.
    let crowded = assignSlots(
      preferred: Array(repeating: 0, count: 7), slotStarts: starts, slotMillis: slot,
      perSlot: 2, &rng)
    #expect(crowded.filter { $0 == nil }.count == 1)
    // One who wants a time after the last slot takes the last slot.
    let late = assignSlots(
      preferred: [10 * slot], slotStarts: starts, slotMillis: slot, perSlot: 2, &rng)
    #expect(late == [2 * slot])
  }

  @Test func bookedVisitorsAreCalledNearTheirSlot() throws {
    // Load 0.75 on 4 counters; 30% book.
    let s = try scenario(counters: 4, perHour: 36, booked: 0.3)
    let a = try #require(Simulation.run(s).service("A")?.appointment)
    #expect(a.booked! > 60, "booked \(a.booked!)")
    #expect(a.served > 50)
    #expect(abs(a.noshow! / a.booked! - 0.1) < 0.05)
    // Called within a few minutes of the slot's start, nine in ten within ten minutes.
    let p50 = try #require(a.latenessP50S)
    let p90 = try #require(a.latenessP90S)
    #expect((-300...300).contains(p50), "lateness p50 \(p50)")
    #expect(p90 <= 600, "lateness p90 \(p90)")
  }

  @Test func walkInsAreNotStarvedByAppointments() throws {
    // Load 0.9 on 4 counters: a queue most of the day.
    let without = Simulation.run(try scenario(counters: 4, perHour: 43, booked: 0))
    let with = Simulation.run(try scenario(counters: 4, perHour: 43, booked: 0.3))
    let w0 = try #require(without.service("A")?.walkIn)
    let w1 = try #require(with.service("A")?.walkIn)
    let p90Without = try #require(w0.waitP90S)
    let p90With = try #require(w1.waitP90S)
    // Walk-ins wait no longer for the bookings: they come between them as before.
    #expect(p90With <= p90Without * 1.1 + 60, "walk-in p90 \(p90With) against \(p90Without)")
    #expect(with.service("A")!.unserved == 0)
    // Bookers keep their place but do not jump the queue: their wait in the hall is about a
    // walk-in's.
    let a = try #require(with.service("A")?.appointment?.waitP90S)
    #expect(a <= p90With + 600, "appointment p90 \(a), walk-in \(p90With)")
  }

  @Test func visitorsTooLateToCheckInTakeAnOrdinaryTicket() throws {
    // Up to an hour late: those more than 15 minutes late have missed their slot.
    let summary = Simulation.run(try scenario(counters: 4, perHour: 36, booked: 0.3, lateS: 3600))
    let s = try #require(summary.service("A"))
    let a = try #require(s.appointment)
    let w = try #require(s.walkIn)
    // Uniform from 20 early to 60 late: 45 of the 80 minutes are past the window.
    let came = a.booked! - a.noshow!
    #expect(abs(a.missed! / came - 45.0 / 80) < 0.1, "missed \(a.missed!) of \(came)")
    // Each visitor is served once, in one class, or refused after the service closed.
    #expect(abs(a.served + w.served + s.refused - s.arrivals) < 1)
    #expect(s.unserved == 0)
  }

  @Test func theBookedScenarioHasBothClassesInItsJSON() throws {
    var s = try Scenario.load(file: Paths.scenarios + "/banyuwangi-booked.yaml")
    s.replications = 2
    let text = Simulation.run(s).json
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    let a = (object["services"] as! [String: Any])["A"] as! [String: Any]
    let walkIn = a["walk_in"] as! [String: Any]
    let appointment = a["appointment"] as! [String: Any]
    #expect(
      Set(walkIn.keys) == ["served", "wait_mean_s", "wait_p50_s", "wait_p90_s", "ci95_wait_p90_s"])
    #expect(
      Set(appointment.keys) == [
        "served", "wait_mean_s", "wait_p50_s", "wait_p90_s", "ci95_wait_p90_s", "booked", "noshow",
        "missed", "lateness_mean_s", "lateness_p50_s", "lateness_p90_s",
      ])
  }

  @Test func bookingsForAServiceWithoutAppointmentsAreRefused() {
    let yaml = """
      hall:
        name: Uji
        services: [{id: A, name: A, target_wait_s: 600, mean_service_s: 300}]
        counters: [{id: 1, services: [A]}]
      date: 2026-12-07
      arrivals: {A: [{from: "08:00", to: "09:00", per_hour: 5}]}
      booked: {A: 0.3}
      """
    #expect(throws: ScenarioError.self) { try Scenario.load(yaml: yaml, directory: ".") }
    do {
      _ = try Scenario.load(yaml: yaml, directory: ".")
    } catch {
      #expect(error.path == "booked.A")
    }
  }

  @Test func punctualityOutsideTheCheckInWindowIsRefused() throws {
    let base = try String(
      contentsOfFile: Paths.scenarios + "/banyuwangi-booked.yaml", encoding: .utf8)
    for (bad, path) in [
      ("booking: {early_s: 2400, late_s: 600, noshow: 0.1}", "booking.early_s"),
      ("booking: {early_s: 1200, late_s: 600, noshow: 1.5}", "booking.noshow"),
      ("booking: {early_s: 1200, late: 600}", "booking.late"),
    ] {
      let yaml = base.replacingOccurrences(
        of: "booking: {early_s: 1200, late_s: 600, noshow: 0.1}", with: bad)
      do {
        _ = try Scenario.load(yaml: yaml, directory: Paths.scenarios)
        Issue.record("accepted \(bad)")
      } catch {
        #expect(error.path == path, "\(bad) → \(error)")
      }
    }
  }
}
