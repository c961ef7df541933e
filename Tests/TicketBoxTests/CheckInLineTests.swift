import EscPos
import HallWire
import Testing

@testable import EscPos
@testable import TicketBox

@Suite struct CheckInLineTests {
  let appointmentReply = #"""
    {"type":"ticket","request":"r1","ticket":{"id":"t1","number":"A013","service":"A",
    "state":"waiting","priority":false,"issued_at":"2026-11-28T08:50:00+07:00","called_at":null,
    "counter":null,"calls":0,"position":1,"eta_s":600,"remote":false,
    "appointment":"2026-11-28T09:15:00+07:00","key":"k3y"}}
    """#

  @Test func aHashLineChecksInWithItsCodeAndPrintsTheAppointment() throws {
    var core = connectedCore()
    #expect(core.handle(.line(" #k7mq2c\n")).sent == [.checkIn(request: "r1", code: "K7MQ2C")])
    let printed = core.handle(.received(appointmentReply)).printed
    let task = try #require(printed.first)
    #expect(task.content.number == "A013" && task.content.appointment == "09.15")
    #expect(task.content.trackURL == "https://antre.example.id/track.html?t=t1&k=k3y")
    let lines = TicketLayout.blocks(task.content, paper: .mm58).compactMap { block -> String? in
      if case .text(let text, _, _) = block { text } else { nil }
    }
    #expect(lines.contains { $0.contains("Janji temu 09.15") }, "\(lines)")
  }

  @Test func aCheckInIsResentAfterAReconnectUntilAnswered() {
    var core = connectedCore()
    _ = core.handle(.line("#K7MQ2C"))
    _ = core.handle(.disconnected(reason: "eof"))
    #expect(core.handle(.connected).sent == [.checkIn(request: "r1", code: "K7MQ2C")])
  }

  @Test func aMistypedCodeIsRefusedInIndonesianAndSendsNothing() {
    var core = connectedCore()
    for line in ["#K7MQ0C", "#K7MQ2", "#", "#K7MQ1CC"] {
      let actions = core.handle(.line(line))
      #expect(actions.sent.isEmpty, "\(line)")
      #expect(actions.warnings.first?.contains("bukan kode janji temu") == true, "\(line)")
    }
    #expect(core.pendingRequests.isEmpty)
  }

  @Test func theServersRefusalIsSaidAsItCame() {
    var core = connectedCore()
    _ = core.handle(.line("#K7MQ2C"))
    let actions = core.handle(
      .received(
        #"{"type":"error","request":"r1","error":{"code":"too_early","message":"Check-in janji temu ini dibuka hari ini pukul 08.45, 30 menit sebelum jadwalnya."}}"#
      ))
    #expect(
      actions.warnings == [
        "check-in #K7MQ2C ditolak: Check-in janji temu ini dibuka hari ini pukul 08.45, 30 menit sebelum jadwalnya. (too_early)"
      ])
    #expect(core.pendingRequests.isEmpty)
  }
}
