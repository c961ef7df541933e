import HTTP

extension HallApp {
  /// The pages (`Displays/` at `/`) and what they load from `Assets/` at `/assets/`.
  func staticFile(_ request: HTTPRequest) -> HTTPResponse {
    let files: StaticFiles
    var path = request.path
    if path.hasPrefix("/assets/") {
      // Only what pages load: voice clips, fonts, images; never hall files or databases.
      files = StaticFiles(root: resourceRoot + "/Assets", onlyUnder: ["voice", "fonts", "img"])
      path = String(path.dropFirst("/assets".count))
    } else {
      files = StaticFiles(root: resourceRoot + "/Displays")
    }
    return files.response(to: request, path: path)
  }
}
