import HTTP
import Testing

@Suite struct URLPartsTests {
  @Test func readsTheAddressesTheHallUses() {
    #expect(
      URLParts("http://192.168.1.10:8080")
        == URLParts(scheme: "http", host: "192.168.1.10", port: 8080, pathAndQuery: ""))
    #expect(URLParts("WS://[::1]:9/ws?since=3#x")?.pathAndQuery == "/ws?since=3")
    #expect(URLParts("WS://[::1]:9/ws")?.host == "::1")
    #expect(URLParts("tcp://printer.lan")?.port == nil)
  }

  @Test func refusesWhatIsNotAnAddress() {
    for text in [
      "192.168.1.10:8080", "http://", "http://:80", "http://user@host", "http://h:0",
      "http://h:65536", "http://h:8o", "http://[::1", "http://h h", "1http://h", "http:/h",
    ] {
      #expect(URLParts(text) == nil, "\(text)")
    }
  }
}
