import HallWire
import QueueCore
import Testing
import HallYAML

@Suite struct HallFileCentralTests {
  let base = RecordedHall.yaml

  @Test func centralKeyNamesTheDatabaseAndTheHall() throws {
    let config = try HallConfig.load(
      yaml: base
        + "\ncentral: {url: \"postgres://antre@db.example:5432/region\", hall: \"bwi-01\"}\n")
    #expect(
      config.central
        == CentralTarget(url: "postgres://antre@db.example:5432/region", hall: "bwi-01"))
  }

  @Test func hallWithoutCentralShipsNowhere() throws {
    #expect(try HallConfig.load(yaml: base).central == nil)
  }

  @Test func badHallIDsAndUnknownKeysAreRefusedWithTheirPath() {
    for bad in [
      "central: {url: \"postgres://x/y\", hall: \"Banyuwangi\"}",
      "central: {url: \"postgres://x/y\", hall: \"\(String(repeating: "a", count: 33))\"}",
      "central: {url: \"postgres://x/y\"}",
      "central: {url: \"postgres://x/y\", hall: \"a\", port: 5}",
    ] {
      #expect(throws: HallConfigError.self, "\(bad)") {
        _ = try HallConfig.load(yaml: base + "\n" + bad + "\n")
      }
    }
  }
}
