/// An accepted exception to a rule for some subjects, with the people and the ticket behind it
/// and a day after which it stops applying.
///
/// A waiver never hides a finding: the finding is still reported, marked as waived, with the
/// justification and expiry, and does not fail the run until the waiver expires.
public struct Waiver: Sendable, Hashable {
    /// Rule id, or a glob such as `ACC-*`.
    public let rule: Glob
    /// The subject as written: `kind:id` (`account:agency-*`) or a bare id pattern.
    public let subject: String
    /// Why the risk is accepted, in words an auditor can read.
    public let justification: String
    /// Who is responsible for fixing the finding before the waiver expires.
    public let owner: String
    /// Who accepted the risk.
    public let approver: String
    /// The change or risk ticket that records the decision.
    public let ticket: String
    /// The last day the waiver applies; from the next day on it is expired.
    public let expires: Day
    /// Where the waiver is written, for notes about it.
    public let location: SourceLocation

    public init(
        rule: String, subject: String, justification: String, owner: String, approver: String, ticket: String,
        expires: Day, location: SourceLocation
    ) {
        self.rule = Glob(rule)
        self.subject = subject
        self.justification = justification
        self.owner = owner
        self.approver = approver
        self.ticket = ticket
        self.expires = expires
        self.location = location
    }

    /// How a waiver stands on a given day.
    public enum State: Sendable, Hashable {
        /// Applies, and expires later than the warning window.
        case active(daysLeft: Int)
        /// Applies, but expires within the warning window (0 days left: today is the last day).
        case expiring(daysLeft: Int)
        /// No longer applies: its last day was `daysAgo` days before the as-of date.
        case expired(daysAgo: Int)

        /// Whether a waiver in this state still waives findings.
        public var waives: Bool {
            if case .expired = self { return false }
            return true
        }
    }

    /// The waiver's state as of `day`, warning `warningDays` ahead of its expiry.
    public func state(asOf day: Day, warningDays: Int) -> State {
        let left = day.days(until: expires)
        if left < 0 { return .expired(daysAgo: -left) }
        return left <= warningDays ? .expiring(daysLeft: left) : .active(daysLeft: left)
    }

    /// Subject kind and id pattern: `account:agency-*` names a kind; a pattern without a known
    /// kind prefix matches the id of a subject of any kind.
    var subjectPattern: (kind: Subject.Kind?, id: Glob) {
        if let colon = subject.firstIndex(of: ":"), let kind = Subject.Kind(rawValue: String(subject[..<colon])) {
            return (kind, Glob(String(subject[subject.index(after: colon)...])))
        }
        return (nil, Glob(subject))
    }

    /// Whether the waiver is about this finding (whatever its state).
    ///
    /// A file subject (ACC-018) is named relative to the directory checked (`file:api-keys.yaml`,
    /// `InputFileNames`); it was named by the path as given on the command line before, so a
    /// waiver written then (`file:stack/api-keys.yaml`) matches that path too, and keeps waiving
    /// a stack checked the same way.
    public func matches(_ finding: Finding) -> Bool {
        guard rule.matches(finding.ruleID) else { return false }
        let (kind, id) = subjectPattern
        if let kind, kind != finding.subject.kind { return false }
        if id.matches(finding.subject.id) { return true }
        return finding.subject.kind == .file && id.matches(finding.subject.location.file)
    }

    /// `ACC-009 on account:agency-*`, how notes name a waiver.
    public var summary: String { "\(rule) on \(subject)" }
}
