import HallWire
import QueueCore

/// Runs a scenario's replications, seeds `seed`, `seed + 1`, …
public enum Simulation {
  public static func run(_ scenario: Scenario, policy: String = "hall", sampling: Bool = false)
    -> Summary
  {
    let runs = (0..<scenario.replications).map { r in
      Replication(scenario, seed: scenario.seed &+ UInt64(r)).run(sampling: sampling)
    }
    return Summary(runs, scenario: scenario, policy: policy)
  }

  /// One replication, for tests and timing.
  public static func runOnce(_ scenario: Scenario, seed: UInt64) -> RunResult {
    Replication(scenario, seed: seed).run(sampling: false)
  }
}
