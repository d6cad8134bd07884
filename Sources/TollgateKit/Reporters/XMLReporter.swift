import Foundation

/// The native XML report: the whole record of a run, for filing as audit evidence, valid
/// against `docs/schemas/tollgate-report-1.xsd` (namespace `urn:tollgate:report:1`).
///
/// It holds what the other formats leave out or flatten: policy identity with digests, every
/// input with its SHA-256, every (rule, subject) evaluation with its outcome, findings with
/// locations and evidence nested under their rule (with the rule's references and control ids),
/// and the waivers and baseline with what each matched. Written by `XMLWriter` in libxml2's
/// layout; characters XML forbids are replaced, and the tests validate it with libxml2.
public struct XMLReporter: Reporter {
    /// The report's XML namespace.
    public static let namespace = "urn:tollgate:report:1"

    public init() {}

    public func render(_ report: Report) throws -> Data {
        try XMLWriter.render { write(report, into: &$0) }
    }

    public func write(_ report: Report, to file: OutputFile.Staged) throws {
        try XMLWriter.stream(to: file) { write(report, into: &$0) }
    }

    private func write(_ report: Report, into xml: inout XMLWriter) {
        xml.start("report")
        xml.attribute("xmlns", Self.namespace)
        xml.attribute("format-version", "1")
        xml.element("tool", ["name": "tollgate", "version": report.toolVersion])
        xml.element(
            "run",
            [
                "as-of": report.asOf.description, "fail-on": report.failOn.rawValue,
                "outcome": report.runOutcome.xmlValue,
            ])
        writePolicy(report, into: &xml)
        xml.start("inputs")
        for input in report.inputs {
            xml.start("input")
            xml.attribute("path", input)
            if let digest = report.inputDigests[input] { xml.attribute("sha256", digest) }
            xml.end()
        }
        xml.end()
        writeSummary(report, into: &xml)
        xml.start("diagnostics")
        for diagnostic in report.diagnostics {
            xml.start("diagnostic")
            xml.attribute("level", diagnostic.level.rawValue)
            writeLocation(diagnostic.location, into: &xml)
            xml.element("message", text: diagnostic.message)
            if let hint = diagnostic.hint { xml.element("hint", text: hint) }
            xml.end()
        }
        xml.end()
        let waiverNumbers = Dictionary(
            (report.triage?.waivers ?? []).enumerated().map { ($1.waiver, $0 + 1) },
            uniquingKeysWith: { first, _ in first }
        )
        xml.start("rules")
        for result in report.results { writeRule(result, report: report, waiverNumbers: waiverNumbers, into: &xml) }
        xml.end()
        if let triage = report.triage {
            writeWaivers(triage, into: &xml)
            if let baseline = triage.baseline { writeBaseline(baseline, into: &xml) }
        }
        xml.end()
    }

    private func writePolicy(_ report: Report, into xml: inout XMLWriter) {
        xml.start("policy")
        for source in report.policy {
            xml.start("source")
            xml.attribute("name", source.name.isEmpty ? "unnamed" : source.name)
            if !source.file.isEmpty { xml.attribute("file", source.file) }
            if !source.digest.isEmpty { xml.attribute("sha256", source.digest) }
            if let description = source.description { xml.element("description", text: description) }
            xml.end()
        }
        xml.end()
    }

    private func writeSummary(_ report: Report, into xml: inout XMLWriter) {
        xml.start("summary")
        xml.attribute("rules", String(report.results.count))
        xml.attribute("evaluations", String(report.evaluationCount))
        let tally = report.tally
        xml.attribute("findings", String(tally.total))
        xml.attribute("blocking", String(tally.blocking))
        xml.attribute("waived", String(tally.waived))
        xml.attribute("baselined", String(tally.baselined))
        for severity in Severity.allCases.reversed() {
            xml.element(
                "severity",
                [
                    "name": severity.rawValue,
                    "findings": String(tally.count(severity)),
                ])
        }
        xml.end()
    }

    private func writeLocation(_ location: SourceLocation, into xml: inout XMLWriter) {
        xml.start("location")
        xml.attribute("file", location.file)
        xml.attribute("line", String(max(location.line, 0)))
        xml.attribute("column", String(max(location.column, 0)))
        if !location.pointer.isEmpty { xml.attribute("pointer", location.pointer) }
        xml.end()
    }

    private func writeRule(
        _ result: Report.RuleResult, report: Report, waiverNumbers: [Waiver: Int], into xml: inout XMLWriter
    ) {
        let rule = result.rule
        xml.start("rule")
        xml.attribute("id", rule.id)
        xml.attribute("slug", rule.slug)
        xml.attribute("domain", rule.domain.rawValue)
        xml.attribute("severity", result.severity.rawValue)
        xml.attribute("applicable", result.notApplicable ? "false" : "true")
        xml.element("title", text: rule.title)
        xml.element("rationale", text: rule.rationale)
        xml.element("remediation", text: rule.remediation)
        xml.start("references")
        for reference in rule.references { xml.element("reference", text: reference) }
        xml.end()
        xml.start("controls")
        let controls = rule.controls
        for (framework, ids) in [
            ("ISO27001", controls.iso27001), ("SOC2", controls.soc2), ("NIST-CSF", controls.nistCSF),
            ("CIS", controls.cis),
        ] {
            for id in ids { xml.element("control", ["framework": framework, "id": id]) }
        }
        xml.end()
        for subject in result.subjects {
            xml.start("evaluation")
            xml.attribute("subject", subject.subject.description)
            xml.attribute("outcome", subject.outcome(failOn: report.failOn).rawValue)
            writeLocation(subject.subject.location, into: &xml)
            for finding in subject.findings {
                writeFinding(finding, report: report, waiverNumbers: waiverNumbers, into: &xml)
            }
            xml.end()
        }
        xml.end()
    }

    private func writeFinding(
        _ finding: Finding, report: Report, waiverNumbers: [Waiver: Int], into xml: inout XMLWriter
    ) {
        xml.start("finding")
        xml.attribute("fingerprint", finding.fingerprint)
        xml.attribute("severity", finding.severity.rawValue)
        xml.attribute("status", finding.status.rawValue)
        xml.attribute("blocking", report.isBlocking(finding) ? "true" : "false")
        xml.element("message", text: finding.message)
        writeLocation(finding.location, into: &xml)
        if !finding.evidence.isEmpty {
            xml.start("evidence")
            for hop in finding.evidence { xml.element("hop", text: hop) }
            xml.end()
        }
        if let applied = finding.waiver, let number = waiverNumbers[applied.waiver],
            let review = report.triage?.waivers[number - 1]
        {
            xml.element(
                "waiver",
                [
                    "ref": String(number), "status": review.status.rawValue,
                    "expires": applied.waiver.expires.description, "ticket": applied.waiver.ticket,
                ])
        }
        xml.end()
    }

    private func writeWaivers(_ triage: TriageSummary, into xml: inout XMLWriter) {
        xml.start("waivers")
        xml.attribute("warning-days", String(triage.warningDays))
        for file in triage.waiverFiles { xml.element("file", ["path": file.path, "sha256": file.sha256]) }
        for (index, review) in triage.waivers.enumerated() {
            let waiver = review.waiver
            xml.start("waiver")
            xml.attribute("number", String(index + 1))
            xml.attribute("rule", waiver.rule.pattern)
            xml.attribute("subject", waiver.subject)
            xml.attribute("expires", waiver.expires.description)
            xml.attribute("status", review.status.rawValue)
            xml.attribute("days-left", String(review.daysLeft))
            writeLocation(waiver.location, into: &xml)
            xml.element("justification", text: waiver.justification)
            xml.element("owner", text: waiver.owner)
            xml.element("approver", text: waiver.approver)
            xml.element("ticket", text: waiver.ticket)
            for fingerprint in review.matched { xml.element("matched", ["fingerprint": fingerprint]) }
            xml.end()
        }
        xml.end()
    }

    private func writeBaseline(_ baseline: BaselineReview, into xml: inout XMLWriter) {
        xml.start("baseline")
        xml.attribute("file", baseline.file.path)
        xml.attribute("sha256", baseline.file.sha256)
        xml.attribute("entries", String(baseline.entryCount))
        xml.attribute("matched", String(baseline.matchedCount))
        xml.attribute("unchecked", String(baseline.unchecked.count))
        for entry in baseline.missing {
            xml.start("missing")
            xml.attribute("fingerprint", entry.fingerprint)
            xml.attribute("rule", entry.rule)
            xml.attribute("subject", entry.subject)
            writeLocation(entry.location, into: &xml)
            xml.end()
        }
        xml.end()
    }
}
