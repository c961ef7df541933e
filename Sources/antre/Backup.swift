import ArgumentParser
import Foundation
import Officer
import Storage

struct BackupCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "backup",
    abstract: "Copy the hall's database to a file or a folder, safely while the server runs.",
    discussion: """
      Uses SQLite's online backup: the running server keeps issuing while the copy is made, \
      and the copy is the database as it was when the backup began. The copy is checked \
      (integrity_check) before it takes its name; a failure leaves earlier backups as they \
      were. With a folder, the file is named antre-YYYY-MM-DD-HHMM.sqlite and --keep N \
      removes all but the N newest of those, only after a good backup.
      """)

  @Option(help: "The hall's SQLite database.")
  var db = "antre.sqlite"

  @Option(help: "The backup file, or a folder to put a dated backup in.")
  var to: String

  @Option(help: "With a folder: how many backups to keep (the newest).")
  var keep: Int?

  @Option(help: ArgumentHelp("Language of the messages: id or en.", valueName: "lang"))
  var lang: Language = .id

  func validate() throws {
    if let keep, keep < 1 { throw ValidationError("--keep must be 1 or more") }
  }

  func run() throws {
    let en = lang == .en
    let folder = BackupFolder(path: to)
    guard keep == nil || folder.isFolder else {
      fail(en ? "--keep needs a folder for --to" : "--keep memerlukan folder pada --to", 64)
    }
    let target = folder.isFolder ? folder.newFileName(at: Date()) : to
    if !folder.isFolder && FileManager.default.fileExists(atPath: target) {
      fail(
        en
          ? "\(target) already exists; choose another name"
          : "\(target) sudah ada; pilih nama lain", 73)
    }
    guard FileManager.default.fileExists(atPath: db) else {
      fail(en ? "no database at \(db)" : "tidak ada basis data di \(db)", 66)
    }
    let started = Date()
    do {
      try Backup(databaseAt: db, to: target).run()
    } catch {
      fail((en ? "backup FAILED: " : "cadangan GAGAL: ") + error.message, error.exitStatus)
    }
    let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
    print(
      en
        ? "backup written: \(target) (\(seconds) s)"
        : "cadangan tersimpan: \(target) (\(seconds) dtk)")
    if let keep {
      for old in folder.removeAllBut(newest: keep) {
        print(en ? "old backup removed: \(old)" : "cadangan lama dihapus: \(old)")
      }
    }
  }
}

/// A folder of dated backups: `antre-YYYY-MM-DD-HHMM.sqlite`, newest last by name.
struct BackupFolder {
  let path: String

  var isFolder: Bool {
    var isDirectory: ObjCBool = false
    return path.hasSuffix("/")
      || (FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        && isDirectory.boolValue)
  }

  func newFileName(at date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "yyyy-MM-dd-HHmm"
    let base = (path.hasSuffix("/") ? String(path.dropLast()) : path) + "/antre-"
    return base + formatter.string(from: date) + ".sqlite"
  }

  /// The backups in the folder, oldest first (the names sort by time).
  var backups: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    return names.filter { $0.hasPrefix("antre-") && $0.hasSuffix(".sqlite") }.sorted()
  }

  /// Removes all but the `newest` most recent backups; returns the removed paths.
  func removeAllBut(newest: Int) -> [String] {
    let all = backups
    var removed: [String] = []
    for name in all.dropLast(newest) {
      let file = path + "/" + name
      if (try? FileManager.default.removeItem(atPath: file)) != nil { removed.append(file) }
    }
    return removed
  }
}

extension StorageError {
  /// sysexits: busy → EX_TEMPFAIL, not ours or damaged → EX_DATAERR, the rest → EX_IOERR.
  var exitStatus: Int32 {
    switch self {
    case .busy: 75
    case .notAntre, .corrupt, .migrationFailed: 65
    default: 74
    }
  }
}

func fail(_ message: String, _ status: Int32) -> Never {
  FileHandle.standardError.write(Data("antre: \(message)\n".utf8))
  Foundation.exit(status)
}
