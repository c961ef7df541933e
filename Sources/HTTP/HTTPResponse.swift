import FoundationEssentials
import InitMacros

@PublicInit
public struct HTTPResponse: Sendable {
  public var status: Int
  public var headers: HTTPHeaders = HTTPHeaders()
  public var body: [UInt8] = []

  /// A JSON body with `Content-Type: application/json`. Slashes stay unescaped so URLs in
  /// bodies read naturally. A value that cannot be encoded is a programming error in the
  /// caller; it answers 500 with the protocol's error body rather than trapping the server.
  public static func json(status: Int = 200, _ value: some Encodable) -> HTTPResponse {
    do {
      return jsonBytes(status: status, try encode(value))
    } catch {
      return HTTPError.internalError("could not encode the response").response
    }
  }

  /// For bodies already encoded (an encode-once feed snapshot, say).
  public static func jsonBytes(status: Int = 200, _ body: [UInt8]) -> HTTPResponse {
    HTTPResponse(
      status: status, headers: ["Content-Type": "application/json; charset=utf-8"], body: body)
  }

  public static func text(status: Int = 200, _ text: String, contentType: String = "text/plain")
    -> HTTPResponse
  {
    HTTPResponse(
      status: status, headers: ["Content-Type": "\(contentType); charset=utf-8"],
      body: Array(text.utf8))
  }

  public static var noContent: HTTPResponse { HTTPResponse(status: 204) }

  public static func encode(_ value: some Encodable) throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes]
    return Array(try encoder.encode(value))
  }
}
