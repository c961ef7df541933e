import HallWire
import EscPos
import Testing

@testable import TicketBox

@Test func printerAddressesParse() throws {
  #expect(try PrinterAddress("/dev/usb/lp0") == .device(path: "/dev/usb/lp0"))
  #expect(try PrinterAddress("tcp://10.0.0.5:9100") == .tcp(host: "10.0.0.5", port: 9100))
  #expect(try PrinterAddress("tcp://printer.local") == .tcp(host: "printer.local", port: 9100))
  #expect(try PrinterAddress("tcp://[::1]:9101") == .tcp(host: "::1", port: 9101))
  #expect(try PrinterAddress("file:/tmp/t.bin") == .file(path: "/tmp/t.bin"))
  for bad in ["lp0", "tcp://", "tcp://h:0", "tcp://h:x", "file:", "usb://x"] {
    #expect(throws: TicketBoxError.badPrinter(bad)) { try PrinterAddress(bad) }
  }
}

@Test func statusRepliesGiveTheWorstConditionOnceAllAreIn() {
  var replies = StatusReplies()
  replies.expect([.printer, .offlineCause, .paperSensor])
  #expect(replies.receive(0x1E) == nil)  // printer: offline bit (0x08)
  #expect(replies.receive(0x32) == nil)  // offline cause: stopped by paper end (0x20)
  #expect(replies.receive(0x72) == .paperOut)  // paper sensor: paper end (0x60)
  #expect(!replies.isAwaiting)
}

@Test func statusRepliesOfAHealthyPrinterAreOK() {
  var replies = StatusReplies()
  replies.expect([.printer, .offlineCause, .paperSensor])
  #expect(replies.receive(0x16) == nil)
  #expect(replies.receive(0x12) == nil)
  #expect(replies.receive(0x12) == .ok)
}

@Test func bytesThatAreNoStatusReplyAreSkipped() {
  var replies = StatusReplies()
  replies.expect([.paperSensor])
  #expect(replies.receive(0xFF) == nil)
  #expect(replies.isAwaiting)
  #expect(replies.receive(0x1E) == .paperLow)  // near end (0x0C)
}
