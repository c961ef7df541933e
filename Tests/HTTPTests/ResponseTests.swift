import HTTP
import Testing

@Suite struct ResponseTests {
  struct Ticket: Encodable {
    var number: String
    var url: String
  }

  @Test func jsonResponseDoesNotEscapeSlashes() {
    let response = HTTPResponse.json(status: 201, Ticket(number: "A012", url: "http://h/t/1"))
    #expect(response.status == 201)
    #expect(response.headers["Content-Type"] == "application/json; charset=utf-8")
    let text = String(decoding: response.body, as: UTF8.self)
    #expect(text.contains(#""url":"http://h/t/1""#))
  }

  @Test func errorRendersTheProtocolsShape() {
    let error = HTTPError.conflict("no ticket is being served", code: "no_current_ticket")
    #expect(error.response.status == 409)
    #expect(
      String(decoding: error.response.body, as: UTF8.self)
        == #"{"error":{"code":"no_current_ticket","message":"no ticket is being served"}}"#)
  }

  @Test func errorMessageIsEscapedAsJSON() {
    let error = HTTPError.badRequest("bad \"field\"\n\u{1}")
    #expect(
      String(decoding: error.jsonBody, as: UTF8.self)
        == #"{"error":{"code":"bad_request","message":"bad \"field\"\n\u0001"}}"#)
  }

  @Test func convenienceErrorsUseTheProtocolsCodes() {
    #expect(HTTPError.unauthorized().status == 401)
    #expect(HTTPError.forbidden().code == "forbidden")
    #expect(HTTPError.notFound(code: "unknown_service").code == "unknown_service")
    #expect(HTTPError.payloadTooLarge().status == 413)
    #expect(HTTPError.payloadTooLarge().code == "payload_too_large")
    #expect(HTTPError.rateLimited().status == 429)
    #expect(HTTPError.methodNotAllowed().status == 405)
  }

  @Test func noContentHasNoBody() {
    #expect(HTTPResponse.noContent.status == 204)
    #expect(HTTPResponse.noContent.body.isEmpty)
  }
}
