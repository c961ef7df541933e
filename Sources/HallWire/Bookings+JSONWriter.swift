extension Booking: JSONWritable {
  public func write(to json: inout JSONWriter) {
    json.beginObject()
    json.key("id")
    json.string(id)
    json.key("code")
    json.string(code)
    json.key("service")
    json.string(service)
    json.key("start")
    json.string(start)
    json.key("state")
    json.string(state.rawValue)
    json.key("ticket")
    json.string(ticket)
    json.endObject()
  }
}

extension BookingCreated: JSONWritable {
  public func write(to json: inout JSONWriter) {
    json.beginObject()
    json.key("booking")
    booking.write(to: &json)
    json.key("key")
    json.string(key)
    json.endObject()
  }
}

extension Slot: JSONWritable {
  public func write(to json: inout JSONWriter) {
    json.beginObject()
    json.key("start")
    json.string(start)
    json.key("free")
    json.int(free)
    json.endObject()
  }
}

extension AppointmentOffer: JSONWritable {
  public func write(to json: inout JSONWriter) {
    json.beginObject()
    json.key("slot_s")
    json.int(slotS)
    json.key("per_slot")
    json.int(perSlot)
    json.key("days_ahead")
    json.int(daysAhead)
    json.key("hours")
    json.beginObject()
    // Weekday order, so the bytes never depend on a dictionary's.
    for day in Weekday.allCases.sorted() {
      guard let ranges = hours[day.key] else { continue }
      json.key(day.key)
      json.string(ranges)
    }
    json.endObject()
    json.endObject()
  }
}

extension RemoteOffer: JSONWritable {
  public func write(to json: inout JSONWriter) {
    json.beginObject()
    json.key("share")
    json.double(share)
    json.key("notify_ahead")
    json.int(notifyAhead)
    json.endObject()
  }
}
