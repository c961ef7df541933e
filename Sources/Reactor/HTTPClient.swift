import CLibevent
import HTTP

public enum HTTPClientError: Error, Sendable, Equatable {
  /// Not an `http://host[:port]/path` URL (nor `https://` with a `TLSContext`).
  case invalidURL(String)
  /// No connection could be made, or it broke before a response came.
  case unreachable(url: String)
  /// No complete response within the timeout.
  case timeout(url: String)
}

/// A small HTTP/1.1 client over evhttp, for the officer CLI and console.
public enum HTTPClient {
  /// Sends one request and waits for the response on a private loop.
  public static func send(
    method: HTTPMethod = .GET, url: String, headers: HTTPHeaders = HTTPHeaders(),
    body: [UInt8] = [], timeout: Double = 10
  ) throws(HTTPClientError) -> HTTPResponse {
    let loop = EventLoop()
    var result: Result<HTTPResponse, HTTPClientError>?
    send(
      on: loop, method: method, url: url, headers: headers, body: body, timeout: timeout
    ) { result = $0 }
    // The exchange's own timeout ends it; the extra second only guards against a lost callback.
    loop.run(until: { result != nil }, timeout: timeout + 1)
    return try (result ?? .failure(.timeout(url: url))).get()
  }

  /// Sends one request on `loop`; `completion` runs on the loop, never inside this call.
  /// Without a `resolver`, a host name is looked up by a blocking `getaddrinfo` (fine for
  /// IP addresses and `localhost`); a loop that must never wait passes one.
  public static func send(
    on loop: EventLoop, method: HTTPMethod = .GET, url: String,
    headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [], timeout: Double = 10,
    resolver: DNSResolver? = nil, tls: TLSContext? = nil,
    completion: @escaping (Result<HTTPResponse, HTTPClientError>) -> Void
  ) {
    guard let target = HTTPURL(url), !target.secure || tls != nil else {
      loop.soon { completion(.failure(.invalidURL(url))) }
      return
    }
    Exchange(loop: loop, url: url, target: target, completion: completion)
      .start(
        method: method, headers: headers, body: body, timeout: timeout, dns: resolver?.base,
        tls: target.secure ? tls : nil)
  }

  /// One request in flight; it keeps itself alive until the response or failure.
  final class Exchange {
    let loop: EventLoop
    let url: String
    let target: HTTPURL
    private var completion: ((Result<HTTPResponse, HTTPClientError>) -> Void)?
    private var evcon: OpaquePointer?
    private var failure: evhttp_request_error?
    private var retained: Unmanaged<Exchange>?

    init(
      loop: EventLoop, url: String, target: HTTPURL,
      completion: @escaping (Result<HTTPResponse, HTTPClientError>) -> Void
    ) {
      self.loop = loop
      self.url = url
      self.target = target
      self.completion = completion
    }

    func start(
      method: HTTPMethod, headers: HTTPHeaders, body: [UInt8], timeout: Double,
      dns: OpaquePointer? = nil, tls: TLSContext? = nil
    ) {
      let retained = Unmanaged.passRetained(self)
      self.retained = retained
      let connection: OpaquePointer?
      if let tls {
        // The TLS bufferevent is the connection's own: evhttp frees it (and its SSL) with it.
        guard
          let bev = antre_tls_bufferevent(
            loop.base, tls.context, target.host, target.hostIsIP ? 1 : 0)
        else { return finish(.failure(.unreachable(url: url))) }
        connection = evhttp_connection_base_bufferevent_new(
          loop.base, dns, bev, target.host, UInt16(target.port))
      } else {
        connection = evhttp_connection_base_new(loop.base, dns, target.host, UInt16(target.port))
      }
      guard let evcon = connection else { return finish(.failure(.unreachable(url: url))) }
      self.evcon = evcon
      evhttp_connection_set_timeout(evcon, Int32(max(1, timeout.rounded(.up))))
      evhttp_connection_set_retries(evcon, 0)
      let request = evhttp_request_new(Trampolines.clientResponse, retained.toOpaque())!
      evhttp_request_set_error_cb(request, Trampolines.clientError)
      let output = evhttp_request_get_output_headers(request)
      if !headers.contains("Host") {
        let defaultPort = target.secure ? 443 : 80
        evhttp_add_header(
          output, "Host",
          target.port == defaultPort ? target.host : "\(target.host):\(target.port)")
      }
      for (name, value) in headers { evhttp_add_header(output, name, value) }
      if !headers.contains("Connection") { evhttp_add_header(output, "Connection", "close") }
      if !body.isEmpty {
        if !headers.contains("Content-Length") {
          evhttp_add_header(output, "Content-Length", String(body.count))
        }
        body.withUnsafeBytes {
          _ = evbuffer_add(evhttp_request_get_output_buffer(request), $0.baseAddress, $0.count)
        }
      }
      if evhttp_make_request(evcon, request, HTTPServer.command(method), target.pathAndQuery) != 0 {
        // evhttp has already run the callback (and freed the request) when it fails this way.
        if completion != nil { finish(.failure(.unreachable(url: url))) }
      }
    }

    func failed(_ error: evhttp_request_error) {
      failure = error
    }

    func completed(_ request: OpaquePointer?) {
      guard let request, evhttp_request_get_response_code(request) != 0 else {
        return finish(
          .failure(failure == EVREQ_HTTP_TIMEOUT ? .timeout(url: url) : .unreachable(url: url)))
      }
      let input = evhttp_request_get_input_buffer(request)
      let length = evbuffer_get_length(input)
      var body = [UInt8](repeating: 0, count: length)
      if length > 0 {
        body.withUnsafeMutableBytes { _ = evbuffer_remove(input, $0.baseAddress, length) }
      }
      finish(
        .success(
          HTTPResponse(
            status: Int(evhttp_request_get_response_code(request)),
            headers: HTTPServer.headers(evhttp_request_get_input_headers(request)), body: body)))
    }

    private func finish(_ result: Result<HTTPResponse, HTTPClientError>) {
      guard let completion else { return }
      self.completion = nil
      let evcon = self.evcon
      let retained = self.retained
      self.retained = nil
      // The connection is freed on a later pass: this runs inside its request callback.
      loop.soon {
        if let evcon { evhttp_connection_free(evcon) }
        completion(result)
        retained?.release()
      }
    }
  }
}

/// The parts of an `http://` or `https://` URL the client needs.
struct HTTPURL: Equatable {
  var host: String
  var port: Int
  var pathAndQuery: String
  var secure: Bool

  init?(_ text: String) {
    guard let url = URLParts(text), url.scheme == "http" || url.scheme == "https" else {
      return nil
    }
    secure = url.scheme == "https"
    host = url.host
    port = url.port ?? (secure ? 443 : 80)
    pathAndQuery =
      url.pathAndQuery.isEmpty || url.pathAndQuery.hasPrefix("?")
      ? "/" + url.pathAndQuery : url.pathAndQuery
  }
}

extension HTTPURL {
  /// An IPv4 or IPv6 literal: its certificate is checked for the address, not a name.
  var hostIsIP: Bool {
    host.contains(":")
      || (!host.isEmpty && host.allSatisfy { $0 == "." || $0.isASCII && $0.isNumber })
  }
}
