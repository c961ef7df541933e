import FoundationEssentials
import HTTP

// Request bodies. Unknown keys are ignored; wrong types are refused with the key's name.
// The hot one, `IssueBody`, also has a plain parser (IssueBody+Parsing.swift).

struct IssueBody: Decodable {
  var service: String
  var priority: Bool?
  var box: String?
  var request: String?
  /// A remote ticket (PROTOCOL 1.1): public, with `phone`.
  var remote: Bool? = nil
  var phone: String? = nil
}

struct CallBody: Decodable {
  var service: String?
  var number: String?
}

struct TransferBody: Decodable {
  var service: String
}

struct PauseBody: Decodable {
  var reason: String?
}

struct CloseBody: Decodable {
  var force: Bool?
}

func decodeBody<T: Decodable>(_ body: [UInt8]) throws(HTTPError) -> T {
  guard !body.isEmpty else { throw .badRequest("a JSON body is required") }
  do {
    return try JSONDecoder().decode(T.self, from: Data(body))
  } catch {
    throw .badRequest(describe(error))
  }
}

/// `Accept-Language: id` (or `id-ID`, first in the list) asks for the domain's Indonesian
/// wording of a refusal; anything else gets English.
func prefersIndonesian(_ headers: HTTPHeaders) -> Bool {
  guard let value = headers["Accept-Language"] else { return false }
  let first = value.split(separator: ",").first?.split(separator: ";").first ?? ""
  let tag = first.trimmingCharacters(in: .whitespaces).lowercased()
  return tag == "id" || tag.hasPrefix("id-")
}

/// A decoding error in words an API user can act on.
func describe(_ error: any Error) -> String {
  guard let e = error as? DecodingError else { return "\(error)" }
  func path(_ ctx: DecodingError.Context) -> String {
    let p = ctx.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(
      separator: ".")
    return p.isEmpty ? "body" : "`\(p)`"
  }
  switch e {
  case .typeMismatch(let type, let ctx): return "\(path(ctx)) must be \(jsonTypeName(type))"
  case .valueNotFound(let type, let ctx):
    return "\(path(ctx)) must be \(jsonTypeName(type)), not null"
  case .keyNotFound(let key, _): return "`\(key.stringValue)` is required"
  case .dataCorrupted(let ctx):
    return ctx.codingPath.isEmpty ? "the body is not valid JSON" : "\(path(ctx)) is invalid"
  @unknown default: return "invalid body"
  }
}

private func jsonTypeName(_ type: Any.Type) -> String {
  switch type {
  case is String.Type: "a string"
  case is Bool.Type: "true or false"
  case is Int.Type, is Int64.Type: "an integer"
  default: "an object"
  }
}
