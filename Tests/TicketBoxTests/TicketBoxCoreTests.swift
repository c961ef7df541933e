import EscPos
import Testing

@testable import TicketBox

@Test func aLineIssuesWithAFreshRequestID() {
  var core = connectedCore()
  #expect(
    core.handle(.line(" a \n")).sent == [.issue(request: "r1", service: "A", priority: false)])
  #expect(core.handle(.line("B")).sent == [.issue(request: "r2", service: "B", priority: false)])
}

@Test func aReconnectResendsTheSameRequestID() {
  var core = connectedCore()
  _ = core.handle(.line("A"))
  _ = core.handle(.disconnected(reason: "eof"))
  #expect(core.handle(.connected).sent == [.issue(request: "r1", service: "A", priority: false)])
  _ = core.handle(.received(snapshotJSON))
  _ = core.handle(.received(ticketReply(request: "r1")))
  _ = core.handle(.disconnected(reason: "eof"))
  #expect(core.handle(.connected).sent.isEmpty)
}

@Test func aLineWhileDisconnectedWaitsForTheConnection() {
  var n = 0
  var core = TicketBoxCore(serverURL: "http://h:1") {
    n += 1
    return "r\(n)"
  }
  #expect(core.handle(.line("A")).sent.isEmpty)
  #expect(core.handle(.connected).sent == [.issue(request: "r1", service: "A", priority: false)])
}

@Test func unknownAndEmptyLinesAreRefusedWithAMessage() {
  var core = connectedCore()
  for line in ["", "   ", "C", "1", "ABC", "Kependudukan"] {
    let actions = core.handle(.line(line))
    #expect(actions.sent.isEmpty)
    #expect(actions.warnings.count == 1, "\(line)")
  }
  #expect(
    core.handle(.line("C")).warnings == [
      "tidak ada layanan C di Mal Pelayanan Publik Banyuwangi (A Kependudukan, B Perizinan)"
    ])
  #expect(core.pendingRequests.isEmpty)
}

@Test func aTicketReplyPrintsWithoutAnAcknowledgement() {
  var core = connectedCore()
  _ = core.handle(.line("A"))
  let actions = core.handle(.received(ticketReply(request: "r1")))
  #expect(actions.printed.map(\.key) == [.request("r1")])
  #expect(actions.printed.first?.content.number == "A012")
  #expect(core.handle(.printed(.request("r1"))).sent.isEmpty)
}

@Test func anErrorReplyEndsTheRequestWithAMessage() {
  var core = connectedCore()
  _ = core.handle(.line("B"))
  let actions = core.handle(
    .received(
      #"{"type":"error","request":"r1","error":{"code":"quota_reached","message":"Kuota habis"}}"#))
  #expect(actions.warnings == ["tidak ada tiket untuk B: Kuota habis (quota_reached)"])
  #expect(core.pendingRequests.isEmpty)
}

@Test func aPrintJobPrintsThenIsAcknowledged() {
  var core = connectedCore()
  let actions = core.handle(.received(printJob("J12")))
  #expect(actions.printed.map(\.key) == [.job("J12")])
  #expect(actions.sent.isEmpty)
  #expect(core.handle(.printed(.job("J12"))).sent == [.printed(job: "J12")])
}

@Test func aJobResentWhileConnectedIsNotPrintedTwice() {
  var core = connectedCore()
  _ = core.handle(.received(printJob("J12")))
  // Again while it prints: nothing.
  #expect(core.handle(.received(printJob("J12"))).isEmpty)
  _ = core.handle(.printed(.job("J12")))
  // Again after printing (the acknowledgement was lost): acknowledged, not printed.
  let again = core.handle(.received(printJob("J12")))
  #expect(again.printed.isEmpty)
  #expect(again.sent == [.printed(job: "J12")])
}

@Test func anAcknowledgementMissedByADisconnectIsSentOnReconnect() {
  var core = connectedCore()
  _ = core.handle(.received(printJob("J12")))
  _ = core.handle(.disconnected(reason: "reset"))
  #expect(core.handle(.printed(.job("J12"))).sent.isEmpty)
  #expect(core.handle(.connected).sent == [.printed(job: "J12")])
}

@Test func paperOutHoldsTicketsUntilPaperIsLoaded() {
  var core = connectedCore()
  _ = core.handle(.printerStatus(.paperOut))
  let held = core.handle(.received(printJob("J7", number: "A007")))
  #expect(held.printed.isEmpty)
  #expect(held.sent.isEmpty)
  let resumed = core.handle(.printerStatus(.ok))
  #expect(resumed.printed.map(\.content.number) == ["A007"])
  #expect(core.handle(.printed(.job("J7"))).sent == [.printed(job: "J7")])
}

@Test func ticketsPrintOneAtATimeInOrder() {
  var core = connectedCore()
  #expect(core.handle(.received(printJob("J1", number: "A001"))).printed.count == 1)
  #expect(core.handle(.received(printJob("J2", number: "A002"))).printed.isEmpty)
  let next = core.handle(.printed(.job("J1")))
  #expect(next.printed.map(\.content.number) == ["A002"])
}

@Test func aFailedPrintIsRetriedWithGrowingDelayAndAcknowledgedOnlyOnSuccess() {
  var core = connectedCore()
  _ = core.handle(.received(printJob("J1")))
  let failed = core.handle(.printFailed(.job("J1"), reason: "connection refused"))
  #expect(failed.contains(.retryPrint(after: 1)))
  #expect(failed.sent.isEmpty)
  #expect(failed.warnings.first?.contains("connection refused") == true)
  #expect(core.handle(.retryDue).printed.map(\.key) == [.job("J1")])
  #expect(core.handle(.printFailed(.job("J1"), reason: "eof")).contains(.retryPrint(after: 2)))
  _ = core.handle(.retryDue)
  #expect(core.handle(.printed(.job("J1"))).sent == [.printed(job: "J1")])
}

@Test func printingWaitsForTheHall() {
  var core = TicketBoxCore(serverURL: "http://h:1") { "r" }
  _ = core.handle(.connected)
  #expect(core.handle(.received(printJob("J1"))).printed.isEmpty)
  #expect(core.handle(.received(snapshotJSON)).printed.map(\.key) == [.job("J1")])
}

@Test func printerStatusChangesAreReported() {
  var core = connectedCore()
  #expect(core.handle(.printerStatus(.ok)).sent == [.printer(.ok)])
  #expect(core.handle(.printerStatus(.ok)).sent.isEmpty)
  let out = core.handle(.printerStatus(.paperOut))
  #expect(out.sent == [.printer(.paperOut)])
  #expect(out.warnings == ["printer: kertas habis: pasang gulungan baru"])
}

@Test func printerStatusIsReportedAgainOnReconnect() {
  var core = connectedCore()
  _ = core.handle(.printerStatus(.paperLow))
  _ = core.handle(.disconnected(reason: "eof"))
  #expect(core.handle(.printerStatus(.paperOut)).sent.isEmpty)
  #expect(core.handle(.connected).sent == [.printer(.paperOut)])
}

@Test func endOfInputExitsOnceAllIsDone() {
  var core = connectedCore()
  _ = core.handle(.line("A"))
  #expect(core.handle(.inputEnded).isEmpty)
  let printing = core.handle(.received(ticketReply(request: "r1")))
  #expect(!printing.contains(.exit))
  #expect(core.handle(.printed(.request("r1"))).contains(.exit))
}

@Test func endOfInputWithNothingPendingExitsAtOnce() {
  var core = connectedCore()
  #expect(core.handle(.inputEnded) == [.exit])
}

@Test func messagesAreTheProtocolsJSON() {
  #expect(
    BoxMessage.issue(request: "r\"1", service: "A", priority: false).json
      == #"{"type":"issue","request":"r\"1","service":"A","priority":false}"#)
  #expect(BoxMessage.printed(job: "J12").json == #"{"type":"printed","job":"J12"}"#)
  #expect(BoxMessage.printer(.paperOut).json == #"{"type":"printer","status":"paper_out"}"#)
}

@Test(arguments: [PrinterStatus.paperOut, .offline])
func aPrinterThatCannotPrintRefusesPressesAndIssuesNothing(status: PrinterStatus) {
  var core = connectedCore()
  _ = core.handle(.printerStatus(status))
  let actions = core.handle(.line("A"))
  #expect(actions.sent.isEmpty)
  #expect(core.pendingRequests.isEmpty)
  guard case .refuse(let refused, let text) = actions.first, actions.count == 1 else {
    Issue.record("not refused: \(actions)")
    return
  }
  #expect(refused == status)
  #expect(text.contains("tiket tidak diterbitkan"))
  // Paper back: presses issue again.
  _ = core.handle(.printerStatus(.ok))
  #expect(core.handle(.line("A")).sent == [.issue(request: "r1", service: "A", priority: false)])
}

@Test func aLowPaperPrinterStillIssues() {
  var core = connectedCore()
  _ = core.handle(.printerStatus(.paperLow))
  #expect(core.handle(.line("A")).sent.count == 1)
}

@Test func inEnglishEveryMessageIsEnglish() {
  var core = TicketBoxCore(serverURL: "http://h:1", language: .en) { "r1" }
  _ = core.handle(.connected)
  _ = core.handle(.received(snapshotJSON))
  #expect(
    core.handle(.line("C")).warnings == [
      "no service C in Mal Pelayanan Publik Banyuwangi (A Kependudukan, B Perizinan)"
    ])
  _ = core.handle(.line("B"))
  let refused = core.handle(
    .received(
      #"{"type":"error","request":"r1","error":{"code":"quota_reached","message":"Kuota habis"}}"#))
  #expect(refused.warnings == ["no ticket for B: quota_reached"])
  #expect(
    core.handle(.printerStatus(.paperOut)).warnings == ["printer: out of paper: load a new roll"])
  guard case .refuse(_, let text) = core.handle(.line("A")).first else {
    Issue.record("not refused")
    return
  }
  #expect(
    text
      == "the printer is out of paper; no ticket was issued. Scan the QR code on the kiosk screen or ask staff."
  )
}

@Test func inIndonesianNoEnglishWordSlipsIn() {
  var core = connectedCore()
  var said: [String] = []
  said += core.handle(.line("")).warnings
  said += core.handle(.line("xyz1")).warnings
  said += core.handle(.disconnected(reason: "eof")).warnings
  _ = core.handle(.connected)
  _ = core.handle(.received(printJob("J1")))
  said += core.handle(.printFailed(.job("J1"), reason: "eof")).warnings
  said += core.handle(.printerStatus(.offline)).warnings
  for english in ["the ", "not ", "printed", "retrying", "line", "ticket ", "type "] {
    for line in said { #expect(!line.contains(english), "\(line)") }
  }
}

@Test func aRefusedTokenAndOtherFeedDropsAreSaidInTheBoxsLanguage() {
  var core = connectedCore()
  #expect(
    core.handle(.disconnected(reason: "closed by server (1008: bad token)")).warnings == [
      "server: terputus (server menolak token kios ini; periksa --token dan --box); mencoba lagi"
    ])
  #expect(
    core.handle(.disconnected(reason: #"refused(host: "10.0.0.2", port: 8080)"#)).warnings == [
      "server: tidak dapat tersambung (sambungan ditolak; apakah server berjalan di alamat itu?); mencoba lagi"
    ])
  #expect(
    FeedReason.text("no word from the server for 45 s", .en) == "no word from the server for 45 s")
  #expect(
    FeedReason.text("no word from the server for 45 s", .id)
      == "server tidak menjawab selama 45 detik")
  #expect(
    FeedReason.text("closed by server (1001: shutting down)", .id) == "server sedang berhenti")
  #expect(
    FeedReason.text("server refused the upgrade: 503 Service Unavailable", .id)
      == "server menolak sambungan feed (HTTP 503)")
}
