import HallWire
import QueueCore
import Synchronization

/// What the shipper's thread last knew, for `/metrics` and `/healthz`.
public struct ShipperStatus: Sendable, Equatable {
  public enum State: String, Sendable {
    /// Not yet connected once.
    case connecting
    /// Connected; events wait to be shipped.
    case shipping
    /// Connected; PostgreSQL holds every event the hall has.
    case caughtUp = "caught_up"
    /// PostgreSQL cannot be reached (or broke); retrying.
    case unreachable
    /// PostgreSQL holds a higher seq for this hall than the hall has: a restored or swapped
    /// database on one side. Nothing is shipped until an operator sorts it out.
    case refused
    /// The URL does not parse: nothing will ever connect.
    case badURL = "bad_url"
  }

  public var hall: String
  public var state: State = .connecting
  /// The latest failure, in PostgreSQL's or libpq's words.
  public var error: String?
  /// The hall's own last seq, as the shipper last read it.
  public var hallSeq: Int64 = 0
  /// The last seq PostgreSQL holds for this hall; nil until first known.
  public var shippedSeq: Int64?
  /// When the oldest event not yet in PostgreSQL happened (hall clock, ms); nil when none.
  public var oldestUnshippedAt: Millis?
  /// Events stored by this process since it started.
  public var shippedEvents = 0

  public init(hall: String) { self.hall = hall }

  public var lagEvents: Int64 { max(0, hallSeq - (shippedSeq ?? 0)) }

  public func lagSeconds(now: Millis) -> Double {
    guard let oldest = oldestUnshippedAt else { return 0 }
    return Double(max(0, now - oldest)) / 1000
  }

  /// The `/metrics` families.
  public func metrics(now: Millis) -> String {
    """
    # HELP antre_central_lag_events Events of this hall not yet stored in the central PostgreSQL.
    # TYPE antre_central_lag_events gauge
    antre_central_lag_events \(lagEvents)
    # HELP antre_central_lag_seconds Age of the oldest event not yet stored centrally.
    # TYPE antre_central_lag_seconds gauge
    antre_central_lag_seconds \(lagSeconds(now: now))
    # HELP antre_central_shipped_events_total Events stored centrally by this process.
    # TYPE antre_central_shipped_events_total counter
    antre_central_shipped_events_total \(shippedEvents)
    # HELP antre_central_refused 1 while PostgreSQL holds a higher seq than this hall has.
    # TYPE antre_central_refused gauge
    antre_central_refused \(state == .refused ? 1 : 0)

    """
  }

  /// The `central` member of `/healthz`.
  public func write(to json: inout JSONWriter, now: Millis) {
    json.beginObject()
    json.key("hall")
    json.string(hall)
    json.key("state")
    json.string(state.rawValue)
    json.key("hall_seq")
    json.int(hallSeq)
    json.key("shipped_seq")
    if let shippedSeq { json.int(shippedSeq) } else { json.null() }
    json.key("lag_events")
    json.int(lagEvents)
    json.key("lag_s")
    json.int(Int(lagSeconds(now: now)))
    json.key("error")
    json.string(error)
    json.endObject()
  }
}

/// The one value the shipper's thread and the hall's loop share: the thread writes its
/// status here, the loop reads a copy when `/metrics` or `/healthz` asks. A mutex around a
/// small value is the whole boundary; nothing else crosses it.
final class ShipperBoard: Sendable {
  let status: Mutex<ShipperStatus>
  let stopRequested = Atomic<Bool>(false)
  /// True while the thread runs.
  let running = Atomic<Bool>(false)

  init(hall: String) { status = Mutex(ShipperStatus(hall: hall)) }

  func update(_ change: (inout ShipperStatus) -> Void) {
    status.withLock { change(&$0) }
  }

  var snapshot: ShipperStatus { status.withLock { $0 } }
}
