import Foundation  // RequestBodies.swift uses Foundation extensions its module imports elsewhere.

// Differential: whatever the plain parser accepts, JSONDecoder must read the same way.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIssueBody(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: count))
  guard let plain = IssueBody.parsePlain(bytes) else { return 0 }
  guard let decoded = try? JSONDecoder().decode(IssueBody.self, from: Data(bytes)) else {
    fatalError(
      "parsePlain accepted what JSONDecoder refuses: \(String(decoding: bytes, as: UTF8.self))")
  }
  guard plain.service == decoded.service, plain.priority == decoded.priority,
    plain.box == decoded.box, plain.request == decoded.request
  else {
    fatalError("parsePlain and JSONDecoder disagree on \(String(decoding: bytes, as: UTF8.self))")
  }
  return 0
}
