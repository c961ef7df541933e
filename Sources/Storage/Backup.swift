import CSQLite

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A consistent copy of an Antre database in a new file, made with SQLite's online backup
/// API a few pages per `step`, so the owner of the source can keep working between steps.
///
/// The copy is written to `<to>.partial`, checked with `integrity_check`, synced, and only
/// then renamed to `<to>`: a failure (disk full, read-only place, removed stick) leaves any
/// earlier file at `<to>` as it was, and the source is only ever read.
public final class Backup {
  public let destinationPath: String
  private let partialPath: String
  private let source: Connection
  private var destination: Connection?
  private var handle: OpaquePointer?
  /// True when this backup opened its own read transaction on the source, which pins one
  /// snapshot for the whole copy (WAL lets the server write meanwhile).
  private let holdsSnapshot: Bool
  /// The partial file, held open to sync it as the copy grows (see `step`).
  private var partialDescriptor: Int32 = -1
  private var pagesSynced = 0

  /// Pages still to copy and pages in all, as of the latest `step` (0 before the first).
  public private(set) var remainingPages = 0
  public private(set) var totalPages = 0

  /// Copies the store's own database through the store's connection. Writes the store
  /// makes between steps are copied too (SQLite updates the copy from the same connection),
  /// so the copy is the database as it is when the last step finishes.
  public convenience init(of store: Store, to path: String) throws(StorageError) {
    try self.init(source: store.connection, to: path, holdsSnapshot: false)
  }

  /// Copies the database at `sourcePath` through a read-only connection of its own: another
  /// process (a running server) keeps writing, and the copy is the database as it was when
  /// the backup began.
  public convenience init(databaseAt sourcePath: String, to path: String) throws(StorageError) {
    let source = try Connection(path: sourcePath, mode: .readOnly)
    source.setBusyTimeout(milliseconds: 5000)
    // The copy is checked page by page at the end; checking the source too would read a year
    // of history twice.
    _ = try Schema.check(source, path: sourcePath, integrity: false)
    try source.execute("BEGIN DEFERRED; SELECT count(*) FROM sqlite_master;")
    try self.init(source: source, to: path, holdsSnapshot: true)
  }

  init(source: Connection, to path: String, holdsSnapshot: Bool) throws(StorageError) {
    self.source = source
    self.holdsSnapshot = holdsSnapshot
    destinationPath = path
    partialPath = path + ".partial"
    Self.removeFiles(partialPath)
    // SQLite says only "unable to open database file"; the system says why.
    let probe = open(partialPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard probe >= 0 else {
      let reason = String(cString: strerror(errno))
      if holdsSnapshot { try? source.execute("ROLLBACK") }
      throw .io("backup to \(path): cannot create \(partialPath): \(reason)")
    }
    partialDescriptor = probe
    do throws(StorageError) {
      let destination = try Connection(path: partialPath, mode: .create)
      try destination.execute("PRAGMA synchronous = FULL")
      guard let handle = sqlite3_backup_init(destination.handle, "main", source.handle, "main")
      else {
        throw StorageError(
          code: sqlite3_errcode(destination.handle),
          message: "backup to \(path): \(destination.errorMessage)")
      }
      self.destination = destination
      self.handle = handle
    } catch {
      if holdsSnapshot { try? source.execute("ROLLBACK") }
      close(partialDescriptor)
      partialDescriptor = -1
      Self.removeFiles(partialPath)
      throw Self.located(error, path)
    }
  }

  /// 4 MiB of 4 KiB pages.
  static let pagesPerSync = 1024

  deinit {
    cancel()
    if partialDescriptor >= 0 { close(partialDescriptor) }
  }

  /// Copies up to `pages` more pages. Returns true once everything is copied; false while
  /// pages remain or while the source is busy (the store is inside a write transaction).
  /// A failure ends the backup and removes the partial file.
  public func step(pages: Int) throws(StorageError) -> Bool {
    guard let handle, let destination else {
      throw .failed("backup to \(destinationPath) has already ended")
    }
    let code = sqlite3_backup_step(handle, Int32(clamping: pages == -1 ? -1 : max(1, pages)))
    remainingPages = Int(sqlite3_backup_remaining(handle))
    totalPages = Int(sqlite3_backup_pagecount(handle))
    // Left to itself the copy piles up in the page cache until the final sync writes it all
    // at once, and on ext4 the server's next commit (an fsync of its WAL) then waits behind
    // that whole flush: 200 ms measured with a year of history. Syncing every few MB keeps
    // what any commit can wait for small.
    if totalPages - remainingPages - pagesSynced >= Self.pagesPerSync {
      fdatasync(partialDescriptor)
      pagesSynced = totalPages - remainingPages
    }
    switch code {
    case SQLITE_DONE: return true
    case SQLITE_OK, SQLITE_BUSY, SQLITE_LOCKED: return false
    default:
      let message = Self.describe(code, destination)
      cancel()
      throw Self.located(StorageError(code: code, message: message), destinationPath)
    }
  }

  /// After `step` returned true: checks the copy, syncs it and renames it into place.
  public func finish() throws(StorageError) {
    guard let handle, let destination else {
      throw .failed("backup to \(destinationPath) has already ended")
    }
    self.handle = nil
    let code = sqlite3_backup_finish(handle)
    if holdsSnapshot { try? source.execute("ROLLBACK") }
    do throws(StorageError) {
      guard code == SQLITE_OK else {
        throw StorageError(code: code, message: Self.describe(code, destination))
      }
      // The copy carries the source's WAL flag; a backup is one self-contained file.
      try destination.execute("PRAGMA journal_mode = DELETE")
      _ = try Schema.check(destination, path: destinationPath)
    } catch {
      self.destination = nil
      Self.removeFiles(partialPath)
      throw Self.located(error, destinationPath)
    }
    self.destination = nil  // closes it: every page is on disk (synchronous = FULL)
    guard rename(partialPath, destinationPath) == 0 else {
      let reason = String(cString: strerror(errno))
      Self.removeFiles(partialPath)
      throw .io("backup to \(destinationPath): rename failed: \(reason)")
    }
    Self.syncDirectory(of: destinationPath)
  }

  /// Abandons the backup: removes the partial file, leaves everything else as it was.
  public func cancel() {
    if let handle {
      sqlite3_backup_finish(handle)
      self.handle = nil
      if holdsSnapshot { try? source.execute("ROLLBACK") }
    }
    if destination != nil {
      destination = nil
      Self.removeFiles(partialPath)
    }
  }

  /// Runs the whole backup, `pagesPerStep` at a time, calling `between` after each step.
  public func run(pagesPerStep: Int = 256, between: (Backup) -> Void = { _ in })
    throws(StorageError)
  {
    while try !step(pages: pagesPerStep) { between(self) }
    try finish()
  }

  /// `sqlite3_backup_step` leaves its error on neither connection: name the code itself.
  private static func describe(_ code: Int32, _ connection: Connection) -> String {
    let text = String(cString: sqlite3_errstr(code))
    let detail = connection.errorMessage
    return detail == "not an error" || detail == text ? text : "\(text) (\(detail))"
  }

  private static func located(_ error: StorageError, _ path: String) -> StorageError {
    switch error {
    case .io(let m): .io("backup to \(path): \(m)")
    case .openFailed(let m): .openFailed("backup to \(path): \(m)")
    case .failed(let m): .failed("backup to \(path): \(m)")
    default: error
    }
  }

  static func removeFiles(_ path: String) {
    for suffix in ["", "-journal", "-wal", "-shm"] { unlink(path + suffix) }
  }

  /// Makes the rename itself survive a power cut.
  static func syncDirectory(of path: String) {
    let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
    let fd = open(directory.isEmpty ? "/" : directory, O_RDONLY)
    guard fd >= 0 else { return }
    fsync(fd)
    close(fd)
  }
}

/// Checks and restores backups.
public enum DatabaseFile {
  /// Refuses a file that is not an Antre database, is damaged (`integrity_check`) or was
  /// written by a newer Antre; returns its schema version. Only reads the file.
  public static func verify(path: String) throws(StorageError) -> Int {
    guard access(path, R_OK) == 0 else {
      throw .openFailed("\(path): \(String(cString: strerror(errno)))")
    }
    let connection = try Connection(path: path, mode: .readOnly)
    return try Schema.check(connection, path: path)
  }

  /// Replaces the database at `databasePath` with the backup at `backupPath`, after
  /// checking the backup. Takes the `DatabaseLock`, so it is refused while a server runs on
  /// the database, and no server starts meanwhile. The previous database is kept as `<database>.before-restore`: copied through
  /// SQLite when it is sound, moved aside as it is when it is damaged. The copy into the
  /// target goes through SQLite too (not a file copy), so its WAL is handled, and the result
  /// is checked again.
  public static func restore(backupPath: String, into databasePath: String)
    throws(StorageError)
  {
    let lock = try DatabaseLock(databasePath: databasePath)
    defer { withExtendedLifetime(lock) {} }
    _ = try verify(path: backupPath)
    let kept = databasePath + ".before-restore"
    if access(databasePath, F_OK) == 0 {
      Backup.removeFiles(kept)
      var sound = true
      do { _ = try verify(path: databasePath) } catch { sound = false }
      if sound {
        let keep = try Backup(
          source: try Connection(path: databasePath, mode: .readOnly), to: kept,
          holdsSnapshot: false)
        try keep.run(pagesPerStep: -1)
      } else {
        for suffix in ["", "-wal"] where access(databasePath + suffix, F_OK) == 0 {
          guard rename(databasePath + suffix, kept + suffix) == 0 else {
            throw .io("cannot move \(databasePath) aside: \(String(cString: strerror(errno)))")
          }
        }
        unlink(databasePath + "-shm")
      }
    }
    let source = try Connection(path: backupPath, mode: .readOnly)
    let target = try Connection(path: databasePath, mode: .create)
    target.setBusyTimeout(milliseconds: 5000)
    guard let handle = sqlite3_backup_init(target.handle, "main", source.handle, "main") else {
      throw StorageError(code: sqlite3_errcode(target.handle), message: target.errorMessage)
    }
    let step = sqlite3_backup_step(handle, -1)
    let finish = sqlite3_backup_finish(handle)
    guard step == SQLITE_DONE, finish == SQLITE_OK else {
      throw StorageError(
        code: step == SQLITE_DONE ? finish : step,
        message: "restore into \(databasePath): \(target.errorMessage)")
    }
    try target.execute("PRAGMA journal_mode = WAL; PRAGMA wal_checkpoint(TRUNCATE);")
    _ = try Schema.check(target, path: databasePath)
  }
}
