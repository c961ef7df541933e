import Foundation

/// xoshiro256** (Blackman and Vigna, 2018), seeded through SplitMix64 as its authors
/// recommend: fast, small, and the same stream on every machine for a given seed, which
/// `Foundation`'s generator does not promise.
public struct Xoshiro256: RandomNumberGenerator, Sendable {
  var s: (UInt64, UInt64, UInt64, UInt64)

  /// `stream` separates independent draws made from one seed (arrivals, visitors).
  public init(seed: UInt64, stream: UInt64 = 0) {
    var x = seed ^ (stream &* 0xD1B5_4A32_D192_ED03)
    func splitMix() -> UInt64 {
      x &+= 0x9E37_79B9_7F4A_7C15
      var z = x
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s = (splitMix(), splitMix(), splitMix(), splitMix())
  }

  public mutating func next() -> UInt64 {
    let result = rotl(s.1 &* 5, 7) &* 9
    let t = s.1 << 17
    s.2 ^= s.0
    s.3 ^= s.1
    s.1 ^= s.2
    s.0 ^= s.3
    s.2 ^= t
    s.3 = rotl(s.3, 45)
    return result
  }

  private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

  /// Uniform in (0, 1): never 0, so logarithms are finite.
  public mutating func open01() -> Double {
    (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992
  }

  public mutating func exponential(mean: Double) -> Double { -mean * log(open01()) }

  /// Standard normal, Box–Muller (one of the pair is dropped: simplicity over speed).
  public mutating func normal() -> Double {
    sqrt(-2 * log(open01())) * cos(2 * Double.pi * open01())
  }
}
