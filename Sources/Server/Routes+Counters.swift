import HTTP
import HallWire
import QueueCore

extension HallApp {
  /// `POST /api/counters/{n}/{action}`: that counter's token or the admin's.
  func counter(
    _ n: Int, action: String, _ request: HTTPRequest, now: Millis,
    respond: @escaping (HTTPResponse) -> Void
  ) throws(HTTPError) {
    let role = try role(of: request)
    guard role == .admin || role == .counter(n) else {
      throw .forbidden("this token is not for counter \(n)")
    }
    let command = try counterCommand(action, counter: n, body: request.body)
    perform(command, now: now, for: request, replyTo: respond)
  }

  private func counterCommand(_ action: String, counter n: Int, body: [UInt8]) throws(HTTPError)
    -> Command
  {
    switch action {
    case "call":
      let b: CallBody = body.isEmpty ? CallBody() : try decodeBody(body)
      switch (b.service, b.number) {
      case (nil, nil): return .call(counter: n, .auto)
      case (let s?, nil): return .call(counter: n, .service(s))
      case (nil, let num?): return .call(counter: n, .number(num))
      case (_?, _?): throw .badRequest("give `service` or `number`, not both")
      }
    case "recall": return .recall(counter: n)
    case "start": return .start(counter: n)
    case "done": return .done(counter: n)
    case "noshow": return .noshow(counter: n)
    case "transfer":
      let b: TransferBody = try decodeBody(body)
      return .transfer(counter: n, to: b.service)
    case "pause":
      let b: PauseBody = body.isEmpty ? PauseBody() : try decodeBody(body)
      if let r = b.reason, r.count > 200 { throw .badRequest("`reason` is over 200 characters") }
      return .pause(counter: n, reason: b.reason)
    case "resume": return .resume(counter: n)
    case "open": return .open(counter: n)
    case "close":
      let b: CloseBody = body.isEmpty ? CloseBody() : try decodeBody(body)
      return .close(counter: n, force: b.force ?? false)
    default: throw .notFound("no counter action `\(action)`")
    }
  }
}
