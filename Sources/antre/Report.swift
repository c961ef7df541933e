import ArgumentParser
import Foundation
import QueueCore
import Reports
import Server
import Storage

struct Report: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "A service report for a period: a table, CSV or printable HTML.",
    discussion: """
      Reads the hall's database directly (--db, with the same hall file as `antre serve`), \
      safe while the server runs. Without dates: this month up to today. At most 366 days. \
      CSV is `;`-separated with a decimal comma and a byte order mark, for spreadsheets set \
      to Indonesian. HTML prints on A4 (open it in a browser and print, or save as PDF).
      """)

  @Option(help: "First day, YYYY-MM-DD. Default: the first of this month.")
  var from: String?

  @Option(help: "Last day, YYYY-MM-DD. Default: today.")
  var to: String?

  @Option(help: "table, csv or html.")
  var format: ReportFormat = .table

  @Option(help: "The hall's SQLite database.")
  var db: String?

  @Option(help: "The hall file. Default: the bundled sample hall.")
  var config: String?

  func validate() throws {
    guard db != nil else { throw ValidationError("give --db FILE (the hall's database)") }
  }

  func run() throws {
    let root = defaultResourceRoot(executablePath: CommandLine.arguments[0])
    let configPath = config ?? root + "/Assets/halls/mpp-banyuwangi.yaml"
    do {
      let hall = try HallConfig.load(yaml: String(contentsOfFile: configPath, encoding: .utf8))
      let now = Int64(Date().timeIntervalSince1970 * 1000)
      let today = hall.zone.day(of: now)
      let range = try ReportRange(
        from: from ?? (to == nil ? String(today.prefix(8)) + "01" : nil), to: to, today: today)
      guard let db, FileManager.default.fileExists(atPath: db) else {
        throw ReportFailure("no database at \(db ?? "")")
      }
      let store = try Store(path: db)
      let stats = try ReportLoader.stats(store: store, config: hall, range: range)
      switch format {
      case .table: print(ReportTable.render(stats), terminator: "")
      case .csv: FileHandle.standardOutput.write(Data(ReportCSV.render(stats).utf8))
      case .html:
        FileHandle.standardOutput.write(
          Data(ReportHTML.render(stats, generatedAt: hall.zone.rfc3339(now)).utf8))
      }
    } catch let error as QueueError {
      FileHandle.standardError.write(Data("antre report: \(error.messageID)\n".utf8))
      throw ExitCode(2)
    } catch {
      FileHandle.standardError.write(Data("antre report: \(error)\n".utf8))
      throw ExitCode(1)
    }
  }
}

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
  case table, csv, html
}

struct ReportFailure: Error, CustomStringConvertible {
  var description: String
  init(_ d: String) { description = d }
}
