import HallWire
import Foundation
import Testing

@testable import QueueCore
import HallYAML

/// A small hall for tests: A and B shared between counters, C with hours and a quota.
let fixtureYAML = """
  name: Test Hall
  timezone: Asia/Jakarta
  services:
    - {id: A, name: Kependudukan, name_en: Civil registry, target_wait_s: 900, mean_service_s: 300}
    - {id: B, name: Perizinan, target_wait_s: 600, mean_service_s: 240}
    - id: C
      name: Imigrasi
      target_wait_s: 1800
      mean_service_s: 600
      quota: 2
      hours: {mon: "08:00-12:00, 13:00-15:00", sat: "08:00-11:00"}
  counters:
    - {id: 1, name: Loket 1, services: [A]}
    - {id: 2, name: Loket 2, services: [A, B]}
    - {id: 3, name: Loket 3, services: [B, A], policy: ordered}
    - {id: 4, name: Loket 4, services: [A, B], policy: fifo}
    - {id: 5, name: Loket 5, services: [C]}
  kiosks:
    - {id: K1}
  """

func fixtureConfig() -> HallConfig {
  try! HallConfig.load(yaml: fixtureYAML)
}

/// Instant of a local wall-clock time in +07:00.
func at(_ date: String, _ clock: String = "08:00:00", offsetHours: Int64 = 7) -> Millis {
  let parts = clock.split(separator: ":").map { Int64($0)! }
  let seconds = parts[0] * 3600 + parts[1] * 60 + (parts.count > 2 ? parts[2] : 0)
  return (dayNumber(of: date)! * 86_400 + seconds - offsetHours * 3600) * 1000
}

/// 2026-11-30 is a Monday.
let monday9 = at("2026-11-30", "09:00:00")

func minutes(_ m: Int64) -> Millis { m * 60_000 }
func seconds(_ s: Int64) -> Millis { s * 1000 }

/// Deterministic ticket ids: t1, t2, …
final class IDs {
  var next = 0
  func make() -> String {
    next += 1
    return "t\(next)"
  }
}

func makeHall(
  _ config: HallConfig = fixtureConfig(), state: HallState? = nil, now: Millis = monday9
) -> Hall {
  let ids = IDs()
  return Hall(config: config, restoring: state, now: now, makeTicketID: ids.make)
}

extension Outcome {
  var ticket: Ticket? {
    if case .ticket(let t, _) = reply { return t }
    return nil
  }

  var counter: Counter? {
    if case .counter(let c) = reply { return c }
    return nil
  }

  var types: [String] { events.map(\.type) }
}

extension Hall {
  @discardableResult
  func issue(_ service: String, priority: Bool = false, at now: Millis, request: String? = nil)
    throws(QueueError) -> Ticket
  {
    try handle(.issue(service: service, priority: priority, request: request), at: now).ticket!
  }

  /// The number called, or nil when nobody waits.
  @discardableResult
  func callNext(_ counter: Int, _ target: CallTarget = .auto, at now: Millis) throws(QueueError)
    -> String?
  {
    try handle(.call(counter: counter, target), at: now).ticket?.number
  }
}

func expectRefusal(
  _ code: QueueError.Code, sourceLocation: SourceLocation = #_sourceLocation,
  _ body: () throws(QueueError) -> Void
) {
  do {
    try body()
    Issue.record(
      "expected \(code.rawValue), but the command succeeded", sourceLocation: sourceLocation)
  } catch {
    #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
  }
}

/// An Encodable value as a JSON object, to compare with PROTOCOL.md's shapes.
func json(_ value: some Encodable) -> [String: Any] {
  try! JSONSerialization.jsonObject(with: JSONEncoder().encode(value)) as! [String: Any]
}

func json(_ value: some JSONWritable) -> [String: Any] {
  try! JSONSerialization.jsonObject(with: Data(value.jsonBytes)) as! [String: Any]
}

func keys(_ object: [String: Any]) -> Set<String> { Set(object.keys) }
