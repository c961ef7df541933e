import InitMacrosPlugin
import SwiftSyntax
import SwiftSyntaxMacroExpansion
import SwiftSyntaxMacrosGenericTestSupport
import Testing

/// `@PublicInit` writes the init Swift would write, public: the same parameters, order and
/// defaults.
@Suite struct PublicInitTests {
  let macros = ["PublicInit": MacroSpec(type: PublicInitMacro.self)]

  func expand(_ source: String, _ expanded: String, diagnostics: [DiagnosticSpec] = []) {
    assertMacroExpansion(
      source, expandedSource: expanded, diagnostics: diagnostics, macroSpecs: macros,
      indentationWidth: .spaces(2),
      failureHandler: { Issue.record(Comment(rawValue: $0.message)) })
  }

  @Test func storedPropertiesBecomeParametersInTheirOrder() {
    expand(
      """
      @PublicInit
      public struct Slot {
        public var start: String
        public var free: Int
      }
      """,
      """
      public struct Slot {
        public var start: String
        public var free: Int

        public init(start: String, free: Int) {
          self.start = start
          self.free = free
        }
      }
      """)
  }

  @Test func defaultsAreTheInitialValuesAndNilForOptionalVars() {
    expand(
      """
      @PublicInit
      struct Counter {
        var id: Int
        var reason: String?
        let token: String?
        var policy: CallPolicy = .score
        let kind = "counter"
      }
      """,
      """
      struct Counter {
        var id: Int
        var reason: String?
        let token: String?
        var policy: CallPolicy = .score
        let kind = "counter"

        public init(id: Int, reason: String? = nil, token: String?, policy: CallPolicy = .score) {
          self.id = id
          self.reason = reason
          self.token = token
          self.policy = policy
        }
      }
      """)
  }

  @Test func computedAndStaticPropertiesAreLeftOutAndObservedOnesKept() {
    expand(
      """
      @PublicInit
      struct Zone {
        static let utc = 0
        var seconds: Int { didSet { clamp() } }
        var hours: Int { seconds / 3600 }
        var text: String { get { "" } set {} }
      }
      """,
      """
      struct Zone {
        static let utc = 0
        var seconds: Int { didSet { clamp() } }
        var hours: Int { seconds / 3600 }
        var text: String { get { "" } set {} }

        public init(seconds: Int) {
          self.seconds = seconds
        }
      }
      """)
  }

  @Test func storedClosuresEscape() {
    expand(
      """
      @PublicInit
      struct Sink {
        var line: (String) -> Void
        var error: @Sendable (String) -> Void
      }
      """,
      """
      struct Sink {
        var line: (String) -> Void
        var error: @Sendable (String) -> Void

        public init(line: @escaping (String) -> Void, error: @escaping @Sendable (String) -> Void) {
          self.line = line
          self.error = error
        }
      }
      """)
  }

  @Test func aPlainLiteralGivesItsTypeAndOtherValuesNeedOne() {
    expand(
      """
      @PublicInit
      struct Settings {
        var batch = 1000
        var poll = 0.1
        var offset = -7
        var name = "hall"
        var echo = false
      }
      """,
      """
      struct Settings {
        var batch = 1000
        var poll = 0.1
        var offset = -7
        var name = "hall"
        var echo = false

        public init(batch: Int = 1000, poll: Double = 0.1, offset: Int = -7, name: String = "hall", echo: Bool = false) {
          self.batch = batch
          self.poll = poll
          self.offset = offset
          self.name = name
          self.echo = echo
        }
      }
      """)
    expand(
      """
      @PublicInit
      struct Settings {
        var minute = 18 * 60
      }
      """,
      """
      struct Settings {
        var minute = 18 * 60
      }
      """,
      diagnostics: [
        DiagnosticSpec(
          message: "@PublicInit needs the type of `minute` written out", line: 3, column: 7)
      ])
  }

  @Test func privateStateWithAValueIsLeftOutAndWithoutOneRefused() {
    expand(
      """
      @PublicInit
      struct Check {
        let maxBytes: Int
        private var head: [UInt8] = []
      }
      """,
      """
      struct Check {
        let maxBytes: Int
        private var head: [UInt8] = []

        public init(maxBytes: Int) {
          self.maxBytes = maxBytes
        }
      }
      """)
    expand(
      """
      @PublicInit
      struct Check {
        private var head: [UInt8]
      }
      """,
      """
      struct Check {
        private var head: [UInt8]
      }
      """,
      diagnostics: [
        DiagnosticSpec(
          message: "@PublicInit cannot set private `head`: give it a value", line: 3, column: 15)
      ])
  }

  @Test func aClassIsRefused() {
    expand(
      """
      @PublicInit
      final class Board {
        var status: Int
      }
      """,
      """
      final class Board {
        var status: Int
      }
      """,
      diagnostics: [
        DiagnosticSpec(message: "@PublicInit applies to a struct only", line: 1, column: 1)
      ])
  }
}
