import CLibevent

/// libevent's asynchronous DNS (`evdns_base`) for a loop, configured from `/etc/resolv.conf`
/// and `/etc/hosts`: with it, `HTTPClient.send` looks a host name up without stopping the
/// loop, where a plain `getaddrinfo` could hold it for seconds on a slow network.
public final class DNSResolver {
  let loop: EventLoop
  let base: OpaquePointer

  /// Nil when the resolver cannot be set up (no usable `/etc/resolv.conf`).
  public init?(loop: EventLoop) {
    guard let base = evdns_base_new(loop.base, EVDNS_BASE_INITIALIZE_NAMESERVERS) else {
      return nil
    }
    self.loop = loop
    self.base = base
  }

  deinit {
    // Freed on a later pass: a lookup callback may be running when the last reference goes.
    let base = self.base
    loop.soon { evdns_base_free(base, 1) }
  }
}
