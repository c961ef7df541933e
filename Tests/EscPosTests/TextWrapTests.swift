import EscPos
import Testing

@Test func wrapBreaksBetweenWords() {
  #expect(
    TextWrap.wrap("Mal Pelayanan Publik Kota", width: 12) == ["Mal", "Pelayanan", "Publik Kota"])
}

@Test func wrapFillsLinesExactlyToTheWidth() {
  #expect(TextWrap.wrap("aaa bbb ccc", width: 7) == ["aaa bbb", "ccc"])
}

@Test func wrapBreaksOnlyAWordLongerThanTheLine() {
  #expect(TextWrap.wrap("ab abcdefghij cd", width: 4) == ["ab", "abcd", "efgh", "ij", "cd"])
}

@Test func wrapKeepsMultiWordTokensTogether() {
  let lines = TextWrap.wrap(words: ["Dilayani", "di:", "Loket 1,", "Loket 3"], width: 20)
  #expect(lines == ["Dilayani di:", "Loket 1, Loket 3"])
}

@Test func wrapCollapsesRepeatedSpacesAndEmptyTextHasNoLines() {
  #expect(TextWrap.wrap("a   b", width: 10) == ["a b"])
  #expect(TextWrap.wrap("", width: 10) == [])
}
