import Foundation
import HallWire
import QueueCore

@testable import Simulator

enum Paths {
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let scenarios = packageRoot.appendingPathComponent("Assets/scenarios").path
  static let ciwScript = packageRoot.appendingPathComponent(
    "Tests/SimulatorTests/Support/ciw_day.py"
  ).path
}

/// A hall of one service with `counters` counters calling by `policy`, open all day.
func oneServiceHall(counters: Int, meanS: Int, policy: CallPolicy = .fifo) -> HallConfig {
  HallConfig(
    name: "Uji", zone: HallZone(identifier: "Asia/Jakarta", secondsFromUTC: 7 * 3600),
    services: [ServiceConfig(id: "A", name: "A", targetWaitS: 600, meanServiceS: meanS)],
    counters: (1...counters).map {
      CounterConfig(id: $0, name: "Loket \($0)", services: ["A"], policy: policy)
    })
}

/// Runs `python3 args…` and returns its standard output.
func python(_ args: [String]) throws -> String {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["python3"] + args
  let out = Pipe()
  process.standardOutput = out
  try process.run()
  let data = out.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return String(decoding: data, as: UTF8.self)
}
