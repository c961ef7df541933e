import HallWire
import PinHash

extension Hall {
  /// Every officer, active or not, by id.
  public var officerList: [Officer] {
    officers.values.map(\.officer).sorted { $0.id < $1.id }
  }

  public func officer(_ id: String) -> Officer? { officers[id]?.officer }

  /// The officer signed in at counter `id`, if any.
  public func officerAt(counter id: Int) -> Officer? {
    counters[id]?.officer.flatMap { officers[$0]?.officer }
  }

  /// `{"id", "name"}` for the wire; removed officers keep their name in history.
  public func officerRef(_ id: String?) -> OfficerRef? {
    guard let id else { return nil }
    return OfficerRef(id: id, name: officers[id]?.name ?? id)
  }

  func addOfficer(id: String, name: String, pin: String, salt: [UInt8]) throws(QueueError)
    -> Reply
  {
    guard OfficerRules.isValidID(id) else { throw OfficerRefusal.badID }
    let name = String(name.trimmingSpaces)
    guard !name.isEmpty, name.count <= OfficerRules.maxNameLength,
      !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
    else { throw OfficerRefusal.badName }
    guard officers[id] == nil else {
      throw QueueError(
        .conflict, "An officer with id \(id) already exists.",
        id: "Petugas dengan id \(id) sudah ada.")
    }
    try checkNewPIN(pin, salt)
    let record = OfficerRecord(id: id, name: name, pin: PinHash.make(pin: pin, salt: salt))
    putOfficer(record)
    return .officer(record.officer)
  }

  func resetPIN(officer id: String, pin: String, salt: [UInt8]) throws(QueueError) -> Reply {
    guard var record = officers[id] else { throw OfficerRefusal.unknown(id) }
    guard record.active else { throw OfficerRefusal.inactive(id) }
    try checkNewPIN(pin, salt)
    record.pin = PinHash.make(pin: pin, salt: salt)
    putOfficer(record)
    failures.succeed(id)
    return .officer(record.officer)
  }

  /// Deactivates the officer and signs them out wherever they are signed in.
  func removeOfficer(id: String, now: Millis) throws(QueueError) -> Reply {
    guard var record = officers[id] else { throw OfficerRefusal.unknown(id) }
    if record.active {
      record.active = false
      putOfficer(record)
      for c in counters.values.sorted(by: { $0.id < $1.id }) where c.officer == id {
        setOfficer(nil, at: c.id, now: now)
      }
    }
    return .officer(record.officer)
  }

  /// Checks the PIN (a slow hash, ~20–40 ms), then seats the officer at the counter,
  /// signing them out of any other counter and whoever sat here out of this one.
  func signIn(counter id: Int, officer officerID: String, pin: String, now: Millis)
    throws(QueueError) -> Reply
  {
    _ = try counterConfig(id)
    guard OfficerRules.isValidPIN(pin) else {
      throw QueueError(
        .badRequest, "A PIN is six digits.", id: "PIN terdiri atas enam angka.")
    }
    if failures.isLocked(officerID, at: now) {
      throw QueueError(
        .rateLimited, "Too many wrong PINs for \(officerID); try again in 15 minutes.",
        id: "Terlalu banyak PIN salah untuk \(officerID); coba lagi 15 menit lagi.")
    }
    guard let record = officers[officerID], record.active else {
      // Hash anyway, so an unknown id takes as long to refuse as a wrong PIN.
      _ = Self.decoy.matches(pin)
      throw OfficerRefusal.badPIN
    }
    guard record.pin.matches(pin) else {
      failures.fail(officerID, at: now)
      throw OfficerRefusal.badPIN
    }
    failures.succeed(officerID)
    for c in counters.values.sorted(by: { $0.id < $1.id })
    where c.officer == officerID && c.id != id {
      setOfficer(nil, at: c.id, now: now)
    }
    if counters[id]!.officer != officerID { setOfficer(officerID, at: id, now: now) }
    return .counter(counterView(id, at: now))
  }

  func signOut(counter id: Int, now: Millis) throws(QueueError) -> Reply {
    _ = try counterConfig(id)
    if counters[id]!.officer != nil { setOfficer(nil, at: id, now: now) }
    return .counter(counterView(id, at: now))
  }

  func setOfficer(_ officer: String?, at id: Int, now: Millis) {
    var c = counters[id]!
    c.officer = officer
    put(c)
    emit(.counter(counterView(id, at: now)), at: now)
  }

  func putOfficer(_ o: OfficerRecord) {
    officers[o.id] = o
    tx.recordOfficer(o)
  }

  private func checkNewPIN(_ pin: String, _ salt: [UInt8]) throws(QueueError) {
    guard OfficerRules.isValidPIN(pin), salt.count >= 16 else {
      throw QueueError(
        .badRequest, "A new PIN is six digits with a salt of at least 16 bytes.",
        id: "PIN baru terdiri atas enam angka dengan garam minimal 16 bita.")
    }
  }

  private static let decoy = PinHash.make(
    pin: "000000", salt: Array("antre-decoy-salt".utf8))
}

enum OfficerRefusal {
  static let badID = QueueError(
    .badRequest, "An officer id is a NIP or 1–32 characters of 0-9, A-Z, a-z, '.', '_', '-'.",
    id: "Id petugas berupa NIP atau 1–32 karakter 0-9, A-Z, a-z, '.', '_', '-'.")
  static let badName = QueueError(
    .badRequest, "An officer's name is 1–80 characters without control characters.",
    id: "Nama petugas 1–80 karakter tanpa karakter kendali.")
  static let badPIN = QueueError(
    .badPin, "Unknown officer or wrong PIN.", id: "Petugas tidak dikenal atau PIN salah.")

  static func unknown(_ id: String) -> QueueError {
    QueueError(.notFound, "There is no officer \(id).", id: "Petugas \(id) tidak ada.")
  }

  static func inactive(_ id: String) -> QueueError {
    QueueError(
      .conflict, "Officer \(id) has been removed.", id: "Petugas \(id) sudah dinonaktifkan.")
  }

  static func noOfficer(_ counter: Int) -> QueueError {
    QueueError(
      .noOfficer, "Counter \(counter) needs an officer signed in before it calls.",
      id: "Loket \(counter) harus diisi petugas yang sudah masuk sebelum memanggil.")
  }
}
