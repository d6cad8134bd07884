import Foundation

/// JUnit XML that validates against both the strict Ant/windyroad schema and Jenkins'
/// junit-10 schema (FORMATS.md), so Jenkins, GitLab, Azure DevOps and GitHub reporters read it.
///
/// Shape: one suite for input files, then one suite per policy domain; one test case per
/// (rule, subject) evaluated, passes included; a rule that applied to nothing is one skipped
/// case. Findings below `--fail-on` do not fail their case; they are listed in the suite's
/// `system-out`. A case whose findings are all waived (or known in the baseline) is `skipped`,
/// with the waiver's justification and expiry, so the test tab shows the exception instead of
/// hiding it. Times are zero and the timestamp is the as-of date, so output is reproducible.
public struct JUnitReporter: Reporter {
    /// About how many test cases are written on the cores at a time (see `batches`).
    let batchCases: Int

    public init() { batchCases = 300_000 }

    init(batchCases: Int) { self.batchCases = batchCases }

    public func render(_ report: Report) throws -> Data {
        try XMLWriter.render { write(report, into: &$0) }
    }

    public func write(_ report: Report, to file: OutputFile.Staged) throws {
        try XMLWriter.stream(to: file) { write(report, into: &$0) }
    }

    private func write(_ report: Report, into xml: inout XMLWriter) {
        xml.start("testsuites")
        var suiteID = 0
        writeInputSuite(report, id: suiteID, into: &xml)
        for domain in Domain.allCases {
            let results = report.results.filter { $0.rule.domain == domain }
            guard !results.isEmpty else { continue }
            suiteID += 1
            writeDomainSuite(domain, results, report: report, id: suiteID, into: &xml)
        }
        xml.end()
    }

    private func suiteAttributes(
        _ xml: inout XMLWriter, name: String, id: Int, tests: Int, failures: Int, errors: Int,
        skipped: Int, report: Report
    ) {
        xml.attribute("name", name)
        xml.attribute("package", "tollgate")
        xml.attribute("id", String(id))
        xml.attribute("tests", String(tests))
        xml.attribute("failures", String(failures))
        xml.attribute("errors", String(errors))
        xml.attribute("skipped", String(skipped))
        xml.attribute("time", "0.000")
        xml.attribute("timestamp", "\(report.asOf)T00:00:00")
        xml.attribute("hostname", "tollgate")
    }

    private func writeProperties(_ properties: [(String, String)], into xml: inout XMLWriter) {
        xml.start("properties")
        for (name, value) in properties {
            xml.element("property", ["name": name, "value": value])
        }
        xml.end()
    }

    private func runProperties(_ report: Report) -> [(String, String)] {
        var properties = [
            ("tollgate.version", report.toolVersion), ("tollgate.as-of", report.asOf.description),
            ("tollgate.fail-on", report.failOn.rawValue),
        ]
        for source in report.policy { properties.append(("tollgate.policy", source.label)) }
        return properties
    }

    /// One case per input file; files with errors carry them as a JUnit `error`.
    private func writeInputSuite(_ report: Report, id: Int, into xml: inout XMLWriter) {
        let byFile = Dictionary(grouping: report.diagnostics, by: \.location.file)
        let files = Array(Set(report.inputs).union(byFile.keys)).sorted()
        let failing = files.filter { file in byFile[file]?.contains(where: { $0.level == .error }) ?? false }
        xml.start("testsuite")
        suiteAttributes(
            &xml, name: "input", id: id, tests: max(files.count, 1), failures: 0, errors: failing.count,
            skipped: files.isEmpty ? 1 : 0, report: report)
        writeProperties(runProperties(report), into: &xml)
        if files.isEmpty {
            xml.start("testcase")
            xml.attribute("classname", "input")
            xml.attribute("name", "no input files")
            xml.attribute("time", "0.000")
            xml.element("skipped", ["message": "no input files were read"])
            xml.end()
        }
        for file in files {
            xml.start("testcase")
            xml.attribute("classname", "input")
            xml.attribute("name", "file:\(file)")
            xml.attribute("time", "0.000")
            let errors = (byFile[file] ?? []).filter { $0.level == .error }
            if let first = errors.first {
                xml.element(
                    "error",
                    [
                        "type": "invalid-input",
                        "message": "\(errors.count) problem\(errors.count == 1 ? "" : "s"): \(first.message)",
                    ],
                    text: errors.map(\.description).joined(separator: "\n"))
            }
            xml.end()
        }
        let others = report.diagnostics.filter { $0.level != .error }.map(\.description)
        xml.element("system-out", text: others.joined(separator: "\n"))
        xml.element("system-err", text: "")
        xml.end()
    }

    private func writeDomainSuite(
        _ domain: Domain, _ results: [Report.RuleResult], report: Report, id: Int, into xml: inout XMLWriter
    ) {
        var tests = 0
        var failures = 0
        var skipped = 0
        for result in results {
            if result.notApplicable {
                tests += 1
                skipped += 1
            } else {
                tests += result.subjects.count
                let counts = result.subjects.outcomeCounts(failOn: report.failOn)
                failures += counts[.failed, default: 0]
                skipped += counts[.waived, default: 0] + counts[.baselined, default: 0]
            }
        }
        xml.start("testsuite")
        suiteAttributes(
            &xml, name: domain.rawValue, id: id, tests: tests, failures: failures, errors: 0, skipped: skipped,
            report: report)
        var properties = runProperties(report)
        for result in results {
            let rule = result.rule
            properties.append(("\(rule.id).title", rule.title))
            properties.append(("\(rule.id).severity", result.severity.rawValue))
            properties.append(("\(rule.id).references", rule.references.joined(separator: "; ")))
            properties.append(("\(rule.id).controls", rule.controls.qualifiedIDs.joined(separator: " ")))
        }
        writeProperties(properties, into: &xml)
        // Each rule's test cases are written on their own (1.8 million cases at L, half the
        // report's time), on all cores, then appended in rule order; a few rules at a time, so
        // no more than a few tens of MB wait in memory for the streamed file. Each batch goes
        // to the file while the next one is written, so neither core waits for the other.
        var notBlocking: [Finding] = []
        var written: [Data] = []
        for batch in Self.batches(results, batchCases: batchCases) {
            let depth = xml.depth
            let fragments = xml.append(fragments: written) {
                batch.concurrentMap { result in
                    var cases = XMLWriter(fragmentAt: depth)
                    let notBlocking = writeCases(result, domain: domain, report: report, into: &cases)
                    return (cases.finishFragment(), notBlocking)
                }
            }
            written = fragments.map(\.0)
            for (_, rest) in fragments { notBlocking += rest }
        }
        xml.append(fragments: written) {}
        xml.element(
            "system-out",
            text: notBlocking.map { finding in
                "\(Self.line(finding)) fingerprint=\(finding.fingerprint)" + TextReporter.statusNote(finding)
            }.joined(separator: "\n"))
        xml.element("system-err", text: "")
        xml.end()
    }

    /// Rule results in consecutive groups of about `batchCases` test cases, each group small
    /// enough to hold in memory while the cores write it.
    static func batches(_ results: [Report.RuleResult], batchCases: Int) -> [[Report.RuleResult]] {
        var batches: [[Report.RuleResult]] = []
        var current: [Report.RuleResult] = []
        var cases = 0
        for result in results {
            current.append(result)
            cases += max(result.subjects.count, 1)
            if cases >= batchCases {
                batches.append(current)
                current = []
                cases = 0
            }
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }

    /// One rule's test cases; returns its findings below `--fail-on`, for the suite's output.
    private func writeCases(
        _ result: Report.RuleResult, domain: Domain, report: Report, into xml: inout XMLWriter
    ) -> [Finding] {
        let classname = "\(domain.rawValue).\(result.rule.id)"
        if result.notApplicable {
            xml.start("testcase")
            xml.attribute("classname", classname)
            xml.attribute("name", "not applicable")
            xml.attribute("time", "0.000")
            xml.element(
                "skipped", ["message": "not applicable: nothing in this stack is in the scope of \(result.rule.id)"])
            xml.end()
            return []
        }
        var notBlocking: [Finding] = []
        // A passing case is the same bytes but for its subject: written in one run, with only
        // the subject escaped (most cases pass; 1.8 million at L).
        // The prefix ends with the subject's kind (`name="account:`), made again only when the
        // kind changes (a rule's subjects are nearly always of one kind).
        let casePrefix = Array("testcase classname=\"\(XMLWriter.escapedAttribute(classname))\" name=\"".utf8)
        var passingKind: Subject.Kind?
        var passingPrefix: [UInt8] = []
        let passingSuffix = Array("\" time=\"0.000\"".utf8)
        result.subjects.forEach { subject, findings in
            if findings.isEmpty {
                if subject.kind != passingKind {
                    passingKind = subject.kind
                    passingPrefix = casePrefix + Array(XMLWriter.escapedAttribute(subject.kind.rawValue + ":").utf8)
                }
                xml.emptyElement(prefix: passingPrefix, subject.id, suffix: passingSuffix)
                return
            }
            xml.start("testcase")
            xml.attribute("classname", classname)
            xml.attribute("name", joining: subject.kind.rawValue + ":", subject.id)
            xml.attribute("time", "0.000")
            let blocking = findings.filter { report.isBlocking($0) }
            notBlocking += findings.filter { !report.isBlocking($0) }
            switch Report.SubjectResult.outcome(of: findings, failOn: report.failOn) {
            case .failed:
                let worst = blocking.max(by: { $0.severity < $1.severity })!
                let more = blocking.count > 1 ? " (and \(blocking.count - 1) more)" : ""
                xml.element(
                    "failure", ["type": worst.severity.rawValue, "message": worst.message + more],
                    text: blocking.map(findingBody).joined(separator: "\n\n"))
            case .waived:
                let waived = findings.filter { $0.status == .waived }
                let first = waived[0].waiver!
                xml.element(
                    "skipped", ["message": "waived until \(first.waiver.expires): \(first.waiver.justification)"],
                    text: waived.map(findingBody).joined(separator: "\n\n"))
            case .baselined:
                let known = findings.filter { $0.status == .baselined }
                xml.element(
                    "skipped", ["message": "known finding in the baseline: \(known[0].message)"],
                    text: known.map(findingBody).joined(separator: "\n\n"))
            case .passed, .belowThreshold:
                break
            }
            xml.end()
        }
        return notBlocking
    }

    /// `file:line:col: severity: message [RULE-ID]`, as the text report writes it uncoloured.
    static func line(_ finding: Finding) -> String {
        "\(finding.location): \(finding.severity.rawValue): \(finding.message) [\(finding.ruleID)]"
    }

    /// A finding as failure or skip text: location first (GitHub reporters read it), then evidence,
    /// advice and the waiver or baseline that applied.
    private func findingBody(_ finding: Finding) -> String {
        var lines = [Self.line(finding)]
        if !finding.location.pointer.isEmpty { lines.append("path in file: \(finding.location.pointer)") }
        if !finding.evidence.isEmpty { lines.append("data path: \(finding.evidence.joined(separator: " → "))") }
        lines.append("remediation: \(finding.remediation)")
        if !finding.references.isEmpty { lines.append("references: \(finding.references.joined(separator: "; "))") }
        if !finding.controls.qualifiedIDs.isEmpty {
            lines.append("controls: \(finding.controls.qualifiedIDs.joined(separator: " "))")
        }
        lines.append("fingerprint: \(finding.fingerprint)")
        if let applied = finding.waiver {
            let waiver = applied.waiver
            lines.append(applied.note)
            lines.append(
                "waiver: \(waiver.summary), owner \(waiver.owner), approved by \(waiver.approver), ticket \(waiver.ticket), expires \(waiver.expires) (\(waiver.location))"
            )
        }
        if finding.isInBaseline { lines.append("known finding: in the baseline") }
        return lines.joined(separator: "\n")
    }
}
