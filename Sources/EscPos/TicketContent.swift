import InitMacros

/// What a queue ticket says, already in display form: the caller formats dates and builds the
/// tracking URL.
@PublicInit
public struct TicketContent: Sendable, Equatable {
  public var hallName: String
  public var serviceName: String
  public var serviceNameEn: String
  /// "A012".
  public var number: String
  /// "Sabtu, 28 Nov 2026 09:15".
  public var issuedAt: String
  /// People waiting before this ticket.
  public var ahead: Int
  /// The server's estimate (`eta_s`), said on paper by `Wait.estimate`.
  public var etaSeconds: Int?
  /// ["Loket 1", "Loket 3"].
  public var counters: [String]
  /// The visitor's tracking page; no QR code without it.
  public var trackURL: String?
  public var footer: String?
  public var priority: Bool
  /// An appointment ticket's slot as the hall's clock reads it ("09.15"); nil for others.
  public var appointment: String?
}
