import QueueCore

extension HallFileReader {
  static let appointmentKeys: Set<String> = ["slot_s", "per_slot", "days_ahead", "hours"]
  static let remoteKeys: Set<String> = ["share", "notify_ahead"]

  static func appointments(_ v: Value, serviceHours: OpeningHours?) throws(HallConfigError)
    -> AppointmentConfig
  {
    let f = try v.mapping(allowed: appointmentKeys)
    var slot = 900
    if let s = f["slot_s"] {
      slot = try s.int()
      guard (300...14_400).contains(slot), slot % 60 == 0 else {
        throw s.fail("\(slot) must be whole minutes from 300 (5 minutes) to 14400 (4 hours)")
      }
    }
    let perSlotValue = try f.required("per_slot")
    let perSlot = try perSlotValue.int()
    guard (1...1000).contains(perSlot) else { throw perSlotValue.fail("must be 1–1000") }
    var daysAhead = 14
    if let d = f["days_ahead"] {
      daysAhead = try d.int()
      guard (0...90).contains(daysAhead) else {
        throw d.fail("must be 0–90 (0: bookings for today only)")
      }
    }
    let hours = try f["hours"].map { h throws(HallConfigError) in try openingHours(h) }
    let config = AppointmentConfig(
      slotS: slot, perSlot: perSlot, daysAhead: daysAhead, hours: hours ?? serviceHours)
    if let hours = config.hours {
      let fits = hours.days.values.contains { ranges in
        ranges.contains { $0.count * 60 >= slot }
      }
      guard fits else {
        throw HallConfigError(
          path: v.child("hours"),
          problem: "no range is long enough for one slot of \(slot) seconds")
      }
    }
    return config
  }

  static func remote(_ v: Value) throws(HallConfigError) -> RemoteConfig {
    let f = try v.mapping(allowed: remoteKeys)
    let shareValue = try f.required("share")
    let share = try shareValue.number()
    guard share > 0, share <= 1 else {
      throw shareValue.fail(
        "\(share) must be more than 0 and at most 1 (0.5: half the day's tickets)")
    }
    var notifyAhead = 5
    if let n = f["notify_ahead"] {
      notifyAhead = try n.int()
      guard (0...100).contains(notifyAhead) else { throw n.fail("must be 0–100") }
    }
    return RemoteConfig(share: share, notifyAhead: notifyAhead)
  }

  /// `notify_webhook: https://gateway.example/antre`: http or https with a host. The sender
  /// (another module) posts to it; a hall that cannot reach it keeps working.
  static func webhook(_ v: Value) throws(HallConfigError) -> String {
    let url = try v.nonEmptyString()
    let lower = url.lowercased()
    let rest: Substring
    if lower.hasPrefix("http://") {
      rest = url.dropFirst(7)
    } else if lower.hasPrefix("https://") {
      rest = url.dropFirst(8)
    } else {
      throw v.fail("\"\(url)\" must start with http:// or https://")
    }
    let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    guard !host.isEmpty, !host.hasPrefix(":"), !host.contains("@"),
      !url.contains(where: { $0 == " " || $0.asciiValue.map { $0 < 0x20 } ?? false })
    else {
      throw v.fail("\"\(url)\" is not a URL with a host (like https://gateway.example/antre)")
    }
    guard url.utf8.count <= 2048 else { throw v.fail("is longer than 2048 bytes") }
    return url
  }
}
