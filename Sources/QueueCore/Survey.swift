import HallWire
import InitMacros

/// The nine elements of the community satisfaction survey (Survei Kepuasan Masyarakat,
/// PermenPANRB 14/2017), in the regulation's order, with its questionnaire's wording.
public struct SurveyElement: Sendable, Equatable, Encodable {
  public var key: String
  public var name: String
  public var question: String
  /// Answers 1 to 4, worst first.
  public var answers: [String]

  public static let all: [SurveyElement] = questionnaire.enumerated().map { i, e in
    SurveyElement(key: "u\(i + 1)", name: e.name, question: e.question, answers: e.answers)
  }

  /// In the regulation's order: u1 to u9.
  static let questionnaire: [(name: String, question: String, answers: [String])] = [
    (
      "Persyaratan",
      "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
      graded("sesuai")
    ),
    (
      "Prosedur", "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
      graded("mudah")
    ),
    (
      "Waktu pelayanan",
      "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
      graded("cepat")
    ),
    (
      "Biaya/tarif", "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
      ["Sangat mahal", "Cukup mahal", "Murah", "Gratis"]
    ),
    (
      "Produk layanan",
      "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?",
      graded("sesuai")
    ),
    (
      "Kompetensi pelaksana",
      "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
      graded("kompeten")
    ),
    (
      "Perilaku pelaksana",
      "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
      graded("sopan dan ramah")
    ),
    (
      "Sarana dan prasarana", "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
      ["Buruk", "Cukup", "Baik", "Sangat baik"]
    ),
    (
      "Penanganan pengaduan",
      "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
      [
        "Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal",
        "Dikelola dengan baik",
      ]
    ),
  ]

  /// The questionnaire's usual scale for a quality: "Tidak sesuai" … "Sangat sesuai".
  static func graded(_ quality: String) -> [String] {
    [
      "Tidak \(quality)", "Kurang \(quality)", quality.prefix(1).uppercased() + quality.dropFirst(),
      "Sangat \(quality)",
    ]
  }
}

/// Who answered, all optional (the regulation's respondent profile).
@PublicInit
public struct Respondent: Sendable, Equatable, Encodable {
  public var gender: String?
  public var age: String?
  public var education: String?
  public var occupation: String?

  public static let genders = ["L", "P"]
  public static let ages = ["<20", "20-29", "30-39", "40-49", "50+"]
  public static let maxFieldLength = 40
}

/// A visitor's answers as submitted: `scores[0]` is u1.
@PublicInit
public struct SurveyAnswer: Sendable, Equatable {
  public var scores: [Int]
  public var comment: String?
  public var respondent: Respondent?

  public static let maxCommentLength = 1000

  /// Refuses anything outside the contract: nine answers of 1–4, short text fields.
  public func validate() throws(QueueError) {
    guard scores.count == 9 else {
      throw QueueError(
        .badRequest, "The survey has nine answers, u1 to u9.",
        id: "Survei berisi sembilan jawaban, u1 sampai u9.")
    }
    for (i, s) in scores.enumerated() where !(1...4).contains(s) {
      throw QueueError(
        .badRequest, "Answer u\(i + 1) must be 1, 2, 3 or 4.",
        id: "Jawaban u\(i + 1) harus 1, 2, 3 atau 4.")
    }
    if let c = comment, c.count > Self.maxCommentLength {
      throw QueueError(
        .badRequest, "The comment is longer than \(Self.maxCommentLength) characters.",
        id: "Komentar lebih dari \(Self.maxCommentLength) karakter.")
    }
    guard let r = respondent else { return }
    if let g = r.gender, !Respondent.genders.contains(g) {
      throw QueueError(
        .badRequest, "gender is L or P.", id: "Jenis kelamin diisi L atau P.")
    }
    if let a = r.age, !Respondent.ages.contains(a) {
      throw QueueError(
        .badRequest, "age is one of <20, 20-29, 30-39, 40-49, 50+.",
        id: "Usia diisi salah satu dari <20, 20-29, 30-39, 40-49, 50+.")
    }
    for f in [r.education, r.occupation] {
      if let f, f.count > Respondent.maxFieldLength {
        throw QueueError(
          .badRequest, "education and occupation are at most 40 characters.",
          id: "Pendidikan dan pekerjaan paling banyak 40 karakter.")
      }
    }
  }
}

/// One answered survey as stored, tied to the ticket it rates.
@PublicInit
public struct SurveyRecord: Sendable, Equatable {
  public var ticketID: String
  /// The ticket's service day.
  public var day: String
  public var service: String
  public var counter: Int?
  public var officer: String?
  public var at: Millis
  public var answer: SurveyAnswer
}

extension Hall {
  /// Records a visitor's answers for a ticket served today. Who may answer (the ticket's
  /// key, or the serving counter) is the server's check.
  func answerSurvey(ticketID: String, _ answer: SurveyAnswer, now: Millis) throws(QueueError)
    -> Reply
  {
    try answer.validate()
    guard let t = tickets[ticketID] else {
      throw QueueError(
        .notFound,
        "There is no ticket of today with that id; the survey is open on the day of service.",
        id: "Tidak ada antrean hari ini dengan id itu; survei dibuka pada hari pelayanan.")
    }
    guard t.state == .done else {
      throw QueueError(
        .conflict, "Ticket \(t.number) is \(t.state.rawValue); only a served ticket is surveyed.",
        id:
          "Antrean \(t.number) berstatus \(t.state.indonesian); survei hanya untuk antrean yang sudah dilayani."
      )
    }
    guard !surveyed.contains(ticketID) else {
      throw QueueError(
        .alreadyAnswered, "The survey for ticket \(t.number) has already been answered.",
        id: "Survei untuk antrean \(t.number) sudah diisi.")
    }
    let record = SurveyRecord(
      ticketID: t.id, day: t.day, service: t.service, counter: t.counter, officer: t.officer,
      at: now, answer: answer)
    surveyed.insert(ticketID)
    tx.surveys.append(record)
    return .surveyed(record)
  }
}
