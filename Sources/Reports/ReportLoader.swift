import HallWire
import QueueCore
import Storage

/// Reads a range's tickets, answers and officers from the store and computes its report.
public enum ReportLoader {
  public static func stats(store: Store, config: HallConfig, range: ReportRange)
    throws(StorageError) -> RangeStats
  {
    var builder = RangeStats.Builder(config: config, range: range)
    try store.forEachReportTicket(from: range.from, to: range.to) { r in
      guard let state = TicketState(rawValue: r.state) else { return }
      builder.add(
        ReportTicket(
          day: r.day, service: r.service, issuedService: r.issuedService,
          state: state, issuedAt: r.issuedAt, enqueuedAt: r.enqueuedAt,
          firstCalledAt: r.firstCalledAt, calledAt: r.calledAt,
          startedAt: r.startedAt, finishedAt: r.finishedAt, counter: r.counter,
          officer: r.officer))
    }
    for l in try store.reportLegs(from: range.from, to: range.to) {
      builder.add(
        ReportLeg(
          service: l.service, counter: l.counter, enqueuedAt: l.enqueuedAt,
          firstCalledAt: l.firstCalledAt, calledAt: l.calledAt, startedAt: l.startedAt,
          transferredAt: l.transferredAt))
    }
    for b in try store.bookingCounts(from: range.from, to: range.to) {
      builder.add(
        bookings: ReportBookings(
          service: b.service, booked: b.booked, cancelled: b.cancelled, missed: b.missed))
    }
    let surveys = try store.surveys(from: range.from, to: range.to).map {
      ReportSurvey(service: $0.service, counter: $0.counter, officer: $0.officer, scores: $0.scores)
    }
    let officers = try store.officers().map { Officer(id: $0.id, name: $0.name, active: $0.active) }
    return builder.finish(surveys: surveys, officers: officers)
  }
}
