// The one encoding of the wire objects: keys in PROTOCOL.md's order, optional fields as
// `null` (clients rely on their presence), except `key`, written only when set.

extension Ticket: JSONWritable {
  public func write(to json: inout JSONWriter) {
    json.beginObject()
    json.key("id")
    json.string(id)
    json.key("number")
    json.string(number)
    json.key("service")
    json.string(service)
    json.key("state")
    json.string(state.rawValue)
    json.key("priority")
    json.bool(priority)
    json.key("issued_at")
    json.string(issuedAt)
    json.key("called_at")
    json.string(calledAt)
    json.key("started_at")
    json.string(startedAt)
    json.key("counter")
    json.int(counter)
    json.key("calls")
    json.int(calls)
    json.key("position")
    json.int(position)
    json.key("eta_s")
    json.int(etaS)
    json.key("officer")
    json.optional(officer)
    json.key("remote")
    json.bool(remote)
    json.key("appointment")
    json.string(appointment)
    if let key {
      json.key("key")
      json.string(key)
    }
    json.endObject()
  }
}

extension Counter: JSONWritable {
  public func write(to json: inout JSONWriter) {
    json.beginObject()
    json.key("id")
    json.int(id)
    json.key("name")
    json.string(name)
    json.key("services")
    json.strings(services)
    json.key("state")
    json.string(state.rawValue)
    json.key("reason")
    json.string(reason)
    json.key("ticket")
    json.optional(ticket)
    json.key("officer")
    json.optional(officer)
    json.endObject()
  }
}

extension OfficerRef: JSONWritable {
  public func write(to json: inout JSONWriter) {
    json.beginObject()
    json.key("id")
    json.string(id)
    json.key("name")
    json.string(name)
    json.endObject()
  }
}

extension Officer: JSONWritable {
  public func write(to json: inout JSONWriter) {
    json.beginObject()
    json.key("id")
    json.string(id)
    json.key("name")
    json.string(name)
    json.key("active")
    json.bool(active)
    json.endObject()
  }
}

extension OfficerPIN: JSONWritable {
  public func write(to json: inout JSONWriter) {
    json.beginObject()
    json.key("officer")
    officer.write(to: &json)
    json.key("pin")
    json.string(pin)
    json.endObject()
  }
}

extension Service: JSONWritable {
  public func write(to json: inout JSONWriter) {
    json.beginObject()
    json.key("id")
    json.string(id)
    json.key("name")
    json.string(name)
    json.key("name_en")
    json.string(nameEN ?? name)
    json.key("open")
    json.bool(open)
    json.key("closed_reason")
    json.string(closedReason?.rawValue)
    json.key("opens_at")
    json.string(opensAt)
    json.key("waiting")
    json.int(waiting)
    json.key("issued")
    json.int(issued)
    json.key("quota")
    json.int(quota)
    json.key("target_wait_s")
    json.int(targetWaitS)
    json.key("eta_s")
    json.int(etaS)
    json.key("appointments")
    json.optional(appointments)
    json.key("remote")
    json.optional(remote)
    json.endObject()
  }
}

extension BoxStatus: JSONWritable {
  public func write(to json: inout JSONWriter) {
    json.beginObject()
    json.key("id")
    json.string(id)
    json.key("connected")
    json.bool(connected)
    json.key("printer")
    json.string(printer.rawValue)
    json.endObject()
  }
}

extension HallView: JSONWritable {
  public func write(to json: inout JSONWriter) {
    json.beginObject()
    json.key("name")
    json.string(name)
    json.key("date")
    json.string(date)
    json.key("services")
    json.array(services)
    json.key("counters")
    json.array(counters)
    json.key("boxes")
    json.array(boxes)
    json.key("utc_offset")
    json.string(utcOffset)
    json.key("ticker")
    json.string(ticker)
    json.key("footer")
    json.string(footer)
    json.key("voice")
    if let voice { json.strings(voice) } else { json.null() }
    json.key("public_url")
    json.string(publicURL)
    json.endObject()
  }
}

extension RecentCall: JSONWritable {
  public func write(to json: inout JSONWriter) {
    json.beginObject()
    json.key("number")
    json.string(number)
    json.key("counter")
    json.int(counter)
    json.key("at")
    json.string(at)
    json.endObject()
  }
}

extension SnapshotMessage: JSONWritable {
  public func write(to json: inout JSONWriter) {
    json.beginObject()
    json.key("type")
    json.string("snapshot")
    json.key("seq")
    json.int(seq)
    json.key("hall")
    hall.write(to: &json)
    json.key("recent_calls")
    json.array(recentCalls)
    json.endObject()
  }
}

extension CounterRef: JSONWritable {
  public func write(to json: inout JSONWriter) {
    json.beginObject()
    json.key("id")
    json.int(id)
    json.key("name")
    json.string(name)
    json.endObject()
  }
}

extension WaitingCounts: JSONWritable {
  public func write(to json: inout JSONWriter) {
    json.beginObject()
    for (service, waiting) in counts {
      json.key(service)
      json.int(waiting)
    }
    json.endObject()
  }
}

extension WireError: JSONWritable {
  public func write(to json: inout JSONWriter) {
    json.beginObject()
    json.key("code")
    json.string(code)
    json.key("message")
    json.string(message)
    if let services {
      json.key("services")
      json.strings(services)
    }
    json.endObject()
  }
}

extension Event: JSONWritable {
  public func write(to json: inout JSONWriter) {
    json.beginObject()
    json.key("type")
    json.string(type)
    json.key("seq")
    json.int(seq)
    switch body {
    case .issued(let ticket, let waiting), .finished(let ticket, let waiting):
      json.key("ticket")
      ticket.write(to: &json)
      json.key("waiting")
      waiting.write(to: &json)
    case .called(let ticket, let counter, let recall, let waiting):
      json.key("ticket")
      ticket.write(to: &json)
      json.key("counter")
      counter.write(to: &json)
      json.key("recall")
      json.bool(recall)
      json.key("waiting")
      waiting.write(to: &json)
    case .transferred(let ticket, let from, let waiting, let fromStartedAt):
      json.key("ticket")
      ticket.write(to: &json)
      json.key("from")
      json.string(from)
      json.key("from_started_at")
      json.string(fromStartedAt)
      json.key("waiting")
      waiting.write(to: &json)
    case .counter(let counter):
      json.key("counter")
      counter.write(to: &json)
    case .print(let job, let box, let ticket):
      json.key("job")
      json.string(job)
      json.key("box")
      json.string(box)
      json.key("ticket")
      ticket.write(to: &json)
    }
    json.key("at")
    json.string(atText)
    json.endObject()
  }
}

extension PrintMessage: JSONWritable {
  public func write(to json: inout JSONWriter) {
    json.beginObject()
    json.key("type")
    json.string("print")
    json.key("seq")
    json.int(seq)
    json.key("job")
    json.string(job)
    json.key("ticket")
    ticket.write(to: &json)
    json.key("box")
    json.string(box)
    json.endObject()
  }
}

extension KioskTicketReply: JSONWritable {
  public func write(to json: inout JSONWriter) {
    json.beginObject()
    json.key("type")
    json.string("ticket")
    json.key("request")
    json.string(request)
    json.key("ticket")
    ticket.write(to: &json)
    json.endObject()
  }
}

extension KioskErrorReply: JSONWritable {
  public func write(to json: inout JSONWriter) {
    json.beginObject()
    json.key("type")
    json.string("error")
    json.key("request")
    json.string(request)
    json.key("error")
    error.write(to: &json)
    json.endObject()
  }
}

extension KioskRequest: JSONWritable {
  public func write(to json: inout JSONWriter) {
    json.beginObject()
    switch self {
    case .issue(let request, let service, let priority):
      json.key("type")
      json.string("issue")
      json.key("request")
      json.string(request)
      json.key("service")
      json.string(service)
      json.key("priority")
      json.bool(priority)
    case .printed(let job):
      json.key("type")
      json.string("printed")
      json.key("job")
      json.string(job)
    case .printer(let status):
      json.key("type")
      json.string("printer")
      json.key("status")
      json.string(status.rawValue)
    case .checkIn(let request, let code):
      json.key("type")
      json.string("checkin")
      json.key("request")
      json.string(request)
      json.key("code")
      json.string(code)
    }
    json.endObject()
  }
}
