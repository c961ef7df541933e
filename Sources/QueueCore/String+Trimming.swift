extension String {
  /// Without leading and trailing spaces and tabs. QueueCore does without Foundation, so
  /// `trimmingCharacters(in:)` is not at hand.
  public var trimmingSpaces: Substring {
    let s = drop { $0 == " " || $0 == "\t" }
    var end = s.endIndex
    while end > s.startIndex, s[s.index(before: end)] == " " || s[s.index(before: end)] == "\t" {
      end = s.index(before: end)
    }
    return s[s.startIndex..<end]
  }
}
