/// What can go wrong in the opening handshake (each server-side case maps to an HTTP status
/// and a PROTOCOL.md error code) or when sending on a closing session. A session that fails
/// because of its peer reports `WebSocketEvent.failed(CloseCode)` instead: the close code is
/// what goes on the wire.
public enum WebSocketError: Error, Equatable, Sendable {
  // MARK: Server side of the opening handshake (answered over HTTP)
  /// The upgrade request was not a `GET`.
  case methodNotGet(String)
  /// No `Upgrade: websocket` header.
  case missingUpgradeHeader
  /// No `upgrade` token in the `Connection` header.
  case missingConnectionUpgrade
  /// `Sec-WebSocket-Version` missing or not 13.
  case unsupportedVersion(String?)
  /// `Sec-WebSocket-Key` missing, or not 16 bytes in base64.
  case invalidKey
  /// The `Origin` header is not one the server allows.
  case forbiddenOrigin(String?)

  // MARK: Client side of the opening handshake
  /// The server answered with something other than `101`.
  case unexpectedStatus(Int, reason: String)
  /// A `101` whose `Sec-WebSocket-Accept` does not match our key, or lacks the upgrade headers.
  case badAccept
  /// The response could not be parsed as HTTP/1.1.
  case malformedResponse
  /// The response's head exceeded `ClientHandshake.maxHeaderBytes`.
  case responseTooLarge

  // MARK: Session
  /// A message was sent after the close handshake began.
  case notOpen

  /// The HTTP status a server answers a refused upgrade with; nil for client and session errors.
  public var httpStatus: Int? {
    switch self {
    case .methodNotGet, .missingUpgradeHeader, .missingConnectionUpgrade, .invalidKey:
      return 400
    case .unsupportedVersion: return 426
    case .forbiddenOrigin: return 403
    case .unexpectedStatus, .badAccept, .malformedResponse, .responseTooLarge, .notOpen:
      return nil
    }
  }

  /// The `error.code` of PROTOCOL.md's JSON error body for a refused upgrade.
  public var errorCode: String? {
    switch httpStatus {
    case 400: return "bad_request"
    case 403: return "forbidden"
    case 426: return "upgrade_required"
    default: return nil
    }
  }

  /// Headers a refused upgrade must carry: RFC 6455 §4.4 wants the supported version
  /// advertised with a 426.
  public var httpHeaders: [(String, String)] {
    if case .unsupportedVersion = self { return [("Sec-WebSocket-Version", "13")] }
    return []
  }

  public var message: String {
    switch self {
    case .methodNotGet(let method): return "WebSocket upgrade must be GET, not \(method)"
    case .missingUpgradeHeader: return "missing 'Upgrade: websocket'"
    case .missingConnectionUpgrade: return "missing 'Connection: Upgrade'"
    case .unsupportedVersion(let version):
      return "unsupported Sec-WebSocket-Version \(version ?? "(none)"); this server speaks 13"
    case .invalidKey: return "Sec-WebSocket-Key must be 16 bytes in base64"
    case .forbiddenOrigin(let origin): return "origin \(origin ?? "(none)") is not allowed"
    case .unexpectedStatus(let status, let reason):
      return "server refused the upgrade: \(status) \(reason)"
    case .badAccept: return "server's Sec-WebSocket-Accept does not match the key sent"
    case .malformedResponse: return "malformed HTTP response to the upgrade"
    case .responseTooLarge: return "upgrade response head too large"
    case .notOpen: return "the WebSocket is closing or closed"
    }
  }
}
