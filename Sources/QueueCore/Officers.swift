import HallWire

import InitMacros
import PinHash

/// A person who serves at counters, as stored. `active` false: removed by the admin; the
/// record stays so that history (tickets, survey answers) still names them.
@PublicInit
public struct OfficerRecord: Sendable, Equatable {
  public var id: String
  public var name: String
  public var active: Bool = true
  public var pin: PinHash

  public var officer: Officer { Officer(id: id, name: name, active: active) }
}

public enum OfficerRules {
  /// A NIP (18 digits) or any short id: 1–32 of `[0-9A-Za-z._-]`.
  public static func isValidID(_ id: String) -> Bool {
    (1...32).contains(id.utf8.count)
      && id.utf8.allSatisfy { b in
        (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 46
          || b == 95 || b == 45
      }
  }

  /// Exactly six ASCII digits.
  public static func isValidPIN(_ pin: String) -> Bool {
    pin.utf8.count == 6 && pin.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
  }

  public static let maxNameLength = 80
  /// Wrong PINs for one officer within `failureWindow` before sign-in is refused…
  public static let maxFailures = 5
  public static let failureWindow: Millis = 15 * 60_000
  /// …for this long.
  public static let lockout: Millis = 15 * 60_000
}

/// Wrong PINs per officer. Kept in memory only: a restart forgets them, which at worst
/// gives a guesser five more tries per restart against a million PINs.
struct PinFailures {
  var recent: [String: [Millis]] = [:]
  var lockedUntil: [String: Millis] = [:]

  func isLocked(_ officer: String, at now: Millis) -> Bool {
    (lockedUntil[officer] ?? .min) > now
  }

  mutating func fail(_ officer: String, at now: Millis) {
    var times = (recent[officer] ?? []).filter { now - $0 < OfficerRules.failureWindow }
    times.append(now)
    if times.count >= OfficerRules.maxFailures {
      lockedUntil[officer] = now + OfficerRules.lockout
      times = []
    }
    recent[officer] = times
  }

  mutating func succeed(_ officer: String) {
    recent[officer] = nil
    lockedUntil[officer] = nil
  }
}
