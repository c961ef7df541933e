#if canImport(Glibc)
  import Glibc
#endif

/// Starts `body` on a new detached thread, for work that must not run on the loop (shipping
/// to PostgreSQL, a period report); its resources go when it ends. The body owns what it
/// creates and hands results back through something `Sendable`. Returns the system's error
/// number when no thread could be made.
public func startDetachedThread(_ body: @escaping @Sendable () -> Void) -> Result<Void, ThreadError>
{
  let box = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
  var handle = pthread_t()
  let created = pthread_create(
    &handle, nil,
    { box in
      Unmanaged<ThreadBody>.fromOpaque(box!).takeRetainedValue().body()
      return nil
    }, box)
  guard created == 0 else {
    Unmanaged<ThreadBody>.fromOpaque(box).release()
    return .failure(ThreadError(message: String(cString: strerror(created))))
  }
  pthread_detach(handle)
  return .success(())
}

/// Why no thread was made (the system's words).
public struct ThreadError: Error, Sendable, Equatable {
  public var message: String
}

private final class ThreadBody {
  let body: @Sendable () -> Void
  init(_ body: @escaping @Sendable () -> Void) { self.body = body }
}
