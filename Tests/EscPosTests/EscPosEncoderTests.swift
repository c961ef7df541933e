import EscPos
import Testing

@Test func initializeSendsEscAt() {
  #expect(EscPosEncoder().initialize().bytes == [0x1B, 0x40])
}

@Test func partialCutIsGsV1AndFullCutIsGsV0() {
  #expect(EscPosEncoder().cut(.partial).bytes == [29, 86, 1])
  #expect(EscPosEncoder().cut(.full).bytes == [29, 86, 0])
}

@Test func cutAfterFeedUsesFunctionB() throws {
  #expect(try EscPosEncoder().cut(.partial, feedingDots: 3).bytes == [29, 86, 66, 3])
  #expect(try EscPosEncoder().cut(.full, feedingDots: 0).bytes == [29, 86, 65, 0])
  #expect(throws: EscPosError.self) { try EscPosEncoder().cut(.full, feedingDots: 256) }
}

@Test func alignmentSendsEscA() {
  #expect(EscPosEncoder().align(.left).bytes == [0x1B, 0x61, 0])
  #expect(EscPosEncoder().align(.center).bytes == [0x1B, 0x61, 1])
  #expect(EscPosEncoder().align(.right).bytes == [0x1B, 0x61, 2])
}

@Test func boldAndUnderlineToggle() {
  #expect(EscPosEncoder().bold().bold(false).bytes == [0x1B, 0x45, 1, 0x1B, 0x45, 0])
  #expect(EscPosEncoder().underline(.thick).bytes == [0x1B, 0x2D, 2])
}

@Test func sizeTwoWideThreeHighIsGsBang0x12() throws {
  #expect(try EscPosEncoder().size(width: 2, height: 3).bytes == [0x1D, 0x21, 0x12])
  #expect(try EscPosEncoder().size().bytes == [0x1D, 0x21, 0x00])
  #expect(try EscPosEncoder().size(width: 8, height: 8).bytes == [0x1D, 0x21, 0x77])
}

@Test func sizeOutsideOneToEightIsRefused() {
  #expect(throws: EscPosError.sizeOutOfRange(width: 9, height: 1)) {
    try EscPosEncoder().size(width: 9, height: 1)
  }
  #expect(throws: EscPosError.sizeOutOfRange(width: 1, height: 0)) {
    try EscPosEncoder().size(width: 1, height: 0)
  }
}

@Test func feedSendsEscD() throws {
  #expect(try EscPosEncoder().feed(lines: 4).bytes == [0x1B, 0x64, 4])
  #expect(throws: EscPosError.self) { try EscPosEncoder().feed(lines: -1) }
}

@Test func lineAppendsLineFeedAndNewlinesBecomeLineFeeds() {
  #expect(EscPosEncoder().line("Hi").bytes == [0x48, 0x69, 0x0A])
  #expect(EscPosEncoder().text("a\nb").bytes == [0x61, 0x0A, 0x62])
}

@Test func textIsTransliteratedForTheSelectedCodePage() {
  #expect(EscPosEncoder().text("é ±").bytes == [0x65, 0x20, 0xF1])
  #expect(EscPosEncoder().codePage(.wpc1252).text("±").bytes == [0x1B, 0x74, 16, 0xB1])
  #expect(EscPosEncoder().codePage(.pc858).initialize().selectedCodePage == .pc437)
}

@Test func qrCodeOfABCIsTheExactGsParenKSequence() throws {
  let bytes = try EscPosEncoder().qrCode("ABC", moduleSize: 6, errorCorrection: .medium).bytes
  #expect(
    bytes == [
      29, 40, 107, 4, 0, 49, 65, 50, 0,
      29, 40, 107, 3, 0, 49, 67, 6,
      29, 40, 107, 3, 0, 49, 69, 49,
      29, 40, 107, 6, 0, 49, 80, 48, 65, 66, 67,
      29, 40, 107, 3, 0, 49, 81, 48,
    ])
}

@Test func qrStoreLengthUsesBothLengthBytes() throws {
  let data = String(repeating: "x", count: 300)
  let bytes = try EscPosEncoder().qrCode(data, errorCorrection: .low).bytes
  let store: [UInt8] = [29, 40, 107, 0x2F, 0x01, 49, 80, 48]  // 303 = 0x012F
  #expect(bytes[25..<33].elementsEqual(store))
}

@Test func qrDataBeyondTheSymbolCapacityIsRefused() {
  let data = String(repeating: "x", count: 1274)
  #expect(throws: EscPosError.qrDataTooLong(count: 1274, limit: 1273)) {
    try EscPosEncoder().qrCode(data, errorCorrection: .high)
  }
  #expect(throws: EscPosError.qrDataEmpty) { try EscPosEncoder().qrCode("") }
  #expect(throws: EscPosError.self) { try EscPosEncoder().qrCode("x", moduleSize: 17) }
}

@Test func code128UsesCodeSetBWithTextHeightAndWidth() throws {
  let bytes = try EscPosEncoder().barcode128("A012", text: .below, height: 60, moduleWidth: 3)
    .bytes
  #expect(
    bytes == [
      29, 72, 2, 29, 104, 60, 29, 119, 3,
      29, 107, 73, 6, 123, 66, 65, 48, 49, 50,
    ])
}

@Test func code128DoublesABraceInTheData() throws {
  let bytes = try EscPosEncoder().barcode128("a{b", text: .none).bytes
  #expect(bytes.suffix(10).elementsEqual([29, 107, 73, 6, 123, 66, 97, 123, 123, 98]))
}

@Test func code128RefusesWhatCodeSetBCannotCarry() {
  #expect(throws: EscPosError.self) { try EscPosEncoder().barcode128("Kependudukan é") }
  #expect(throws: EscPosError.self) { try EscPosEncoder().barcode128("") }
  #expect(throws: EscPosError.self) {
    try EscPosEncoder().barcode128(String(repeating: "1", count: 254))
  }
  #expect(throws: EscPosError.self) { try EscPosEncoder().barcode128("1", moduleWidth: 7) }
}

@Test func statusRequestIsDleEot() {
  #expect(EscPosEncoder().statusRequest(.printer).bytes == [0x10, 0x04, 1])
  #expect(EscPosEncoder().statusRequest(.paperSensor).bytes == [0x10, 0x04, 4])
}

@Test func aChainReadsAsAReceipt() throws {
  let bytes = try EscPosEncoder().initialize().align(.center).size(width: 2, height: 2)
    .line("A1").size().cut(.partial).bytes
  #expect(
    bytes == [
      0x1B, 0x40, 0x1B, 0x61, 1, 0x1D, 0x21, 0x11, 0x41, 0x31, 0x0A, 0x1D, 0x21, 0, 29, 86, 1,
    ])
}

@Test func aRasterImageIsGsV0WithBytesPerRowRowsAndItsBits() throws {
  let image = try BitImage(width: 10, height: 2, bits: [0xFF, 0xC0, 0x80, 0x40])
  let bytes = EscPosEncoder().rasterImage(image).bytes
  #expect(bytes == [0x1D, 0x76, 0x30, 0, 2, 0, 2, 0, 0xFF, 0xC0, 0x80, 0x40])
}

@Test func aTallImageGoesInBandsThatJoinWithoutAGap() throws {
  let rows = EscPosEncoder.rasterBandRows + 10
  let image = try BitImage(width: 8, height: rows, bits: (0..<rows).map { UInt8($0 & 0xFF) })
  let bytes = EscPosEncoder().rasterImage(image).bytes
  let first = EscPosEncoder.rasterBandRows
  #expect(Array(bytes[0..<8]) == [0x1D, 0x76, 0x30, 0, 1, 0, UInt8(first), 0])
  #expect(Array(bytes[8 + first..<16 + first]) == [0x1D, 0x76, 0x30, 0, 1, 0, 10, 0])
  #expect(bytes.count == 16 + rows)
}

@Test func anImageIsCentredByShiftingItsDots() throws {
  let image = try BitImage(width: 4, height: 1, bits: [0xF0])
  let centred = try image.centred(in: 16)
  #expect(centred.bits == [0x03, 0xC0])
  #expect(throws: EscPosError.self) { try BitImage(width: 9, height: 1, bits: [0]) }
}
