/// An officer as stored; `pin` is the encoded salted hash, never the PIN.
public struct OfficerRow: Equatable, Sendable {
  public var id: String
  public var name: String
  public var active: Bool
  public var pin: String

  public init(id: String, name: String, active: Bool, pin: String) {
    self.id = id
    self.name = name
    self.active = active
    self.pin = pin
  }
}

/// One answered survey; `scores[0]` is u1.
public struct SurveyRow: Equatable, Sendable {
  public var ticketID: String
  public var day: String
  public var service: String
  public var counter: Int?
  public var officer: String?
  public var at: Int64
  public var scores: [Int]
  public var comment: String?
  public var gender: String?
  public var age: String?
  public var education: String?
  public var occupation: String?

  public init(
    ticketID: String, day: String, service: String, counter: Int?, officer: String?, at: Int64,
    scores: [Int], comment: String? = nil, gender: String? = nil, age: String? = nil,
    education: String? = nil, occupation: String? = nil
  ) {
    self.ticketID = ticketID
    self.day = day
    self.service = service
    self.counter = counter
    self.officer = officer
    self.at = at
    self.scores = scores
    self.comment = comment
    self.gender = gender
    self.age = age
    self.education = education
    self.occupation = occupation
  }
}

/// The columns of a ticket that a report reads.
public struct ReportTicketRow: Equatable, Sendable {
  public var day: String
  public var service: String
  /// The service of its number (`A` of `A012`): where it was issued, before any transfer.
  public var issuedService: String
  public var state: String
  public var issuedAt: Int64
  public var enqueuedAt: Int64
  public var firstCalledAt: Int64?
  public var calledAt: Int64?
  public var startedAt: Int64?
  public var finishedAt: Int64?
  public var counter: Int?
  public var officer: String?
}
