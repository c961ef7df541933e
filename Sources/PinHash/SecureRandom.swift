import CLibcrypto

/// Cryptographically secure random bytes from libcrypto's DRBG (`RAND_bytes`, seeded and
/// reseeded from the kernel), for callers that need many: one call fills a whole buffer
/// where the standard generator makes a system call per 8 bytes. False if libcrypto could
/// not produce them (then nothing may be taken from the buffer).
public func fillWithSecureRandomBytes(_ buffer: UnsafeMutableRawBufferPointer) -> Bool {
  guard let base = buffer.baseAddress, buffer.count > 0 else { return true }
  return RAND_bytes(base.assumingMemoryBound(to: UInt8.self), Int32(buffer.count)) == 1
}
