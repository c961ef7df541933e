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
  #expect(login.execute(environment: environment, output: captured.output) == 0)
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
  _ = try Login.parse(["--server", "http://hall:8080", "--counter", "4", "--token", "t4"])
    .execute(environment: environment, output: captured.output)
  #expect(try ConfigFile(path: path).load()?.counter == 4)
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
