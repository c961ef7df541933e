import HallWire
import Testing

@testable import QueueCore
import HallYAML

/// `notify_reminder_at`: when booking reminders go out the evening before.
@Suite struct HallFileNoticesTests {
  func hall(_ top: String) -> String {
    """
    name: H
    \(top)
    services: [{id: A, name: X, target_wait_s: 60, mean_service_s: 30}]
    counters: [{id: 1, services: [A]}]
    """
  }

  @Test func remindersGoAtSixInTheEveningUnlessTheFileSaysOtherwise() throws {
    #expect(try HallConfig.load(yaml: hall("")).notifyReminderMinute == 18 * 60)
    #expect(
      try HallConfig.load(yaml: hall(#"notify_reminder_at: "19:30""#)).notifyReminderMinute
        == 19 * 60 + 30)
  }

  @Test func aReminderTimeThatIsNotATimeOfDayIsRefusedByName() {
    for bad in [#""25:00""#, #""evening""#, "1800"] {
      do {
        _ = try HallConfig.load(yaml: hall("notify_reminder_at: \(bad)"))
        Issue.record("accepted \(bad)")
      } catch {
        #expect(error.path == "notify_reminder_at", "\(error)")
      }
    }
  }
}
