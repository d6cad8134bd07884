/// A violation of a rule, ready to report: who, what, where, how bad, why and what to do.
///
/// What a rule found is held in one shared, immutable `Facts` object and only what triage sets
/// is stored inline, so copying a finding (sorting, grouping, each reporter's loops) retains
/// one reference instead of a dozen strings and arrays: at 28,000 findings those copies were
/// about 2 % of a run's CPU on the machine.
public struct Finding: Sendable, Hashable, Comparable {
    /// What the rule found, fixed when the finding is made.
    private final class Facts: Sendable {
        let ruleID: String
        let ruleTitle: String
        let domain: Domain
        let severity: Severity
        let message: String
        let subject: Subject
        let location: SourceLocation
        let evidence: [String]
        let remediation: String
        let references: [String]
        let controls: ControlMapping
        let fingerprint: String

        init(rule: RuleDescription, severity: Severity, violation: Violation, subject: Subject) {
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
    }

    private let facts: Facts

    public var ruleID: String { facts.ruleID }
    public var ruleTitle: String { facts.ruleTitle }
    public var domain: Domain { facts.domain }
    public var severity: Severity { facts.severity }
    /// Lowercase fragment, no trailing period.
    public var message: String { facts.message }
    public var subject: Subject { facts.subject }
    public var location: SourceLocation { facts.location }
    /// Hops of the data-flow path behind the finding, when there is one.
    public var evidence: [String] { facts.evidence }
    public var remediation: String { facts.remediation }
    public var references: [String] { facts.references }
    public var controls: ControlMapping { facts.controls }
    /// Stable identity: SHA-256 of rule id, subject and violation key (no line numbers, no file
    /// names), so it survives reordering and unrelated edits but changes with the subject.
    public var fingerprint: String { facts.fingerprint }
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
        facts = Facts(rule: rule, severity: severity, violation: violation, subject: subject)
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
