// The feed's and the kiosk socket's messages as the server writes them: `type` first.

extension SnapshotMessage: JSONObject {
  public func writeFields(to json: inout JSONWriter) {
    json.field("type", "snapshot")
    json.field("seq", seq)
    json.field("hall", hall)
    json.field("recent_calls", recentCalls)
  }
}

extension Event: JSONObject {
  public func writeFields(to json: inout JSONWriter) {
    json.field("type", type)
    json.field("seq", seq)
    switch body {
    case .issued(let ticket, let waiting), .finished(let ticket, let waiting):
      json.field("ticket", ticket)
      json.field("waiting", waiting)
    case .called(let ticket, let counter, let recall, let waiting):
      json.field("ticket", ticket)
      json.field("counter", counter)
      json.field("recall", recall)
      json.field("waiting", waiting)
    case .transferred(let ticket, let from, let waiting, let fromStartedAt):
      json.field("ticket", ticket)
      json.field("from", from)
      json.field("from_started_at", fromStartedAt)
      json.field("waiting", waiting)
    case .counter(let counter):
      json.field("counter", counter)
    case .print(let job, let box, let ticket):
      json.field("job", job)
      json.field("box", box)
      json.field("ticket", ticket)
    }
    json.field("at", atText)
  }
}

extension PrintMessage: JSONObject {
  public func writeFields(to json: inout JSONWriter) {
    json.field("type", "print")
    json.field("seq", seq)
    json.field("job", job)
    json.field("ticket", ticket)
    json.field("box", box)
  }
}

/// The kiosk socket's replies (`ticket`, `error`) are written as the box reads them; the
/// snapshot and events as themselves; a message of a later version as its type and seq.
extension FeedMessage: JSONObject {
  public func writeFields(to json: inout JSONWriter) {
    switch self {
    case .snapshot(let snapshot): snapshot.writeFields(to: &json)
    case .event(let event): event.writeFields(to: &json)
    case .ticket(let request, let ticket):
      json.field("type", "ticket")
      json.field("request", request)
      json.field("ticket", ticket)
    case .error(let request, let error):
      json.field("type", "error")
      json.field("request", request)
      json.field("error", error)
    case .other(let type, let seq):
      json.field("type", type)
      json.field("seq", seq)
    }
  }
}

extension KioskRequest: JSONObject {
  public func writeFields(to json: inout JSONWriter) {
    switch self {
    case .issue(let request, let service, let priority):
      json.field("type", "issue")
      json.field("request", request)
      json.field("service", service)
      json.field("priority", priority)
    case .printed(let job):
      json.field("type", "printed")
      json.field("job", job)
    case .printer(let status):
      json.field("type", "printer")
      json.field("status", status)
    case .checkIn(let request, let code):
      json.field("type", "checkin")
      json.field("request", request)
      json.field("code", code)
    }
  }
}
