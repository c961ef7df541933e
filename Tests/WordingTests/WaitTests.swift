import Testing
import Wording

@Test(arguments: [
  (0, "kurang dari 1 menit", "under 1 min"),
  (59, "kurang dari 1 menit", "under 1 min"),
  (60, "\u{00B1}1 menit", "about 1 min"),
  (89, "\u{00B1}1 menit", "about 1 min"),
  (90, "\u{00B1}2 menit", "about 2 min"),
  (1080, "\u{00B1}18 menit", "about 18 min"),
  (3569, "\u{00B1}59 menit", "about 59 min"),
  (3570, "\u{00B1}1 jam", "about 1 h"),
  (4200, "\u{00B1}1 jam 10 menit", "about 1 h 10 min"),
  (7200, "\u{00B1}2 jam", "about 2 h"),
])
func anEstimateIsSaidOneWayInEachLanguage(seconds: Int, indonesian: String, english: String) {
  #expect(Wait.estimate(seconds: seconds, .id) == indonesian)
  #expect(Wait.estimate(seconds: seconds, .en) == english)
}

@Test func aMeasuredFigureHasNoPlusMinus() {
  #expect(Wait.measured(seconds: 4200, .id) == "1 jam 10 menit")
  #expect(Wait.measured(seconds: 540, .en) == "9 min")
  #expect(Wait.measured(seconds: 20, .id) == "kurang dari 1 menit")
}

@Test func peopleAheadIsPositionLessOne() {
  #expect(Wait.peopleAhead(position: 1) == 0)
  #expect(Wait.peopleAhead(position: 4) == 3)
  #expect(Wait.peopleAhead(position: 0) == 0)
}
