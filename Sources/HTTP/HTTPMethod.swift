/// The request methods Antre serves; anything else is refused before routing.
public enum HTTPMethod: String, Sendable, Hashable, CaseIterable {
  case GET, HEAD, POST, PUT, DELETE, OPTIONS, PATCH
}
