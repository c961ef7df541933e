/// Immutable bytes queued to many connections without a copy per connection: each output
/// buffer references this storage (`evbuffer_add_reference`) and holds a retain on it until
/// the kernel has taken the bytes.
public final class SharedBytes {
  let pointer: UnsafeMutableRawPointer
  public let count: Int

  public init(_ bytes: [UInt8]) {
    count = bytes.count
    pointer = UnsafeMutableRawPointer.allocate(byteCount: max(1, bytes.count), alignment: 1)
    bytes.withUnsafeBytes { source in
      if let base = source.baseAddress { pointer.copyMemory(from: base, byteCount: bytes.count) }
    }
  }

  deinit {
    pointer.deallocate()
  }

  public var bytes: [UInt8] {
    Array(UnsafeRawBufferPointer(start: pointer, count: count))
  }
}
