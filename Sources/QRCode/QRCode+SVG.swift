extension QRCode {
  /// The symbol as a standalone SVG: one `<path>` of unit squares on a white square, the quiet
  /// zone included, in a viewBox of modules so it scales crisply to any size the page gives it
  /// (`shape-rendering="crispEdges"` keeps module edges sharp when scaled by a fraction).
  public func svg(quietZone: Int = QRCode.quietZone) -> String {
    let side = size + 2 * quietZone
    var path = ""
    path.reserveCapacity(size * size * 4)
    for y in 0..<size {
      var x = 0
      // A run of dark modules on a row is one rectangle, which keeps the path short.
      while x < size {
        guard isDark(x: x, y: y) else {
          x += 1
          continue
        }
        let start = x
        while x < size, isDark(x: x, y: y) { x += 1 }
        path += "M\(start + quietZone) \(y + quietZone)h\(x - start)v1h-\(x - start)z"
      }
    }
    return
      #"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \#(side) \#(side)" shape-rendering="crispEdges">"#
      + #"<rect width="\#(side)" height="\#(side)" fill="white"/>"#
      + #"<path fill="black" d="\#(path)"/></svg>"#
  }
}
