import HallWire
import Notices
import QueueCore
import Storage

// The hall's side of the notices outbox (PROTOCOL 1.1 "Notices"): rows in the store, the
// sender (NoticeSender.swift) on the loop. A notice caused by a hall change is written in
// that change's group commit and reaches the sender only once it is committed.

extension HallApp {
  /// Stores a notice that no hall command caused (a booking reminder) and hands it to the
  /// sender; false when one with its id was already made, or the store failed. The write
  /// joins the open batch if there is one (and goes out again after a restart should that
  /// batch fail), else commits on its own.
  @discardableResult
  func enqueueNotice(_ notice: Notice) -> Bool {
    do {
      guard try store.enqueue(notice) else { return false }
    } catch {
      logger.error("cannot store notice \(notice.id): \(error)")
      return false
    }
    noticeSender?.accept(notice)
    return true
  }

  /// Writes a notice's rows in the batch a hall change opened; the sender gets them after
  /// its commit.
  func storeNotices(_ notices: [Notice]) throws(StorageError) -> [Notice] {
    var stored: [Notice] = []
    for n in notices {
      if try store.enqueue(n) {
        stored.append(n)
      } else {
        noticeSender?.remember(n.id)
      }
    }
    return stored
  }

  /// Stores what an attempt changed. A mark lost to a failing disk only means the notice
  /// goes again after a restart (delivery is at least once).
  func recordNoticeProgress(_ action: Outbox.Action) {
    do {
      switch action {
      case .delivered(let id, let at): try store.markNoticeDelivered(id: id, at: at)
      case .gaveUp(let id, let at): try store.markNoticeGivenUp(id: id, at: at)
      case .retry(let id, let attempts, let nextAt, let error):
        try store.recordNoticeAttempt(id: id, attempts: attempts, nextAt: nextAt, error: error)
      case .send: break
      }
    } catch {
      logger.error("cannot store a notice's progress: \(error)")
    }
  }

  /// Delivered and given-up notices older than a week go, phone numbers with them.
  func pruneNotices(now: Millis) {
    do {
      let gone = try store.pruneNotices(before: now - 7 * 86_400_000)
      if gone > 0 { logger.info("pruned \(gone) finished notices older than a week") }
    } catch {
      logger.error("cannot prune notices: \(error)")
    }
  }
}

// MARK: - Triggers

extension HallApp {
  /// Everything a notice body needs from the hall file.
  var noticeContext: NoticeContext {
    NoticeContext(
      hallName: config.name, zone: config.zone,
      serviceNames: Dictionary(
        config.services.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }))
  }

  /// The notices a recorded hall change makes, written in its batch (the caller hands them
  /// to the sender once that batch is committed): "called" for each first call of a ticket
  /// with a phone, and "near" once for each such ticket now within its service's
  /// `notify_ahead`. Nothing without a webhook.
  func storeNotices(after outcome: Outcome) throws(StorageError) -> [Notice] {
    guard noticeSender != nil, !outcome.events.isEmpty else { return [] }
    let context = noticeContext
    let at = outcome.events.last?.at ?? wallClockMillis()
    let dayEnds = config.zone.startOfDay(config.zone.local(at).dayNumber + 1)
    var made: [Notice] = []
    for event in outcome.events {
      guard case .called(let ticket, let counter, let recall, _) = event.body, !recall,
        let phone = hall.phone(ofTicket: ticket.id)
      else { continue }
      made.append(
        .called(
          ticket: ticket, seq: event.seq, counterName: counter.name, phone: phone,
          context: context, at: event.at, expiresAt: dayEnds))
    }
    let told = noticeSender?.made ?? []
    let notifyAhead = { (service: String) in
      self.config.services.first { $0.id == service }?.remote?.notifyAhead
        ?? Self.defaultNotifyAhead
    }
    for record in hall.waitingTicketsWithPhone(aheadAtMost: notifyAhead)
    where !told.contains(Notice.nearID(ticket: record.id)) {
      guard let ticket = hall.ticket(id: record.id, at: at), let people = ticket.peopleAhead,
        people <= notifyAhead(record.service),
        let phone = hall.phone(ofTicket: record.id)
      else { continue }
      made.append(.near(ticket: ticket, phone: phone, context: context, at: at, expiresAt: dayEnds))
    }
    return try storeNotices(made)
  }

  /// `notify_ahead` for an appointment's service that offers no remote tickets (the hall
  /// file's default for `remote`).
  static let defaultNotifyAhead = 5

  /// Booking reminders due at `now` (ReminderSchedule), each made once: at the reminder time
  /// and at start-up, so a server that was down at 18:00 still sends them before the day.
  func remindBookings(now: Millis) {
    guard noticeSender != nil else { return }
    let schedule = ReminderSchedule(secondOfDay: config.notifyReminderMinute * 60)
    let context = noticeContext
    for b in hall.heldBookings() where b.state == .booked {
      guard schedule.isDue(start: b.start, createdAt: b.createdAt, now: now, zone: config.zone)
      else { continue }
      enqueueNotice(
        .bookingReminder(
          bookingID: b.id, booking: hall.bookingView(b), code: b.code, service: b.service,
          start: b.start, phone: b.phone, context: context, at: now))
    }
  }
}
