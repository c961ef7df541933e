/// The language of text shown to people: Bahasa Indonesia unless asked otherwise.
public enum Language: String, Sendable, CaseIterable {
  case id, en

  /// The text in this language; both are whole sentences, never mixed.
  public func pick(_ indonesian: String, _ english: String) -> String {
    self == .id ? indonesian : english
  }
}
