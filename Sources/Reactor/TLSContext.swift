import CLibevent

/// A TLS client configuration for `HTTPClient.send` to `https://` URLs: the system's trusted
/// certificate authorities (OpenSSL's default paths; `SSL_CERT_FILE` replaces them), the
/// peer's certificate and name verified, TLS 1.2 or later. Loading the CAs takes a moment,
/// so a sender makes one and keeps it.
public final class TLSContext {
  let context: OpaquePointer

  /// Nil when OpenSSL cannot make a context or read the CAs.
  public init?() {
    guard let context = antre_tls_client_context() else { return nil }
    self.context = context
  }

  deinit { SSL_CTX_free(context) }
}
