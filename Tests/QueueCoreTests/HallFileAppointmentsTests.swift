import HallWire
import Testing

@testable import QueueCore
import HallYAML

/// `appointments`, `remote` and `notify_webhook` in the hall file: defaults, and a clear
/// error naming the key for each bad value.
@Suite struct HallFileAppointmentsTests {
  func hall(service extra: String, top: String = "") -> String {
    """
    name: H
    \(top)
    services:
      - {id: A, name: X, target_wait_s: 60, mean_service_s: 30, hours: {mon: "08:00-12:00"}\(extra)}
    counters: [{id: 1, services: [A]}]
    """
  }

  @Test func offersDefaultToTheServicesHoursAndSensibleValues() throws {
    let config = try HallConfig.load(
      yaml: hall(service: ", appointments: {per_slot: 3}, remote: {share: 0.25}"))
    let a = try #require(config.service("A")?.appointments)
    #expect(a.slotS == 900 && a.perSlot == 3 && a.daysAhead == 14)
    #expect(a.hours == config.service("A")?.hours)
    #expect(config.service("A")?.remote == RemoteConfig(share: 0.25, notifyAhead: 5))
    #expect(config.notifyWebhook == nil)
    let plain = try HallConfig.load(yaml: hall(service: ""))
    #expect(plain.service("A")?.appointments == nil && plain.service("A")?.remote == nil)
  }

  @Test func badAppointmentValuesNameTheirKey() {
    let path = "services[0].appointments"
    expectError(hall(service: ", appointments: {}"), "\(path).per_slot", "is required")
    expectError(
      hall(service: ", appointments: {per_slot: 0}"), "\(path).per_slot", "must be 1–1000")
    expectError(
      hall(service: ", appointments: {per_slot: 2, slot_s: 100}"), "\(path).slot_s",
      "from 300")
    expectError(
      hall(service: ", appointments: {per_slot: 2, slot_s: 930}"), "\(path).slot_s",
      "whole minutes")
    expectError(
      hall(service: ", appointments: {per_slot: 2, days_ahead: -1}"), "\(path).days_ahead",
      "0–90")
    expectError(
      hall(service: ", appointments: {per_slot: 2, slot_s: 14400, hours: {mon: \"08:00-09:00\"}}"),
      "\(path).hours", "long enough")
    expectError(
      hall(service: ", appointments: {per_slot: 2, hours: {funday: \"08:00-09:00\"}}"),
      "\(path).hours.funday", "unknown weekday")
    expectError(
      hall(service: ", appointments: {per_slot: 2, each: 3}"), "\(path).each", "unknown key")
    expectError(hall(service: ", appointments: 4"), path, "mapping")
  }

  @Test func badRemoteValuesNameTheirKey() {
    let path = "services[0].remote"
    expectError(hall(service: ", remote: {}"), "\(path).share", "is required")
    expectError(hall(service: ", remote: {share: 0}"), "\(path).share", "more than 0")
    expectError(hall(service: ", remote: {share: 1.5}"), "\(path).share", "at most 1")
    expectError(hall(service: ", remote: {share: half}"), "\(path).share", "not a number")
    expectError(
      hall(service: ", remote: {share: 0.5, notify_ahead: -2}"), "\(path).notify_ahead", "0–100")
  }

  @Test func theWebhookMustBeAnHTTPURLWithAHost() throws {
    let good = try HallConfig.load(
      yaml: hall(service: "", top: "notify_webhook: http://10.0.0.5:8080/antre?x=1"))
    #expect(good.notifyWebhook == "http://10.0.0.5:8080/antre?x=1")
    for bad in ["ftp://x/y", "gateway.example", "https://", "http:///path", "https://a b/c"] {
      expectError(hall(service: "", top: "notify_webhook: \"\(bad)\""), "notify_webhook", bad)
    }
  }
}
