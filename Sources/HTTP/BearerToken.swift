/// The token of an `Authorization: Bearer TOKEN` header (RFC 6750 §2.1; the scheme name is
/// case-insensitive). Nil when the header is missing, of another scheme, or empty.
public func bearerToken(from headers: HTTPHeaders) -> String? {
  guard let value = headers["Authorization"] else { return nil }
  let trimmed = value.drop { $0 == " " || $0 == "\t" }
  guard trimmed.count > 7, trimmed.prefix(7).lowercased() == "bearer " else { return nil }
  let token = trimmed.dropFirst(7).drop { $0 == " " || $0 == "\t" }
  let end = token.lastIndex { $0 != " " && $0 != "\t" }
  guard let end else { return nil }
  let result = token[...end]
  return result.contains(" ") ? nil : String(result)
}

/// Compares a presented secret with the expected one in time that depends only on their
/// lengths, never on where they first differ, so timing the answers cannot reveal a token
/// byte by byte.
public func constantTimeEquals(_ presented: String, _ expected: String) -> Bool {
  let a = Array(presented.utf8)
  let b = Array(expected.utf8)
  var difference = UInt8(a.count == b.count ? 0 : 1)
  // Always walks the expected secret's length, whatever was presented.
  for index in 0..<b.count {
    difference |= b[index] ^ (index < a.count ? a[index] : ~b[index])
  }
  return difference == 0
}
