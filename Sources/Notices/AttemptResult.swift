/// How one POST to the webhook ended, as the sender saw it.
public enum AttemptResult: Sendable, Equatable {
  /// The gateway answered with this HTTP status; `retryAfterSeconds` from its `Retry-After`.
  case status(Int, retryAfterSeconds: Int? = nil)
  /// No connection, or it broke before an answer.
  case unreachable
  /// No complete answer within the policy's timeout.
  case timeout

  /// Any 2xx: the gateway has the notice.
  public var delivered: Bool {
    if case .status(let code, _) = self { return (200..<300).contains(code) }
    return false
  }

  /// Failures that speak for the gateway as a whole rather than for this one notice: the
  /// outbox then sends one notice at a time until an attempt succeeds.
  public var gatewayTrouble: Bool {
    switch self {
    case .unreachable, .timeout: true
    case .status(let code, _): code >= 500 || code == 429 || code == 408
    }
  }

  /// Short, for logs and the stored `last_error`: never the body (it holds the phone).
  public var summary: String {
    switch self {
    case .status(let code, _): "HTTP \(code)"
    case .unreachable: "unreachable"
    case .timeout: "timeout"
    }
  }
}
