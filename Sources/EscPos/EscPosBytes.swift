/// The control bytes ESC/POS commands start with, named as the Epson reference names them.
public enum EscPosBytes {
  public static let LF: UInt8 = 0x0A
  public static let DLE: UInt8 = 0x10
  public static let EOT: UInt8 = 0x04
  public static let ESC: UInt8 = 0x1B
  public static let GS: UInt8 = 0x1D

  // Second bytes after ESC.
  public static let AT: UInt8 = 0x40  // ESC @: initialise
  public static let SMALL_T: UInt8 = 0x74  // ESC t: code page
  public static let SMALL_A: UInt8 = 0x61  // ESC a: justification
  public static let CAPITAL_E: UInt8 = 0x45  // ESC E: emphasis
  public static let MINUS: UInt8 = 0x2D  // ESC -: underline
  public static let SMALL_D: UInt8 = 0x64  // ESC d: print and feed n lines

  // Second bytes after GS.
  public static let EXCLAMATION: UInt8 = 0x21  // GS !: character size
  public static let CAPITAL_V: UInt8 = 0x56  // GS V: cut
  public static let LEFT_PAREN: UInt8 = 0x28  // GS ( k: 2D codes
  public static let SMALL_K: UInt8 = 0x6B  // GS k: barcode; also the k of GS ( k
  public static let CAPITAL_H: UInt8 = 0x48  // GS H: HRI position
  public static let SMALL_H: UInt8 = 0x68  // GS h: barcode height
  public static let SMALL_W: UInt8 = 0x77  // GS w: barcode module width
  public static let SMALL_V: UInt8 = 0x76  // GS v 0: raster image
}
