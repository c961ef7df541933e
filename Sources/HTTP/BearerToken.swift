/// The token of an `Authorization: Bearer TOKEN` header (RFC 6750 §2.1; the scheme name is
/// case-insensitive). Nil when the header is missing, of another scheme, or empty.
/// Read as bytes: every request that changes the hall passes here.
public func bearerToken(from headers: HTTPHeaders) -> String? {
  guard let value = headers["Authorization"] else { return nil }
  let bytes = value.utf8
  func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
  guard let start = bytes.firstIndex(where: { !isBlank($0) }) else { return nil }
  let scheme = "bearer ".utf8
  var i = start
  for expected in scheme {
    guard i != bytes.endIndex, bytes[i] | 0x20 == expected else { return nil }
    i = bytes.index(after: i)
  }
  guard let first = bytes[i...].firstIndex(where: { !isBlank($0) }),
    let last = bytes[first...].lastIndex(where: { !isBlank($0) }),
    !bytes[first...last].contains(0x20)
  else { return nil }
  return String(value[first...last])
}

/// Compares a presented secret with the expected one in time that depends only on their
/// lengths, never on where they first differ, so timing the answers cannot reveal a token
/// byte by byte.
public func constantTimeEquals(_ presented: String, _ expected: String) -> Bool {
  var presented = presented
  var expected = expected
  return presented.withUTF8 { a in
    expected.withUTF8 { b in
      var difference = UInt8(a.count == b.count ? 0 : 1)
      // Always walks the expected secret's length, whatever was presented.
      for index in 0..<b.count {
        difference |= b[index] ^ (index < a.count ? a[index] : ~b[index])
      }
      return difference == 0
    }
  }
}
