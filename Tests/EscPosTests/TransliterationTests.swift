import EscPos
import Testing

@Test func accentedLettersLoseTheirAccents() {
  #expect(Transliteration.printable("Kependudukan é") == "Kependudukan e")
  #expect(
    Transliteration.printable("Müller Señor Çağrı Łódź Ørsted") == "Muller Senor Cagri Lodz Orsted")
  #expect(Transliteration.printable("ÉCOLE") == "ECOLE")
}

@Test func decomposedAccentsAreDropped() {
  #expect(Transliteration.printable("e\u{0301}") == "e")
}

@Test func typographicPunctuationBecomesAscii() {
  #expect(
    Transliteration.printable("“Antre” – ‘loket’ — tunggu…") == "\"Antre\" - 'loket' - tunggu...")
  #expect(Transliteration.printable("Straße Œuvre") == "Strasse OEuvre")
}

@Test func unknownCharactersBecomeQuestionMarks() {
  #expect(Transliteration.printable("日本 🙂") == "?? ?")
}

@Test func controlCharactersVanishAndOddSpacesBecomeSpaces() {
  #expect(Transliteration.printable("a\u{00A0}b\tc\u{200B}d\u{0007}") == "a b cd")
}

@Test func plusMinusKeepsItsGlyphWhereTheCodePageHasIt() {
  #expect(Transliteration.printable("±5") == "±5")
  #expect(CodePage.pc437.encode("±5 °") == [0xF1, 0x35, 0x20, 0xF8])
  #expect(CodePage.wpc1252.encode("±") == [0xB1])
}

@Test func encodedTextNeverLeavesPrintableAsciiExceptKnownSymbols() {
  let bytes = CodePage.pc437.encode("Tiket №7 • café € “ok” ½ 日本 \u{0000}\u{001B}")
  #expect(bytes.allSatisfy { (0x20...0x7E).contains($0) })
  #expect(
    Transliteration.printable("Tiket №7 • café € “ok” ½") == "Tiket No.7 * cafe EUR \"ok\" 1/2")
}
