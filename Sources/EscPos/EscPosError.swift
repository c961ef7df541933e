/// Input the encoder refuses rather than send bytes a printer would misread.
///
/// None of these reach the wire directly: the ticket box reports a ticket it cannot encode as a
/// failed print job, in its own error type.
public enum EscPosError: Error, Equatable, Sendable {
  /// Character size multipliers are 1...8 in each direction.
  case sizeOutOfRange(width: Int, height: Int)
  /// A parameter byte outside what the command accepts (feed lines, barcode height, ...).
  case parameterOutOfRange(name: String, value: Int, allowed: ClosedRange<Int>)
  case qrDataEmpty
  /// More bytes than a version 40 symbol holds at the chosen error correction level.
  case qrDataTooLong(count: Int, limit: Int)
  /// CODE128 code set B holds printable ASCII only, at most 253 characters after escaping.
  case barcodeNotEncodable(String)
  /// A status byte whose fixed bits are wrong: not a DLE EOT reply.
  case notAStatusByte(UInt8)
}
