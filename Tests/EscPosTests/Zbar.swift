import Foundation

/// Decodes an image file with zbarimg (zbar-tools): what a phone camera would read.
func zbarDecode(_ image: [UInt8], suffix: String = "pbm") throws -> [String] {
  let file = FileManager.default.temporaryDirectory
    .appendingPathComponent("ticket-qr-\(UUID().uuidString).\(suffix)")
  try Data(image).write(to: file)
  defer { try? FileManager.default.removeItem(at: file) }
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/zbarimg")
  process.arguments = ["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", file.path]
  let out = Pipe()
  process.standardOutput = out
  process.standardError = FileHandle.nullDevice
  try process.run()
  let data = out.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
}
