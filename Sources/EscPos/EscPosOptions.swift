/// `ESC a n`.
public enum Alignment: UInt8, Sendable, CaseIterable {
  case left = 0
  case center = 1
  case right = 2
}

/// `ESC - n`: underline thickness in dots.
public enum Underline: UInt8, Sendable, CaseIterable {
  case off = 0
  case thin = 1
  case thick = 2
}

/// `GS V m`: a partial cut leaves a tab of paper so the ticket does not fall.
public enum Cut: Sendable, CaseIterable {
  case full
  case partial

  /// `GS V m`, cutting where the paper stands.
  var immediate: UInt8 { self == .full ? 0 : 1 }
  /// `GS V m n`: feeds to the cutter plus n dots first.
  var afterFeed: UInt8 { self == .full ? 65 : 66 }
}

/// `GS H n`: where the human-readable interpretation of a barcode is printed.
public enum BarcodeText: UInt8, Sendable, CaseIterable {
  case none = 0
  case above = 1
  case below = 2
  case both = 3
}

/// `ESC t n`: the table for bytes 0x80...0xFF. Text is transliterated to ASCII whatever the page;
/// the page only decides which few symbols (±, °) keep their own glyph.
public enum CodePage: UInt8, Sendable, CaseIterable {
  case pc437 = 0
  case pc850 = 2
  case wpc1252 = 16
  case pc858 = 19
}

/// `DLE EOT n`: which real-time status byte to ask for.
public enum StatusRequest: UInt8, Sendable, CaseIterable {
  case printer = 1
  case offlineCause = 2
  case errorCause = 3
  case paperSensor = 4
}
