import Foundation

/// GitLab Code Quality JSON (a subset of the Code Climate issue format), which GitLab shows in
/// merge requests: one issue per open or baselined finding with `description`, `check_name`,
/// `fingerprint`, `severity` (`info`, `minor`, `major`, `critical`, `blocker`) and
/// `location.path` + `location.lines.begin`, the path relative to the repository root.
///
/// Waived findings are left out: they are accepted exceptions, not quality issues to show in
/// a merge request. Baselined findings stay: GitLab compares with the target branch itself.
/// Errors in the input are issues too (`tollgate/invalid-input`, blocker): a run that checked
/// nothing would otherwise show an empty widget, as if the merge request were clean.
public struct GitLabCodeQualityReporter: Reporter {
    public let paths: RepositoryPaths

    public init(paths: RepositoryPaths = .asGiven) {
        self.paths = paths
    }

    public func render(_ report: Report) throws -> Data {
        var displayPaths = DisplayPathCache(paths)
        let inputErrors = report.diagnostics.filter { $0.level == .error }.map { diagnostic in
            let path = displayPaths.display(diagnostic.location.file)
            return Issue(
                description: "invalid input: \(diagnostic.text)", checkName: InputErrorIssue.checkName,
                fingerprint: InputErrorIssue.fingerprint(diagnostic, displayPath: path), severity: "blocker",
                location: IssueLocation(path: path, lines: Lines(begin: max(diagnostic.location.line, 1))))
        }
        let issues =
            inputErrors
            + report.findings.filter { $0.status != .waived }.map { finding in
                Issue(
                    description: "\(finding.ruleID): \(finding.message) (\(finding.subject))",
                    checkName: finding.ruleID,
                    fingerprint: finding.fingerprint, severity: Self.severity(finding.severity),
                    location: IssueLocation(
                        path: displayPaths.display(finding.location.file),
                        lines: Lines(begin: max(finding.location.line, 1))))
            }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(issues)
        data.append(0x0A)
        return data
    }

    /// Code Quality's five levels: info → info, low → minor, medium → major, high → critical,
    /// critical → blocker.
    static func severity(_ severity: Severity) -> String {
        switch severity {
        case .info: return "info"
        case .low: return "minor"
        case .medium: return "major"
        case .high: return "critical"
        case .critical: return "blocker"
        }
    }

    struct Issue: Encodable {
        let type = "issue"
        let description: String
        let checkName: String
        let fingerprint: String
        let severity: String
        let location: IssueLocation

        enum CodingKeys: String, CodingKey {
            case type, description, checkName = "check_name", fingerprint, severity, location
        }
    }

    struct IssueLocation: Encodable {
        let path: String
        let lines: Lines
    }

    struct Lines: Encodable {
        let begin: Int
    }
}
