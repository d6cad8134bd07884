/// A problem found while reading or validating input, reported in compiler style.
///
/// Every diagnostic says where (`file:line:col`), what is wrong, and, when Tollgate can tell,
/// how to fix it. Diagnostics are collected, never thrown one at a time, so that a user sees
/// every mistake in one run.
public struct Diagnostic: Error, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// How serious a diagnostic is: errors stop the check (exit 2), warnings do not. A note
    /// only informs: nothing in it needs fixing (e.g. waivers a narrower policy could not check).
    public enum Level: String, Sendable, Hashable, Comparable {
        case error
        case warning
        case note

        /// Most serious first.
        private var rank: Int {
            switch self {
            case .error: return 0
            case .warning: return 1
            case .note: return 2
            }
        }

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rank < rhs.rank }
    }

    public let level: Level
    public let location: SourceLocation
    public let message: String
    /// What to do about it, when there is something specific to say.
    public let hint: String?

    public init(_ level: Level = .error, at location: SourceLocation, _ message: String, hint: String? = nil) {
        self.level = level
        self.location = location
        self.message = message
        self.hint = hint
    }

    /// `message; hint`: what every output shows after the location and level.
    public var text: String { hint.map { "\(message); \($0)" } ?? message }

    /// `file:line:col: error: message; hint`, always one line: a message may quote a value from
    /// the input (an id, an unknown key), whose control characters are written as escapes
    /// (`ControlCharacters`), so no declaration can start a line of its own in a CI log.
    public var description: String {
        ControlCharacters.escaped("\(location): \(level.rawValue): \(text)")
    }

    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.location, lhs.level, lhs.message) < (rhs.location, rhs.level, rhs.message)
    }
}
