import Foundation
import HallWire
import PinHash
import Testing

@testable import QueueCore
@testable import Reports
import Storage
import HallYAML

let hallYAML = """
  name: MPP Uji
  timezone: Asia/Jakarta
  services:
    - {id: A, name: Kependudukan, target_wait_s: 900, mean_service_s: 300}
    - {id: B, name: Perizinan; Usaha, target_wait_s: 600, mean_service_s: 240}
  counters:
    - {id: 1, name: Loket 1, services: [A, B]}
    - {id: 2, name: Loket 2, services: [B]}
  """

/// 2026-11-02 09:00 +07:00 as milliseconds.
let nine: Int64 = (Int64(20_759) * 86_400 + 2 * 3600) * 1000

func temporaryDatabase() -> String {
  NSTemporaryDirectory() + "antre-report-\(UUID().uuidString).sqlite"
}

@Suite struct ReportsTests {
  let config = try! HallConfig.load(yaml: hallYAML)

  /// Three days of tickets written to a real database, two officers, three answers.
  func seed(_ store: Store) throws {
    // A cheap hash: the report never checks it.
    let pin = PinHash.make(pin: "482913", salt: [1], iterations: 1)
    try store.upsert(OfficerRecord(id: "sari", name: "Sari Dewi", active: true, pin: pin))
    try store.upsert(OfficerRecord(id: "198506212010011001", name: "Budi", active: false, pin: pin))
    var serial = 0
    for day in 0..<3 {
      let date = ["2026-11-02", "2026-11-03", "2026-11-04"][day]
      let base = nine + Int64(day) * 86_400_000
      for i in 0..<10 {
        serial += 1
        let service = i % 2 == 0 ? "A" : "B"
        let issued = base + Int64(i) * 600_000
        let state: TicketState = i == 9 ? .noshow : (i == 8 ? .cancelled : .done)
        try store.upsert(
          TicketRecord(
            id: "t\(serial)", day: date, service: i == 7 ? "A" : service,
            number: service + String(format: "%03d", i + 1), seqNo: i + 1, priority: false,
            state: state, issuedAt: issued, enqueuedAt: issued,
            calledAt: state == .cancelled ? nil : issued + Int64(i) * 120_000,
            finishedAt: issued + Int64(i) * 120_000 + 300_000, counter: i % 2 + 1,
            calls: 1,
            // B008 was called at counter 2 in B, then sent to A.
            legs: i == 7
              ? [
                Leg(
                  service: "B", counter: 2, enqueuedAt: issued, firstCalledAt: issued + 60_000,
                  calledAt: issued + 60_000, transferredAt: issued + 120_000)
              ] : [],
            officer: i % 2 == 0 ? "sari" : "198506212010011001"))
      }
    }
    for (k, scores) in [
      [4, 4, 4, 4, 4, 4, 4, 4, 4], [3, 3, 3, 4, 3, 3, 4, 3, 2], [2, 3, 3, 4, 3, 3, 3, 3, 3],
    ].enumerated() {
      try store.insert(
        SurveyRecord(
          ticketID: "t\(k * 2 + 1)", day: "2026-11-02", service: "A", counter: 1,
          officer: "sari", at: nine + 3_600_000,
          answer: SurveyAnswer(
            scores: scores, comment: "baik; cepat",
            respondent: Respondent(gender: "P", age: "30-39"))))
    }
  }

  @Test func reportFromTheDatabaseMatchesTheSameTicketsComputedInMemory() throws {
    let path = temporaryDatabase()
    defer {
      for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) }
    }
    let store = try Store(path: path)
    try seed(store)
    let range = try ReportRange(from: "2026-11-01", to: "2026-11-30", today: "2026-11-30")
    let stats = try ReportLoader.stats(store: store, config: config, range: range)
    #expect(stats.services.map(\.issued) == [15, 15])
    #expect(stats.services[0].served == 15 && stats.services[1].noshow == 3)
    #expect(stats.services[1].transferred == 3 && stats.services[1].cancelled == 0)
    #expect(stats.services[0].cancelled == 3)
    #expect(stats.officers.map(\.id) == ["198506212010011001", "sari"])
    #expect(stats.officers[1].name == "Sari Dewi" && stats.officers[1].respondents == 3)
    // (36 + 28 + 27) answers over 3 respondents: 25 × 91 / 27 = 84.259… → 84.26, band B.
    #expect(stats.ikm.hall.value == 84.26 && stats.ikm.hall.band?.band == "B")
    #expect(stats.ikm.minSample == IKM.minSample(population: 24))
    #expect(stats.byDay.count == 30 && stats.byDay[1].issued == 10 && stats.byDay[0].issued == 0)
    #expect(stats.arrivalsByHour[9] == 18 && stats.arrivalsByHour.reduce(0, +) == 30)
    // Monday 2 November: weekday row 0.
    #expect(stats.arrivalsByWeekdayHour[0].reduce(0, +) == 10)
    // Outside the range nothing is read.
    let none = try ReportLoader.stats(
      store: store, config: config,
      range: try ReportRange(from: "2026-10-01", to: "2026-10-31", today: "2026-11-30"))
    #expect(none.services.allSatisfy { $0.issued == 0 } && none.ikm.hall.value == nil)
  }

  @Test func storeRefusesASecondAnswerAndAnswersOutsideOneToFour() throws {
    let store = try Store(path: ":memory:")
    let row = SurveyRecord(
      ticketID: "t1", day: "2026-11-02", service: "A", counter: 1, officer: nil, at: nine,
      answer: SurveyAnswer(scores: [4, 4, 4, 4, 4, 4, 4, 4, 4]))
    try store.insert(row)
    #expect(throws: StorageError.self) { try store.insert(row) }
    var bad = row
    bad.ticketID = "t2"
    bad.answer.scores[3] = 5
    #expect(throws: StorageError.self) { try store.insert(bad) }
    #expect(try store.surveyedTickets(day: "2026-11-02") == ["t1"])
  }

  @Test func csvIsSemicolonSeparatedWithABomAndDecimalCommas() throws {
    let store = try Store(path: ":memory:")
    try seed(store)
    let range = try ReportRange(from: "2026-11-02", to: "2026-11-04", today: "2026-11-30")
    let csv = ReportCSV.render(try ReportLoader.stats(store: store, config: config, range: range))
    #expect(csv.hasPrefix("\u{FEFF}jenis;id;nama;"))
    let lines = csv.dropFirst().split(separator: "\r\n")
    #expect(lines.count == 1 + 2 + 2 + 2 + 1)
    #expect(
      lines.allSatisfy {
        $0.split(separator: ";", omittingEmptySubsequences: false).count == 20 || $0.contains("\"")
      })
    // A name holding the separator is quoted; decimals use a comma.
    #expect(lines[2].hasPrefix("layanan;B;\"Perizinan; Usaha\";"))
    #expect(lines.last!.hasPrefix("aula;;MPP Uji;2026-11-02;2026-11-04;30;24;"))
    #expect(lines.last!.hasSuffix(";3;84,26"))
  }

  @Test func htmlReportNamesTheHallAndPeriodAndDrawsInlineCharts() throws {
    let store = try Store(path: ":memory:")
    try seed(store)
    let range = try ReportRange(from: "2026-11-01", to: "2026-11-30", today: "2026-11-30")
    let html = ReportHTML.render(
      try ReportLoader.stats(store: store, config: config, range: range),
      generatedAt: "2026-12-01T08:00:00+07:00")
    #expect(html.contains("MPP Uji") && html.contains("1 November 2026 – 30 November 2026"))
    #expect(html.contains("size: A4"))
    #expect(html.components(separatedBy: "<svg").count - 1 == 4)
    #expect(html.contains("84,26") && html.contains("Baik"))
    #expect(html.contains("Perizinan; Usaha") && !html.contains("<script"))
  }

  @Test func tableReportListsEveryGroup() throws {
    let store = try Store(path: ":memory:")
    try seed(store)
    let range = try ReportRange(from: "2026-11-02", to: "2026-11-02", today: "2026-11-30")
    let text = ReportTable.render(
      try ReportLoader.stats(store: store, config: config, range: range))
    #expect(text.contains("Laporan pelayanan 2 November 2026"))
    #expect(text.contains("IKM 84,26 (B, Baik) dari 3 responden"))
    #expect(text.contains("Sari Dewi (sari)") && text.contains("U9 Penanganan pengaduan"))
  }

  @Test func durationsAndDecimalsReadAsIndonesian() {
    #expect(Format.duration(45) == "45 dtk")
    #expect(Format.duration(725) == "12 mnt 5 dtk")
    #expect(Format.duration(3780) == "1 jam 3 mnt")
    #expect(Format.duration(nil) == "–")
    #expect(Format.percent(0.8523) == "85,2%")
    #expect(Format.decimal(3.5, places: 2) == "3,50")
  }
}
