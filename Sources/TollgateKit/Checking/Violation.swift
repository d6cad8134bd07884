/// What a rule says is wrong with a subject, before the checker turns it into a `Finding`
/// (adding the rule's identity, the policy's severity and a fingerprint).
public struct Violation: Sendable, Hashable {
    /// A lowercase fragment without a trailing period: "admin account has no MFA".
    public let message: String
    /// The field the violation is about.
    public let location: SourceLocation
    /// A severity other than the rule's default, for rules with graded outcomes.
    public let severity: Severity?
    /// For findings about a path through the data-flow graph: every hop, in order.
    public let evidence: [String]
    /// Distinguishes several violations of one rule on one subject in fingerprints (e.g. the
    /// field name); never a line number, so fingerprints survive unrelated edits.
    public let key: String

    public init(
        _ message: String, at location: SourceLocation, severity: Severity? = nil, evidence: [String] = [],
        key: String? = nil
    ) {
        self.message = message
        self.location = location
        self.severity = severity
        self.evidence = evidence
        self.key = key ?? location.pointer
    }
}

/// The outcome of one rule on one subject: passed, or the violations found.
public struct Evaluation: Sendable {
    public let subject: Subject
    public let violations: [Violation]

    public init(_ subject: Subject, _ violations: [Violation] = []) {
        self.subject = subject
        self.violations = violations
    }

    public var passed: Bool { violations.isEmpty }
}
