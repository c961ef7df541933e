import HallWire
import ArgumentParser
import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#endif

// `antre signin` / `antre signout` (a counter's token) and `antre officers …` (the admin
// token): PROTOCOL 1.1 "Officers". Each is one HTTP call; answers are read here rather than
// through `OfficerRequest`, so the counter commands stay as they are.

/// What the server answered, with its error code kept (401 `bad_pin` is not a bad token).
struct AccountReply {
  var status: Int
  var body: [UInt8]
  var code: String?
  var message: String?

  init(_ response: OfficerResponse) {
    status = response.status
    body = response.body
    let error = try? JSONDecoder().decode(ErrorReply.self, from: Data(response.body))
    code = error?.error.code
    message = error?.error.message
  }

  var ok: Bool { (200..<300).contains(status) }

  func decode<T: Decodable>(_ type: T.Type) -> T? {
    try? JSONDecoder().decode(type, from: Data(body))
  }
}

/// Sends one request and prints the reply: `describe` words a success, `refusal` a known
/// error code; anything else goes through the officer tools' usual error messages.
func runAccountRequest(
  method: String, path: String, body: [String: String]?, server: String, token: String,
  language: Language, json: Bool, counter: Int?,
  describe: (AccountReply) -> [String]
) -> Int32 {
  let messages = Messages(language: language)
  let bytes = body.map { b -> [UInt8] in
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    return Array((try? encoder.encode(b)) ?? Data("{}".utf8))
  }
  let response: OfficerResponse
  do {
    response = try ReactorTransport(server: server, language: language).send(
      method: method, path: path, body: bytes, token: token)
  } catch {
    StandardError.write(messages.error(error, counter: counter) + "\n")
    return error.exitCode
  }
  let reply = AccountReply(response)
  if reply.ok {
    if json {
      print(String(decoding: response.body, as: UTF8.self))
    } else {
      for line in describe(reply) { print(line) }
    }
    return 0
  }
  let text = AccountText(language: language)
  if let line = text.refusal(reply) {
    StandardError.write(line + "\n")
  } else {
    let error = OfficerError(
      status: reply.status, code: reply.code ?? "http_\(reply.status)", message: reply.message ?? ""
    )
    StandardError.write(messages.error(error, counter: counter) + "\n")
  }
  return 1
}

/// Reads a PIN from the terminal without echoing it, or a line from a pipe.
func readPIN(prompt: String) -> String? {
  if isatty(0) == 1, let p = getpass(prompt) { return String(cString: p) }
  return readLine(strippingNewline: true)
}

public struct SignIn: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "signin", abstract: "Sign an officer in at this counter.",
    discussion: "Without --pin the PIN is asked for and not shown while typed.")

  @OptionGroup public var options: OfficerOptions

  @Option(help: ArgumentHelp("The officer's NIP or id.", valueName: "id"))
  public var officer: String

  @Option(help: ArgumentHelp("The officer's six-digit PIN.", valueName: "pin"))
  public var pin: String?

  public init() {}

  public func run() throws {
    let settings = try options.settingsOrExit()
    let text = AccountText(language: options.lang)
    guard let pin = pin ?? readPIN(prompt: text.pinPrompt), !pin.isEmpty else {
      throw ValidationError(text.pinMissing)
    }
    let status = runAccountRequest(
      method: "POST", path: "/api/counters/\(settings.counter)/signin",
      body: ["officer": officer, "pin": pin], server: settings.server, token: settings.token,
      language: options.lang, json: options.json, counter: settings.counter
    ) { reply in
      [text.signedIn(reply.decode(Counter.self))]
    }
    if status != 0 { throw ExitCode(status) }
  }
}

public struct SignOut: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "signout", abstract: "Sign the officer out of this counter.")

  @OptionGroup public var options: OfficerOptions

  public init() {}

  public func run() throws {
    let settings = try options.settingsOrExit()
    let text = AccountText(language: options.lang)
    let status = runAccountRequest(
      method: "POST", path: "/api/counters/\(settings.counter)/signout", body: nil,
      server: settings.server, token: settings.token, language: options.lang,
      json: options.json, counter: settings.counter
    ) { reply in
      [text.signedOut(reply.decode(Counter.self))]
    }
    if status != 0 { throw ExitCode(status) }
  }
}

/// `--server URL --token ADMIN` (or ANTRE_SERVER / ANTRE_TOKEN) for the admin's commands.
public struct AdminOptions: ParsableArguments {
  @Option(help: ArgumentHelp("The Antre server. Else ANTRE_SERVER.", valueName: "url"))
  public var server: String?

  @Option(help: ArgumentHelp("The admin token. Else ANTRE_TOKEN.", valueName: "token"))
  public var token: String?

  @Option(help: ArgumentHelp("Language of the messages: id or en.", valueName: "lang"))
  public var lang: Language = .id

  @Flag(help: "Print the server's response as JSON instead of sentences.")
  public var json = false

  public init() {}

  func resolved() throws -> (server: String, token: String) {
    let env = ProcessInfo.processInfo.environment
    let text = AccountText(language: lang)
    guard var server = server ?? env["ANTRE_SERVER"], !server.isEmpty else {
      throw ValidationError(text.needServer)
    }
    guard let token = token ?? env["ANTRE_TOKEN"], !token.isEmpty else {
      throw ValidationError(text.needToken)
    }
    while server.hasSuffix("/") { server.removeLast() }
    if !server.contains("://") { server = "http://" + server }
    return (server, token)
  }
}

public struct Officers: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "officers", abstract: "Manage the hall's officers (admin token).",
    subcommands: [Add.self, List.self, Pin.self, Remove.self])

  public init() {}

  public struct Add: ParsableCommand {
    public static let configuration = CommandConfiguration(
      abstract: "Add an officer; prints the new PIN once.")
    @OptionGroup public var admin: AdminOptions
    @Option(help: ArgumentHelp("NIP or short id: 1–32 of 0-9 A-Z a-z . _ -", valueName: "id"))
    public var id: String
    @Option(help: ArgumentHelp("The officer's name.", valueName: "name"))
    public var name: String
    public init() {}

    public func run() throws {
      try admin.send("POST", "/api/officers", body: ["id": id, "name": name]) { reply, text in
        text.withPIN(reply.decode(OfficerPIN.self), added: true)
      }
    }
  }

  public struct List: ParsableCommand {
    public static let configuration = CommandConfiguration(abstract: "List the officers.")
    @OptionGroup public var admin: AdminOptions
    public init() {}

    public func run() throws {
      try admin.send("GET", "/api/officers") { reply, text in
        text.list(reply.decode([Officer].self) ?? [])
      }
    }
  }

  public struct Pin: ParsableCommand {
    public static let configuration = CommandConfiguration(
      abstract: "Issue a new PIN for an officer; prints it once.")
    @OptionGroup public var admin: AdminOptions
    @Argument(help: ArgumentHelp("The officer's NIP or id.", valueName: "id"))
    public var id: String
    public init() {}

    public func run() throws {
      try admin.send("POST", "/api/officers/\(pathSegment(id))/pin") { reply, text in
        text.withPIN(reply.decode(OfficerPIN.self), added: false)
      }
    }
  }

  public struct Remove: ParsableCommand {
    public static let configuration = CommandConfiguration(
      abstract: "Deactivate an officer (their history is kept).")
    @OptionGroup public var admin: AdminOptions
    @Argument(help: ArgumentHelp("The officer's NIP or id.", valueName: "id"))
    public var id: String
    public init() {}

    public func run() throws {
      try admin.send("DELETE", "/api/officers/\(pathSegment(id))") { reply, text in
        [text.removed(reply.decode(Officer.self))]
      }
    }
  }
}

extension AdminOptions {
  /// One admin request: its reply worded by `describe` (or printed as JSON with --json); an
  /// unsuccessful one exits with the status `runAccountRequest` gives.
  func send(
    _ method: String, _ path: String, body: [String: String]? = nil,
    describe: (AccountReply, AccountText) -> [String]
  ) throws {
    let (server, token) = try resolved()
    let text = AccountText(language: lang)
    let status = runAccountRequest(
      method: method, path: path, body: body, server: server, token: token, language: lang,
      json: json, counter: nil
    ) { describe($0, text) }
    if status != 0 { throw ExitCode(status) }
  }
}

/// Ids are `[0-9A-Za-z._-]`, safe in a path; anything else is sent as `_` and refused as
/// unknown by the server rather than reaching another route.
func pathSegment(_ id: String) -> String {
  String(id.map { c in c.isASCII && (c.isLetter || c.isNumber || "._-".contains(c)) ? c : "_" })
}
