import HTTP
import QueueCore
import Storage

/// Who a token belongs to. Reading the hall, tracking a ticket and the display feed need
/// no token at all; everything that changes the hall does.
public enum Role: Equatable, Sendable {
  case admin
  case counter(Int)
  case kiosk(String)
}

/// Tokens of the hall: from the hall file, or generated on first start and kept in the
/// database so they survive restarts.
public struct TokenTable: Sendable {
  private var roles: [(token: String, role: Role)] = []
  public private(set) var admin: String
  public private(set) var counters: [Int: String]
  public private(set) var kiosks: [String: String]

  public init(admin: String, counters: [Int: String], kiosks: [String: String]) {
    self.admin = admin
    self.counters = counters
    self.kiosks = kiosks
    roles.append((admin, .admin))
    for (id, token) in counters.sorted(by: { $0.key < $1.key }) {
      roles.append((token, .counter(id)))
    }
    for (id, token) in kiosks.sorted(by: { $0.key < $1.key }) { roles.append((token, .kiosk(id))) }
  }

  /// Compares against every token, each in constant time, so the answer's timing says
  /// nothing about how much of a guess was right (a dictionary lookup would).
  public func role(for token: String?) -> Role? {
    guard let token, !token.isEmpty else { return nil }
    var found: Role?
    for (candidate, role) in roles where constantTimeEquals(token, candidate) { found = role }
    return found
  }
}

/// A token that can't be guessed: 24 random bytes, URL-safe (it travels in `?token=`).
func generateToken() -> String {
  var rng = SystemRandomNumberGenerator()
  let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
  return String((0..<32).map { _ in alphabet[Int(rng.next() % 64)] })
}

/// Ticket ids go into tracking URLs: 128 random bits, hex, after the time of issue (12 hex
/// digits of Unix milliseconds). The prefix keeps ids in issue order, so the database's index
/// on them grows at its end and a group commit writes one page of it, not one per ticket (a
/// wholly random id lands on a different page each time).
func generateTicketID(using random: RandomPool) -> String {
  let words = (UInt64(max(0, wallClockMillis())), random.next(), random.next())
  // ASCII bytes, not Characters: this runs for every ticket issued.
  return String(unsafeUninitializedCapacity: 44) { out in
    for i in 0..<12 { out[i] = hexDigits[Int(words.0 >> UInt64(4 * (11 - i)) & 0xF)] }
    for i in 0..<32 {
      let word = i < 16 ? words.1 : words.2
      out[12 + i] = hexDigits[Int(word >> UInt64(4 * (i % 16)) & 0xF)]
    }
    return 44
  }
}

private let hexDigits = Array("0123456789abcdef".utf8)

extension TokenTable {
  /// Hall-file tokens win; missing ones are generated once and kept in the database.
  static func load(config: HallConfig, store: Store) throws(StorageError)
    -> (TokenTable, TokenTable?)
  {
    var generated: [String: String] = [:]
    func token(_ key: String, _ configured: String?) throws(StorageError) -> String {
      if let configured, !configured.isEmpty { return configured }
      if let kept = try store.meta(key) { return kept }
      let fresh = generateToken()
      generated[key] = fresh
      return fresh
    }
    let admin = try token("token.admin", config.adminToken)
    var counters: [Int: String] = [:]
    for c in config.counters { counters[c.id] = try token("token.counter.\(c.id)", c.token) }
    var kiosks: [String: String] = [:]
    for k in config.kiosks { kiosks[k.id] = try token("token.kiosk.\(k.id)", k.token) }
    if !generated.isEmpty {
      try store.begin()
      for (k, v) in generated { try store.setMeta(k, v) }
      try store.commit()
    }
    let table = TokenTable(admin: admin, counters: counters, kiosks: kiosks)
    guard !generated.isEmpty else { return (table, nil) }
    return (
      table,
      TokenTable(
        admin: generated["token.admin"] ?? "",
        counters: counters.filter { generated["token.counter.\($0.key)"] != nil },
        kiosks: kiosks.filter { generated["token.kiosk.\($0.key)"] != nil })
    )
  }
}
