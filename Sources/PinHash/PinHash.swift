import CLibcrypto
import InitMacros

/// An officer's PIN as stored: PBKDF2-HMAC-SHA256 (OpenSSL's libcrypto) with a per-officer
/// random salt. The iteration count is stored with the hash so it can be raised later
/// without invalidating the PINs already issued.
@PublicInit
public struct PinHash: Sendable, Equatable {
  public var salt: [UInt8]
  public var iterations: Int
  public var hash: [UInt8]

  /// Chosen so that one hash takes about 20–30 ms on a small hall server: slow enough to
  /// make guessing a 6-digit PIN offline from a stolen database expensive, short enough to
  /// run on the event loop at a sign-in.
  public static let defaultIterations = 100_000

  /// Hashes `pin` with `salt` (16 random bytes from the caller).
  public static func make(pin: String, salt: [UInt8], iterations: Int = defaultIterations)
    -> PinHash
  {
    PinHash(salt: salt, iterations: iterations, hash: derive(pin, salt, iterations))
  }

  /// Whether `pin` is the one hashed, compared in constant time.
  public func matches(_ pin: String) -> Bool {
    let candidate = Self.derive(pin, salt, iterations)
    guard candidate.count == hash.count else { return false }
    return candidate.withUnsafeBytes { a in
      hash.withUnsafeBytes { b in CRYPTO_memcmp(a.baseAddress, b.baseAddress, a.count) == 0 }
    }
  }

  /// `pbkdf2-sha256$ITER$SALTHEX$HASHHEX`, one text column in the database.
  public var encoded: String {
    "pbkdf2-sha256$\(iterations)$\(Self.hex(salt))$\(Self.hex(hash))"
  }

  public init?(encoded: String) {
    let parts = encoded.split(separator: "$", omittingEmptySubsequences: false)
    guard parts.count == 4, parts[0] == "pbkdf2-sha256", let n = Int(parts[1]), n > 0,
      let salt = Self.bytes(hex: parts[2]), let hash = Self.bytes(hex: parts[3]),
      !salt.isEmpty, hash.count == 32
    else { return nil }
    self.init(salt: salt, iterations: n, hash: hash)
  }

  private static func derive(_ pin: String, _ salt: [UInt8], _ iterations: Int) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: 32)
    let length = Int32(pin.utf8.count)
    let ok = pin.withCString { p in
      salt.withUnsafeBufferPointer { s in
        out.withUnsafeMutableBufferPointer { o in
          PKCS5_PBKDF2_HMAC(
            p, length, s.baseAddress, Int32(s.count), Int32(iterations), EVP_sha256(),
            Int32(o.count), o.baseAddress)
        }
      }
    }
    // Fails only when libcrypto cannot allocate; a PIN must then never match.
    precondition(ok == 1, "PKCS5_PBKDF2_HMAC failed")
    return out
  }

  private static func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef")
    var s = ""
    for b in bytes {
      s.append(digits[Int(b >> 4)])
      s.append(digits[Int(b & 15)])
    }
    return s
  }

  private static func bytes(hex: Substring) -> [UInt8]? {
    guard hex.count % 2 == 0 else { return nil }
    var out: [UInt8] = []
    var it = hex.makeIterator()
    while let a = it.next(), let b = it.next() {
      guard let hi = a.hexDigitValue, let lo = b.hexDigitValue else { return nil }
      out.append(UInt8(hi * 16 + lo))
    }
    return out
  }
}
