/// An error answered over HTTP as a status plus PROTOCOL.md's
/// `{"error":{"code":"…","message":"…"}}`.
public struct HTTPError: Error, Sendable, Equatable {
  public var status: Int
  /// A snake_case code from PROTOCOL.md (`bad_request`, `unknown_service`, …).
  public var code: String
  public var message: String
  /// PROTOCOL 1.1 `would_strand`: the services a close would leave without a counter.
  public var services: [String]?

  public init(status: Int, code: String, message: String, services: [String]? = nil) {
    self.status = status
    self.code = code
    self.message = message
    self.services = services
  }

  public var jsonBody: [UInt8] {
    // Built by hand so an error can always be rendered, even when encoding is what failed.
    var extra = ""
    if let services {
      extra = ",\"services\":[" + services.map(Self.quoted).joined(separator: ",") + "]"
    }
    return Array(
      "{\"error\":{\"code\":\(Self.quoted(code)),\"message\":\(Self.quoted(message))\(extra)}}".utf8
    )
  }

  public var response: HTTPResponse { .jsonBytes(status: status, jsonBody) }

  public static func badRequest(_ message: String) -> HTTPError {
    HTTPError(status: 400, code: "bad_request", message: message)
  }
  public static func unauthorized(_ message: String = "a bearer token is required") -> HTTPError {
    HTTPError(status: 401, code: "unauthorized", message: message)
  }
  public static func forbidden(_ message: String = "this token may not do that") -> HTTPError {
    HTTPError(status: 403, code: "forbidden", message: message)
  }
  public static func notFound(_ message: String = "no such resource", code: String = "not_found")
    -> HTTPError
  {
    HTTPError(status: 404, code: code, message: message)
  }
  public static func methodNotAllowed(_ message: String = "method not allowed here")
    -> HTTPError
  {
    HTTPError(status: 405, code: "method_not_allowed", message: message)
  }
  public static func conflict(_ message: String, code: String = "conflict") -> HTTPError {
    HTTPError(status: 409, code: code, message: message)
  }
  public static func payloadTooLarge(_ message: String = "request body too large") -> HTTPError {
    HTTPError(status: 413, code: "payload_too_large", message: message)
  }
  public static func rateLimited(_ message: String = "too many requests, slow down")
    -> HTTPError
  {
    HTTPError(status: 429, code: "rate_limited", message: message)
  }
  public static func internalError(_ message: String = "internal error") -> HTTPError {
    HTTPError(status: 500, code: "internal_error", message: message)
  }
  public static func serviceUnavailable(_ message: String, code: String = "unavailable")
    -> HTTPError
  {
    HTTPError(status: 503, code: code, message: message)
  }

  static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
