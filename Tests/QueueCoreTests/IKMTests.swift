import HallWire
import SeededRandom
import Testing

@testable import QueueCore

@Suite struct IKMTests {
  /// Four respondents, worked by hand:
  ///   u1: 4 3 3 4 = 14 → 3.50     u2: 3 3 2 4 = 12 → 3.00     u3: 2 3 3 3 = 11 → 2.75
  ///   u4: 4 4 4 4 = 16 → 4.00     u5: 3 3 3 3 = 12 → 3.00     u6: 4 3 3 4 = 14 → 3.50
  ///   u7: 4 4 3 4 = 15 → 3.75     u8: 3 2 3 3 = 11 → 2.75     u9: 3 3 2 3 = 11 → 2.75
  ///   mean of the nine = (3.50+3.00+2.75+4.00+3.00+3.50+3.75+2.75+2.75) / 9 = 29.00 / 9
  ///   = 3.2222…; × 25 = 80.5555… → 80.56, band B "Baik" (76.61–88.30).
  @Test func handWorkedExample() {
    var tally = IKMTally()
    tally.add([4, 3, 2, 4, 3, 4, 4, 3, 3])
    tally.add([3, 3, 3, 4, 3, 3, 4, 2, 3])
    tally.add([3, 2, 3, 4, 3, 3, 3, 3, 2])
    tally.add([4, 4, 3, 4, 3, 4, 4, 3, 3])
    #expect(tally.elements == [3.5, 3.0, 2.75, 4.0, 3.0, 3.5, 3.75, 2.75, 2.75])
    #expect(tally.value == 80.56)
    #expect(tally.band == IKM.Band(band: "B", label: "Baik"))
  }

  @Test func bandsMeetAtTheirBoundaries() {
    #expect(IKM.band(hundredths: 10000).band == "A")
    #expect(IKM.band(hundredths: 8831).band == "A")
    #expect(IKM.band(hundredths: 8830).label == "Baik")
    #expect(IKM.band(hundredths: 7661).band == "B")
    #expect(IKM.band(hundredths: 7660).label == "Kurang Baik")
    #expect(IKM.band(hundredths: 6500).band == "C")
    #expect(IKM.band(hundredths: 6499).label == "Tidak Baik")
    #expect(IKM.band(hundredths: 2500).band == "D")
  }

  @Test func allFoursIsOneHundredAndNoRespondentsIsNull() {
    var t = IKMTally()
    t.add([Int](repeating: 4, count: 9))
    #expect(t.value == 100)
    #expect(IKMTally().value == nil && IKMTally().band == nil)
    #expect(IKMTally().elements.allSatisfy { $0 == nil })
  }

  @Test func roundsHalfUpInExactArithmetic() {
    // 25 × 205 / 72 = 71.180555… → 71.18; 25 × 13 / 9 = 36.111… → 36.11.
    #expect(IKM.hundredths(respondents: 8, total: 205) == 7118)
    #expect(IKM.hundredths(respondents: 1, total: 13) == 3611)
    // 2500 × 27 / 72 = 937.5 exactly → 938 (half up).
    #expect(IKM.hundredths(respondents: 8, total: 27) == 938)
  }

  /// Krejcie & Morgan's published table: N → s (their 100 000 row prints 384; the formula
  /// they give yields 382.6).
  @Test func minimumSampleMatchesKrejcieMorgansTable() {
    let table = [
      (0, 0), (10, 10), (50, 44), (100, 80), (200, 132), (500, 217), (1000, 278), (2000, 322),
      (5000, 357), (10000, 370), (100_000, 383), (1_000_000, 384),
    ]
    for (n, s) in table { #expect(IKM.minSample(population: n) == s, "N = \(n)") }
  }
}

@Suite struct SummaryTests {
  /// The counting path (long lists) and the sorting path agree with a plain nearest rank.
  @Test func longListsGiveTheSamePercentilesAsSorting() {
    var rng = SeededRandom(seed: 7)
    for n in [1, 2, 10, 4097, 20_000] {
      let values = (0..<n).map { _ in Int.random(in: 0...3000, using: &rng) }
      let sorted = values.sorted()
      func rank(_ p: Double) -> Int { sorted[max(0, Int((p * Double(n)).rounded(.up)) - 1)] }
      let s = Summary(values)
      #expect(s.p50 == rank(0.5) && s.p90 == rank(0.9) && s.max == sorted.last, "n = \(n)")
    }
  }
}
