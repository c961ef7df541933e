import ArgumentParser
import Foundation
import QueueCore
import Simulator

struct Simulate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Simulate a day of visitors through the hall's own queue logic.",
    discussion: """
      Runs the scenario's arrivals through the same QueueCore as `antre serve`, on a virtual \
      clock, and reports waits per service and work per counter (shared/SIMULATE.md).
      """)

  @Argument(help: "The scenario file (YAML or JSON); left out with --from-db.")
  var scenario: String?

  @Option(
    name: .customLong("from-db"),
    help: "Replay the day this hall database recorded instead of a scenario.")
  var fromDB: String?

  @Option(help: "With --from-db: the day to replay, YYYY-MM-DD.")
  var date: String?

  @Option(help: "With --from-db: the hall file of that day. Default: the bundled sample hall.")
  var config: String?

  @Option(help: "With --from-db: a hall file whose counters and policies to try instead.")
  var counters: String?

  @Flag(help: "Print the figures as JSON.")
  var json = false

  @Option(help: "Compare policies applied to every counter, e.g. score,fifo,ordered.")
  var compare: String?

  @Flag(help: "Find, per service, the fewest counters serving only it for --target-p90.")
  var findCounters = false

  @Option(name: .customLong("target-p90"), help: "The p90 wait to meet, in seconds.")
  var targetP90: Double?

  @Option(help: "Write waiting visitors by time of day as an SVG chart to this file.")
  var svg: String?

  @Option(help: "Replications, overriding the scenario's.")
  var replications: Int?

  @Option(help: "The first seed, overriding the scenario's.")
  var seed: UInt64?

  @Option(
    help: """
      The share of visitors who book (0–1) in every service that takes appointments, \
      overriding the scenario's `booked`.
      """)
  var booked: Double?

  @Option(help: ArgumentHelp("Language of the output: id or en.", valueName: "lang"))
  var lang = "id"

  func validate() throws {
    guard (scenario == nil) != (fromDB == nil) else {
      throw ValidationError(
        lang == "en"
          ? "give a scenario file or --from-db DATABASE --date YYYY-MM-DD"
          : "berikan berkas skenario atau --from-db BASISDATA --date YYYY-MM-DD")
    }
    if fromDB != nil && date == nil {
      throw ValidationError(
        lang == "en"
          ? "--from-db needs --date YYYY-MM-DD" : "--from-db memerlukan --date YYYY-MM-DD")
    }
    if fromDB == nil && (date != nil || config != nil || counters != nil) {
      throw ValidationError(
        lang == "en"
          ? "--date, --config and --counters go with --from-db"
          : "--date, --config dan --counters hanya dipakai dengan --from-db")
    }
    guard lang == "id" || lang == "en" else {
      throw ValidationError("--lang: use id or en")
    }
    if findCounters && targetP90 == nil {
      throw ValidationError(
        lang == "en"
          ? "--find-counters needs --target-p90 SECONDS"
          : "--find-counters memerlukan --target-p90 DETIK")
    }
    if let booked, !(0...1).contains(booked) {
      throw ValidationError(
        lang == "en" ? "--booked: a share from 0 to 1" : "--booked: bagian antara 0 dan 1")
    }
    if let targetP90, !(targetP90 > 0) {
      throw ValidationError(
        lang == "en" ? "--target-p90 must be positive" : "--target-p90 harus positif")
    }
    if let r = replications, !(1...Scenario.maxReplications).contains(r) {
      throw ValidationError("--replications: 1–\(Scenario.maxReplications)")
    }
  }

  func run() throws {
    let english = lang == "en"
    var s: Scenario
    do {
      if let fromDB, let date {
        s = try replayScenario(db: fromDB, date: date, english: english)
      } else {
        s = try Scenario.load(file: scenario!)
      }
    } catch let error as ReplayError {
      FileHandle.standardError.write(Data("antre simulate: \(error.text(english: english))\n".utf8))
      throw ExitCode(2)
    } catch {
      FileHandle.standardError.write(
        Data(
          ((english ? "antre simulate: " : "antre simulate: skenario salah: ") + "\(error)\n").utf8)
      )
      throw ExitCode(2)
    }
    if let replications { s.replications = replications }
    if let seed { s.seed = seed }
    if let booked {
      guard s.hall.services.contains(where: { $0.appointments != nil }) else {
        FileHandle.standardError.write(
          Data(
            (english
              ? "antre simulate: --booked: no service of the hall takes appointments\n"
              : "antre simulate: --booked: tidak ada layanan aula yang menerima janji temu\n").utf8)
        )
        throw ExitCode(2)
      }
      s = s.with(booked: booked)
    }
    do {
      try s.checkWork()
    } catch {
      FileHandle.standardError.write(Data("antre simulate: \(error)\n".utf8))
      throw ExitCode(2)
    }

    if findCounters, let target = targetP90 {
      let found = Staffing.findCounters(s, targetP90S: target)
      if json {
        let items = found.map {
          "\"\($0.service)\": {\"counters\": \($0.counters.map(String.init) ?? "null"), "
            + "\"wait_p90_s\": \($0.waitP90S.map { String(Int($0.rounded())) } ?? "null")}"
        }
        print(
          "{\"target_p90_s\": \(Int(target)), \"services\": {\(items.joined(separator: ", "))}}")
      } else {
        print(
          english
            ? "Counters serving only one service, p90 wait ≤ \(Int(target)) s:"
            : "Loket khusus per layanan agar p90 tunggu ≤ \(Int(target)) detik:")
        for f in found {
          if let k = f.counters {
            print(
              "  \(f.service): \(k) "
                + (english
                  ? "counters (p90 \(Int(f.waitP90S! / 60)) min)"
                  : "loket (p90 \(Int(f.waitP90S! / 60)) menit)"))
          } else {
            print(
              "  \(f.service): "
                + (english
                  ? "more than \(Staffing.maxCounters)" : "lebih dari \(Staffing.maxCounters)"))
          }
        }
      }
      return
    }

    var policies: [(String, Scenario)] = [("hall", s)]
    if let compare {
      policies = []
      for name in compare.split(separator: ",").map({
        String($0).trimmingCharacters(in: .whitespaces)
      }) {
        guard let p = CallPolicy(rawValue: name) else {
          FileHandle.standardError.write(
            Data(
              (english
                ? "antre simulate: unknown policy \"\(name)\" (use score, ordered or fifo)\n"
                : "antre simulate: kebijakan \"\(name)\" tidak dikenal (gunakan score, ordered atau fifo)\n")
                .utf8))
          throw ExitCode(2)
        }
        policies.append((name, s.with(policy: p)))
      }
    }
    let summaries = policies.map { Simulation.run($1, policy: $0, sampling: svg != nil) }
    if let svg {
      let chart = Chart.svg(summaries[0], hall: s.hall, english: english)
      do {
        try chart.write(toFile: svg, atomically: true, encoding: .utf8)
      } catch {
        FileHandle.standardError.write(Data("antre simulate: \(svg): \(error)\n".utf8))
        throw ExitCode(1)
      }
    }
    if json {
      print(compare == nil ? summaries[0].json : Summary.json(comparing: summaries))
    } else {
      print(summaries.map { $0.table(hall: s.hall, english: english) }.joined(separator: "\n\n"))
    }
  }
}
