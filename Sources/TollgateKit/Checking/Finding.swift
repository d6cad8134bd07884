/// A violation of a rule, ready to report: who, what, where, how bad, why and what to do.
public struct Finding: Sendable, Hashable, Comparable {
    public let ruleID: String
    public let ruleTitle: String
    public let domain: Domain
    public let severity: Severity
    /// Lowercase fragment, no trailing period.
    public let message: String
    public let subject: Subject
    public let location: SourceLocation
    /// Hops of the data-flow path behind the finding, when there is one.
    public let evidence: [String]
    public let remediation: String
    public let references: [String]
    public let controls: ControlMapping
    /// Stable identity: SHA-256 of rule id, subject and violation key (no line numbers, no file
    /// names), so it survives reordering and unrelated edits but changes with the subject.
    public let fingerprint: String
    /// The waiver that matched this finding, set by `Triage`. An expired waiver stays attached
    /// so reports can say why the finding is back, but it no longer waives.
    public internal(set) var waiver: AppliedWaiver?
    /// Whether the finding was already known in the baseline, set by `Triage`.
    public internal(set) var isInBaseline = false

    /// Whether the finding counts against the gate, after waivers and the baseline.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// Counts: reported and, at or above `--fail-on`, fails the run.
        case open
        /// Accepted by a waiver that has not expired: reported, never fails the run.
        case waived
        /// Known in the baseline: reported, never fails the run ("fail only on what is new").
        case baselined
    }

    /// A current waiver wins over the baseline, so a baselined finding shows who accepted it.
    public var status: Status {
        if let waiver, waiver.waives { return .waived }
        return isInBaseline ? .baselined : .open
    }

    /// Whether this finding fails a run at `failOn`: open (not waived, not in the baseline) and
    /// at or above it (never with `--fail-on none`). The one definition the exit code, the outcomes and the tally share.
    public func blocks(at failOn: FailThreshold) -> Bool { status == .open && failOn.fails(severity) }

    public init(rule: RuleDescription, severity: Severity, violation: Violation, subject: Subject) {
        ruleID = rule.id
        ruleTitle = rule.title
        domain = rule.domain
        self.severity = severity
        message = violation.message
        self.subject = subject
        location = violation.location
        evidence = violation.evidence
        remediation = rule.remediation
        references = rule.references
        controls = rule.controls
        let relativeKey =
            violation.key.hasPrefix(subject.location.pointer)
            ? String(violation.key.dropFirst(subject.location.pointer.count)) : violation.key
        fingerprint = String(SHA256.hex("\(rule.id)\u{0}\(subject)\u{0}\(relativeKey)").prefix(32))
    }

    /// By location, rule, subject (`kind:id` order) and message. Field by field, so a
    /// comparison builds no strings (a tuple of `subject.description`s built two per call).
    public static func < (lhs: Finding, rhs: Finding) -> Bool {
        if lhs.location != rhs.location { return lhs.location < rhs.location }
        if lhs.ruleID != rhs.ruleID { return lhs.ruleID < rhs.ruleID }
        if lhs.subject.kind != rhs.subject.kind || lhs.subject.id != rhs.subject.id { return lhs.subject < rhs.subject }
        return lhs.message < rhs.message
    }

    public static func == (lhs: Finding, rhs: Finding) -> Bool {
        lhs.fingerprint == rhs.fingerprint && lhs.location == rhs.location
    }
    public func hash(into hasher: inout Hasher) { hasher.combine(fingerprint) }
}
