import Testing

@testable import QueueCore

@Test func aRandomPoolGivesFreshWordsAcrossRefills() {
  let pool = RandomPool()
  // 64 words per refill: 1,000 words cross 15 refills, and none repeats.
  let words = (0..<1000).map { _ in pool.next() }
  #expect(Set(words).count == words.count)
  #expect(words.contains { $0 >> 60 != 0 } && words.contains { $0 & 1 == 1 })
}

@Test func ticketKeysFromAPoolAreUrlSafeAndDistinct() {
  var pool = RandomPool()
  let keys = (0..<500).map { _ in Hall.randomTicketKey(using: &pool) }
  #expect(Set(keys).count == keys.count)
  let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
  #expect(keys.allSatisfy { $0.count == 22 && $0.allSatisfy(alphabet.contains) })
}
