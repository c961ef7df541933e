import ArgumentParser

// The officer commands of PROTOCOL's "Running" section. Each is one HTTP call for the
// counter in `OfficerOptions`.

public struct Next: OfficerCommand {
  public static let configuration = CommandConfiguration(
    commandName: "next",
    abstract: "Call the next ticket to this counter.",
    discussion: """
      Finishes the counter's current ticket first. Without options the hall's call policy \
      picks among this counter's services.
      """)

  @OptionGroup public var options: OfficerOptions

  @Option(help: ArgumentHelp("Call the next ticket of this service only.", valueName: "id"))
  public var service: String?

  @Option(
    help: ArgumentHelp(
      "Call this ticket, e.g. a transferred or no-show one.", valueName: "number"))
  public var number: String?

  public init() {}

  public mutating func validate() throws {
    if service != nil && number != nil {
      throw ValidationError("Give --service or --number, not both.")
    }
    if let id = service {
      service = try ServiceID.validated(id, option: "--service")
    }
    if let n = number {
      let upper = n.uppercased()
      guard upper.first?.isLetter == true, upper.last?.isNumber == true,
        upper.allSatisfy({ ($0.isLetter || $0.isNumber) && $0.isASCII })
      else { throw ValidationError("--number takes a ticket number such as A012.") }
      number = upper
    }
  }

  public var request: OfficerRequest { .call(service: service, number: number) }
}

public struct Recall: OfficerCommand {
  public static let configuration = CommandConfiguration(
    abstract: "Announce the current ticket again.")
  @OptionGroup public var options: OfficerOptions
  public init() {}
  public var request: OfficerRequest { .recall }
}

public struct Start: OfficerCommand {
  public static let configuration = CommandConfiguration(
    abstract: "Mark the called visitor as arrived and being served.")
  @OptionGroup public var options: OfficerOptions
  public init() {}
  public var request: OfficerRequest { .start }
}

public struct Done: OfficerCommand {
  public static let configuration = CommandConfiguration(
    abstract: "Finish the current ticket as served.")
  @OptionGroup public var options: OfficerOptions
  public init() {}
  public var request: OfficerRequest { .done }
}

public struct NoShow: OfficerCommand {
  public static let configuration = CommandConfiguration(
    commandName: "noshow", abstract: "Finish the current ticket as not shown up.")
  @OptionGroup public var options: OfficerOptions
  public init() {}
  public var request: OfficerRequest { .noShow }
}

public struct Transfer: OfficerCommand {
  public static let configuration = CommandConfiguration(
    abstract: "Send the current ticket to another service's queue, keeping its number.")
  @OptionGroup public var options: OfficerOptions

  @Argument(help: ArgumentHelp("The service to send it to, e.g. B.", valueName: "service"))
  public var service: String

  public init() {}

  public mutating func validate() throws {
    service = try ServiceID.validated(service, option: "SERVICE")
  }

  public var request: OfficerRequest { .transfer(service: service) }
}

public struct Pause: OfficerCommand {
  public static let configuration = CommandConfiguration(
    abstract: "Take a short break; this counter's services stay open.")
  @OptionGroup public var options: OfficerOptions

  @Option(help: ArgumentHelp("Why, e.g. \"makan siang\".", valueName: "text"))
  public var reason: String?

  public init() {}
  public var request: OfficerRequest { .pause(reason: reason) }
}

public struct Resume: OfficerCommand {
  public static let configuration = CommandConfiguration(
    abstract: "End a break and serve again.")
  @OptionGroup public var options: OfficerOptions
  public init() {}
  public var request: OfficerRequest { .resume }
}

public struct Open: OfficerCommand {
  public static let configuration = CommandConfiguration(abstract: "Open this counter.")
  @OptionGroup public var options: OfficerOptions
  public init() {}
  public var request: OfficerRequest { .open }
}

public struct Close: OfficerCommand {
  public static let configuration = CommandConfiguration(
    abstract: "Close this counter for the day.",
    discussion: """
      Refused when this is the last open or paused counter of a service with visitors \
      waiting: they would have no counter to call them. --force closes anyway; they keep \
      waiting, without an estimate, until a counter opens.
      """)
  @OptionGroup public var options: OfficerOptions

  @Flag(help: "Close even if waiting visitors are left without a counter.")
  public var force = false

  public init() {}
  public var request: OfficerRequest { force ? .forceClose : .close }
}

public struct Status: OfficerCommand {
  public static let configuration = CommandConfiguration(
    abstract: "Show this counter and the hall: counters, their numbers, waiting per service.")
  @OptionGroup public var options: OfficerOptions
  public init() {}
  public var request: OfficerRequest { .status }
}

enum ServiceID {
  /// PROTOCOL: a service id is 1–2 capital letters; lower case is accepted and raised.
  static func validated(_ text: String, option: String) throws -> String {
    let upper = text.uppercased()
    guard (1...2).contains(upper.count), upper.allSatisfy({ $0.isASCII && $0.isUppercase })
    else { throw ValidationError("\(option) takes a service id of one or two letters, such as B.") }
    return upper
  }
}
