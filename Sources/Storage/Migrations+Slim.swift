extension Migrations {
  /// Issue 16. Every issue, call, start and finish rewrites each index of `tickets`, so each
  /// one costs the hall on its hot path. `tickets_by_day (day)` repeats the first column of
  /// `tickets_by_number (day, number)`, which answers the same lookups. `tickets_report`
  /// copied twelve columns of every ticket (as wide as a whole row) so that a year's report
  /// never touched the table; the report now reads the rows through `tickets_by_number`:
  /// measured on a year of 1,000,000 tickets, the SQL of a year's report takes about 0.54 s
  /// instead of 0.32 s and a month's 43 ms instead of 26 ms, against a ticket issued with
  /// 12-column index writes fewer (Benchmarks/RESULTS.md, "Issue 16, round 2").
  static let slimmerTicketIndexes = """
    DROP INDEX IF EXISTS tickets_by_day;
    DROP INDEX IF EXISTS tickets_report;
    """
}
