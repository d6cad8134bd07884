import Foundation

/// Compiler-style text: `file:line:col: severity: message [RULE-ID]`, which editors and CI
/// logs turn into links, followed by a one-paragraph summary.
///
/// Every string that comes from the declarations (paths, messages that quote names and
/// descriptions, evidence, waiver tickets) is printed with its control characters escaped
/// (`ControlCharacters.escaped`): one finding is one line, and none can start a line of its
/// own, such as a forged `::error` workflow command on GitHub Actions, or drive the terminal.
public struct TextReporter: Reporter {
    /// Whether to colour severities with ANSI escapes (the CLI decides: TTY and no NO_COLOR).
    public let color: Bool

    public init(color: Bool = false) {
        self.color = color
    }

    public func render(_ report: Report) throws -> Data {
        var out = ""
        for diagnostic in report.diagnostics {
            out +=
                "\(safe(diagnostic.location)): \(paint(diagnostic.level.rawValue, Self.colorCode(diagnostic.level))): "
            out += ControlCharacters.escaped(diagnostic.text) + "\n"
        }
        if report.isInvalidInput { return Data((out + summary(report) + "\n").utf8) }
        for finding in report.findings {
            out += "\(safe(finding.location)): \(paint(finding.severity.rawValue, Self.colorCode(finding.severity))): "
            out += ControlCharacters.escaped("\(finding.message) [\(finding.ruleID)]\(Self.statusNote(finding))") + "\n"
            if !finding.evidence.isEmpty {
                out += "    path: \(ControlCharacters.escaped(finding.evidence.joined(separator: " → ")))\n"
            }
        }
        out += summary(report) + "\n"
        return Data(out.utf8)
    }

    /// The run in one line: what was found and whether it passed, or, when the input was
    /// invalid, that nothing was checked (every other report that ends with this line, such as
    /// the GitHub annotations, then cannot read "passed" for a run that exits 2).
    public func summary(_ report: Report) -> String {
        if report.isInvalidInput {
            let errors = report.diagnostics.filter { $0.level == .error }.count
            return errors.counted("error") + " in the input; nothing was checked"
        }
        let rules = report.results.count
        let tally = report.tally
        let counts = Severity.allCases.reversed().compactMap { severity -> String? in
            let count = tally.count(severity)
            return count == 0 ? nil : "\(count) \(severity.rawValue)"
        }
        let findings = tally.total
        var text = findings.counted("finding")
        let waived = tally.waived
        let baselined = tally.baselined
        var exceptions: [String] = []
        if waived > 0 { exceptions.append("\(waived) waived") }
        if baselined > 0 { exceptions.append("\(baselined) in baseline") }
        if !counts.isEmpty {
            text +=
                " (\(counts.joined(separator: ", "))\(exceptions.isEmpty ? "" : "; " + exceptions.joined(separator: ", ")))"
        }
        text +=
            " from \(report.evaluationCount.counted("check")) by \(rules.counted("rule")) as of \(report.asOf)"
        switch report.failOn {
        case .never:
            text += "; report only (--fail-on none)"
        case .atOrAbove(let severity):
            let blocking = tally.blocking
            if blocking > 0 {
                text += "; " + paint("\(blocking) at or above \(severity): failed", "31;1")
            } else {
                text += "; " + paint("none at or above \(severity): passed", "32")
            }
        }
        return text
    }

    /// What waivers and the baseline did to a finding, as a suffix for its line.
    static func statusNote(_ finding: Finding) -> String {
        if let waiver = finding.waiver {
            return waiver.waives
                ? " (waived until \(waiver.waiver.expires), \(waiver.waiver.ticket))"
                : " (waiver expired on \(waiver.waiver.expires), \(waiver.waiver.ticket)\(finding.isInBaseline ? "; in baseline" : ""))"
        }
        return finding.isInBaseline ? " (in baseline)" : ""
    }

    private func safe(_ location: SourceLocation) -> String {
        ControlCharacters.escaped(location.description)
    }

    private func paint(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    static func colorCode(_ level: Diagnostic.Level) -> String {
        switch level {
        case .error: return "31;1"
        case .warning: return "33"
        case .note: return "36"
        }
    }

    static func colorCode(_ severity: Severity) -> String {
        switch severity {
        case .critical: return "35;1"
        case .high: return "31;1"
        case .medium: return "33;1"
        case .low: return "36"
        case .info: return "2"
        }
    }
}
