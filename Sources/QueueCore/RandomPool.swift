import PinHash

/// Random 64-bit words from libcrypto's CSPRNG, fetched 512 bytes at a time. A ticket's id
/// and key take four words, and `SystemRandomNumberGenerator` makes one `getrandom` system
/// call per word: four of the ~20 system calls a ticket cost. A pool belongs to one loop
/// (it is not Sendable).
public final class RandomPool: RandomNumberGenerator {
  private var words = [UInt64](repeating: 0, count: 64)
  private var used = 64

  public init() {}

  public func next() -> UInt64 {
    if used == words.count { refill() }
    defer { used += 1 }
    return words[used]
  }

  private func refill() {
    if !words.withUnsafeMutableBytes(fillWithSecureRandomBytes) {
      // Should libcrypto fail, the standard generator (which traps rather than give weak
      // bits) fills the pool instead.
      var system = SystemRandomNumberGenerator()
      for i in words.indices { words[i] = system.next() }
    }
    used = 0
  }
}
