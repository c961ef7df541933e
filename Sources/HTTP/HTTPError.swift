import HallWire
import InitMacros

/// An error answered over HTTP as a status plus PROTOCOL.md's
/// `{"error":{"code":"…","message":"…"}}`.
@PublicInit
public struct HTTPError: Error, Sendable, Equatable {
  public var status: Int
  /// A snake_case code from PROTOCOL.md (`bad_request`, `unknown_service`, …).
  public var code: String
  public var message: String
  /// PROTOCOL 1.1 `would_strand`: the services a close would leave without a counter.
  public var services: [String]?

  /// The body, written by HallWire's one JSON writer (it cannot fail, so an error can
  /// always be rendered, even when encoding is what failed).
  public var jsonBody: [UInt8] {
    var json = JSONWriter()
    json.beginObject()
    json.key("error")
    WireError(code: code, message: message, services: services).write(to: &json)
    json.endObject()
    return json.bytes
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
}
