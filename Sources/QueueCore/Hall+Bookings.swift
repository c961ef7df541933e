import HallWire

/// Bookings (PROTOCOL 1.1 "Appointments and remote tickets"). The loop is single-threaded
/// and every booking of today and later lives here, so a slot's capacity is checked and
/// taken in one step: two requests can never both take its last place.
extension Hall {
  /// Check-in opens this long before a slot…
  public static let checkInEarly: Millis = 30 * 60_000
  /// …and closes this long after it; a booking not checked in by then is `missed`.
  public static let checkInLate: Millis = 15 * 60_000
  /// Bookings and remote tickets per phone number per day.
  public static let usesPerPhonePerDay = 3
  static let nameLimit = 100

  // MARK: - Reading

  /// A booking of today or later (or one still booked from an earlier day).
  public func booking(id: String) -> BookingRecord? { bookings[id] }

  public func booking(code: String) -> BookingRecord? {
    BookingCode.parse(code).flatMap { bookingByCode[$0] }.flatMap { bookings[$0] }
  }

  public func bookingView(_ b: BookingRecord) -> Booking { Booking(record: b, zone: zone) }

  /// Every booking held (today's and later days'), by slot start then id: what a reminder
  /// sender walks.
  public func heldBookings() -> [BookingRecord] {
    bookings.values.sorted { ($0.start, $0.id) < ($1.start, $1.id) }
  }

  /// The phone to notify about a ticket: a remote ticket's own, an appointment ticket's
  /// booking's; nil for others. Personal data: for the notice sender only.
  public func phone(ofTicket id: String) -> String? {
    guard let t = tickets[id] else { return nil }
    if let phone = t.phone { return phone }
    return t.booking.flatMap { bookings[$0]?.phone }
  }

  /// The bookable slots of `service` on `date` (`YYYY-MM-DD`) still ahead of `now`, with
  /// their free places (0 when full).
  public func slots(service: String, date: String, at now: Millis) throws(QueueError) -> [Slot] {
    let (_, a) = try bookable(service)
    guard let d = HallWire.dayNumber(of: date), dateText(ofDay: d) == date else {
      throw QueueError(
        .badRequest, "\"\(date)\" is not a date like 2026-12-01.",
        id: "\"\(date)\" bukan tanggal seperti 2026-12-01.")
    }
    try checkBookingDay(d, a, now: now)
    let taken = placesTaken(in: service)
    return slotStarts(a, dayNumber: d).filter { $0 > now }.map {
      Slot(start: zone.rfc3339($0), free: max(0, a.perSlot - taken[$0, default: 0]))
    }
  }

  /// Every slot start of `service` on `date` (`YYYY-MM-DD`), begun or not, full or not;
  /// empty when it takes no bookings. For the simulator, which books on a virtual clock.
  public func slotStarts(of service: String, on date: String) -> [Millis] {
    guard let a = services[service]?.appointments, let d = HallWire.dayNumber(of: date) else {
      return []
    }
    return slotStarts(a, dayNumber: d)
  }

  // MARK: - Commands

  func book(service: String, start: Millis, name: String, phone: String, now: Millis)
    throws(QueueError) -> Reply
  {
    let (svc, a) = try bookable(service)
    let name = String(name.trimmingSpaces)
    guard !name.isEmpty, name.count <= Hall.nameLimit,
      !name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
    else {
      throw QueueError(
        .badRequest, "The name must be 1–\(Hall.nameLimit) characters on one line.",
        id: "Nama harus 1–\(Hall.nameLimit) karakter dalam satu baris.")
    }
    guard let phone = PhoneNumber.normalise(phone) else { throw Refusal.badPhone }
    let d = zone.local(start).dayNumber
    try checkBookingDay(d, a, now: now)
    guard slotStarts(a, dayNumber: d).contains(start) else {
      let label = "\(svc.id) (\(svc.name))"
      throw QueueError(
        .badRequest, "Service \(label) offers no slot starting at \(zone.rfc3339(start)).",
        id: "Layanan \(label) tidak punya jadwal janji temu pukul "
          + "\(clockText(zone.local(start).minuteOfDay).replacingColon()) pada tanggal itu.")
    }
    guard start > now else {
      throw QueueError(
        .badRequest, "That slot has already begun; choose a later one.",
        id: "Jadwal itu sudah lewat; pilih jadwal berikutnya.")
    }
    guard phoneUses[phone, default: 0] < Hall.usesPerPhonePerDay else {
      throw Refusal.phoneUsedUp
    }
    guard placesTaken(in: service)[start, default: 0] < a.perSlot else {
      throw QueueError(
        .slotFull, "That slot is full; choose another.",
        id: "Jadwal itu sudah penuh; pilih jadwal lain.")
    }
    let id = Hall.unused(makeTicketID) { bookings[$0] != nil }
    let code = Hall.unused(makeBookingCode) { bookingByCode[$0] != nil }
    let b = BookingRecord(
      id: id, code: code, key: makeTicketKey(), service: service,
      day: LocalTime(dayNumber: d, secondOfDay: 0).date, start: start, name: name, phone: phone,
      createdAt: now)
    bookingByCode[code] = id
    phoneUses[phone, default: 0] += 1
    putBooking(b)
    return .booked(bookingView(b), key: b.key)
  }

  func cancelBooking(id: String, now: Millis) throws(QueueError) -> Reply {
    guard var b = bookings[id] else { throw Refusal.noBooking }
    switch b.state {
    case .cancelled: return .booking(bookingView(b))
    case .checkedIn:
      throw QueueError(
        .conflict, "This booking is already checked in; its ticket can be cancelled instead.",
        id: "Janji temu ini sudah check-in; batalkan nomor antreannya saja.")
    case .missed:
      throw QueueError(
        .missed, "This booking was missed (not checked in in time).",
        id: "Janji temu ini sudah terlewat (tidak check-in tepat waktu).")
    case .booked:
      b.state = .cancelled
      b.changedAt = now
      putBooking(b)
      return .booking(bookingView(b))
    }
  }

  func checkIn(code typed: String, box: String?, now: Millis) throws(QueueError) -> Reply {
    guard let code = BookingCode.parse(typed) else { throw Refusal.badCode }
    guard let id = bookingByCode[code], var b = bookings[id] else {
      throw QueueError(
        .notFound, "No booking has the code \(code); check the code.",
        id: "Tidak ada janji temu dengan kode \(code); periksa kodenya.")
    }
    if let box, !config.kiosks.contains(where: { $0.id == box }) {
      throw QueueError(
        .badRequest, "Unknown ticket box \"\(box)\".", id: "Kotak tiket \"\(box)\" tidak dikenal.")
    }
    switch b.state {
    case .checkedIn:
      // A retried check-in (a box that lost the reply) gets the same ticket.
      guard let tid = b.ticketID, let t = tickets[tid] else {
        throw QueueError(
          .conflict, "This booking was checked in on another day.",
          id: "Janji temu ini sudah check-in pada hari lain.")
      }
      var owned = view(t, at: now)
      owned.key = t.key
      return .ticket(owned, created: false)
    case .cancelled:
      throw QueueError(
        .conflict, "This booking was cancelled; please take an ordinary ticket.",
        id: "Janji temu ini sudah dibatalkan; silakan ambil nomor antrean biasa.")
    case .missed: throw Refusal.missed(b, zone: zone)
    case .booked: break
    }
    if now < b.start - Hall.checkInEarly {
      let opens = b.start - Hall.checkInEarly
      let (en, idn) = describeOpening(opens, from: now)
      throw QueueError(
        .tooEarly, "Check-in for this booking opens \(en), 30 minutes before its slot.",
        id: "Check-in janji temu ini dibuka \(idn), 30 menit sebelum jadwalnya.")
    }
    if now > b.start + Hall.checkInLate { throw Refusal.missed(b, zone: zone) }
    guard let svc = services[b.service] else { throw Refusal.unknownService(b.service) }
    if closedReason(svc, at: now) == .noCounter, let refusal = refusal(toIssue: svc, at: now) {
      throw refusal
    }
    let ticket = createTicket(
      service: b.service, priority: false, box: box, request: nil, now: now,
      enqueuedAt: max(b.start, now)
    ) { t in
      t.appointment = b.start
      t.booking = b.id
    }
    b.state = .checkedIn
    b.ticketID = ticket.id
    b.changedAt = now
    putBooking(b)
    return .ticket(ticket, created: true)
  }

  // MARK: - Housekeeping

  /// Bookings not checked in by 15 minutes after their slot become `missed` (run with the
  /// rollover, so a refused command still records them).
  func markMissedBookings(at now: Millis) {
    guard let due = nextMissAt, now >= due else { return }
    let late = bookings.values.filter { $0.state == .booked && now > $0.start + Hall.checkInLate }
    for var b in late.sorted(by: { ($0.start, $0.id) < ($1.start, $1.id) }) {
      b.state = .missed
      b.changedAt = now
      putBooking(b)
    }
    updateNextMiss()
  }

  /// At a new day: bookings of earlier days are storage's now.
  func dropBookings(before day: String) {
    for b in bookings.values where b.day < day && b.state != .booked {
      bookings[b.id] = nil
      if bookingByCode[b.code] == b.id { bookingByCode[b.code] = nil }
    }
  }

  func restoreAppointments(_ list: [BookingRecord]) {
    for b in list where b.day >= day || b.state == .booked {
      bookings[b.id] = b
      bookingByCode[b.code] = b.id
      if zone.day(of: b.createdAt) == day { phoneUses[b.phone, default: 0] += 1 }
    }
    for t in tickets.values where t.day == day && t.remote {
      remoteIssued[t.issuedService, default: 0] += 1
      if let phone = t.phone { phoneUses[phone, default: 0] += 1 }
    }
    updateNextMiss()
  }

  func putBooking(_ b: BookingRecord) {
    bookings[b.id] = b
    tx.record(b)
    updateNextMiss()
  }

  func updateNextMiss() {
    nextMissAt = bookings.values.lazy.filter { $0.state == .booked }.map {
      $0.start + Hall.checkInLate + 1
    }.min()
  }

  // MARK: - Slots

  /// The service and its appointments, or why it takes no bookings.
  func bookable(_ service: String) throws(QueueError) -> (ServiceConfig, AppointmentConfig) {
    guard let svc = services[service] else { throw Refusal.unknownService(service) }
    guard let a = svc.appointments else {
      let label = "\(svc.id) (\(svc.name))"
      throw QueueError(
        .badRequest, "Service \(label) takes no appointments.",
        id: "Layanan \(label) tidak menerima janji temu.")
    }
    return (svc, a)
  }

  /// Refuses a day before today or beyond `days_ahead`.
  func checkBookingDay(_ d: Int64, _ a: AppointmentConfig, now: Millis) throws(QueueError) {
    let today = max(dayNumber, zone.local(now).dayNumber)
    if d < today {
      throw QueueError(
        .badRequest, "That day has passed; choose today or a later day.",
        id: "Tanggal itu sudah lewat; pilih hari ini atau sesudahnya.")
    }
    if d > today + Int64(a.daysAhead) {
      throw QueueError(
        .badRequest, "Bookings open at most \(a.daysAhead) days ahead.",
        id: "Janji temu hanya bisa dibuat paling lama \(a.daysAhead) hari ke depan.")
    }
  }

  /// The slot starts on day `d`: whole slots from the start of each range of its hours.
  func slotStarts(_ a: AppointmentConfig, dayNumber d: Int64) -> [Millis] {
    let weekday = LocalTime(dayNumber: d, secondOfDay: 0).weekday
    let ranges =
      a.hours.map { $0.days[weekday, default: []] } ?? [0..<1440]
    let base = zone.startOfDay(d)
    let length = a.slotS / 60
    var starts: [Millis] = []
    for r in ranges {
      var m = r.lowerBound
      while m + length <= r.upperBound {
        starts.append(base + Int64(m) * 60_000)
        m += length
      }
    }
    return starts
  }

  /// Places taken per slot start: every booking not cancelled.
  func placesTaken(in service: String) -> [Millis: Int] {
    var taken: [Millis: Int] = [:]
    for b in bookings.values where b.service == service && b.state != .cancelled {
      taken[b.start, default: 0] += 1
    }
    return taken
  }
}

extension Refusal {
  static let badPhone = QueueError(
    .badRequest,
    "That is not an Indonesian mobile number; write it like 0812 3456 7890 or +62 812 3456 7890.",
    id: "Nomor HP tidak valid; tulis seperti 0812 3456 7890 atau +62 812 3456 7890.")

  static let badCode = QueueError(
    .badRequest,
    "A booking code is 6 letters and digits (it never uses 0, O, 1 or I); check the code.",
    id: "Kode janji temu terdiri dari 6 huruf dan angka (tanpa 0, O, 1, atau I); periksa kodenya.")

  static let noBooking = QueueError(
    .notFound, "No such booking.", id: "Janji temu tidak ditemukan.")

  static let phoneUsedUp = QueueError(
    .rateLimited,
    "This phone number has made \(Hall.usesPerPhonePerDay) bookings or remote tickets today; try again tomorrow.",
    id: "Nomor HP ini sudah dipakai \(Hall.usesPerPhonePerDay) kali hari ini; coba lagi besok.")

  static func missed(_ b: BookingRecord, zone: HallZone) -> QueueError {
    let time = clockText(zone.local(b.start).minuteOfDay)
    return QueueError(
      .missed,
      "Check-in closed 15 minutes after the \(time) slot; please take an ordinary ticket.",
      id: "Waktu check-in jadwal \(time.replacingColon()) sudah lewat (15 menit sesudahnya); "
        + "silakan ambil nomor antrean biasa.")
  }
}
