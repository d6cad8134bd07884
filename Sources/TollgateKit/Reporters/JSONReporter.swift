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
        let policy: [PolicySource]
        let failOn: String
        let outcome: String
        let summary: Summary
        let diagnostics: [DiagnosticEntry]
        let rules: [RuleEntry]
        let findings: [FindingEntry]

        init(_ report: Report) {
            tool = Tool(name: "tollgate", version: report.toolVersion)
            asOf = report.asOf.description
            inputs = report.inputs
            policy = report.policy.map { PolicySource(name: $0.name, file: $0.file, sha256: $0.digest) }
            failOn = report.failOn.rawValue
            outcome = report.isInvalidInput ? "invalid_input" : (report.blockingFindings.isEmpty ? "passed" : "failed")
            summary = Summary(report)
            diagnostics = report.diagnostics.map(DiagnosticEntry.init)
            rules = report.results.map(RuleEntry.init)
            findings = report.findings.map(FindingEntry.init)
        }

        enum CodingKeys: String, CodingKey {
            case formatVersion = "format_version", tool, asOf = "as_of", inputs, policy, failOn = "fail_on", outcome,
                summary
            case diagnostics, rules, findings
        }
    }

    struct Tool: Encodable {
        let name: String
        let version: String
    }

    struct PolicySource: Encodable {
        let name: String
        let file: String
        let sha256: String
    }

    struct Summary: Encodable {
        let rules: Int
        let evaluations: Int
        let findings: Int
        let blocking: Int
        let bySeverity: [String: Int]

        init(_ report: Report) {
            rules = report.results.count
            evaluations = report.evaluationCount
            findings = report.findings.count
            blocking = report.blockingFindings.count
            bySeverity = Dictionary(
                Severity.allCases.map { severity in
                    (severity.rawValue, report.findings.filter { $0.severity == severity }.count)
                }, uniquingKeysWith: +)
        }

        enum CodingKeys: String, CodingKey {
            case rules, evaluations, findings, blocking, bySeverity = "by_severity"
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

        init(_ result: Report.RuleResult) {
            id = result.rule.id
            title = result.rule.title
            domain = result.rule.domain.rawValue
            severity = result.severity.rawValue
            evaluated = result.subjects.count
            failed = result.subjects.filter { !$0.findings.isEmpty }.count
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

        init(_ finding: Finding) {
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
        }

        enum CodingKeys: String, CodingKey {
            case ruleID = "rule_id", domain, severity, message, subject, location, evidence, remediation, references
            case controls, fingerprint
        }
    }
}
