import HallWire
import InitMacros

/// The hall file, validated. Load it with `HallConfig.load(yaml:)`; README.md "The hall file" describes it.
@PublicInit
public struct HallConfig: Sendable, Equatable {
  public var name: String
  public var zone: HallZone
  /// Absent in the sample: the server generates tokens on first start and stores them.
  public var adminToken: String?
  /// How much faster a priority ticket's score grows than a normal one's (≥ 1, default 3).
  public var priorityWeight: Double = 3
  public var services: [ServiceConfig]
  public var counters: [CounterConfig]
  public var kiosks: [KioskConfig] = []
  /// Base of the QR tracking link printed on tickets.
  public var publicURL: String?
  /// WebSocket `Origin`s allowed besides the server's own.
  public var origins: [String] = []
  /// Running text on the hall screen.
  public var ticker: String?
  /// Last line of a printed ticket.
  public var footer: String?
  /// Announcement languages, in order (`id`, `en`).
  public var voice: [String] = ["id"]
  /// Addresses exempt from the per-address connection cap (a reverse proxy, say).
  public var trusted: [String] = []
  /// A counter calls only with an officer signed in (`require_officer`).
  public var requireOfficer: Bool = false
  /// The daily backup (`backup:`); nil: none.
  public var backup: BackupConfig?
  /// Where the hall ships its event log (PROTOCOL 1.1 "Regional aggregation"); nil: nowhere.
  public var central: CentralTarget?
  /// Where notices for remote tickets and bookings are posted (PROTOCOL 1.1); nil: nowhere.
  public var notifyWebhook: String?
  /// When booking reminders go out, the evening before (`notify_reminder_at`), in minutes
  /// after local midnight.
  public var notifyReminderMinute: Int = 18 * 60

  public func service(_ id: String) -> ServiceConfig? { services.first { $0.id == id } }
  public func counter(_ id: Int) -> CounterConfig? { counters.first { $0.id == id } }
}

public struct CentralTarget: Sendable, Equatable {
  public var url: String
  /// 1–32 of `[a-z0-9-]`: the hall's key in the central database.
  public var hall: String

  /// Nil when `hall` is not a valid id.
  public init?(url: String, hall: String) {
    guard Self.isValidHallID(hall) else { return nil }
    self.url = url
    self.hall = hall
  }

  public static func isValidHallID(_ id: String) -> Bool {
    (1...32).contains(id.utf8.count)
      && id.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 45 }
  }
}

@PublicInit
public struct ServiceConfig: Sendable, Equatable {
  /// 1–2 capital letters; the prefix of its ticket numbers.
  public var id: String
  public var name: String
  public var nameEN: String?
  public var targetWaitS: Int
  public var meanServiceS: Int
  /// Tickets issued per day at most; nil for no limit.
  public var quota: Int?
  /// nil: always open.
  public var hours: OpeningHours?
  /// nil: takes no bookings.
  public var appointments: AppointmentConfig?
  /// nil: takes no remote tickets.
  public var remote: RemoteConfig?
}

/// How a counter picks its next ticket among its services (DESIGN.md, "Calling and balancing").
public enum CallPolicy: String, Sendable, Equatable, CaseIterable {
  /// Highest wait × weight / target across its services.
  case score
  /// First service in the counter's order that has anyone waiting; by score within it.
  case ordered
  /// Longest in the queue across its services, priority ignored.
  case fifo
}

@PublicInit
public struct CounterConfig: Sendable, Equatable {
  public var id: Int
  public var name: String
  /// In the counter's order of preference (which matters for `ordered`).
  public var services: [String]
  public var token: String?
  public var policy: CallPolicy = .score
}

@PublicInit
public struct KioskConfig: Sendable, Equatable {
  public var id: String
  public var token: String?
}

/// A service's opening hours per weekday, in the hall's zone. A weekday with no ranges is
/// closed. Ranges are half-open: `08:00-15:00` takes tickets from 08:00 until 14:59:59.
public struct OpeningHours: Sendable, Equatable {
  public var days: [Weekday: [MinuteRange]]

  public init(days: [Weekday: [MinuteRange]]) { self.days = days }

  public func isOpen(_ day: Weekday, minute: Int) -> Bool {
    days[day, default: []].contains { $0.contains(minute) }
  }
}

/// Minutes after local midnight, half-open like the hall file's `08:00-15:00`; the upper
/// bound may be 1440. Opening hours, appointment hours and the simulator's shifts and
/// arrival rates are all this.
public typealias MinuteRange = Range<Int>

extension MinuteRange {
  /// `08:00-15:00`.
  var clockText: String { QueueCore.clockText(lowerBound) + "-" + QueueCore.clockText(upperBound) }
}

func clockText(_ minute: Int) -> String { pad2(minute / 60) + ":" + pad2(minute % 60) }

/// `backup: {dir, at, keep}`: a copy of the database every day at `at` (hall time) in `dir`,
/// keeping the newest `keep`.
@PublicInit
public struct BackupConfig: Sendable, Equatable {
  public var directory: String
  /// Minutes after local midnight.
  public var minuteOfDay: Int
  public var keep: Int
}
