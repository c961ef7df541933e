import HTTP
import Testing

@Suite struct RequestTests {
  @Test func pathIsDecodedAndSplitFromTheQuery() {
    let request = HTTPRequest(method: .GET, uri: "/api/stats.csv?date=2026-11-28&x=a%20b+c")
    #expect(request.path == "/api/stats.csv")
    #expect(request.query == ["date": "2026-11-28", "x": "a b c"])
  }

  @Test func percentEscapesInThePathAreDecodedButPlusIsKept() {
    let request = HTTPRequest(method: .GET, uri: "/files/a%2Bb+c%C3%A9")
    #expect(request.path == "/files/a+b+cé")
  }

  @Test func malformedEscapesStayLiteral() {
    #expect(HTTPRequest(method: .GET, uri: "/a%zz%4").path == "/a%zz%4")
  }

  @Test func absoluteFormTargetKeepsOnlyThePath() {
    let request = HTTPRequest(method: .GET, uri: "http://hall.local:8080/ws?since=5")
    #expect(request.path == "/ws")
    #expect(request.query["since"] == "5")
  }

  @Test func emptyAndValuelessQueryItems() {
    let request = HTTPRequest(method: .GET, uri: "/x?flag&=skip&a=")
    #expect(request.query == ["flag": "", "a": ""])
  }

  @Test func headersCompareNamesCaseInsensitively() {
    var headers: HTTPHeaders = ["Content-Type": "application/json", "X-A": "1"]
    headers.add("x-a", "2")
    #expect(headers["content-type"] == "application/json")
    #expect(headers.values("X-A") == ["1", "2"])
    headers.set("X-a", "3")
    #expect(headers.values("x-A") == ["3"])
    #expect(headers.map(\.name) == ["Content-Type", "X-A"])
    headers.remove("CONTENT-TYPE")
    #expect(!headers.contains("content-type"))
  }

  @Test func bearerTokenIsReadFromAuthorization() {
    #expect(bearerToken(from: ["Authorization": "Bearer abc.def-123"]) == "abc.def-123")
    #expect(bearerToken(from: ["authorization": "bearer   tok  "]) == "tok")
    #expect(bearerToken(from: ["Authorization": "Basic dXNlcg=="]) == nil)
    #expect(bearerToken(from: ["Authorization": "Bearer "]) == nil)
    #expect(bearerToken(from: ["Authorization": "Bearer a b"]) == nil)
    #expect(bearerToken(from: [:]) == nil)
  }
}
