import HTTP
import Testing

@Suite struct RequestStreamCheckTests {
  private func check(_ text: String, split: Int = 1) -> [RequestStreamCheck.Progress] {
    var check = RequestStreamCheck(maxHeadBytes: 8192, hardBodyCapBytes: 1 << 20)
    let bytes = Array(text.utf8)
    return stride(from: 0, to: bytes.count, by: split).map {
      check.consume(bytes[$0..<min(bytes.count, $0 + split)])
    }
  }

  @Test func aRequestIsInProgressFromItsFirstByteToItsBodysLast() {
    let steps = check("POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}")
    #expect(steps.first?.started == true)
    #expect(steps.dropLast().allSatisfy { $0.inProgress })
    #expect(steps.last?.inProgress == false)
    #expect(steps.allSatisfy { $0.rejection == nil })
  }

  @Test func blankLinesBetweenRequestsStartNothing() {
    let steps = check("\r\n\r\n")
    #expect(steps.allSatisfy { !$0.started && !$0.inProgress })
  }

  @Test func theSameRequestInOneChunkOrByteByByteGetsTheSameVerdict() {
    for text in [
      "GET /a HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET /a HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx",
      "GET a HTTP/1.1\r\n\r\n",
      "GET /a HTTP/1.1\nHost: x\n\n",
    ] {
      let whole = check(text, split: 1 << 20).compactMap(\.rejection)
      let bytewise = check(text).compactMap(\.rejection)
      #expect(whole == bytewise, "\(text)")
    }
  }

  @Test func headerLinesMustHaveATokenBeforeTheColon() {
    #expect(check("GET / HTTP/1.1\r\nHost x\r\n\r\n").compactMap(\.rejection).first?.status == 400)
    #expect(
      check("GET / HTTP/1.1\r\n Host: x\r\n\r\n").compactMap(\.rejection).first?.status == 400)
    #expect(
      check("GET / HTTP/1.1\r\nHo st: x\r\n\r\n").compactMap(\.rejection).first?.status == 400)
  }

  @Test func anUpgradeRequestEndsTheChecking() {
    var check = RequestStreamCheck(maxHeadBytes: 8192, hardBodyCapBytes: 1 << 20)
    _ = check.consume(Array("GET /ws HTTP/1.1\r\nUpgrade: websocket\r\n\r\n".utf8))
    #expect(check.isDone)
    #expect(check.consume([0x81, 0x85, 1, 2, 3, 4]).rejection == nil)
  }
}
