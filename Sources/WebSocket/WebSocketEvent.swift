/// What a `WebSocketSession` makes of the bytes it receives.
public enum WebSocketEvent: Equatable, Sendable {
  case text(String)
  /// Only when the session was created with `acceptsBinary: true`; otherwise a binary
  /// message fails the session with 1003.
  case binary([UInt8])
  /// The pong is already queued; reported so the caller can count it as activity.
  case ping([UInt8])
  case pong([UInt8])
  /// The peer sent a close frame (`code` nil when it carried none). Our close frame is queued
  /// or already sent: once `takeOutput()` is written, the handshake is complete and the
  /// transport can be closed.
  case closed(code: UInt16?, reason: String)
  /// The peer broke the protocol; a close frame with this code is queued and the session
  /// reads nothing more. Write `takeOutput()`, then close the transport.
  case failed(CloseCode)
}
