import Wording

/// The language of the officer tools' messages: Bahasa Indonesia unless asked otherwise.
public enum Language: String, Sendable, CaseIterable {
  case id, en

  func pick(_ indonesian: String, _ english: String) -> String {
    self == .id ? indonesian : english
  }

  /// The same choice for the shared wording (waits said as on paper and pages).
  var wording: Wording.Language { self == .id ? .id : .en }
}
