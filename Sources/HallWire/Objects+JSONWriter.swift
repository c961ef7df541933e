// The one encoding of the wire objects: members in PROTOCOL.md's order, optional ones as
// `null` (clients rely on their presence), except `key`, written only when set.

extension Ticket: JSONObject {
  public func writeFields(to json: inout JSONWriter) {
    json.field("id", id)
    json.field("number", number)
    json.field("service", service)
    json.field("state", state)
    json.field("priority", priority)
    json.field("issued_at", issuedAt)
    json.field("called_at", calledAt)
    json.field("started_at", startedAt)
    json.field("counter", counter)
    json.field("calls", calls)
    json.field("position", position)
    json.field("eta_s", etaS)
    json.field("officer", officer)
    json.field("remote", remote)
    json.field("appointment", appointment)
    json.fieldIfSet("key", key)
  }
}

extension Counter: JSONObject {
  public func writeFields(to json: inout JSONWriter) {
    json.field("id", id)
    json.field("name", name)
    json.field("services", services)
    json.field("state", state)
    json.field("reason", reason)
    json.field("ticket", ticket)
    json.field("officer", officer)
  }
}

extension OfficerRef: JSONObject {
  public func writeFields(to json: inout JSONWriter) {
    json.field("id", id)
    json.field("name", name)
  }
}

extension Officer: JSONObject {
  public func writeFields(to json: inout JSONWriter) {
    json.field("id", id)
    json.field("name", name)
    json.field("active", active)
  }
}

extension OfficerPIN: JSONObject {
  public func writeFields(to json: inout JSONWriter) {
    json.field("officer", officer)
    json.field("pin", pin)
  }
}

extension Service: JSONObject {
  public func writeFields(to json: inout JSONWriter) {
    json.field("id", id)
    json.field("name", name)
    json.field("name_en", nameEN ?? name)
    json.field("open", open)
    json.field("closed_reason", closedReason)
    json.field("opens_at", opensAt)
    json.field("waiting", waiting)
    json.field("issued", issued)
    json.field("quota", quota)
    json.field("target_wait_s", targetWaitS)
    json.field("eta_s", etaS)
    json.field("appointments", appointments)
    json.field("remote", remote)
  }
}

extension BoxStatus: JSONObject {
  public func writeFields(to json: inout JSONWriter) {
    json.field("id", id)
    json.field("connected", connected)
    json.field("printer", printer)
  }
}

extension HallView: JSONObject {
  public func writeFields(to json: inout JSONWriter) {
    json.field("name", name)
    json.field("date", date)
    json.field("services", services)
    json.field("counters", counters)
    json.field("boxes", boxes)
    json.field("utc_offset", utcOffset)
    json.field("ticker", ticker)
    json.field("footer", footer)
    json.field("voice", voice)
    json.field("public_url", publicURL)
  }
}

extension RecentCall: JSONObject {
  public func writeFields(to json: inout JSONWriter) {
    json.field("number", number)
    json.field("counter", counter)
    json.field("at", at)
  }
}

extension CounterRef: JSONObject {
  public func writeFields(to json: inout JSONWriter) {
    json.field("id", id)
    json.field("name", name)
  }
}

extension WaitingCounts: JSONObject {
  public func writeFields(to json: inout JSONWriter) {
    for (service, waiting) in counts {
      json.key(service)
      json.int(waiting)
    }
  }
}

extension WireError: JSONObject {
  public func writeFields(to json: inout JSONWriter) {
    json.field("code", code)
    json.field("message", message)
    json.fieldIfSet("services", services)
  }
}
