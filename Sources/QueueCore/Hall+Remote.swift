import HallWire

/// Remote tickets (PROTOCOL 1.1): today's number taken from a phone, capped at the
/// service's `remote.share` so that people in the hall are always served.
extension Hall {
  func issueRemote(service: String, phone: String, request: String?, now: Millis)
    throws(QueueError) -> Reply
  {
    if let request, let id = requests[request], let t = tickets[id] {
      return .ticket(view(t, at: now), created: false)
    }
    guard let svc = services[service] else { throw Refusal.unknownService(service) }
    let label = "\(svc.id) (\(svc.name))"
    guard let remote = svc.remote else {
      throw QueueError(
        .badRequest, "Service \(label) takes no remote tickets; take a ticket in the hall.",
        id: "Layanan \(label) tidak melayani antrean dari HP; ambil nomor di lokasi.")
    }
    guard let phone = PhoneNumber.normalise(phone) else { throw Refusal.badPhone }
    if let refusal = refusal(toIssue: svc, at: now) { throw refusal }
    guard phoneUses[phone, default: 0] < Hall.usesPerPhonePerDay else {
      throw Refusal.phoneUsedUp
    }
    guard remoteIssued[service, default: 0] < remoteAllowance(svc, remote) else {
      throw QueueError(
        .remoteShareReached,
        "Service \(label) has given all of today's remote tickets; take a ticket in the hall.",
        id: "Kuota antrean dari HP layanan \(label) hari ini sudah habis; ambil nomor di lokasi.")
    }
    let ticket = createTicket(
      service: service, priority: false, box: nil, request: request, now: now
    ) { t in
      t.remote = true
      t.phone = phone
    }
    phoneUses[phone, default: 0] += 1
    remoteIssued[service, default: 0] += 1
    return .ticket(ticket, created: true)
  }

  /// How many of today's tickets may be remote, counting the one asked for: the share of
  /// the quota, or without one, of today's tickets including it (rounded up, so the first
  /// of the day can be remote).
  func remoteAllowance(_ svc: ServiceConfig, _ remote: RemoteConfig) -> Int {
    // The epsilons keep 0.3 × 10 at 3 in binary floating point.
    if let quota = svc.quota { return Int((Double(quota) * remote.share + 1e-9).rounded(.down)) }
    let total = lastSeqNo[svc.id, default: 0] + 1
    return Int((Double(total) * remote.share - 1e-9).rounded(.up))
  }
}
