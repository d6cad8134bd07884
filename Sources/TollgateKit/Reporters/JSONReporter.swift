import Foundation

/// The report as JSON with sorted keys, for scripts and dashboards.
public struct JSONReporter: Reporter {
    public init() {}

    public func render(_ report: Report) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(Document(report))
        data.append(0x0A)
        return data
    }

    /// The JSON document's shape (format version 1).
    struct Document: Encodable {
        let formatVersion = 1
        let tool: Tool
        let asOf: String
        let inputs: [String]
        let inputSHA256: [String: String]?
        let policy: [PolicySource]
        let failOn: String
        let outcome: String
        let summary: Summary
        let diagnostics: [DiagnosticEntry]
        let rules: [RuleEntry]
        let findings: [FindingEntry]
        let waivers: WaiversEntry?
        let baseline: BaselineEntry?

        init(_ report: Report) {
            tool = Tool(name: "tollgate", version: report.toolVersion)
            asOf = report.asOf.description
            inputs = report.inputs
            inputSHA256 = report.inputDigests.isEmpty ? nil : report.inputDigests
            policy = report.policy.map(PolicySource.init)
            failOn = report.failOn.rawValue
            outcome = report.runOutcome.jsonValue
            summary = Summary(report)
            diagnostics = report.diagnostics.map(DiagnosticEntry.init)
            rules = report.results.map { RuleEntry($0, failOn: report.failOn) }
            findings = report.findings.map { FindingEntry($0, blocking: report.isBlocking($0)) }
            waivers = report.triage.map(WaiversEntry.init)
            baseline = report.triage?.baseline.map(BaselineEntry.init)
        }

        enum CodingKeys: String, CodingKey {
            case formatVersion = "format_version", tool, asOf = "as_of", inputs, inputSHA256 = "input_sha256", policy
            case failOn = "fail_on", outcome, summary, diagnostics, rules, findings, waivers, baseline
        }
    }

    struct Tool: Encodable {
        let name: String
        let version: String
    }

    /// A policy pack; `file` and `sha256` are left out for the built-in defaults, which come
    /// from no file (as in the XML report).
    struct PolicySource: Encodable {
        let name: String
        let file: String?
        let sha256: String?

        init(_ source: Policy.Source) {
            name = source.name
            file = source.file.isEmpty ? nil : source.file
            sha256 = source.digest.isEmpty ? nil : source.digest
        }
    }

    struct Summary: Encodable {
        let rules: Int
        let evaluations: Int
        let findings: Int
        let blocking: Int
        let waived: Int
        let baselined: Int
        let bySeverity: [String: Int]

        init(_ report: Report) {
            rules = report.results.count
            evaluations = report.evaluationCount
            let tally = report.tally
            findings = tally.total
            blocking = tally.blocking
            waived = tally.waived
            baselined = tally.baselined
            bySeverity = Dictionary(
                Severity.allCases.map { severity in
                    (severity.rawValue, tally.count(severity))
                }, uniquingKeysWith: +)
        }

        enum CodingKeys: String, CodingKey {
            case rules, evaluations, findings, blocking, waived, baselined, bySeverity = "by_severity"
        }
    }

    struct Location: Encodable {
        let file: String
        let line: Int
        let column: Int
        let pointer: String

        init(_ location: SourceLocation) {
            file = location.file
            line = location.line
            column = location.column
            pointer = location.pointer
        }
    }

    struct DiagnosticEntry: Encodable {
        let level: String
        let location: Location
        let message: String
        let hint: String?

        init(_ diagnostic: Diagnostic) {
            level = diagnostic.level.rawValue
            location = Location(diagnostic.location)
            message = diagnostic.message
            hint = diagnostic.hint
        }
    }

    struct RuleEntry: Encodable {
        let id: String
        let title: String
        let domain: String
        let severity: String
        let evaluated: Int
        let failed: Int
        let notApplicable: Bool

        init(_ result: Report.RuleResult, failOn: FailThreshold) {
            id = result.rule.id
            title = result.rule.title
            domain = result.rule.domain.rawValue
            severity = result.severity.rawValue
            evaluated = result.subjects.count
            failed = result.subjects.outcomeCounts(failOn: failOn)[.failed, default: 0]
            notApplicable = result.notApplicable
        }

        enum CodingKeys: String, CodingKey {
            case id, title, domain, severity, evaluated, failed, notApplicable = "not_applicable"
        }
    }

    struct FindingEntry: Encodable {
        let ruleID: String
        let domain: String
        let severity: String
        let message: String
        let subject: String
        let location: Location
        let evidence: [String]
        let remediation: String
        let references: [String]
        let controls: [String]
        let fingerprint: String
        let status: String
        let blocking: Bool
        let waiver: WaiverEntry?

        init(_ finding: Finding, blocking: Bool) {
            ruleID = finding.ruleID
            domain = finding.domain.rawValue
            severity = finding.severity.rawValue
            message = finding.message
            subject = finding.subject.description
            location = Location(finding.location)
            evidence = finding.evidence
            remediation = finding.remediation
            references = finding.references
            controls = finding.controls.qualifiedIDs
            fingerprint = finding.fingerprint
            status = finding.status.rawValue
            self.blocking = blocking
            waiver = finding.waiver.map { WaiverEntry($0.waiver, waives: $0.waives) }
        }

        enum CodingKeys: String, CodingKey {
            case ruleID = "rule_id", domain, severity, message, subject, location, evidence, remediation, references
            case controls, fingerprint, status, blocking, waiver
        }
    }

    /// A waiver as attached to a finding, or listed with its review.
    struct WaiverEntry: Encodable {
        let rule: String
        let subject: String
        let justification: String
        let owner: String
        let approver: String
        let ticket: String
        let expires: String
        let waives: Bool?
        let location: Location

        init(_ waiver: Waiver, waives: Bool?) {
            rule = waiver.rule.pattern
            subject = waiver.subject
            justification = waiver.justification
            owner = waiver.owner
            approver = waiver.approver
            ticket = waiver.ticket
            expires = waiver.expires.description
            self.waives = waives
            location = Location(waiver.location)
        }
    }

    struct WaiverReviewEntry: Encodable {
        let waiver: WaiverEntry
        let status: String
        let daysLeft: Int
        let matched: [String]

        init(_ review: WaiverReview) {
            waiver = WaiverEntry(review.waiver, waives: nil)
            status = review.status.rawValue
            daysLeft = review.daysLeft
            matched = review.matched
        }

        enum CodingKeys: String, CodingKey {
            case waiver, status, daysLeft = "days_left", matched
        }
    }

    struct FileEntry: Encodable {
        let path: String
        let sha256: String
    }

    struct WaiversEntry: Encodable {
        let files: [FileEntry]
        let warningDays: Int
        let waivers: [WaiverReviewEntry]

        init(_ triage: TriageSummary) {
            files = triage.waiverFiles.map { FileEntry(path: $0.path, sha256: $0.sha256) }
            warningDays = triage.warningDays
            waivers = triage.waivers.map(WaiverReviewEntry.init)
        }

        enum CodingKeys: String, CodingKey {
            case files, warningDays = "warning_days", waivers
        }
    }

    struct BaselineEntry: Encodable {
        let file: FileEntry
        let entries: Int
        let missing: [MissingEntry]
        /// Entries whose rule did not run: neither matched nor missing.
        let unchecked: Int

        init(_ review: BaselineReview) {
            file = FileEntry(path: review.file.path, sha256: review.file.sha256)
            entries = review.entryCount
            unchecked = review.unchecked.count
            missing = review.missing.map {
                MissingEntry(
                    fingerprint: $0.fingerprint, rule: $0.rule, subject: $0.subject, location: Location($0.location))
            }
        }
    }

    struct MissingEntry: Encodable {
        let fingerprint: String
        let rule: String
        let subject: String
        let location: Location
    }
}
