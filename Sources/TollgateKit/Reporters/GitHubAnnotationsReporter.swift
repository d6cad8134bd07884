import Foundation

/// GitHub Actions workflow commands that annotate files in a run:
/// `::error file=…,line=…,col=…,title=…::message`.
///
/// Findings that fail the run are `error`s; other open findings are `warning`s (medium and
/// above) or `notice`s. Waived and baselined findings are not annotated: they are accepted or
/// known, and annotations are scarce (GitHub shows 10 of each kind per step and 50 per job, in
/// the order printed, so findings are printed most severe first). Input problems
/// and reviewer notes (expired or stale waivers) are annotated at their file too; notes that
/// need no action (waivers whose rule did not run) are `notice`s.
///
/// Escaping follows the runner's workflow-command parser: in the message `%`, CR and LF become
/// `%25`, `%0D`, `%0A`; in properties `:` and `,` also become `%3A` and `%2C`. Other control
/// characters are replaced with U+FFFD so a finding cannot smuggle terminal escapes or a second
/// command into the log.
public struct GitHubAnnotationsReporter: Reporter {
    public let paths: RepositoryPaths

    public init(paths: RepositoryPaths = .asGiven) {
        self.paths = paths
    }

    public func render(_ report: Report) throws -> Data {
        var lines: [String] = []
        var displayPaths = DisplayPathCache(paths)
        for diagnostic in report.diagnostics {
            lines.append(
                command(
                    Self.annotationKind(diagnostic.level), diagnostic.location,
                    file: displayPaths.display(diagnostic.location.file), title: "Tollgate input",
                    message: diagnostic.text))
        }
        // GitHub shows the first 10 annotations of each kind per step (50 per job) and drops
        // the rest, so the most severe come first; findings are otherwise in report order.
        let open = report.findings.filter { $0.status == .open }
        let mostSevereFirst = open.indices.sorted { a, b in
            open[a].severity != open[b].severity ? open[a].severity > open[b].severity : a < b
        }
        for finding in mostSevereFirst.map({ open[$0] }) {
            let kind = report.isBlocking(finding) ? "error" : (finding.severity >= .medium ? "warning" : "notice")
            var message = "\(finding.severity.rawValue): \(finding.message)\(Self.subjectSuffix(finding))"
            if let waiver = finding.waiver { message += "\n\(waiver.note)" }
            if !finding.evidence.isEmpty { message += "\npath: \(finding.evidence.joined(separator: " → "))" }
            message += "\nremediation: \(finding.remediation)"
            lines.append(
                command(
                    kind, finding.location, file: displayPaths.display(finding.location.file),
                    title: "\(finding.ruleID) \(finding.ruleTitle)", message: message))
        }
        lines.append(TextReporter().summary(report))
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// ` (kind:id)` after a message that does not name its subject. Messages that quote the
    /// subject's id (`admin account 'ben' has no MFA`) already say which one, and repeating it
    /// reads as noise; messages about a count or a field (`7 seats assigned exceed …`) still need it.
    static func subjectSuffix(_ finding: Finding) -> String {
        finding.message.contains("'\(finding.subject.id)'") ? "" : " (\(finding.subject))"
    }

    /// The workflow command for a diagnostic: a note needs no action, so it is a `notice`.
    static func annotationKind(_ level: Diagnostic.Level) -> String {
        switch level {
        case .error: return "error"
        case .warning: return "warning"
        case .note: return "notice"
        }
    }

    /// `file` is the location's display path.
    private func command(
        _ kind: String, _ location: SourceLocation, file: String, title: String, message: String
    ) -> String {
        let properties = [
            ("file", file), ("line", String(location.line)), ("col", String(location.column)),
            ("title", title),
        ]
        let list = properties.map { "\($0)=\(Self.escapeProperty($1))" }.joined(separator: ",")
        return "::\(kind) \(list)::\(Self.escapeData(message))"
    }

    /// Escapes a command's message.
    public static func escapeData(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            case "\t": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                out.unicodeScalars.append("\u{FFFD}")
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Escapes a property value: the message escapes plus `:` and `,`.
    public static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
