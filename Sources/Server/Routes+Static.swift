import FoundationEssentials
import HTTP

extension HallApp {
  /// The pages (`Displays/` at `/`) and what they load from `Assets/` at `/assets/`.
  func staticFile(_ request: HTTPRequest) -> HTTPResponse {
    guard request.method == .GET || request.method == .HEAD else {
      return HTTPError.notFound("no such resource").response
    }
    let files: StaticFiles
    var path = request.path
    if path.hasPrefix("/assets/") {
      // Only what pages load: voice clips, fonts, images; never hall files or databases.
      files = StaticFiles(root: resourceRoot + "/Assets", onlyUnder: ["voice", "fonts", "img"])
      path = String(path.dropFirst("/assets".count))
    } else {
      files = StaticFiles(root: resourceRoot + "/Displays")
    }
    guard let file = files.resolve(path),
      let data = FileManager.default.contents(atPath: file.path)
    else {
      return HTTPError.notFound("no such page or file").response
    }
    if file.isNotModified(request.headers) {
      return HTTPResponse(status: 304, headers: file.headers)
    }
    return HTTPResponse(
      status: 200, headers: file.headers, body: request.method == .HEAD ? [] : Array(data))
  }
}
