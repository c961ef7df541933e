import FoundationEssentials
import HallWire

/// PROTOCOL's RFC 3339 times as the officer tools use them, read by HallWire's one parser.
enum Timestamp {
  static func parse(_ text: String) -> Date? {
    RFC3339(text).map { Date(timeIntervalSince1970: Double($0.millis) / 1000) }
  }

  /// `HH:MM` as written in the timestamp, i.e. in the hall's own time zone.
  static func clock(_ text: String) -> String? {
    RFC3339(text).map { String($0.local.clock.prefix(5)) }
  }
}
