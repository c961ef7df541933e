import HTTP
import Reactor
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Not a test of behaviour: serves a trivial handler for `wrk` when ANTRE_BENCH_PORT is set
/// (`ANTRE_BENCH_PORT=18080 swift test -c release --filter benchmark` and, meanwhile,
/// `wrk -t1 -c16 -d5s http://127.0.0.1:18080/healthz`).
@Suite struct BenchmarkTests {
  static var port: Int? { getenv("ANTRE_BENCH_PORT").flatMap { Int(String(cString: $0)) } }

  @Test(.enabled(if: port != nil)) func benchmarkServesATrivialHandler() throws {
    let loop = EventLoop()
    let server = try HTTPServer(loop: loop, host: "127.0.0.1", port: BenchmarkTests.port ?? 0)
    let body = Array(#"{"status":"ok"}"#.utf8)
    server.onRequest = { $0.respond(.jsonBytes(body)) }
    let stop = Timer(loop: loop) { loop.stop() }
    stop.schedule(after: 12)
    loop.run()
  }
}
