import HallWire
import EscPos
import Testing

@testable import TicketBox

@Test func aTicketFromTheWireBecomesItsPrintedContent() throws {
  let hall = try hall(of: snapshotJSON)
  let (job, ticket) = try printJob(of: printJob("J5"))
  #expect(job == "J5")
  let content = TicketContent(ticket: ticket, hall: hall, serverURL: "http://10.0.0.2:8080")
  #expect(
    content
      == TicketContent(
        hallName: "Mal Pelayanan Publik Banyuwangi", serviceName: "Kependudukan",
        serviceNameEn: "Civil registry", number: "A013", issuedAt: "Sabtu, 28 Nov 2026 09:15",
        ahead: 2, etaSeconds: 540, counters: ["Loket 1"],
        trackURL: "https://antre.example.id/track.html?t=t0ken", footer: "Terima kasih",
        priority: false))
}

@Test func withoutAPublicURLTheQRCodePointsAtTheServer() {
  let hall = HallView(name: "H", date: "", services: [], counters: [])
  let ticket = Ticket(
    id: "abc", number: "B001", service: "B", state: .waiting,
    issuedAt: "2026-11-28T09:15:02+07:00", position: 1)
  let content = TicketContent(ticket: ticket, hall: hall, serverURL: "http://10.0.0.2:8080")
  #expect(content.trackURL == "http://10.0.0.2:8080/track.html?t=abc")
  #expect(content.ahead == 0)
  #expect(content.serviceName == "B")
  #expect(content.etaSeconds == nil)
}

@Test func whenEveryCounterIsClosedAllAreListed() {
  let hall = HallView(
    name: "H", date: "", services: [],
    counters: [Counter(id: 1, name: "Loket 1", services: ["A"], state: .closed)])
  let ticket = Ticket(
    id: "x", number: "A001", service: "A", state: .waiting, issuedAt: "2026-11-28T09:15:02Z")
  #expect(TicketContent(ticket: ticket, hall: hall, serverURL: "").counters == ["Loket 1"])
}

@Test func issuedTimeIsShownInTheHallsOffsetInIndonesian() {
  #expect(
    IssuedTime.text("2026-11-28T09:15:02+07:00", offset: "+07:00") == "Sabtu, 28 Nov 2026 09:15")
  #expect(IssuedTime.text("2026-11-28T02:15:02Z", offset: "+07:00") == "Sabtu, 28 Nov 2026 09:15")
  #expect(
    IssuedTime.text("2026-11-28T23:30:00+07:00", offset: "+09:00") == "Minggu, 29 Nov 2026 01:30")
  #expect(
    IssuedTime.text("2026-08-17T08:00:00.250+08:00", offset: nil) == "Senin, 17 Agu 2026 08:00")
  #expect(
    IssuedTime.text("2024-02-29T00:00:00-03:30", offset: "-03:30") == "Kamis, 29 Feb 2024 00:00")
  #expect(IssuedTime.text("28/11/2026 09:15", offset: "+07:00") == nil)
}

@Test func unknownMessageTypesAreIgnoredAndBrokenOnesRefused() throws {
  #expect(
    try FeedMessage(parsing: #"{"type":"later","seq":3}"#) == .other(type: "later", seq: 3))
  #expect(throws: FeedMessageError.self) { try FeedMessage(parsing: #"{"type":"print","job":1}"#) }
  #expect(throws: FeedMessageError.self) { try FeedMessage(parsing: "nope") }
  var core = connectedCore()
  let actions = core.handle(.received(#"{"type":"print","job":1}"#))
  #expect(actions.contains { if case .warn = $0 { true } else { false } })
}

@Test func theTrackingLinkCarriesTheTicketsKeyWhenTheServerSendsOne() {
  let hall = HallView(
    name: "H", date: "", services: [], counters: [], publicURL: "https://antre.example.id")
  let ticket = Ticket(
    id: "abc", number: "B001", service: "B", state: .waiting,
    issuedAt: "2026-11-28T09:15:02+07:00", key: "k3y_-Z9")
  #expect(
    TicketContent(ticket: ticket, hall: hall, serverURL: "").trackURL
      == "https://antre.example.id/track.html?t=abc&k=k3y_-Z9")
}

@Test func aPriorityTicketSaysPositionLessOneAhead() throws {
  let json =
    #"{"id":"p","number":"A020","service":"A","state":"waiting","priority":true,"issued_at":"2026-11-28T09:15:02+07:00","position":1,"eta_s":30,"key":"KK"}"#
  let (_, ticket) = try printJob(of: #"{"type":"print","seq":3,"job":"J","ticket":\#(json)}"#)
  let hall = try hall(of: snapshotJSON)
  let content = TicketContent(ticket: ticket, hall: hall, serverURL: "")
  #expect(content.ahead == 0)
  #expect(content.priority)
  #expect(content.trackURL == "https://antre.example.id/track.html?t=p&k=KK")
  let lines = TicketLayout.renderText(content, paper: .mm58)
  #expect(lines.contains("Di depan Anda: 0 orang"))
  #expect(lines.contains("       Perkiraan tunggu:\n      kurang dari 1 menit\n"))
  #expect(
    TicketLayout.renderText(content, paper: .mm80).contains("Perkiraan tunggu: kurang dari 1 menit")
  )
}
