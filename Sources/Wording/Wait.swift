/// How waits and queue places are said, one rule for paper, pages and tools (the pages' own
/// copy of this rule lives in `Displays/`; they must agree).
public enum Wait {
  /// An estimate (`eta_s`): under a minute is said as such; otherwise whole minutes, rounded
  /// to the nearest, with "±"/"about" because it is a guess; an hour or more in hours and
  /// minutes. "±1 jam 10 menit" / "about 1 h 10 min".
  public static func estimate(seconds: Int, _ language: Language) -> String {
    guard seconds >= 60 else { return language.pick("kurang dari 1 menit", "under 1 min") }
    return language.pick("\u{00B1}", "about ") + duration(minutes: (seconds + 30) / 60, language)
  }

  /// A measured figure (a mean, a p90): the same wording without "±", since it is not a guess.
  public static func measured(seconds: Int, _ language: Language) -> String {
    guard seconds >= 60 else { return language.pick("kurang dari 1 menit", "under 1 min") }
    return duration(minutes: (seconds + 30) / 60, language)
  }

  /// People ahead of a waiting ticket: its position less itself (position 1 is next, with
  /// nobody ahead). Position already reflects priority and the calling policy.
  public static func peopleAhead(position: Int) -> Int { max(0, position - 1) }

  static func duration(minutes m: Int, _ language: Language) -> String {
    guard m >= 60 else { return language.pick("\(m) menit", "\(m) min") }
    let (h, rest) = (m / 60, m % 60)
    if rest == 0 { return language.pick("\(h) jam", "\(h) h") }
    return language.pick("\(h) jam \(rest) menit", "\(h) h \(rest) min")
  }
}
