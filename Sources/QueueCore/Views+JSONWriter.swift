// The hand-written encodings of the hot wire objects; keys in their `encode(to:)` order.

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
    json.key("counter")
    json.int(counter)
    json.key("calls")
    json.int(calls)
    json.key("position")
    json.int(position)
    json.key("eta_s")
    json.int(etaS)
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
    json.beginArray()
    for s in services {
      json.element()
      json.string(s)
    }
    json.endArray()
    json.key("state")
    json.string(state.rawValue)
    json.key("reason")
    json.string(reason)
    json.key("ticket")
    if let ticket { ticket.write(to: &json) } else { json.null() }
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
    case .transferred(let ticket, let from, let waiting):
      json.key("ticket")
      ticket.write(to: &json)
      json.key("from")
      json.string(from)
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
