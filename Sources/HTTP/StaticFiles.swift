import FoundationEssentials
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Maps request paths to files under one root directory, refusing anything that would leave
/// it: `..` segments, NUL bytes, backslashes, and symlinks whose target lies outside the root.
/// The caller reads the file; this only decides which file and with which headers.
///
/// Hall files and databases are never served, wherever they lie (a token written in a hall
/// file would be readable by anyone on the hall's network), and a root can be narrowed to a
/// few top-level folders, so only what the pages use is reachable.
public struct StaticFiles: Sendable {
  /// The root with symlinks resolved, so containment is checked on real paths.
  public let root: String
  /// When set, only files under these top-level folders of the root are served.
  public let folders: Set<String>?

  public init(root: String, onlyUnder folders: Set<String>? = nil) {
    self.folders = folders
    let resolved = Self.realPath(root) ?? root
    self.root =
      resolved.count > 1 && resolved.hasSuffix("/") ? String(resolved.dropLast()) : resolved
  }

  /// The file for `path` (decoded, as in `HTTPRequest.path`), or nil when there is none or it
  /// may not be served: both answer 404, so probing reveals nothing.
  public func resolve(_ path: String) -> StaticFile? {
    guard path.hasPrefix("/"), !path.contains("\0"), !path.contains("\\") else { return nil }
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      if part == "." { continue }
      if part == ".." { return nil }
      // Dotfiles (.git, .env) are never part of the pages.
      if part.hasPrefix(".") { return nil }
      parts.append(part)
    }
    if let folders {
      guard parts.count > 1, folders.contains(String(parts[0])) else { return nil }
    }
    var candidate = root + "/" + parts.joined(separator: "/")
    if path.hasSuffix("/") || parts.isEmpty {
      candidate += (parts.isEmpty ? "" : "/") + "index.html"
    }
    if Self.status(candidate)?.isDirectory == true { candidate += "/index.html" }
    guard let real = Self.realPath(candidate), real.hasPrefix(root + "/"),
      !Self.isPrivate(real), let status = Self.status(real), status.isRegular
    else { return nil }
    return StaticFile(path: real, size: status.size, modifiedNanoseconds: status.modified)
  }

  /// Hall files, databases (with their journals) and keys: never part of a page.
  static func isPrivate(_ path: String) -> Bool {
    let name = (path.split(separator: "/").last ?? "").lowercased()
    let privateEndings = [
      ".yaml", ".yml", ".sqlite", ".sqlite3", ".db", "-wal", "-shm", "-journal", ".pem", ".key",
    ]
    return privateEndings.contains { name.hasSuffix($0) }
  }

  /// `realpath(3)`: the path with every symlink, `.` and `..` resolved; nil if it doesn't exist.
  static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// `stat(2)`, following symlinks.
  static func status(_ path: String) -> (
    isDirectory: Bool, isRegular: Bool, size: Int, modified: Int
  )? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    let kind = info.st_mode & S_IFMT
    let modified = Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
    return (kind == S_IFDIR, kind == S_IFREG, Int(info.st_size), modified)
  }
}

public struct StaticFile: Sendable, Equatable {
  /// The resolved path inside the root.
  public let path: String
  public let size: Int
  /// Modification time, nanoseconds since 1970.
  public let modifiedNanoseconds: Int

  public var contentType: String { StaticFile.contentType(forPath: path) }

  /// A validator from size and modification time: cheap, and changes whenever a deploy does.
  public var etag: String {
    "\"\(String(size, radix: 16))-\(String(modifiedNanoseconds, radix: 16))\""
  }

  /// Pages revalidate every time so a changed display reaches the hall at its next load;
  /// assets are cached briefly (they change only with a deploy, and ETags keep reloads cheap).
  public var cacheControl: String {
    contentType.hasPrefix("text/html") ? "no-cache" : "public, max-age=300"
  }

  public var headers: HTTPHeaders {
    [
      "Content-Type": contentType, "ETag": etag, "Cache-Control": cacheControl,
      "X-Content-Type-Options": "nosniff",
    ]
  }

  /// True when the client's `If-None-Match` already names this version: answer 304.
  public func isNotModified(_ requestHeaders: HTTPHeaders) -> Bool {
    guard let tags = requestHeaders["If-None-Match"] else { return false }
    return tags.split(separator: ",").contains { (tag: Substring) -> Bool in
      let trimmed = String(tag.filter { $0 != " " && $0 != "\t" })
      return trimmed == "*" || trimmed == etag || trimmed == "W/" + etag
    }
  }

  public static func contentType(forPath path: String) -> String {
    let name = path.split(separator: "/").last ?? ""
    let pieces = name.split(separator: ".")
    let ext = pieces.count > 1 ? pieces[pieces.count - 1].lowercased() : ""
    switch ext {
    case "html", "htm": return "text/html; charset=utf-8"
    case "css": return "text/css; charset=utf-8"
    case "js", "mjs": return "text/javascript; charset=utf-8"
    case "json": return "application/json; charset=utf-8"
    case "png": return "image/png"
    case "svg": return "image/svg+xml"
    case "ico": return "image/x-icon"
    case "wav": return "audio/wav"
    case "mp3": return "audio/mpeg"
    case "ogg": return "audio/ogg"
    case "woff2": return "font/woff2"
    case "ttf": return "font/ttf"
    case "yaml", "yml": return "application/yaml; charset=utf-8"
    case "txt": return "text/plain; charset=utf-8"
    default: return "application/octet-stream"
    }
  }
}

extension StaticFiles {
  /// A GET or HEAD of `path` (the request's, or one it was mapped to) answered from the
  /// files: 200 with the file, 304 when the client's copy is current, 404 otherwise.
  public func response(to request: HTTPRequest, path: String) -> HTTPResponse {
    guard request.method == .GET || request.method == .HEAD else {
      return HTTPError.notFound("no such resource").response
    }
    guard let file = resolve(path), let data = FileManager.default.contents(atPath: file.path)
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
