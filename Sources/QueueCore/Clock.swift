/// Minutes after midnight of a time written `8:00` or `08:00` (spaces around allowed), up to
/// `24:00`; nil for anything else. The hall file and the simulator's scenarios read times
/// with it.
public func minuteOfDay(clock s: Substring) -> Int? {
  let parts = String(String(s).trimmingSpaces).split(
    separator: ":", omittingEmptySubsequences: false)
  guard parts.count == 2, parts[1].count == 2, (1...2).contains(parts[0].count),
    let h = Int(parts[0]), let m = Int(parts[1]), h >= 0, m >= 0, m < 60
  else { return nil }
  let total = h * 60 + m
  return total <= 24 * 60 ? total : nil
}
