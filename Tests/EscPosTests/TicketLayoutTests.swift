import EscPos
import Foundation
import Testing
import ZbarReader

/// Golden files live next to this file. `ESCPOS_UPDATE_GOLDEN=1 swift test --filter EscPosTests`
/// rewrites them; read the `.listing.txt` diff before committing new ones.
private let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .appendingPathComponent("Golden")

private func checkGolden(_ name: String, _ bytes: [UInt8]) throws {
  let listing = try EscPosListing(bytes).listing
  let binURL = goldenDirectory.appendingPathComponent("\(name).bin")
  let listingURL = goldenDirectory.appendingPathComponent("\(name).listing.txt")
  if ProcessInfo.processInfo.environment["ESCPOS_UPDATE_GOLDEN"] == "1" {
    try Data(bytes).write(to: binURL)
    try Data(listing.utf8).write(to: listingURL)
  }
  let golden = try [UInt8](Data(contentsOf: binURL))
  #expect(try EscPosListing(golden).listing == listing)
  #expect(golden == bytes)
  #expect(try String(contentsOf: listingURL, encoding: .utf8) == listing)
}

@Test func a58mmTicketMatchesItsGoldenBytes() throws {
  try checkGolden(
    "ticket58",
    TicketLayout.render(
      TicketFixtures.regular, paper: .mm58, qr: TicketFixtures.qr(TicketFixtures.regular, .mm58)))
}

@Test func an80mmTicketMatchesItsGoldenBytes() throws {
  try checkGolden(
    "ticket80",
    TicketLayout.render(
      TicketFixtures.priority, paper: .mm80, qr: TicketFixtures.qr(TicketFixtures.priority, .mm80)))
}

private let contents: [TicketContent] = [
  TicketFixtures.regular, TicketFixtures.priority,
  TicketContent(
    hallName: "Kantor Pelayanan Terpadu Satu Pintu Provinsi Daerah Khusus Ibukota Jakarta",
    serviceName: "Perizinan", serviceNameEn: "Permits", number: "PRIORITY-0123456789-LONG",
    issuedAt: "Rabu, 2 Des 2026 08:00", ahead: 120, etaSeconds: 14400,
    counters: (1...14).map { "Loket \($0)" },
    trackURL: "https://example.go.id/track.html?t=" + String(repeating: "x", count: 200),
    footer: "Supercalifragilisticexpialidocious-without-any-spaces-at-all", priority: true),
]

@Test(arguments: Paper.allCases)
func everyPrintedLineFitsThePaperAtItsSize(paper: Paper) throws {
  for content in contents {
    let lines = try EscPosListing(TicketLayout.render(content, paper: paper, qr: .native)).lines
    #expect(!lines.isEmpty)
    for line in lines {
      #expect(line.columns <= paper.columns, "\(line.text) is \(line.columns) columns")
    }
  }
}

@Test(arguments: Paper.allCases)
func everyPreviewLineFitsThePaper(paper: Paper) {
  for content in contents {
    for line in TicketLayout.renderText(content, paper: paper).split(separator: "\n") {
      #expect(line.count <= paper.columns, "\(line)")
    }
  }
}

@Test func theNumberFillsThe58mmPaperAndIsTheLargestSizeOn80mm() throws {
  let narrow = try EscPosListing(
    TicketLayout.render(TicketFixtures.regular, paper: .mm58, qr: .native))
  #expect(narrow.listing.contains("GS ! 0x77\nESC E 1\nTEXT \"A012\"\nLF\nGS ! 0x00"))
  #expect(narrow.lines.contains(.init(text: "A012", columns: 32)))
  let wide = try EscPosListing(
    TicketLayout.render(TicketFixtures.regular, paper: .mm80, qr: .native))
  #expect(wide.listing.contains("GS ! 0x77\nESC E 1\nTEXT \"A012\"\nLF\nGS ! 0x00"))
  var five = TicketFixtures.regular
  five.number = "AB123"
  let fiveWide = try EscPosListing(TicketLayout.render(five, paper: .mm80, qr: .native))
  #expect(fiveWide.lines.contains(.init(text: "AB123", columns: 40)))
}

@Test func aLongNumberShrinksToStayOnOneLine() throws {
  var content = TicketFixtures.regular
  content.number = "A0123456789"
  let listing = try EscPosListing(TicketLayout.render(content, paper: .mm58, qr: .native))
  #expect(listing.lines.contains(.init(text: "A0123456789", columns: 22)))
}

@Test func thePriorityMarkerPrintsOnlyForPriorityTickets() throws {
  let priority = try EscPosListing(
    TicketLayout.render(TicketFixtures.priority, paper: .mm58, qr: .native))
  let regular = try EscPosListing(
    TicketLayout.render(TicketFixtures.regular, paper: .mm58, qr: .native))
  #expect(priority.lines.contains { $0.text == "* PRIORITAS *" })
  #expect(!regular.lines.contains { $0.text.contains("PRIORITAS") })
}

@Test func theQrCodeCarriesTheTrackingURLAndIsLeftOutWithoutOne() throws {
  let withURL = try EscPosListing(
    TicketLayout.render(TicketFixtures.regular, paper: .mm58, qr: .native))
  #expect(withURL.qrPayloads == [TicketFixtures.regular.trackURL!])
  #expect(withURL.lines.contains { $0.text == "Pindai untuk memantau antrean" })
  var content = TicketFixtures.regular
  content.trackURL = nil
  let without = try EscPosListing(TicketLayout.render(content, paper: .mm58, qr: .native))
  #expect(without.qrPayloads.isEmpty)
  #expect(!without.lines.contains { $0.text.contains("Pindai") })
}

@Test func waitAndCountersReadAsSentences() throws {
  let lines = try EscPosListing(
    TicketLayout.render(TicketFixtures.regular, paper: .mm80, qr: .native)
  ).lines
    .map(\.text)
  #expect(lines.contains("Di depan Anda: 7 orang"))
  #expect(lines.contains("Perkiraan tunggu: \u{00B1}18 menit"))
  #expect(lines.contains("Dilayani di: Loket 1, Loket 3, Loket 12"))
}

@Test func countersWrapWithoutSplittingACounterName() throws {
  let lines = try EscPosListing(
    TicketLayout.render(TicketFixtures.regular, paper: .mm58, qr: .native)
  ).lines
    .map(\.text)
  #expect(lines.contains("Dilayani di: Loket 1, Loket 3,"))
  #expect(lines.contains("Loket 12"))
}

@Test func aTicketWithoutEtaOrCountersLeavesThoseLinesOut() throws {
  var content = TicketFixtures.regular
  content.etaSeconds = nil
  content.counters = []
  let lines = try EscPosListing(TicketLayout.render(content, paper: .mm58, qr: .native)).lines.map(
    \.text)
  #expect(!lines.contains { $0.hasPrefix("Perkiraan") || $0.hasPrefix("Dilayani") })
}

@Test func theTicketStartsInitialisedAndEndsWithFeedAndPartialCut() throws {
  let bytes = try TicketLayout.render(TicketFixtures.regular, paper: .mm58, qr: .native)
  #expect(bytes.starts(with: [0x1B, 0x40, 0x1B, 0x74, 0]))
  #expect(bytes.suffix(6).elementsEqual([0x1B, 0x64, 4, 29, 86, 1]))
}

@Test func thePreviewShowsTheSameLinesCentred() {
  let preview = TicketLayout.renderText(TicketFixtures.regular, paper: .mm58)
  let lines = preview.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  #expect(lines.first == "   Mal Pelayanan Publik Kota")
  #expect(lines.contains("A       0       1       2"))
  #expect(lines.contains("     Di depan Anda: 7 orang"))
}

@Test(arguments: Paper.allCases)
func theRasterQRDecodesToTheTrackingLinkAndTheTicketHasNoGsParenK(paper: Paper) throws {
  let content = TicketFixtures.regular
  let listing = try EscPosListing(
    TicketLayout.render(content, paper: paper, qr: TicketFixtures.qr(content, paper)))
  #expect(listing.qrPayloads.isEmpty)
  #expect(!listing.listing.contains("GS ( k"))
  let raster = try #require(listing.rasters.first)
  #expect(listing.rasters.count == 1)
  #expect(raster.width == paper.dots)
  let pbm = Array("P4\n\(raster.width) \(raster.height)\n".utf8) + raster.bits
  #expect(try zbarDecode(pbm) == [content.trackURL!])
}

@Test func aRasterWiderThanThePaperIsRefused() throws {
  let image = try BitImage(width: 392, height: 8, bits: [UInt8](repeating: 0, count: 49 * 8))
  #expect(throws: EscPosError.self) {
    try TicketLayout.render(TicketFixtures.regular, paper: .mm58, qr: .raster(image))
  }
}
