import Foundation

/// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers (FORMATS.md "SARIF").
///
/// Beyond the schema, it meets GitHub's requirements: every rule has a short and full
/// description, help text and a `security-severity` score; every result has a message, one
/// location with a repository-relative `artifactLocation.uri` and a `region.startLine`, and a
/// stable `partialFingerprints` entry (Finding.fingerprint: rule, subject and violation key, no
/// line numbers). Waived findings carry an accepted external `suppressions` entry; with a
/// baseline, `baselineState` says whether a result is new. Columns count Unicode scalars, as
/// the YAML parser does, so `columnKind` is `unicodeCodePoints`.
public struct SARIFReporter: Reporter {
    public let paths: RepositoryPaths

    /// The key of Tollgate's fingerprint in `partialFingerprints`.
    public static let fingerprintKey = "tollgateFinding/v1"

    public init(paths: RepositoryPaths = .asGiven) {
        self.paths = paths
    }

    public func render(_ report: Report) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(Log(run: makeRun(report)))
        data.append(0x0A)
        return data
    }

    private func makeRun(_ report: Report) -> Run {
        let artifactFiles = report.inputs
        let artifactIndex = Dictionary(
            artifactFiles.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        func location(_ source: SourceLocation, subject: Subject? = nil) -> Location {
            let (uri, inRoot) = paths.uri(source.file)
            return Location(
                physicalLocation: PhysicalLocation(
                    artifactLocation: ArtifactLocation(
                        uri: uri, uriBaseId: inRoot ? "%SRCROOT%" : nil, index: artifactIndex[source.file]),
                    region: Region(startLine: max(source.line, 1), startColumn: max(source.column, 1))),
                logicalLocations: subject.map { subject in
                    [
                        LogicalLocation(
                            name: subject.id, fullyQualifiedName: subject.description, kind: subject.kind.rawValue)
                    ]
                })
        }
        let rules = report.results.map { result in Descriptor(result) }
        let ruleIndex = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let usesBaseline = report.triage?.baseline != nil
        let results = report.findings.map { finding in
            SARIFResult(
                ruleId: finding.ruleID, ruleIndex: ruleIndex[finding.ruleID], level: Self.level(finding.severity),
                message: Message(text: "\(finding.message) (\(finding.subject))"),
                locations: [location(finding.location, subject: finding.subject)],
                partialFingerprints: [Self.fingerprintKey: finding.fingerprint],
                suppressions: finding.status == .waived ? finding.waiver.map { [Suppression($0)] } : nil,
                baselineState: usesBaseline ? (finding.isInBaseline ? "unchanged" : "new") : nil,
                properties: ResultProperties(finding, blocking: report.isBlocking(finding)))
        }
        let notifications = report.diagnostics.map { diagnostic in
            Notification(
                level: diagnostic.level.rawValue,
                message: Message(text: diagnostic.text),
                locations: [location(diagnostic.location)])
        }
        let artifacts = artifactFiles.map { file in
            let (uri, inRoot) = paths.uri(file)
            return Artifact(
                location: ArtifactLocation(uri: uri, uriBaseId: inRoot ? "%SRCROOT%" : nil, index: nil),
                hashes: report.inputDigests[file].map { ["sha-256": $0] })
        }
        return Run(
            tool: Tool(driver: Driver(version: report.toolVersion, rules: rules)),
            invocations: [
                Invocation(
                    executionSuccessful: !report.isInvalidInput, toolExecutionNotifications: notifications,
                    properties: InvocationProperties(report))
            ],
            artifacts: artifacts, results: results)
    }

    /// SARIF `level` for a severity: critical and high are errors, medium a warning, the rest notes.
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: return "error"
        case .medium: return "warning"
        case .low, .info: return "note"
        }
    }

    // MARK: - The SARIF object model (only what Tollgate writes)

    struct Log: Encodable {
        let schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
        let version = "2.1.0"
        let runs: [Run]

        init(run: Run) { runs = [run] }

        enum CodingKeys: String, CodingKey {
            case schema = "$schema", version, runs
        }
    }

    struct Run: Encodable {
        let tool: Tool
        let invocations: [Invocation]
        let artifacts: [Artifact]
        let results: [SARIFResult]
        let columnKind = "unicodeCodePoints"
    }

    struct Tool: Encodable {
        let driver: Driver
    }

    struct Driver: Encodable {
        let name = "Tollgate"
        let version: String
        let semanticVersion: String
        let rules: [Descriptor]

        init(version: String, rules: [Descriptor]) {
            self.version = version
            semanticVersion = version
            self.rules = rules
        }
    }

    struct Message: Encodable {
        let text: String
    }

    struct MultiformatMessage: Encodable {
        let text: String
        let markdown: String
    }

    struct Descriptor: Encodable {
        let id: String
        let name: String
        let shortDescription: Message
        let fullDescription: Message
        let help: MultiformatMessage
        let defaultConfiguration: Configuration
        let properties: RuleProperties

        init(_ result: Report.RuleResult) {
            let rule = result.rule
            id = rule.id
            name = rule.slug
            shortDescription = Message(text: rule.title)
            fullDescription = Message(text: rule.rationale)
            var text = "\(rule.rationale)\n\nRemediation: \(rule.remediation)"
            var markdown = "\(rule.rationale)\n\n**Remediation:** \(rule.remediation)"
            if !rule.references.isEmpty {
                text += "\n\nReferences: \(rule.references.joined(separator: "; "))"
                markdown += "\n\n**References:**\n" + rule.references.map { "- \($0)" }.joined(separator: "\n")
            }
            if !rule.controls.qualifiedIDs.isEmpty {
                text += "\n\nControls: \(rule.controls.qualifiedIDs.joined(separator: " "))"
                markdown += "\n\n**Controls:** " + rule.controls.qualifiedIDs.map { "`\($0)`" }.joined(separator: " ")
            }
            help = MultiformatMessage(text: text, markdown: markdown)
            defaultConfiguration = Configuration(level: SARIFReporter.level(result.severity))
            properties = RuleProperties(
                securitySeverity: result.severity.securityScore,
                tags: ["compliance", "security", rule.domain.rawValue], severity: result.severity.rawValue,
                references: rule.references, controls: rule.controls.qualifiedIDs)
        }
    }

    struct Configuration: Encodable {
        let level: String
    }

    struct RuleProperties: Encodable {
        let securitySeverity: String
        let tags: [String]
        let precision = "very-high"
        let severity: String
        let references: [String]
        let controls: [String]

        enum CodingKeys: String, CodingKey {
            case securitySeverity = "security-severity", tags, precision, severity = "tollgate-severity", references
            case controls
        }
    }

    struct Invocation: Encodable {
        let executionSuccessful: Bool
        let toolExecutionNotifications: [Notification]
        let properties: InvocationProperties
    }

    struct InvocationProperties: Encodable {
        let asOf: String
        let failOn: String
        let policy: [String]

        init(_ report: Report) {
            asOf = report.asOf.description
            failOn = report.failOn.rawValue
            policy = report.policy.map(\.label)
        }
    }

    struct Notification: Encodable {
        let level: String
        let message: Message
        let locations: [Location]
    }

    struct Artifact: Encodable {
        let location: ArtifactLocation
        let hashes: [String: String]?
    }

    struct ArtifactLocation: Encodable {
        let uri: String
        let uriBaseId: String?
        let index: Int?
    }

    struct Location: Encodable {
        let physicalLocation: PhysicalLocation
        let logicalLocations: [LogicalLocation]?
    }

    struct PhysicalLocation: Encodable {
        let artifactLocation: ArtifactLocation
        let region: Region
    }

    struct Region: Encodable {
        let startLine: Int
        let startColumn: Int
    }

    struct LogicalLocation: Encodable {
        let name: String
        let fullyQualifiedName: String
        let kind: String
    }

    struct SARIFResult: Encodable {
        let ruleId: String
        let ruleIndex: Int?
        let level: String
        let message: Message
        let locations: [Location]
        let partialFingerprints: [String: String]
        let suppressions: [Suppression]?
        let baselineState: String?
        let properties: ResultProperties
    }

    struct Suppression: Encodable {
        let kind = "external"
        let status = "accepted"
        let justification: String
        let properties: SuppressionProperties

        init(_ applied: AppliedWaiver) {
            let waiver = applied.waiver
            justification = waiver.justification
            properties = SuppressionProperties(
                owner: waiver.owner, approver: waiver.approver, ticket: waiver.ticket,
                expires: waiver.expires.description)
        }
    }

    struct SuppressionProperties: Encodable {
        let owner: String
        let approver: String
        let ticket: String
        let expires: String
    }

    struct ResultProperties: Encodable {
        let severity: String
        let subject: String
        let pointer: String
        let evidence: [String]?
        let status: String
        let blocking: Bool
        let expiredWaiver: String?

        init(_ finding: Finding, blocking: Bool) {
            severity = finding.severity.rawValue
            subject = finding.subject.description
            pointer = finding.location.pointer
            evidence = finding.evidence.isEmpty ? nil : finding.evidence
            status = finding.status.rawValue
            self.blocking = blocking
            expiredWaiver = finding.waiver.flatMap { $0.waives ? nil : $0.note }
        }

        enum CodingKeys: String, CodingKey {
            case severity = "tollgate-severity", subject, pointer, evidence, status, blocking, expiredWaiver
        }
    }
}
