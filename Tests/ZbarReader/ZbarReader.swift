import Foundation

/// What zbarimg (zbar-tools) reads in an image, one line per QR code found: what a phone
/// camera would read. Shared by the tests of the printed, on-screen and paper QR codes.
public func zbarDecode(_ image: URL) throws -> [String] {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/zbarimg")
  process.arguments = ["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", image.path]
  let out = Pipe()
  process.standardOutput = out
  process.standardError = FileHandle.nullDevice
  try process.run()
  let data = out.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
}

/// The same for image bytes (`suffix` tells zbarimg the format: pbm, png, svg…).
public func zbarDecode(_ image: [UInt8], suffix: String = "pbm") throws -> [String] {
  let file = FileManager.default.temporaryDirectory
    .appendingPathComponent("qr-\(UUID().uuidString).\(suffix)")
  try Data(image).write(to: file)
  defer { try? FileManager.default.removeItem(at: file) }
  return try zbarDecode(file)
}
