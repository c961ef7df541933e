import ArgumentParser
import Foundation
import Officer
import QueueCore
import Reports
import Server
import Storage
import HallYAML

struct Report: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "A service report for a period: a table, CSV or printable HTML.",
    discussion: """
      Asks the server (--server URL --token ADMIN_TOKEN, or ANTRE_SERVER and ANTRE_TOKEN), \
      or reads the hall's database directly (--db, with the same hall file as `antre serve`), \
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

  @Option(help: "The hall's SQLite database (instead of --server).")
  var db: String?

  @Option(help: "The Antre server, e.g. http://192.168.1.10:8080. Else ANTRE_SERVER.")
  var server: String?

  @Option(help: "The admin token (with --server). Else ANTRE_TOKEN.")
  var token: String?

  @Option(help: "The hall file. Default: the bundled sample hall.")
  var config: String?

  func validate() throws {
    let env = ProcessInfo.processInfo.environment
    if db != nil && server != nil { throw ValidationError("give --db or --server, not both") }
    if db == nil && (server ?? env["ANTRE_SERVER"]) == nil {
      throw ValidationError("give --server URL --token ADMIN_TOKEN, or --db FILE")
    }
  }

  func run() throws {
    if db == nil { return try fromServer() }
    let root = defaultResourceRoot(executablePath: CommandLine.arguments[0])
    let configPath = config ?? bundledHall(root: root)
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

extension Report {
  /// `GET /api/report?from&to&format=`: the server renders the same report from its store.
  func fromServer() throws {
    let env = ProcessInfo.processInfo.environment
    var base = server ?? env["ANTRE_SERVER"] ?? ""
    while base.hasSuffix("/") { base.removeLast() }
    if !base.contains("://") { base = "http://" + base }
    guard let token = token ?? env["ANTRE_TOKEN"], !token.isEmpty else {
      throw ValidationError("give --token ADMIN_TOKEN (or ANTRE_TOKEN) with --server")
    }
    var query = "format=\(format.rawValue)"
    for (name, value) in [("from", from), ("to", to)] {
      guard let value else { continue }
      guard value.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }) else {
        FileHandle.standardError.write(Data("antre report: Tanggal ditulis YYYY-MM-DD.\n".utf8))
        throw ExitCode(2)
      }
      query += "&\(name)=\(value)"
    }
    let response: OfficerResponse
    do {
      response = try ReactorTransport(server: base, timeout: 30).send(
        method: "GET", path: "/api/report?" + query, body: nil, token: token)
    } catch {
      FileHandle.standardError.write(Data("antre report: \(base): \(error)\n".utf8))
      throw ExitCode(1)
    }
    guard response.status == 200 else {
      let text = String(decoding: response.body.prefix(500), as: UTF8.self)
      FileHandle.standardError.write(
        Data("antre report: the server answered \(response.status): \(text)\n".utf8))
      throw ExitCode(response.status == 400 ? 2 : 1)
    }
    FileHandle.standardOutput.write(Data(response.body))
  }
}

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
  case table, csv, html
}

struct ReportFailure: Error, CustomStringConvertible {
  var description: String
  init(_ d: String) { description = d }
}
