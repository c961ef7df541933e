import HallWire

/// What one replication measured.
public struct RunResult: Sendable {
  public struct ServiceRun: Sendable {
    public var arrivals = 0
    public var refused = 0
    public var served = 0
    public var unserved = 0
    public var noshow = 0
    /// Seconds from issue to first call, served tickets.
    public var waits: [Double] = []
    /// |ETA given at issue − wait|, served tickets.
    public var etaErrors: [Double] = []
    /// Each served ticket's ETA at issue and wait, for studying the estimator.
    public var etaRecords: [EtaRecord] = []
    /// Served walk-ins' waits (tickets issued at the kiosk, including booked visitors who
    /// missed their slot).
    public var walkInWaits: [Double] = []
    /// Bookings made, booked visitors who never came, and those who came too late to check in.
    public var booked = 0
    public var bookingNoshows = 0
    public var missed = 0
    /// Served appointments: seconds from check-in to call, and from the slot's start to the
    /// call (negative: called before the slot began).
    public var appointmentWaits: [Double] = []
    public var lateness: [Double] = []
  }

  public struct CounterRun: Sendable {
    public var served = 0
    public var busyMillis: Millis = 0
    public var openMillis: Millis = 0
  }

  public var services: [String: ServiceRun] = [:]
  public var counters: [Int: CounterRun] = [:]
  /// Waits of served priority tickets, all services.
  public var priorityWaits: [Double] = []
  /// Waiting tickets per service, every `sampleMinutes` from midnight of the first day.
  public var waitingSamples: [[Int]] = []
  public static let sampleMinutes = 5
}

public struct EtaRecord: Sendable {
  public var issuedAt: Millis
  public var priority: Bool
  public var etaS: Double
  public var waitS: Double
}
