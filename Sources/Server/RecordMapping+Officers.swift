import PinHash
import QueueCore
import Storage

extension OfficerRow {
  init(_ o: OfficerRecord) {
    self.init(id: o.id, name: o.name, active: o.active, pin: o.pin.encoded)
  }
}

extension OfficerRecord {
  /// Nil for a row whose hash this build cannot read (a newer scheme).
  init?(_ row: OfficerRow) {
    guard let pin = PinHash(encoded: row.pin) else { return nil }
    self.init(id: row.id, name: row.name, active: row.active, pin: pin)
  }
}

extension SurveyRow {
  init(_ s: SurveyRecord) {
    let r = s.answer.respondent
    self.init(
      ticketID: s.ticketID, day: s.day, service: s.service, counter: s.counter,
      officer: s.officer, at: s.at, scores: s.answer.scores, comment: s.answer.comment,
      gender: r?.gender, age: r?.age, education: r?.education, occupation: r?.occupation)
  }
}

extension Store {
  func persistOfficersAndSurveys(_ changes: Changes) throws(StorageError) {
    for o in changes.officers { try upsert(OfficerRow(o)) }
    for s in changes.surveys { try insert(SurveyRow(s)) }
  }
}
