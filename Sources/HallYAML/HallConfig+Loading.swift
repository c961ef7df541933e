import HallWire
import QueueCore

import Yams

extension HallConfig {
  /// Parses and validates a hall file (YAML; JSON is YAML too).
  public static func load(yaml: String) throws(HallConfigError) -> HallConfig {
    return try HallFileReader.hall(Value.root(yaml: yaml))
  }
}

enum HallFileReader {
  static let topKeys: Set<String> = [
    "name", "timezone", "admin_token", "priority_weight", "services", "counters", "kiosks",
    "public_url", "origins", "ticker", "footer", "voice", "backup", "central",
    "require_officer", "trusted", "notify_webhook", "notify_reminder_at",
  ]
  static let serviceKeys: Set<String> = [
    "id", "name", "name_en", "target_wait_s", "mean_service_s", "quota", "hours",
    "appointments", "remote",
  ]
  static let counterKeys: Set<String> = ["id", "name", "services", "token", "policy"]
  static let kioskKeys: Set<String> = ["id", "token"]
  static let languages: Set<String> = ["id", "en"]

  static func hall(_ root: Value) throws(HallConfigError) -> HallConfig {
    let f = try root.mapping(allowed: topKeys)
    let name = try f.required("name").nonEmptyString()
    var zone = HallZone(identifier: "Asia/Jakarta", secondsFromUTC: 7 * 3600)
    if let z = f["timezone"] {
      let text = try z.string()
      guard let parsed = HallZone(parsing: text) else {
        throw z.fail(
          "unknown time zone \"\(text)\" (use Asia/Jakarta, Asia/Pontianak, Asia/Makassar, "
            + "Asia/Jayapura, UTC or an offset like +07:00)")
      }
      zone = parsed
    }
    let adminToken = try f["admin_token"].map { v throws(HallConfigError) in try token(v) }
    var weight = 3.0
    if let w = f["priority_weight"] {
      weight = try w.number()
      guard weight >= 1 else { throw w.fail("must be at least 1 (1 means no priority)") }
    }

    let serviceList = try f.required("services").sequence()
    guard !serviceList.isEmpty else {
      throw HallConfigError(path: "services", problem: "must list at least one service")
    }
    var services: [ServiceConfig] = []
    for v in serviceList {
      let s = try service(v)
      if services.contains(where: { $0.id == s.id }) {
        throw HallConfigError(path: v.child("id"), problem: "duplicate service id \"\(s.id)\"")
      }
      services.append(s)
    }

    let counterList = try f.required("counters").sequence()
    guard !counterList.isEmpty else {
      throw HallConfigError(path: "counters", problem: "must list at least one counter")
    }
    var counters: [CounterConfig] = []
    for v in counterList {
      let c = try counter(v, services: Set(services.map(\.id)))
      if counters.contains(where: { $0.id == c.id }) {
        throw HallConfigError(path: v.child("id"), problem: "duplicate counter id \(c.id)")
      }
      counters.append(c)
    }

    var kiosks: [KioskConfig] = []
    for v in try f["kiosks"]?.sequence() ?? [] {
      let k = try v.mapping(allowed: kioskKeys)
      let idValue = try k.required("id")
      let id = try idValue.nonEmptyString()
      guard id.utf8.count <= 32, !id.contains(where: { $0 == " " || $0 == "/" }) else {
        throw idValue.fail("\"\(id)\" must be a short word without spaces or slashes")
      }
      if kiosks.contains(where: { $0.id == id }) {
        throw idValue.fail("duplicate kiosk id \"\(id)\"")
      }
      kiosks.append(
        KioskConfig(id: id, token: try k["token"].map { v throws(HallConfigError) in try token(v) })
      )
    }

    let publicURL = try f["public_url"]?.nonEmptyString()
    var origins: [String] = []
    for v in try f["origins"]?.sequence() ?? [] { origins.append(try v.nonEmptyString()) }
    var trusted: [String] = []
    for v in try f["trusted"]?.sequence() ?? [] { trusted.append(try v.nonEmptyString()) }
    let ticker = try f["ticker"]?.string()
    let footer = try f["footer"]?.string()
    var voice = ["id"]
    if let v = f["voice"] {
      voice = []
      for item in try v.sequence() {
        let lang = try item.string()
        guard languages.contains(lang) else {
          throw item.fail("unknown voice language \"\(lang)\" (use id or en)")
        }
        voice.append(lang)
      }
    }
    var hall = HallConfig(
      name: name, zone: zone, adminToken: adminToken, priorityWeight: weight,
      services: services, counters: counters, kiosks: kiosks, publicURL: publicURL,
      origins: origins, ticker: ticker, footer: footer, voice: voice, trusted: trusted)
    hall.backup = try f["backup"].map { v throws(HallConfigError) in try backup(v) }
    hall.central = try f["central"].map { v throws(HallConfigError) in try central(v) }
    hall.requireOfficer = try f["require_officer"]?.bool() ?? false
    hall.notifyWebhook = try f["notify_webhook"].map { v throws(HallConfigError) in
      try webhook(v)
    }
    if let a = f["notify_reminder_at"] {
      let text = try a.string()
      guard let m = minute(Substring(text)), m < 24 * 60 else {
        throw a.fail("\"\(text)\" is not a time of day like \"18:00\"")
      }
      hall.notifyReminderMinute = m
    }
    return hall
  }

  /// `backup: {dir: /media/usb/antre, at: "21:00", keep: 14}`
  static func backup(_ v: Value) throws(HallConfigError) -> BackupConfig {
    let f = try v.mapping(allowed: ["dir", "at", "keep"])
    let dirValue = try f.required("dir")
    let dir = try dirValue.nonEmptyString()
    guard dir.hasPrefix("/") else { throw dirValue.fail("\"\(dir)\" must be an absolute path") }
    var at = 21 * 60
    if let a = f["at"] {
      let text = try a.string()
      guard let m = minute(Substring(text)), m < 24 * 60 else {
        throw a.fail("\"\(text)\" is not a time of day like \"21:00\"")
      }
      at = m
    }
    var keep = 14
    if let k = f["keep"] {
      keep = try k.int()
      guard (1...1000).contains(keep) else { throw k.fail("must be 1–1000") }
    }
    return BackupConfig(directory: dir, minuteOfDay: at, keep: keep)
  }

  /// `central: {url: "postgres://…", hall: "banyuwangi"}` (PROTOCOL 1.1). The URL is not
  /// judged here: a wrong one must not stop the hall, so the shipper reports it at start-up
  /// and in /healthz instead.
  static func central(_ v: Value) throws(HallConfigError) -> CentralTarget {
    let f = try v.mapping(allowed: ["url", "hall"])
    let url = try f.required("url").nonEmptyString()
    let hallValue = try f.required("hall")
    let hall = try hallValue.nonEmptyString()
    guard let target = CentralTarget(url: url, hall: hall) else {
      throw hallValue.fail("\"\(hall)\" must be 1–32 of a-z, 0-9 and -")
    }
    return target
  }

  static func token(_ v: Value) throws(HallConfigError) -> String {
    let t = try v.nonEmptyString()
    guard t.utf8.count >= 8 else { throw v.fail("a token must be at least 8 characters long") }
    return t
  }

  static func isServiceID(_ s: String) -> Bool {
    (1...2).contains(s.utf8.count) && s.utf8.allSatisfy { $0 >= 65 && $0 <= 90 }
  }

  static func service(_ v: Value) throws(HallConfigError) -> ServiceConfig {
    let f = try v.mapping(allowed: serviceKeys)
    let idValue = try f.required("id")
    let id = try idValue.string()
    guard isServiceID(id) else { throw idValue.fail("\"\(id)\" is not 1–2 capital letters") }
    let name = try f.required("name").nonEmptyString()
    let nameEN = try f["name_en"]?.nonEmptyString()
    let target = try positive(f.required("target_wait_s"))
    let mean = try positive(f.required("mean_service_s"))
    var quota: Int?
    if let q = f["quota"] {
      let n = try q.int()
      guard n >= 0 else { throw q.fail("\(n) is negative (leave quota out for no limit)") }
      quota = n
    }
    let hours = try f["hours"].map { h throws(HallConfigError) in try openingHours(h) }
    return ServiceConfig(
      id: id, name: name, nameEN: nameEN, targetWaitS: target, meanServiceS: mean,
      quota: quota, hours: hours,
      appointments: try f["appointments"].map { a throws(HallConfigError) in
        try appointments(a, serviceHours: hours)
      },
      remote: try f["remote"].map { r throws(HallConfigError) in try remote(r) })
  }

  static func positive(_ v: Value) throws(HallConfigError) -> Int {
    let n = try v.int()
    guard n > 0 else { throw v.fail("\(n) must be a positive number of seconds") }
    return n
  }

  static func openingHours(_ v: Value) throws(HallConfigError) -> OpeningHours {
    guard case .mapping(let m) = v.node else {
      throw v.fail("must map weekdays (mon … sun) to times like \"08:00-15:00\"")
    }
    var days: [Weekday: [MinuteRange]] = [:]
    for (k, value) in m {
      let keyText = k.string ?? ""
      let path = v.child(keyText)
      guard let day = Weekday(key: keyText) else {
        throw HallConfigError(
          path: path, problem: "unknown weekday (use mon, tue, wed, thu, fri, sat, sun)")
      }
      guard days[day] == nil else { throw HallConfigError(path: path, problem: "appears twice") }
      let item = Value(node: value, path: path)
      days[day] = item.isNull ? [] : try ranges(item)
    }
    return OpeningHours(days: days)
  }

  /// `"08:00-15:00"`, several as `"08:00-12:00, 13:00-15:00"`, or `closed`.
  static func ranges(_ v: Value) throws(HallConfigError) -> [MinuteRange] {
    let text = try v.string()
    if text.trimmingSpaces == "closed" { return [] }
    var result: [MinuteRange] = []
    for part in text.split(separator: ",") {
      let bounds = part.split(separator: "-")
      guard bounds.count == 2, let start = minute(bounds[0]), let end = minute(bounds[1]) else {
        throw v.fail("\"\(text)\" is not a time range like \"08:00-15:00\"")
      }
      guard start < end else { throw v.fail("\"\(text)\": the range must end after it starts") }
      if let last = result.last, last.upperBound > start {
        throw v.fail("\"\(text)\": ranges must be in order and must not overlap")
      }
      result.append(start..<end)
    }
    guard !result.isEmpty else { throw v.fail("\"\(text)\" is not a time range") }
    return result
  }

  static func minute(_ s: Substring) -> Int? { minuteOfDay(clock: s) }

  static func counter(_ v: Value, services known: Set<String>) throws(HallConfigError)
    -> CounterConfig
  {
    let f = try v.mapping(allowed: counterKeys)
    let idValue = try f.required("id")
    let id = try idValue.int()
    guard id > 0 else { throw idValue.fail("\(id) must be a positive whole number") }
    let name = try f["name"]?.nonEmptyString() ?? "Loket \(id)"
    let list = try f.required("services").sequence()
    guard !list.isEmpty else {
      throw HallConfigError(path: v.child("services"), problem: "must name at least one service")
    }
    var services: [String] = []
    for item in list {
      let s = try item.string()
      guard known.contains(s) else { throw item.fail("unknown service \"\(s)\"") }
      guard !services.contains(s) else { throw item.fail("service \"\(s)\" is listed twice") }
      services.append(s)
    }
    let tokenValue = try f["token"].map { t throws(HallConfigError) in try token(t) }
    var policy = CallPolicy.score
    if let p = f["policy"] {
      let text = try p.string()
      guard let parsed = CallPolicy(rawValue: text) else {
        throw p.fail("unknown policy \"\(text)\" (use score, ordered or fifo)")
      }
      policy = parsed
    }
    return CounterConfig(id: id, name: name, services: services, token: tokenValue, policy: policy)
  }
}
