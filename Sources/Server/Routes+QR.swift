import HTTP
import QRCode

extension HallApp {
  /// The longest text `/qr.svg` encodes: a tracking link with its id and key is ~120 bytes.
  static let maxQRTextBytes = 512

  /// `GET /qr.svg?text=…` (public): the pages' QR codes, drawn by the same libqrencode
  /// encoder the ticket box prints with. Any text may be asked for, so the limit is on size.
  func qrCode(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
    guard let text = request.query["text"], !text.isEmpty else {
      throw .badRequest("`text` is required")
    }
    guard text.utf8.count <= Self.maxQRTextBytes else {
      throw .badRequest("`text` is over \(Self.maxQRTextBytes) bytes")
    }
    let code: QRCode
    do {
      code = try QRCode(text)
    } catch {
      throw HTTPError(status: error.wire.status, code: error.wire.code, message: "\(error)")
    }
    var headers = HTTPHeaders()
    headers.set("Content-Type", "image/svg+xml")
    headers.set("Cache-Control", "public, max-age=86400")
    return HTTPResponse(
      status: 200, headers: headers, body: request.method == .HEAD ? [] : Array(code.svg().utf8))
  }
}
