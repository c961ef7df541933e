import HTTP
import HallWire
import QueueCore

// The ticket boxes' side of the feed socket (PROTOCOL.md "WebSocket"): issuing by `request`
// id, print-job acknowledgements and printer reports. Screens send nothing.

extension HallApp {
  /// A text message from a peer. Only ticket boxes talk; a screen that does is closed.
  func receive(text: String, from peer: any FeedPeer, now: Millis, monotonic: Double) {
    guard let box = peer.box else {
      peer.close(.policyViolation, reason: "displays send no messages")
      return
    }
    let message: KioskRequest
    do {
      message = try KioskRequest(parsing: text)
    } catch {
      reply(error.request, .badRequest(error.message), to: peer)
      return
    }
    let request: String
    let command: Command
    switch message {
    case .issue(let r, let service, let priority):
      request = r
      command = .issue(service: service, priority: priority, box: nil, request: r)
    case .checkIn(let r, let code):
      guard code.utf8.count <= 32 else {
        return reply(r, .badRequest("`code` is too long"), to: peer)
      }
      request = r
      command = .checkIn(code: code)
    case .printed(let job):
      return perform(.printed(job: job, box: box), now: now) { _ in }
    case .printer(let status):
      return feed.setPrinter(status, box: box)
    }
    guard request.count <= 128 else {
      return reply(request, .badRequest("`request` must be 1–128 characters"), to: peer)
    }
    guard kioskLimiter.allow(box, now: monotonic) else {
      return reply(request, .rateLimited(), to: peer)
    }
    // A check-in's refusal is shown to the visitor at the box as it is: in Indonesian.
    let indonesian: Bool
    if case .checkIn = command { indonesian = true } else { indonesian = false }
    perform(command, now: now, indonesian: indonesian) { [weak self, weak peer] result in
      guard let self, let peer else { return }
      switch result {
      case .success(.ticket(let ticket, _)):
        self.feed.send(FeedMessage.ticket(request: request, ticket: ticket), to: peer)
      case .success: self.reply(request, .storage, to: peer)
      case .failure(let error): self.reply(request, error, to: peer)
      }
    }
  }

  /// Jobs for `box` not yet acknowledged: sent again on every (re)connection of the box.
  func resendPrintJobs(box: String, to peer: any FeedPeer, now: Millis) {
    for (job, ticket) in hall.pendingPrintJobs(box: box, at: now) {
      let seq = Int64(job.job.dropFirst()) ?? hall.lastSeq
      feed.send(PrintMessage(seq: seq, job: job.job, ticket: ticket, box: box), to: peer)
    }
  }

  private func reply(_ request: String?, _ error: HTTPError, to peer: any FeedPeer) {
    feed.send(
      FeedMessage.error(request: request, WireError(code: error.code, message: error.message)),
      to: peer)
  }
}
