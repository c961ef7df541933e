import QueueCore

// The hall-file loader takes any text: it answers a config or a HallConfigError, never traps.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHallFile(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
  _ = try? HallConfig.load(yaml: text)
  return 0
}
