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
  private var roles: [String: Role] = [:]
  public private(set) var admin: String
  public private(set) var counters: [Int: String]
  public private(set) var kiosks: [String: String]

  public init(admin: String, counters: [Int: String], kiosks: [String: String]) {
    self.admin = admin
    self.counters = counters
    self.kiosks = kiosks
    roles[admin] = .admin
    for (id, token) in counters { roles[token] = .counter(id) }
    for (id, token) in kiosks { roles[token] = .kiosk(id) }
  }

  public func role(for token: String?) -> Role? {
    guard let token, !token.isEmpty else { return nil }
    return roles[token]
  }
}

/// A token that can't be guessed: 24 random bytes, URL-safe (it travels in `?token=`).
func generateToken() -> String {
  var rng = SystemRandomNumberGenerator()
  let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
  return String((0..<32).map { _ in alphabet[Int(rng.next() % 64)] })
}

/// Ticket ids go into tracking URLs: 128 random bits, hex.
func generateTicketID() -> String {
  var rng = SystemRandomNumberGenerator()
  let hex = Array("0123456789abcdef")
  var out = ""
  out.reserveCapacity(32)
  for _ in 0..<2 {
    var word = rng.next() as UInt64
    for _ in 0..<16 {
      out.append(hex[Int(word & 0xF)])
      word >>= 4
    }
  }
  return out
}
