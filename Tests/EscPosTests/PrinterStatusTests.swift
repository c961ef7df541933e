import HallWire
import EscPos
import Testing

@Test func aQuietPrinterIsOk() throws {
  var flags: StatusFlags = []
  for request in StatusRequest.allCases {
    flags.formUnion(try StatusFlags(parsing: 0x12, for: request))
  }
  #expect(flags.isEmpty)
  #expect(PrinterStatus(flags) == .ok)
}

@Test func nearEndSensorMeansPaperLow() throws {
  let flags = try StatusFlags(parsing: 0x1E, for: .paperSensor)
  #expect(flags == .paperNearEnd)
  #expect(PrinterStatus(flags) == .paperLow)
}

@Test func paperEndWinsOverTheOfflineItCauses() throws {
  let flags = try StatusFlags(parsing: 0x1A, for: .printer)
    .union(StatusFlags(parsing: 0x32, for: .offlineCause))
    .union(StatusFlags(parsing: 0x7E, for: .paperSensor))
  #expect(flags == [.offline, .stoppedByPaperEnd, .paperNearEnd, .paperEnd])
  #expect(PrinterStatus(flags) == .paperOut)
}

@Test func coverOpenOrErrorsMeanOffline() throws {
  #expect(PrinterStatus(try StatusFlags(parsing: 0x16, for: .offlineCause)) == .offline)
  #expect(PrinterStatus(try StatusFlags(parsing: 0x1A, for: .errorCause)) == .offline)
  #expect(PrinterStatus(try StatusFlags(parsing: 0x1A, for: .printer)) == .offline)
}

@Test func aByteWithoutTheFixedBitsIsRefused() {
  #expect(throws: EscPosError.notAStatusByte(0x00)) {
    try StatusFlags(parsing: 0x00, for: .printer)
  }
  #expect(throws: EscPosError.notAStatusByte(0x93)) {
    try StatusFlags(parsing: 0x93, for: .paperSensor)
  }
}

@Test func statusesUseTheWireNames() {
  #expect(PrinterStatus.allCases.map(\.rawValue) == ["ok", "paper_low", "paper_out", "offline"])
}
