extension Booking: JSONObject {
  public func writeFields(to json: inout JSONWriter) {
    json.field("id", id)
    json.field("code", code)
    json.field("service", service)
    json.field("start", start)
    json.field("state", state)
    json.field("ticket", ticket)
  }
}

extension BookingCreated: JSONObject {
  public func writeFields(to json: inout JSONWriter) {
    json.field("booking", booking)
    json.field("key", key)
  }
}

extension Slot: JSONObject {
  public func writeFields(to json: inout JSONWriter) {
    json.field("start", start)
    json.field("free", free)
  }
}

extension AppointmentOffer: JSONObject {
  public func writeFields(to json: inout JSONWriter) {
    json.field("slot_s", slotS)
    json.field("per_slot", perSlot)
    json.field("days_ahead", daysAhead)
    json.key("hours")
    json.beginObject()
    // Weekday order, so the bytes never depend on a dictionary's.
    for day in Weekday.allCases.sorted() {
      guard let ranges = hours[day.key] else { continue }
      json.key(day.key)
      json.string(ranges)
    }
    json.endObject()
  }
}

extension RemoteOffer: JSONObject {
  public func writeFields(to json: inout JSONWriter) {
    json.field("share", share)
    json.field("notify_ahead", notifyAhead)
  }
}
