import Foundation
import HallWire
import Testing

@testable import QueueCore

@Suite struct SurveyTests {
  func servedTicket() throws -> (Hall, String) {
    let hall = makeHall()
    try hall.addOfficer("sari")
    _ = try hall.handle(.signIn(counter: 1, officer: "sari", pin: "482913"), at: monday9)
    let t = try hall.issue("A", at: monday9)
    try hall.callNext(1, at: monday9 + minutes(1))
    _ = try hall.handle(.done(counter: 1), at: monday9 + minutes(6))
    return (hall, t.id)
  }

  let good = SurveyAnswer(
    scores: [4, 3, 3, 4, 3, 4, 4, 3, 2], comment: "Cepat dan ramah",
    respondent: Respondent(gender: "P", age: "30-39", education: "S1", occupation: "PNS"))

  @Test func oneAnswerPerServedTicketRecordsCounterAndOfficer() throws {
    let (hall, id) = try servedTicket()
    let out = try hall.handle(.answerSurvey(ticketID: id, good), at: monday9 + minutes(7))
    let record = try #require(out.changes.surveys.first)
    #expect(record.counter == 1 && record.officer == "sari" && record.service == "A")
    #expect(record.day == "2026-11-30" && record.answer == good)
    expectRefusal(.alreadyAnswered) { () throws(QueueError) in
      _ = try hall.handle(.answerSurvey(ticketID: id, good), at: monday9 + minutes(8))
    }
    #expect(QueueError(.alreadyAnswered, "", id: "").httpStatus == 409)
  }

  @Test func surveyIsRefusedForTicketsNotDoneAndForBadAnswers() throws {
    let (hall, id) = try servedTicket()
    let waiting = try hall.issue("A", at: monday9 + minutes(2))
    expectRefusal(.conflict) { () throws(QueueError) in
      _ = try hall.handle(.answerSurvey(ticketID: waiting.id, good), at: monday9 + minutes(7))
    }
    expectRefusal(.notFound) { () throws(QueueError) in
      _ = try hall.handle(.answerSurvey(ticketID: "nope", good), at: monday9 + minutes(7))
    }
    for bad in [
      SurveyAnswer(scores: [4, 3, 3, 4, 3, 4, 4, 3]),
      SurveyAnswer(scores: [4, 3, 3, 4, 3, 4, 4, 3, 5]),
      SurveyAnswer(scores: [0, 3, 3, 4, 3, 4, 4, 3, 1]),
      SurveyAnswer(scores: good.scores, comment: String(repeating: "a", count: 1001)),
      SurveyAnswer(scores: good.scores, respondent: Respondent(gender: "X")),
      SurveyAnswer(scores: good.scores, respondent: Respondent(age: "60")),
    ] {
      expectRefusal(.badRequest) { () throws(QueueError) in
        _ = try hall.handle(.answerSurvey(ticketID: id, bad), at: monday9 + minutes(7))
      }
    }
    // Refusals changed nothing: the first valid answer still goes in.
    _ = try hall.handle(.answerSurvey(ticketID: id, good), at: monday9 + minutes(8))
  }

  @Test func answeredTicketsStayAnsweredAfterARestart() throws {
    var store = FakeStore()
    let hall = makeHall()
    let t = try hall.issue("A", at: monday9)
    store.apply(try hall.handle(.call(counter: 1, .auto), at: monday9 + minutes(1)))
    store.apply(try hall.handle(.done(counter: 1), at: monday9 + minutes(2)))
    _ = try hall.handle(.answerSurvey(ticketID: t.id, good), at: monday9 + minutes(3))
    var state = store.state(today: "2026-11-30")
    state.surveyedTickets = [t.id]
    let again = makeHall(state: state, now: monday9 + minutes(4))
    expectRefusal(.alreadyAnswered) { () throws(QueueError) in
      _ = try again.handle(.answerSurvey(ticketID: t.id, good), at: monday9 + minutes(5))
    }
  }

  @Test func everyElementHasTheRegulationsFourAnswers() {
    #expect(SurveyElement.all.map(\.key) == (1...9).map { "u\($0)" })
    #expect(SurveyElement.all.allSatisfy { $0.answers.count == 4 && $0.question.hasSuffix("?") })
    #expect(SurveyElement.all[8].answers[3] == "Dikelola dengan baik")
  }
}

@Suite struct SurveyWordingTests {
  /// The pages carry their own copy of the questionnaire; it must read exactly as here.
  @Test func surveyFormOnThePagesUsesTheSameWording() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let js = try String(
      contentsOf: root.appendingPathComponent("Displays/js/survey-form.js"), encoding: .utf8)
    for e in SurveyElement.all {
      #expect(js.contains("\"\(e.question)\""), "\(e.key) question")
      #expect(
        js.contains("[" + e.answers.map { "\"\($0)\"" }.joined(separator: ", ") + "]"),
        "\(e.key) answers")
    }
  }
}
