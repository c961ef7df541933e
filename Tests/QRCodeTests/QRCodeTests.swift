import Foundation
import QRCode
import Testing
import ZbarReader

let trackLink =
  "https://antre.banyuwangikab.go.id/track.html?t=3f9c2a7e1b8d4c60&k=Qm9vay1vZi1rZXlzLTEyOGJpdHM"

@Test func aRasterDecodesToTheTextItWasMadeFrom() throws {
  let code = try QRCode(trackLink)
  for dots in [2, 4, 6] {
    let raster = try code.raster(dotsPerModule: dots)
    #expect(try zbarDecode(raster.pbm) == [trackLink], "at \(dots) dots per module")
  }
}

@Test func textInAnyScriptSurvivesTheRoundTrip() throws {
  let text = "Antrean Dukcapil — nomor A012, ±18 menit"
  let raster = try QRCode(text, correction: .high).raster(dotsPerModule: 4)
  #expect(try zbarDecode(raster.pbm) == [text])
}

@Test func theSymbolGrowsWithItsTextAndIsSquare() throws {
  let short = try QRCode("A")
  #expect(short.version == 1)
  #expect(short.size == 21)
  #expect(short.modules.count == 21 * 21)
  let long = try QRCode(String(repeating: "x", count: 300))
  #expect(long.size == 17 + 4 * long.version)
  #expect(long.size > short.size)
}

@Test func aHigherCorrectionLevelNeedsALargerSymbol() throws {
  #expect(try QRCode(trackLink, correction: .high).size > QRCode(trackLink, correction: .low).size)
}

@Test func theRasterHasTheQuietZoneAndPacksRowsMostSignificantBitFirst() throws {
  let code = try QRCode("A")
  let raster = try code.raster(dotsPerModule: 3)
  #expect(raster.width == (21 + 8) * 3)
  #expect(raster.height == raster.width)
  #expect(raster.bits.count == raster.bytesPerRow * raster.height)
  // The finder pattern's top-left module is dark: dot (12, 12) is the 5th bit of byte 1.
  let row = 12 * raster.bytesPerRow
  #expect(raster.bits[row + 1] & 0x08 != 0)
  #expect(raster.bits[row] == 0)
  #expect(raster.bits[0..<raster.bytesPerRow * 12].allSatisfy { $0 == 0 })
}

@Test func aRasterFittingThePaperUsesAtMostItsWidthAndItsLargestModule() throws {
  let code = try QRCode(trackLink)
  let narrow = try #require(code.raster(fitting: 384, maxDotsPerModule: 6))
  #expect(narrow.width <= 384)
  #expect(narrow.width == code.side() * 6)
  let tooBig = try QRCode(String(repeating: "y", count: 1500))
  #expect(tooBig.raster(fitting: 200, maxDotsPerModule: 6).map(\.width) == nil)
}

@Test func emptyOrOversizedTextIsRefusedWithItsLimit() {
  #expect(throws: QRCodeError.empty) { try QRCode("") }
  #expect(throws: QRCodeError.tooLong(count: 1274, limit: 1273)) {
    try QRCode(String(repeating: "z", count: 1274), correction: .high)
  }
  #expect(throws: QRCodeError.badSize(name: "dots per module", value: 0, allowed: 1...32)) {
    try QRCode("A").raster(dotsPerModule: 0)
  }
}

@Test func theSVGDrawsExactlyTheDarkModulesInsideItsQuietZone() throws {
  let code = try QRCode(trackLink)
  let svg = code.svg()
  let side = code.size + 8
  #expect(
    svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\""))
  #expect(svg.contains("shape-rendering=\"crispEdges\""))
  // Reads the path's runs back into a grid: "Mx yhNv1h-Nz".
  let d = try #require(svg.split(separator: "d=\"").last?.split(separator: "\"").first)
  var dark = Set<Int>()
  for run in d.split(separator: "z") {
    let numbers = run.split(whereSeparator: { "Mhv ".contains($0) }).map {
      Int($0.replacingOccurrences(of: "-", with: ""))!
    }
    let (x, y, length) = (numbers[0], numbers[1], numbers[2])
    for column in x..<x + length { dark.insert(y * side + column) }
  }
  var expected = Set<Int>()
  for y in 0..<code.size {
    for x in 0..<code.size where code.isDark(x: x, y: y) { expected.insert((y + 4) * side + x + 4) }
  }
  #expect(dark == expected)
}

/// The SVG as a page shows it: headless Chromium draws it at a size that is no whole number of
/// pixels per module, and zbarimg reads the screenshot.
@Test func theSVGDrawnByABrowserAtAnOddSizeDecodes() throws {
  let code = try QRCode(trackLink)
  let directory = FileManager.default.temporaryDirectory
    .appendingPathComponent("qr-svg-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: directory) }
  let svg = directory.appendingPathComponent("code.svg")
  try Data(code.svg().utf8).write(to: svg)
  let png = directory.appendingPathComponent("code.png")
  let chromium = Process()
  chromium.executableURL = URL(fileURLWithPath: "/usr/bin/chromium")
  chromium.arguments = [
    "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
    "--user-data-dir=" + directory.appendingPathComponent("profile").path,
    "--screenshot=" + png.path, "--window-size=257,257", svg.absoluteString,
  ]
  chromium.standardOutput = FileHandle.nullDevice
  chromium.standardError = FileHandle.nullDevice
  try chromium.run()
  chromium.waitUntilExit()
  let image = try [UInt8](Data(contentsOf: png))
  #expect(try zbarDecode(image, suffix: "png") == [trackLink])
}
