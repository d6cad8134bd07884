/// What fails a run (`--fail-on`): open findings at or above a severity, or nothing at all.
///
/// Its own type, not an optional `Severity` or an extra severity: `Severity` is what a rule or a
/// policy says a finding is, and "none" is not something a finding can be. Written as the
/// severity's name, or `none`, wherever a report records it.
public enum FailThreshold: Sendable, Hashable, CaseIterable, RawRepresentable, CustomStringConvertible {
    /// Open findings at or above this severity fail the run (exit 1).
    case atOrAbove(Severity)
    /// Nothing fails the run: a report-only check (`--fail-on none`) exits 0 whatever it finds.
    /// Invalid input, an untrusted bundle and usage errors keep their exit codes.
    case never

    /// Every threshold, from the lowest severity up, then `none`.
    public static var allCases: [FailThreshold] { Severity.allCases.map(FailThreshold.atOrAbove) + [.never] }

    /// A severity's name, or `none`.
    public init?(rawValue: String) {
        if rawValue == "none" {
            self = .never
        } else if let severity = Severity(rawValue: rawValue) {
            self = .atOrAbove(severity)
        } else {
            return nil
        }
    }

    /// The severity's name, or `none`: what reports record and `--fail-on` accepts.
    public var rawValue: String {
        switch self {
        case .atOrAbove(let severity): return severity.rawValue
        case .never: return "none"
        }
    }

    public var description: String { rawValue }

    /// Whether an open finding of `severity` fails the run.
    public func fails(_ severity: Severity) -> Bool {
        switch self {
        case .atOrAbove(let threshold): return severity >= threshold
        case .never: return false
        }
    }
}
