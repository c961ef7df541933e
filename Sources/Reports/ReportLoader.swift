import HallWire
import QueueCore
import Storage

/// Reads a range's tickets, answers and officers from the store and computes its report.
public enum ReportLoader {
  public static func stats(store: Store, config: HallConfig, range: ReportRange)
    throws(StorageError) -> RangeStats
  {
    var builder = RangeStats.Builder(config: config, range: range)
    try store.forEachReportTicket(from: range.from, to: range.to) { builder.add($0) }
    for l in try store.reportLegs(from: range.from, to: range.to) { builder.add(l) }
    for b in try store.bookingCounts(from: range.from, to: range.to) { builder.add(bookings: b) }
    let surveys = try store.surveys(from: range.from, to: range.to)
    let officers = try store.officers().map(\.officer)
    return builder.finish(surveys: surveys, officers: officers)
  }
}
