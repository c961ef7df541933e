import FoundationEssentials
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@testable import Officer

private func temporaryDirectory() -> String {
  var template = Array("/tmp/antre-officer-XXXXXX".utf8CString)
  let path = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
  return String(cString: path!)
}

@Test func flagsWinOverEnvironmentWhichWinsOverTheFile() throws {
  let file = OfficerSettings.Partial(server: "http://file:8080", counter: 1, token: "file")
  let environment = ["ANTRE_SERVER": "http://env:8080", "ANTRE_COUNTER": "2"]
  let flags = OfficerSettings.Partial(counter: 3)
  let settings = try OfficerSettings.resolve(flags: flags, environment: environment, file: file)
  #expect(settings == OfficerSettings(server: "http://env:8080", counter: 3, token: "file"))
}

@Test func serverWithoutSchemeGetsHTTPAndLosesTrailingSlash() throws {
  let settings = try OfficerSettings.resolve(
    flags: .init(server: "10.0.0.5:8080/", counter: 1, token: "t"), environment: [:], file: nil)
  #expect(settings.server == "http://10.0.0.5:8080")
}

@Test func nonNumericCounterInEnvironmentIsRejected() {
  #expect(throws: OfficerError.invalidSetting(name: "ANTRE_COUNTER", value: "tiga")) {
    try OfficerSettings.resolve(flags: .init(), environment: ["ANTRE_COUNTER": "tiga"], file: nil)
  }
}

@Test func missingTokenIsReportedAsSuch() {
  #expect(throws: OfficerError.missingSetting(.token)) {
    try OfficerSettings.resolve(
      flags: .init(server: "http://x", counter: 1), environment: [:], file: nil)
  }
}

@Test func configFileFollowsXDGThenHome() {
  #expect(
    ConfigFile.location(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"])?.path
      == "/x/antre/officer.json")
  #expect(ConfigFile.location(environment: ["HOME": "/h"])?.path == "/h/.config/antre/officer.json")
  #expect(ConfigFile.location(environment: [:]) == nil)
}

@Test func loginWritesAFileOnlyTheUserCanReadAndCommandsUseIt() throws {
  let home = temporaryDirectory()
  let environment = ["HOME": home]
  let login = try Login.parse([
    "--server", "http://hall:8080", "--counter", "3", "--token", "s3cret",
  ])
  let captured = Captured()
  let server = FakeTransport()
  server.reply("/api/hall", status: 200, Fixture.hall)
  #expect(
    login.execute(environment: environment, output: captured.output, transport: { _ in server })
      == 0)
  let path = home + "/.config/antre/officer.json"
  #expect(captured.lines == ["Tersimpan: Loket 3 di http://hall:8080 (\(path))"])

  var info = stat()
  #expect(stat(path, &info) == 0)
  #expect(info.st_mode & 0o777 == 0o600)

  let options = try Next.parse([]).options
  #expect(
    try options.settings(environment: environment)
      == OfficerSettings(server: "http://hall:8080", counter: 3, token: "s3cret"))
  // Logging in again replaces the file and keeps it private.
  _ = try Login.parse(["--server", "http://hall:8080", "--counter", "1", "--token", "t1"])
    .execute(environment: environment, output: captured.output, transport: { _ in server })
  #expect(try ConfigFile(path: path).load()?.counter == 1)
  #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
}

@Test func unreadableConfigFileIsAnErrorNamingIt() throws {
  let dir = temporaryDirectory()
  let path = dir + "/officer.json"
  let fd = open(path, O_WRONLY | O_CREAT, 0o600)
  _ = write(fd, "not json", 8)
  close(fd)
  #expect(throws: OfficerError.configFile(path: path, reason: "not the JSON `antre login` writes"))
  {
    try ConfigFile(path: path).load()
  }
}

/// `antre login` against canned answers; the file it would write, if any.
private func login(
  _ arguments: [String], _ setUp: (FakeTransport) -> Void
) throws -> (status: Int32, captured: Captured, saved: Bool, sent: [FakeTransport.Sent]) {
  let home = temporaryDirectory()
  let server = FakeTransport()
  server.reply("/api/hall", status: 200, Fixture.hall)
  setUp(server)
  let captured = Captured()
  let status = try Login.parse(arguments).execute(
    environment: ["HOME": home], output: captured.output, transport: { _ in server })
  let saved = access(home + "/.config/antre/officer.json", F_OK) == 0
  return (status, captured, saved, server.sent)
}

@Test func loginChecksTheTokenWithoutChangingAnythingBeforeSaving() throws {
  let ok = try login(["--server", "http://hall:8080", "--counter", "3", "--token", "s3"]) { _ in }
  #expect(ok.status == 0)
  #expect(ok.saved)
  #expect(
    ok.sent.map { "\($0.method) \($0.path)" } == [
      "GET /api/hall", "GET /api/counters/3", "POST /api/counters/3/token-check",
    ])
  #expect(ok.sent.allSatisfy { $0.token == "s3" && $0.body == nil })
  // A server that answers GET /api/counters/{n} needs no probe.
  let direct = try login(["--server", "http://hall:8080", "--counter", "3", "--token", "s3"]) {
    $0.reply("/api/counters/3", status: 200, Fixture.counter(3, state: "open"))
  }
  #expect(direct.status == 0)
  #expect(direct.sent.count == 2)
}

@Test func loginWithAWrongTokenSavesNothingAndSaysSoInOneLanguage() throws {
  let wrong = try login(["--server", "http://hall:8080", "--counter", "3", "--token", "nope"]) {
    $0.reply(
      "/api/counters/3/token-check", status: 401,
      Fixture.error("unauthorized", "this token is not recognised; check the token you were given"))
  }
  #expect(wrong.status == 1)
  #expect(!wrong.saved)
  #expect(wrong.captured.lines.isEmpty)
  #expect(
    wrong.captured.errors == [
      "Token ditolak: server tidak mengenal token ini. Periksa --token atau ANTRE_TOKEN, atau masuk lagi dengan `antre login`."
    ])
  let other = try login([
    "--server", "http://hall:8080", "--counter", "3", "--token", "c1", "--lang", "en",
  ]) {
    $0.reply(
      "/api/counters/3/token-check", status: 403,
      Fixture.error("forbidden", "this token is not for counter 3"))
  }
  #expect(other.status == 1)
  #expect(!other.saved)
  #expect(
    other.captured.errors == [
      "This token is not valid for Loket 3. Use your own counter's token, or check --counter."
    ])
}

@Test func loginForACounterTheHallLacksOrAnUnreachableServerSavesNothing() throws {
  let missing = try login(["--server", "http://hall:8080", "--counter", "7", "--token", "t"]) {
    _ in
  }
  #expect(missing.status == 1)
  #expect(!missing.saved)
  #expect(
    missing.captured.errors == [
      "Loket 7 tidak ada di Mal Pelayanan Publik Banyuwangi (loket yang ada: 1, 3). Periksa --counter; tidak ada yang disimpan."
    ])
  let down = try login(["--server", "http://hall:8080", "--counter", "3", "--token", "t"]) {
    $0.fail("/api/hall", .unreachable(url: "http://hall:8080/api/hall", reason: ""))
  }
  #expect(down.status == 1)
  #expect(!down.saved)
  #expect(down.captured.errors.first?.hasPrefix("Tidak dapat terhubung ke server") == true)
}
