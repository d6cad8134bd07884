import Foundation

/// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers (FORMATS.md "SARIF").
///
/// Beyond the schema, it meets GitHub's requirements: every rule has a short and full
/// description, help text and a `security-severity` score; every result has a message, one
/// location with a repository-relative `artifactLocation.uri` and a `region.startLine`, and a
/// stable `partialFingerprints` entry (Finding.fingerprint: rule, subject and violation key, no
/// line numbers). Waived findings carry an accepted external `suppressions` entry, and when
/// any result in the run has one, every other result has an empty `suppressions` array (SARIF
/// §3.27.23: either all results of a run have the property or none; runs without waived
/// findings leave it out); with a baseline, `baselineState` says whether a result is new.
/// Columns count Unicode scalars, as the YAML parser does, so `columnKind` is
/// `unicodeCodePoints`.
///
/// GitHub reads `security-severity` only from the rule (reportingDescriptor), but a finding's
/// severity can differ from its rule's (graded rules, policy overrides). Each rule therefore has
/// one descriptor at the severity the policy runs it at (id `ACC-009`) and one more for each
/// other severity its findings have (id `ACC-009/low`), each with that severity's score and
/// level; a result names the descriptor of its own severity.
///
/// Errors in the input are results too (`tollgate/invalid-input`, level `error`, at the error's
/// location, with the fingerprint the GitLab report gives it): code scanning closes the alerts
/// that an upload no longer contains, so an empty `results` for a run that checked nothing
/// would mark every open alert fixed.
///
/// Written member by member with `PrettyJSONWriter`, in the key order `JSONEncoder`'s
/// `sortedKeys` gives (the functions below list each object's members in that order); the
/// layout is the encoder's, which this reporter used until it measured 1.0 s for an L stack.
public struct SARIFReporter: Reporter {
    public let paths: RepositoryPaths

    /// The key of Tollgate's fingerprint in `partialFingerprints`.
    public static let fingerprintKey = "tollgateFinding/v1"

    public init(paths: RepositoryPaths = .asGiven) {
        self.paths = paths
    }

    public func render(_ report: Report) throws -> Data {
        PrettyJSONWriter.render { write(report, into: &$0) }
    }

    public func write(_ report: Report, to file: OutputFile.Staged) throws {
        try PrettyJSONWriter.stream(to: file) { write(report, into: &$0) }
    }

    static let schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    private func write(_ report: Report, into json: inout PrettyJSONWriter) {
        json.beginObject()
        json.member("$schema", Self.schema)
        json.key("runs")
        json.beginArray()
        writeRun(report, into: &json)
        json.endArray()
        json.member("version", "2.1.0")
        json.endObject()
    }

    private func writeRun(_ report: Report, into json: inout PrettyJSONWriter) {
        let artifacts = Artifacts(report.inputs, paths: paths)
        let descriptors = Descriptors(report)
        let inputErrors = report.diagnostics.filter { $0.level == .error }
        json.beginObject()
        json.key("artifacts")
        json.beginArray()
        for file in report.inputs {
            json.beginObject()
            if let digest = report.inputDigests[file] {
                json.key("hashes")
                json.beginObject()
                json.member("sha-256", digest)
                json.endObject()
            }
            json.key("location")
            writeArtifactLocation(file, index: nil, artifacts: artifacts, into: &json)
            json.endObject()
        }
        json.endArray()
        json.member("columnKind", "unicodeCodePoints")
        json.key("invocations")
        json.beginArray()
        writeInvocation(report, artifacts: artifacts, into: &json)
        json.endArray()
        json.key("results")
        json.beginArray()
        let usesBaseline = report.triage?.baseline != nil
        let anySuppressed = report.findings.contains { $0.status == .waived }
        for diagnostic in inputErrors {
            writeInputError(
                diagnostic, ruleIndex: descriptors.count, anySuppressed: anySuppressed, artifacts: artifacts,
                into: &json)
        }
        for finding in report.findings {
            let descriptor = descriptors.descriptor(of: finding)
            writeResult(
                finding, report: report, ruleID: descriptor?.id ?? finding.ruleID, ruleIndex: descriptor?.index,
                usesBaseline: usesBaseline, anySuppressed: anySuppressed, artifacts: artifacts, into: &json)
        }
        json.endArray()
        json.key("tool")
        json.beginObject()
        json.key("driver")
        json.beginObject()
        json.member("name", "Tollgate")
        json.key("rules")
        json.beginArray()
        for (result, severity, id) in descriptors.list {
            writeDescriptor(result, severity: severity, id: id, into: &json)
        }
        if !inputErrors.isEmpty { writeInputErrorDescriptor(into: &json) }
        json.endArray()
        json.member("semanticVersion", report.toolVersion)
        json.member("version", report.toolVersion)
        json.endObject()
        json.endObject()
        json.endObject()
    }

    private func writeInvocation(
        _ report: Report, artifacts: Artifacts, into json: inout PrettyJSONWriter
    ) {
        json.beginObject()
        json.key("executionSuccessful")
        json.bool(!report.isInvalidInput)
        json.key("properties")
        json.beginObject()
        json.member("asOf", report.asOf.description)
        json.member("failOn", report.failOn.rawValue)
        json.key("policy")
        json.strings(report.policy.map(\.label))
        json.endObject()
        json.key("toolExecutionNotifications")
        json.beginArray()
        for diagnostic in report.diagnostics {
            json.beginObject()
            json.member("level", diagnostic.level.rawValue)
            json.key("locations")
            json.beginArray()
            writeLocation(diagnostic.location, subject: nil, artifacts: artifacts, into: &json)
            json.endArray()
            writeMessage(diagnostic.text, into: &json)
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }

    private func writeResult(
        _ finding: Finding, report: Report, ruleID: String, ruleIndex: Int?, usesBaseline: Bool,
        anySuppressed: Bool, artifacts: Artifacts, into json: inout PrettyJSONWriter
    ) {
        json.beginObject()
        if usesBaseline { json.member("baselineState", finding.isInBaseline ? "unchanged" : "new") }
        json.member("level", Self.level(finding.severity))
        json.key("locations")
        json.beginArray()
        writeLocation(finding.location, subject: finding.subject, artifacts: artifacts, into: &json)
        json.endArray()
        writeMessage("\(finding.message) (\(finding.subject))", into: &json)
        json.key("partialFingerprints")
        json.beginObject()
        json.member(Self.fingerprintKey, finding.fingerprint)
        json.endObject()
        json.key("properties")
        json.beginObject()
        json.key("blocking")
        json.bool(report.isBlocking(finding))
        if !finding.evidence.isEmpty {
            json.key("evidence")
            json.strings(finding.evidence)
        }
        if let note = finding.waiver.flatMap({ $0.waives ? nil : $0.note }) { json.member("expiredWaiver", note) }
        json.member("pointer", finding.location.pointer)
        json.member("status", finding.status.rawValue)
        json.member("subject", finding.subject.description)
        json.member("tollgate-severity", finding.severity.rawValue)
        json.endObject()
        json.member("ruleId", ruleID)
        if let ruleIndex { json.member("ruleIndex", ruleIndex) }
        let waiver = finding.status == .waived ? finding.waiver?.waiver : nil
        writeSuppressions(waiver, anySuppressed: anySuppressed, into: &json)
        json.endObject()
    }

    /// A waived result's suppression; when any result of the run is suppressed, every other
    /// result says it is not with an empty array (§3.27.23: absent means "not known").
    private func writeSuppressions(_ waiver: Waiver?, anySuppressed: Bool, into json: inout PrettyJSONWriter) {
        guard waiver != nil || anySuppressed else { return }
        json.key("suppressions")
        json.beginArray()
        if let waiver { writeSuppression(waiver, into: &json) }
        json.endArray()
    }

    /// An error in the input as a result, so that an upload of a run that checked nothing
    /// keeps its alerts open (and shows the error) instead of closing them all.
    private func writeInputError(
        _ diagnostic: Diagnostic, ruleIndex: Int, anySuppressed: Bool, artifacts: Artifacts,
        into json: inout PrettyJSONWriter
    ) {
        json.beginObject()
        json.member("level", "error")
        json.key("locations")
        json.beginArray()
        writeLocation(diagnostic.location, subject: nil, artifacts: artifacts, into: &json)
        json.endArray()
        writeMessage("invalid input: \(diagnostic.text)", into: &json)
        json.key("partialFingerprints")
        json.beginObject()
        json.member(
            Self.fingerprintKey,
            InputErrorIssue.fingerprint(diagnostic, displayPath: paths.display(diagnostic.location.file)))
        json.endObject()
        json.member("ruleId", InputErrorIssue.checkName)
        json.member("ruleIndex", ruleIndex)
        writeSuppressions(nil, anySuppressed: anySuppressed, into: &json)
        json.endObject()
    }

    private func writeInputErrorDescriptor(into json: inout PrettyJSONWriter) {
        let text =
            "The declarations, policy, waivers or baseline could not be read or are invalid, so nothing was checked "
            + "(exit 2). Each error is reported at its file, line and column."
        json.beginObject()
        json.key("defaultConfiguration")
        json.beginObject()
        json.member("level", "error")
        json.endObject()
        json.key("fullDescription")
        json.beginObject()
        json.member("text", text)
        json.endObject()
        json.key("help")
        json.beginObject()
        json.member("markdown", text + "\n\n**Remediation:** fix the input; `tollgate validate` lists every error.")
        json.member("text", text + "\n\nRemediation: fix the input; `tollgate validate` lists every error.")
        json.endObject()
        json.member("id", InputErrorIssue.checkName)
        json.member("name", "invalid-input")
        json.key("shortDescription")
        json.beginObject()
        json.member("text", "Invalid input: nothing was checked")
        json.endObject()
        json.endObject()
    }

    private func writeSuppression(_ waiver: Waiver, into json: inout PrettyJSONWriter) {
        json.beginObject()
        json.member("justification", waiver.justification)
        json.member("kind", "external")
        json.key("properties")
        json.beginObject()
        json.member("approver", waiver.approver)
        json.member("expires", waiver.expires.description)
        json.member("owner", waiver.owner)
        json.member("ticket", waiver.ticket)
        json.endObject()
        json.member("status", "accepted")
        json.endObject()
    }

    private func writeLocation(
        _ source: SourceLocation, subject: Subject?, artifacts: Artifacts, into json: inout PrettyJSONWriter
    ) {
        json.beginObject()
        if let subject {
            json.key("logicalLocations")
            json.beginArray()
            json.beginObject()
            json.member("fullyQualifiedName", subject.description)
            json.member("kind", subject.kind.rawValue)
            json.member("name", subject.id)
            json.endObject()
            json.endArray()
        }
        json.key("physicalLocation")
        json.beginObject()
        json.key("artifactLocation")
        writeArtifactLocation(source.file, index: artifacts.index(of: source.file), artifacts: artifacts, into: &json)
        json.key("region")
        json.beginObject()
        json.member("startColumn", max(source.column, 1))
        json.member("startLine", max(source.line, 1))
        json.endObject()
        json.endObject()
        json.endObject()
    }

    private func writeArtifactLocation(
        _ file: String, index: Int?, artifacts: Artifacts, into json: inout PrettyJSONWriter
    ) {
        let (uri, inRoot) = artifacts.uri(of: file)
        json.beginObject()
        if let index { json.member("index", index) }
        json.member("uri", uri)
        if inRoot { json.member("uriBaseId", "%SRCROOT%") }
        json.endObject()
    }

    private func writeMessage(_ text: String, into json: inout PrettyJSONWriter) {
        json.key("message")
        json.beginObject()
        json.member("text", text)
        json.endObject()
    }

    private func writeDescriptor(
        _ result: Report.RuleResult, severity: Severity, id: String, into json: inout PrettyJSONWriter
    ) {
        let rule = result.rule
        var text = "\(rule.rationale)\n\nRemediation: \(rule.remediation)"
        var markdown = "\(rule.rationale)\n\n**Remediation:** \(rule.remediation)"
        if !rule.references.isEmpty {
            text += "\n\nReferences: \(rule.references.joined(separator: "; "))"
            markdown += "\n\n**References:**\n" + rule.references.map { "- \($0)" }.joined(separator: "\n")
        }
        let controls = rule.controls.qualifiedIDs
        if !controls.isEmpty {
            text += "\n\nControls: \(controls.joined(separator: " "))"
            markdown += "\n\n**Controls:** " + controls.map { "`\($0)`" }.joined(separator: " ")
        }
        json.beginObject()
        json.key("defaultConfiguration")
        json.beginObject()
        json.member("level", Self.level(severity))
        json.endObject()
        json.key("fullDescription")
        json.beginObject()
        json.member("text", rule.rationale)
        json.endObject()
        json.key("help")
        json.beginObject()
        json.member("markdown", markdown)
        json.member("text", text)
        json.endObject()
        json.member("id", id)
        json.member("name", rule.slug)
        json.key("properties")
        json.beginObject()
        json.key("controls")
        json.strings(controls)
        json.member("precision", "very-high")
        json.key("references")
        json.strings(rule.references)
        json.member("security-severity", severity.securityScore)
        json.key("tags")
        json.strings(["compliance", "security", rule.domain.rawValue])
        json.member("tollgate-severity", severity.rawValue)
        json.endObject()
        json.key("shortDescription")
        json.beginObject()
        json.member("text", rule.title)
        json.endObject()
        json.endObject()
    }

    /// SARIF `level` for a severity: critical and high are errors, medium a warning, the rest notes.
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: return "error"
        case .medium: return "warning"
        case .low, .info: return "note"
        }
    }

    /// The rule descriptors in order: each rule at the severity the policy runs it at, then, for
    /// a rule with findings at other severities, one per such severity (most severe first),
    /// id `RULE/severity`.
    private struct Descriptors {
        private(set) var list: [(result: Report.RuleResult, severity: Severity, id: String)] = []
        /// Per rule id: the default severity and the index of each severity's descriptor.
        private var indices: [String: (severity: Severity, bySeverity: [Severity: Int])] = [:]

        init(_ report: Report) {
            var defaults: [String: Severity] = [:]
            for result in report.results where defaults[result.rule.id] == nil {
                defaults[result.rule.id] = result.severity
            }
            var others: [String: Set<Severity>] = [:]
            for finding in report.findings where defaults[finding.ruleID].map({ $0 != finding.severity }) ?? false {
                others[finding.ruleID, default: []].insert(finding.severity)
            }
            for result in report.results where indices[result.rule.id] == nil {
                let id = result.rule.id
                var bySeverity = [result.severity: list.count]
                list.append((result, result.severity, id))
                for severity in (others[id] ?? []).sorted(by: >) {
                    bySeverity[severity] = list.count
                    list.append((result, severity, "\(id)/\(severity.rawValue)"))
                }
                indices[id] = (result.severity, bySeverity)
            }
        }

        var count: Int { list.count }

        /// The descriptor a finding's result names.
        func descriptor(of finding: Finding) -> (id: String, index: Int)? {
            guard let entry = indices[finding.ruleID], let index = entry.bySeverity[finding.severity] else {
                return nil
            }
            return (list[index].id, index)
        }
    }

    /// Each input's position in `artifacts` and its URI, worked out once. A result's location
    /// names one of a few hundred inputs; making the URI again for each of the 28,000 results
    /// of an L stack (the path normalised and percent-encoded every time) took nearly all of
    /// the SARIF report's time.
    private struct Artifacts {
        private let paths: RepositoryPaths
        private var entries: [String: (index: Int, uri: String, inRoot: Bool)] = [:]

        init(_ inputs: [String], paths: RepositoryPaths) {
            self.paths = paths
            for (index, file) in inputs.enumerated() where entries[file] == nil {
                let (uri, inRoot) = paths.uri(file)
                entries[file] = (index, uri, inRoot)
            }
        }

        func index(of file: String) -> Int? { entries[file]?.index }

        /// The URI of `file`; files that are not inputs (a policy file named in a diagnostic)
        /// are worked out when asked.
        func uri(of file: String) -> (uri: String, inRoot: Bool) {
            if let entry = entries[file] { return (entry.uri, entry.inRoot) }
            return paths.uri(file)
        }
    }
}
