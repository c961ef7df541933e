#if canImport(Glibc)
  import Glibc
#endif

/// Raises the soft open-file limit (`setrlimit(RLIMIT_NOFILE)`) to the hard maximum, since
/// every connected screen holds a socket. Returns the new limit (`Int.max` when unlimited), or
/// nil if it could not be read or set.
@discardableResult
public func raiseOpenFileLimit() -> Int? {
  var limit = rlimit()
  let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
  guard getrlimit(resource, &limit) == 0 else { return nil }
  limit.rlim_cur = limit.rlim_max
  guard setrlimit(resource, &limit) == 0 else { return nil }
  return limit.rlim_cur == rlim_t.max ? Int.max : Int(limit.rlim_cur)
}

/// The soft open-file limit (`getrlimit(RLIMIT_NOFILE)`), or nil if unknown.
func openFileLimit() -> Int? {
  var limit = rlimit()
  guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return nil }
  return limit.rlim_cur == rlim_t.max ? Int.max : Int(limit.rlim_cur)
}

/// `signal(SIGPIPE, SIG_IGN)`: a write to a socket the peer closed must fail with EPIPE, not
/// kill the process.
func ignoreBrokenPipeSignal() {
  signal(SIGPIPE, SIG_IGN)
}
