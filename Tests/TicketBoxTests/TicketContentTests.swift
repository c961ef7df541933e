import EscPos
import Testing

@testable import TicketBox

@Test func aTicketFromTheWireBecomesItsPrintedContent() throws {
  guard case .snapshot(let hall) = try ServerMessage(parsing: snapshotJSON),
    case .print(let job, let ticket) = try ServerMessage(parsing: printJob("J5"))
  else {
    Issue.record("not parsed")
    return
  }
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
  let hall = BoxHall(name: "H", services: [], counters: [])
  let ticket = BoxTicket(
    id: "abc", number: "B001", service: "B", issuedAt: "2026-11-28T09:15:02+07:00", position: 1)
  let content = TicketContent(ticket: ticket, hall: hall, serverURL: "http://10.0.0.2:8080")
  #expect(content.trackURL == "http://10.0.0.2:8080/track.html?t=abc")
  #expect(content.ahead == 0)
  #expect(content.serviceName == "B")
  #expect(content.etaSeconds == nil)
}

@Test func whenEveryCounterIsClosedAllAreListed() {
  let hall = BoxHall(
    name: "H", services: [],
    counters: [.init(id: 1, name: "Loket 1", services: ["A"], state: "closed")])
  let ticket = BoxTicket(id: "x", number: "A001", service: "A", issuedAt: "2026-11-28T09:15:02Z")
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
  #expect(try ServerMessage(parsing: #"{"type":"called","seq":3}"#) == .other(type: "called"))
  #expect(throws: TicketBoxError.self) { try ServerMessage(parsing: #"{"type":"print","job":1}"#) }
  #expect(throws: TicketBoxError.self) { try ServerMessage(parsing: "nope") }
}

@Test func theTrackingLinkCarriesTheTicketsKeyWhenTheServerSendsOne() {
  let hall = BoxHall(name: "H", services: [], counters: [], publicURL: "https://antre.example.id")
  let ticket = BoxTicket(
    id: "abc", number: "B001", service: "B", issuedAt: "2026-11-28T09:15:02+07:00",
    key: "k3y_-Z9")
  #expect(
    TicketContent(ticket: ticket, hall: hall, serverURL: "").trackURL
      == "https://antre.example.id/track.html?t=abc&k=k3y_-Z9")
}

@Test func aPriorityTicketSaysPositionLessOneAhead() throws {
  let json =
    #"{"id":"p","number":"A020","service":"A","priority":true,"issued_at":"2026-11-28T09:15:02+07:00","position":1,"eta_s":30,"key":"KK"}"#
  guard
    case .print(_, let ticket) = try ServerMessage(
      parsing: #"{"type":"print","job":"J","ticket":\#(json)}"#),
    case .snapshot(let hall) = try ServerMessage(parsing: snapshotJSON)
  else {
    Issue.record("not parsed")
    return
  }
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
