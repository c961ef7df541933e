import ArgumentParser
import Foundation
import Officer
import Storage

struct RestoreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "restore",
    abstract: "Put a backup back as the hall's database (with the server stopped).",
    discussion: """
      The backup is checked first (an Antre database, integrity_check, not from a newer \
      Antre); it is refused while a server runs on the database. The database it replaces \
      is kept as <db>.before-restore. The result is checked again.
      """)

  @Argument(help: "The backup file.")
  var file: String

  @Option(help: "The hall's SQLite database, to be replaced.")
  var db = "antre.sqlite"

  @Option(help: ArgumentHelp("Language of the messages: id or en.", valueName: "lang"))
  var lang: Language = .id

  func run() throws {
    let en = lang == .en
    let replacing = FileManager.default.fileExists(atPath: db)
    do {
      try DatabaseFile.restore(backupPath: file, into: db)
    } catch {
      fail((en ? "restore REFUSED: " : "pemulihan DITOLAK: ") + error.message, error.exitStatus)
    }
    print(en ? "restored \(file) into \(db)" : "\(file) dipulihkan ke \(db)")
    if replacing {
      print(
        en
          ? "the previous database is kept in \(db).before-restore"
          : "basis data sebelumnya disimpan di \(db).before-restore")
    }
  }
}
