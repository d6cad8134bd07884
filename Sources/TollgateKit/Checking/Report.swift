/// The result of one run: what was checked, against which policy, and what was found.
///
/// Reporters render it; nothing in it depends on the clock or the machine, so the same input
/// gives the same bytes.
public struct Report: Sendable {
    /// One rule's results over every subject it evaluated.
    public struct RuleResult: Sendable {
        public let rule: RuleDescription
        /// The severity the policy runs the rule at.
        public let severity: Severity
        public let subjects: [SubjectResult]

        /// Whether the rule applied to nothing in this stack.
        public var notApplicable: Bool { subjects.isEmpty }
    }

    /// One (rule, subject) evaluation: a pass when `findings` is empty.
    public struct SubjectResult: Sendable {
        public let subject: Subject
        public let findings: [Finding]
    }

    public let toolVersion: String
    public let asOf: Day
    /// Files read, in order.
    public let inputs: [String]
    public let policy: [Policy.Source]
    /// Findings at or above this severity make the run fail.
    public let failOn: Severity
    public let results: [RuleResult]
    /// All findings, sorted by location, rule and subject.
    public let findings: [Finding]
    /// Problems with the input. Errors mean nothing was checked.
    public let diagnostics: [Diagnostic]

    public init(
        toolVersion: String = TollgateVersion.current, asOf: Day, inputs: [String], policy: [Policy.Source],
        failOn: Severity, results: [RuleResult], diagnostics: [Diagnostic]
    ) {
        self.toolVersion = toolVersion
        self.asOf = asOf
        self.inputs = inputs
        self.policy = policy
        self.failOn = failOn
        self.results = results.sorted { $0.rule.id < $1.rule.id }
        self.findings = results.flatMap { $0.subjects.flatMap(\.findings) }.sorted()
        self.diagnostics = diagnostics.sorted()
    }

    /// A report for a run that could not check because the input was invalid.
    public static func invalidInput(
        asOf: Day, inputs: [String], policy: [Policy.Source], failOn: Severity,
        diagnostics: [Diagnostic]
    ) -> Report {
        Report(asOf: asOf, inputs: inputs, policy: policy, failOn: failOn, results: [], diagnostics: diagnostics)
    }

    /// Whether input errors stopped the check.
    public var isInvalidInput: Bool { diagnostics.contains { $0.level == .error } }

    /// Findings at or above the fail-on severity.
    public var blockingFindings: [Finding] { findings.filter { $0.severity >= failOn } }

    /// The process exit code for this report (ARCHITECTURE "Exit codes").
    public var exitCode: ExitCode {
        if isInvalidInput { return .invalidInput }
        return blockingFindings.isEmpty ? .passed : .findings
    }

    /// Number of (rule, subject) evaluations.
    public var evaluationCount: Int { results.reduce(0) { $0 + $1.subjects.count } }
}

/// Exit codes, a contract with CI pipelines.
public enum ExitCode: Int32, Sendable {
    /// Checked; nothing at or above `--fail-on`.
    case passed = 0
    /// Checked; findings at or above `--fail-on`.
    case findings = 1
    /// Could not check: invalid declarations or policy.
    case invalidInput = 2
    /// Policy bundle not trusted.
    case untrustedPolicy = 3
    /// Usage error.
    case usage = 64
}

/// The version of Tollgate, written into reports.
public enum TollgateVersion {
    public static let current = "0.1.0"
}
