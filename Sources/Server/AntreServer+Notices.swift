import HallWire
import Notices
import Reactor

extension AntreServer {
  /// Starts the notices sender when the hall file has a `notify_webhook`: what the store
  /// still holds goes first, then the evening's booking reminders (a server that was down at
  /// the reminder time catches up here), and a timer for the next evenings.
  func startNotices() -> ReminderTimer? {
    guard let url = app.config.notifyWebhook else { return nil }
    if url.lowercased().hasPrefix("https://") && TLSContext() == nil {
      app.logger.error(
        "notify_webhook: cannot set up TLS (OpenSSL could not read the trusted certificates); no notices will be sent"
      )
      return nil
    }
    let pending: [Outbox.Pending]
    do {
      pending = try app.store.pendingNotices()
    } catch {
      app.logger.error("cannot read the notices outbox: \(error); no notices will be sent")
      return nil
    }
    let sender = NoticeSender(
      url: url, loop: loop, restoring: pending, logger: app.logger
    ) { [unowned app] in app.recordNoticeProgress($0) }
    app.noticeSender = sender
    app.pruneNotices(now: wallClockMillis())
    sender.start()
    let reminders = ReminderTimer(
      loop: loop, schedule: ReminderSchedule(secondOfDay: app.config.notifyReminderMinute * 60),
      zone: app.config.zone
    ) { [unowned app] now in
      app.remindBookings(now: now)
      app.pruneNotices(now: now)
    }
    app.remindBookings(now: wallClockMillis())
    reminders.arm()
    return reminders
  }
}

/// Fires at each evening's reminder time (wall clock, the hall's zone), and at least hourly
/// (reminders are made once whatever the count; old finished notices are pruned). A timer
/// that fires a little early finds the time not yet reached, and is armed again for it.
final class ReminderTimer {
  private let schedule: ReminderSchedule
  private let zone: HallZone
  private let fire: (Millis) -> Void
  private var timer: Timer?

  init(
    loop: EventLoop, schedule: ReminderSchedule, zone: HallZone,
    fire: @escaping (Millis) -> Void
  ) {
    self.schedule = schedule
    self.zone = zone
    self.fire = fire
    timer = Timer(loop: loop) { [unowned self] in
      self.fire(wallClockMillis())
      self.arm()
    }
  }

  func arm() {
    let now = wallClockMillis()
    // At most an hour at a time, so a wall clock set forward or back is noticed.
    let wait = min(schedule.nextRun(after: now, zone: zone) - now, 3_600_000)
    timer?.schedule(after: Double(wait) / 1000)
  }

  func cancel() { timer?.cancel() }
}
