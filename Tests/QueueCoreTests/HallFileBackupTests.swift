import HallWire
import Testing

@testable import QueueCore
import HallYAML

/// The hall file's `backup: {dir, at, keep}`.
@Suite struct HallFileBackupTests {
  func load(_ backup: String) throws(HallConfigError) -> HallConfig {
    try HallConfig.load(
      yaml: """
        name: H
        services: [{id: A, name: X, target_wait_s: 60, mean_service_s: 30}]
        counters: [{id: 1, services: [A]}]
        backup: \(backup)
        """)
  }

  @Test func backupKeyGivesDirectoryTimeAndHowManyToKeep() throws {
    let hall = try load(#"{dir: /media/usb/antre, at: "21:30", keep: 7}"#)
    #expect(hall.backup == BackupConfig(directory: "/media/usb/antre", minuteOfDay: 1290, keep: 7))
  }

  @Test func backupTimeAndKeepHaveDefaults() throws {
    let hall = try load("{dir: /var/lib/antre/backups}")
    #expect(
      hall.backup == BackupConfig(directory: "/var/lib/antre/backups", minuteOfDay: 1260, keep: 14))
  }

  @Test func hallWithoutBackupHasNone() throws {
    #expect(try load("null").backup == nil)
  }

  @Test func badBackupSettingsAreRefusedSayingWhere() {
    let cases: [(String, String, String)] = [
      ("{at: \"21:00\"}", "backup.dir", "is required"),
      ("{dir: usb/antre}", "backup.dir", "absolute path"),
      ("{dir: /b, at: \"25:00\"}", "backup.at", "time of day"),
      ("{dir: /b, at: \"24:00\"}", "backup.at", "time of day"),
      ("{dir: /b, keep: 0}", "backup.keep", "1–1000"),
      ("{dir: /b, every: daily}", "backup.every", "unknown key"),
    ]
    for (yaml, path, fragment) in cases {
      do {
        _ = try load(yaml)
        Issue.record("accepted \(yaml)")
      } catch {
        #expect(error.path == path, "\(yaml): \(error)")
        #expect(error.problem.contains(fragment), "\(yaml): \(error)")
      }
    }
  }
}
