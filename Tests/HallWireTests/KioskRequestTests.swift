import Testing

@testable import HallWire

/// What a ticket box sends: read back as written, and refused with the member it lacks and,
/// where it has one, the request it answers.
@Suite struct KioskRequestTests {
  @Test func everyRequestReadsBackAsWritten() throws {
    let requests: [KioskRequest] = [
      .issue(request: "r1", service: "A", priority: true), .printed(job: "J1"),
      .printer(.paperLow), .checkIn(request: "r2", code: "ABC234"),
    ]
    for request in requests {
      #expect(try KioskRequest(parsing: request.jsonString) == request)
    }
  }

  @Test func aMissingMemberIsNamedWithTheRequestItAnswers() {
    let refusals: [(String, String?, String)] = [
      (#"{"type":"issue","service":"A"}"#, nil, "`request` is required"),
      (#"{"type":"issue","request":"","service":"A"}"#, "", "`request` is required"),
      (#"{"type":"issue","request":"r1"}"#, "r1", "`service` is required"),
      (#"{"type":"checkin","request":"r2"}"#, "r2", "`code` is required"),
      (#"{"type":"printed"}"#, nil, "`job` is required"),
      (
        #"{"type":"printer","status":"jammed"}"#, nil,
        "`status` must be ok, paper_low, paper_out or offline"
      ),
      (#"{"type":"dance","request":"r3"}"#, "r3", "unknown message type `dance`"),
    ]
    for (text, request, message) in refusals {
      #expect(throws: KioskRequestError(request: request, message: message)) {
        try KioskRequest(parsing: text)
      }
    }
  }
}
