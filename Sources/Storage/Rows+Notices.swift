/// A notice for the hall's webhook, as stored. `body` holds a phone number: personal data.
public struct NoticeRow: Equatable, Sendable {
  public var id: String
  public var subject: String
  public var event: String
  public var body: String
  public var createdAt: Int64
  public var expiresAt: Int64?
  public var attempts: Int
  public var nextAt: Int64
  public var lastError: String?
  public var deliveredAt: Int64?
  public var givenUpAt: Int64?

  public init(
    id: String, subject: String, event: String, body: String, createdAt: Int64,
    expiresAt: Int64? = nil, attempts: Int = 0, nextAt: Int64? = nil, lastError: String? = nil,
    deliveredAt: Int64? = nil, givenUpAt: Int64? = nil
  ) {
    self.id = id
    self.subject = subject
    self.event = event
    self.body = body
    self.createdAt = createdAt
    self.expiresAt = expiresAt
    self.attempts = attempts
    self.nextAt = nextAt ?? createdAt
    self.lastError = lastError
    self.deliveredAt = deliveredAt
    self.givenUpAt = givenUpAt
  }
}
