import InitMacros

/// `scheme://host[:port][/path][?query][#fragment]`, read the one way every client of the
/// hall reads an address: the officer tools' and ticket box's `--server`, the feed's `ws://`,
/// a printer's `tcp://`. No user info, no percent-decoding of the host; IPv6 in brackets.
@PublicInit
public struct URLParts: Equatable, Sendable {
  /// Lower-cased.
  public var scheme: String
  public var host: String
  public var port: Int?
  /// The path with its query (`/ws?token=…`), the fragment dropped; empty when absent.
  public var pathAndQuery: String

  public init?(_ text: String) {
    guard let colon = text.firstIndex(of: ":") else { return nil }
    let scheme = text[..<colon]
    let afterColon = text[colon...]
    guard afterColon.hasPrefix("://"), let first = scheme.first, first.isLetter,
      scheme.allSatisfy(Self.isSchemeCharacter)
    else { return nil }
    self.scheme = scheme.lowercased()
    let rest = afterColon.dropFirst(3)
    let authorityEnd = rest.firstIndex(where: Self.endsAuthority) ?? rest.endIndex
    let authority = rest[..<authorityEnd]
    pathAndQuery = String(rest[authorityEnd...].prefix { $0 != "#" })
    guard !authority.isEmpty, !authority.contains("@") else { return nil }
    var portText: Substring?
    if authority.hasPrefix("[") {
      guard let close = authority.firstIndex(of: "]") else { return nil }
      host = String(authority[authority.index(after: authority.startIndex)..<close])
      let after = authority[authority.index(after: close)...]
      if !after.isEmpty {
        guard after.hasPrefix(":") else { return nil }
        portText = after.dropFirst()
      }
    } else if let colon = authority.lastIndex(of: ":") {
      host = String(authority[..<colon])
      portText = authority[authority.index(after: colon)...]
    } else {
      host = String(authority)
    }
    if let portText {
      guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy(\.isASCIIDigit),
        let value = Int(portText), (1...65535).contains(value)
      else { return nil }
      port = value
    }
    guard !host.isEmpty, !host.contains(where: { $0 == " " || $0 == "/" || $0 == "%" }) else {
      return nil
    }
  }
}

extension URLParts {
  private static func isSchemeCharacter(_ c: Character) -> Bool {
    c.isLetter || c.isNumber || c == "+" || c == "-" || c == "."
  }

  private static func endsAuthority(_ c: Character) -> Bool { c == "/" || c == "?" || c == "#" }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

/// Percent-encodes everything but RFC 3986's unreserved characters (a query value).
public func percentEncoded(_ s: String) -> String {
  var out = ""
  let hex = Array("0123456789ABCDEF")
  for b in s.utf8 {
    switch b {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
      UInt8(ascii: "."), UInt8(ascii: "~"):
      out.unicodeScalars.append(Unicode.Scalar(b))
    default:
      out += "%" + String(hex[Int(b >> 4)]) + String(hex[Int(b & 0xF)])
    }
  }
  return out
}
