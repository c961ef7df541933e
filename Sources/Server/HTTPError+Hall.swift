import HTTP
import QueueCore

extension HTTPError {
  /// The domain words each refusal in English and Indonesian; `Accept-Language` chooses.
  init(_ e: QueueError, indonesian: Bool = false) {
    self.init(
      status: e.httpStatus, code: e.code.rawValue, message: indonesian ? e.messageID : e.message,
      services: e.services)
  }

  /// A change that could not be stored: nothing was acknowledged.
  static let storage = HTTPError.internalError("the change could not be stored; try again")
}
