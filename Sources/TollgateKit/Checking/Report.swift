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
        public internal(set) var subjects: SubjectResults

        init(rule: RuleDescription, severity: Severity, subjects: SubjectResults) {
            self.rule = rule
            self.severity = severity
            self.subjects = subjects
        }

        /// Whether the rule applied to nothing in this stack.
        public var notApplicable: Bool { subjects.isEmpty }
    }

    /// One (rule, subject) evaluation: a pass when `findings` is empty.
    public struct SubjectResult: Sendable {
        public let subject: Subject
        public let findings: [Finding]

        init(subject: Subject, findings: [Finding]) {
            self.subject = subject
            self.findings = findings
        }

        /// The evaluation's outcome at a `--fail-on` threshold, after waivers and the baseline.
        public func outcome(failOn: FailThreshold) -> Outcome { Self.outcome(of: findings, failOn: failOn) }

        /// The outcome of a subject with these findings.
        static func outcome(of findings: [Finding], failOn: FailThreshold) -> Outcome {
            if findings.isEmpty { return .passed }
            if findings.contains(where: { $0.blocks(at: failOn) }) { return .failed }
            if findings.contains(where: { $0.status == .waived }) { return .waived }
            if findings.contains(where: { $0.status == .baselined }) { return .baselined }
            return .belowThreshold
        }
    }

    /// What one (rule, subject) evaluation came to. Every reporter uses this one decision.
    public enum Outcome: String, Sendable, Hashable, CaseIterable {
        case passed
        /// An open finding at or above `--fail-on`.
        case failed
        /// Nothing blocking, and a current waiver accepted at least one finding.
        case waived
        /// Nothing blocking, and at least one finding is known in the baseline.
        case baselined
        /// Only open findings below `--fail-on`.
        case belowThreshold = "below-threshold"
    }

    public let toolVersion: String
    public let asOf: Day
    /// Files read, in order.
    public let inputs: [String]
    public let policy: [Policy.Source]
    /// What makes the run fail: open findings at or above a severity, or nothing (`none`).
    public let failOn: FailThreshold
    public internal(set) var results: [RuleResult]
    /// All findings, sorted by location, rule and subject.
    public internal(set) var findings: [Finding]
    /// Problems with the input. Errors mean nothing was checked.
    public internal(set) var diagnostics: [Diagnostic]
    /// SHA-256 (hex) of each input file's bytes as read, keyed by path; files held only in
    /// memory (tests, embedding programs) have none.
    public internal(set) var inputDigests: [String: String] = [:]
    /// What waivers and the baseline did to this run; `nil` when neither was used.
    public internal(set) var triage: TriageSummary?
    /// The declarations that were checked, for reports that show the stack itself (the HTML
    /// report's data-flow map and record of processing); `nil` when the input was invalid.
    public internal(set) var inventory: Inventory?

    public init(
        toolVersion: String = TollgateVersion.current, asOf: Day, inputs: [String], policy: [Policy.Source],
        failOn: FailThreshold, results: [RuleResult], diagnostics: [Diagnostic]
    ) {
        self.toolVersion = toolVersion
        self.asOf = asOf
        self.inputs = inputs
        self.policy = policy
        self.failOn = failOn
        self.results = results.sorted { $0.rule.id < $1.rule.id }
        var findings: [Finding] = []
        for result in results { findings += result.subjects.findings }
        // Positions are sorted, comparing the findings in place, and the findings then moved
        // once: sorting the findings themselves copied each (a dozen references to retain)
        // every time the merge moved it. Ties keep their order, as the stable sort did.
        let order = findings.withUnsafeBufferPointer { buffer in
            buffer.indices.sorted { a, b in buffer[a] < buffer[b] || (!(buffer[b] < buffer[a]) && a < b) }
        }
        SubjectResults.permute(&findings, into: order)
        self.findings = findings
        self.diagnostics = diagnostics.sorted()
    }

    /// A report for a run that could not check because the input was invalid.
    public static func invalidInput(
        asOf: Day, inputs: [String], policy: [Policy.Source], failOn: FailThreshold,
        diagnostics: [Diagnostic]
    ) -> Report {
        Report(asOf: asOf, inputs: inputs, policy: policy, failOn: failOn, results: [], diagnostics: diagnostics)
    }

    /// Whether input errors stopped the check.
    public var isInvalidInput: Bool { diagnostics.contains { $0.level == .error } }

    /// Open findings at or above the fail-on severity: what fails the run.
    public var blockingFindings: [Finding] { findings.filter { isBlocking($0) } }

    /// Whether `finding` fails the run: open (not waived, not in the baseline) and at or above
    /// `--fail-on`.
    public func isBlocking(_ finding: Finding) -> Bool { finding.blocks(at: failOn) }

    /// The process exit code for this report (ARCHITECTURE "Exit codes"): the run outcome's, so
    /// the two cannot disagree.
    public var exitCode: ExitCode { runOutcome.exitCode }

    /// Number of (rule, subject) evaluations.
    public var evaluationCount: Int { results.reduce(0) { $0 + $1.subjects.count } }
}

/// Exit codes, a contract with CI pipelines.
public enum ExitCode: Int32, Sendable {
    /// Checked; nothing at or above `--fail-on` (always, with `--fail-on none`).
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
