/// A token bucket per key (a kiosk id): `burst` issues at once, refilled at `perSecond`.
/// Time comes in as an argument so tests never sleep.
struct RateLimiter {
  let burst: Double
  let perSecond: Double
  private var buckets: [String: (tokens: Double, at: Double)] = [:]

  init(burst: Int, perSecond: Double) {
    self.burst = Double(burst)
    self.perSecond = perSecond
  }

  /// Takes one token for `key` if available.
  mutating func allow(_ key: String, now: Double) -> Bool {
    var bucket = buckets[key] ?? (burst, now)
    bucket.tokens = min(burst, bucket.tokens + (now - bucket.at) * perSecond)
    bucket.at = now
    let allowed = bucket.tokens >= 1
    if allowed { bucket.tokens -= 1 }
    buckets[key] = bucket
    return allowed
  }
}
