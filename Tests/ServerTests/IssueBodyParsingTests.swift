import HallWire
import Testing

@testable import Server

@Suite struct IssueBodyParsingTests {
  func same(_ a: IssueBody, _ b: IssueBody) -> Bool {
    a.service == b.service && a.priority == b.priority && a.box == b.box && a.request == b.request
  }

  @Test func plainBodiesReadAsJSONDecoderReadsThem() throws {
    let bodies = [
      #"{"service":"A","priority":false}"#, #"{"service":"B"}"#,
      #" { "service" : "Ç😀/x" , "priority" : true, "box": "K1", "request": "r-1" } "#,
      "{\n\t\"request\":\"\",\r\n\"service\":\"\"}",
    ]
    for text in bodies {
      let bytes = Array(text.utf8)
      let fast = try #require(IssueBody.parsePlain(bytes), "\(text)")
      let slow: IssueBody = try decodeBody(bytes)
      #expect(same(fast, slow), "\(text)")
    }
  }

  @Test func anythingElseIsLeftToJSONDecoder() {
    let bodies = [
      "", "{}", "[]", #"{"service":"A""#, #"{"service":"A"} x"#, #"{"service":"A\"B"}"#,
      #"{"service":null}"#, #"{"service":"A","priority":1}"#, #"{"service":"A","extra":"x"}"#,
      #"{"service":"A","service":"B"}"#, #"{"service":"A","priority":truex}"#,
      #"{"service":"A",}"#, #"{"service":["A"]}"#, #"{"priority":true}"#,
    ]
    for text in bodies { #expect(IssueBody.parsePlain(Array(text.utf8)) == nil, "\(text)") }
    #expect(
      IssueBody.parsePlain([0x7B, 0x22, 0x73, 0xFF, 0x22, 0x3A, 0x22, 0x41, 0x22, 0x7D]) == nil)
  }
}
