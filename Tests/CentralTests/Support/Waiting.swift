import HallWire
import Central
import Foundation
import Logging
import Postgres

/// Polls `condition` until it holds or `timeout` passes: the shipper runs on its own thread,
/// so a test waits for what it published, never for a fixed time.
func eventually(timeout: Double = 15, _ condition: () throws -> Bool) async throws -> Bool {
  let deadline = Date().addingTimeInterval(timeout)
  while Date() < deadline {
    if try condition() { return true }
    try await Task.sleep(nanoseconds: 20_000_000)
  }
  return try condition()
}

func quietLogger() -> Logger {
  var logger = Logger(label: "central-tests") { _ in SwiftLogNoOpLogHandler() }
  logger.logLevel = .critical
  return logger
}

func makeShipper(_ hall: RecordedHall, url: String, id: String = "uji") -> Shipper {
  var settings = ShipperSettings(
    url: url, hall: id, databasePath: hall.databasePath, config: hall.config)
  settings.pollInterval = 0.02
  settings.retryInterval = 0.2
  return Shipper(settings: settings, logger: quietLogger())
}

/// Parses the JSON text PostgreSQL built.
func object(_ text: String?) -> [String: Any] {
  guard let text, let value = try? JSONSerialization.jsonObject(with: Data(text.utf8)) else {
    return [:]
  }
  return value as? [String: Any] ?? [:]
}

func array(_ text: String?) -> [[String: Any]] {
  guard let text, let value = try? JSONSerialization.jsonObject(with: Data(text.utf8)) else {
    return []
  }
  return value as? [[String: Any]] ?? []
}
