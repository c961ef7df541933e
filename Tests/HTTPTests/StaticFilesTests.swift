import FoundationEssentials
import HTTP
import Testing

@Suite struct StaticFilesTests {
  /// A fresh root with pages, an asset, a secret outside it and symlinks both ways.
  func makeTree() throws -> (root: String, outside: String) {
    let base =
      FileManager.default.temporaryDirectory.path
      + "/antre-static-\(UInt64.random(in: 0...UInt64.max))"
    let root = base + "/www"
    let manager = FileManager.default
    try manager.createDirectory(atPath: root + "/displays", withIntermediateDirectories: true)
    try Data("<html>".utf8).write(to: URL(filePath: root + "/index.html"))
    try Data("<p>hall".utf8).write(to: URL(filePath: root + "/displays/hall.html"))
    try Data("<p>d".utf8).write(to: URL(filePath: root + "/displays/index.html"))
    try Data("body{}".utf8).write(to: URL(filePath: root + "/style.css"))
    try Data("secret".utf8).write(to: URL(filePath: base + "/secret.txt"))
    try Data("x".utf8).write(to: URL(filePath: root + "/.env"))
    try manager.createSymbolicLink(
      atPath: root + "/escape.txt", withDestinationPath: base + "/secret.txt")
    try manager.createSymbolicLink(
      atPath: root + "/alias.css", withDestinationPath: root + "/style.css")
    return (root, base)
  }

  @Test func rootAndDirectoriesServeTheirIndex() throws {
    let (root, base) = try makeTree()
    defer { try? FileManager.default.removeItem(atPath: base) }
    let files = StaticFiles(root: root)
    #expect(files.resolve("/")?.path.hasSuffix("/www/index.html") == true)
    #expect(files.resolve("/displays/")?.path.hasSuffix("/displays/index.html") == true)
    #expect(files.resolve("/displays")?.path.hasSuffix("/displays/index.html") == true)
    #expect(files.resolve("/displays/hall.html")?.contentType == "text/html; charset=utf-8")
  }

  @Test func traversalAndOddPathsAreRefused() throws {
    let (root, base) = try makeTree()
    defer { try? FileManager.default.removeItem(atPath: base) }
    let files = StaticFiles(root: root)
    #expect(files.resolve("/../secret.txt") == nil)
    #expect(files.resolve("/displays/../../secret.txt") == nil)
    #expect(files.resolve("/index.html\0.png") == nil)
    #expect(files.resolve("/..\\secret.txt") == nil)
    #expect(files.resolve("secret.txt") == nil)
    #expect(files.resolve("/.env") == nil)
    #expect(files.resolve("/missing.js") == nil)
  }

  @Test func hallFilesAndDatabasesAreNeverServed() throws {
    let (root, base) = try makeTree()
    defer { try? FileManager.default.removeItem(atPath: base) }
    for name in ["hall.yaml", "hall.YML", "antre.sqlite", "antre.sqlite-wal", "antre.db-shm"] {
      try Data("token: rahasia".utf8).write(to: URL(filePath: root + "/displays/" + name))
      #expect(StaticFiles(root: root).resolve("/displays/" + name) == nil, "\(name)")
    }
  }

  @Test func aRootNarrowedToFoldersServesNothingElse() throws {
    let (root, base) = try makeTree()
    defer { try? FileManager.default.removeItem(atPath: base) }
    let files = StaticFiles(root: root, onlyUnder: ["displays"])
    #expect(files.resolve("/displays/hall.html") != nil)
    #expect(files.resolve("/style.css") == nil)
    #expect(files.resolve("/") == nil)
  }

  @Test func symlinkOutOfTheRootIsRefusedAndInsideIsServed() throws {
    let (root, base) = try makeTree()
    defer { try? FileManager.default.removeItem(atPath: base) }
    let files = StaticFiles(root: root)
    #expect(files.resolve("/escape.txt") == nil)
    #expect(files.resolve("/alias.css")?.path.hasSuffix("/www/style.css") == true)
  }

  @Test func cacheHeadersDependOnTheKindOfFile() throws {
    let (root, base) = try makeTree()
    defer { try? FileManager.default.removeItem(atPath: base) }
    let files = StaticFiles(root: root)
    let page = try #require(files.resolve("/"))
    let sheet = try #require(files.resolve("/style.css"))
    #expect(page.headers["Cache-Control"] == "no-cache")
    #expect(sheet.headers["Cache-Control"] == "public, max-age=300")
    #expect(sheet.headers["Content-Type"] == "text/css; charset=utf-8")
    #expect(sheet.size == 6)
    #expect(sheet.isNotModified(["If-None-Match": sheet.etag]))
    #expect(sheet.isNotModified(["If-None-Match": "\"other\", W/\(sheet.etag)"]))
    #expect(!sheet.isNotModified(["If-None-Match": "\"other\""]))
    try Data("body{color:red}".utf8).write(to: URL(filePath: root + "/style.css"))
    #expect(files.resolve("/style.css")?.etag != sheet.etag)
  }

  @Test func contentTypesByExtension() {
    let expected = [
      "a.js": "text/javascript; charset=utf-8", "a.mjs": "text/javascript; charset=utf-8",
      "a.json": "application/json; charset=utf-8", "a.png": "image/png",
      "a.svg": "image/svg+xml", "a.ico": "image/x-icon", "a.wav": "audio/wav",
      "a.mp3": "audio/mpeg", "a.ogg": "audio/ogg", "a.woff2": "font/woff2", "a.ttf": "font/ttf",
      "a.yaml": "application/yaml; charset=utf-8", "a.txt": "text/plain; charset=utf-8",
      "a.HTML": "text/html; charset=utf-8", "Makefile": "application/octet-stream",
    ]
    for (name, type) in expected {
      #expect(StaticFile.contentType(forPath: "/x/" + name) == type, "\(name)")
    }
  }
}
