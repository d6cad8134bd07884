import Foundation

/// The output formats Tollgate writes.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// Compiler-style lines and a summary, for people and CI logs.
    case text
    /// The whole report as JSON, for scripts and dashboards.
    case json
    /// JUnit XML, for the test tabs of Jenkins, GitLab, Azure DevOps and GitHub reporters.
    case junit
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    case sarif
    /// The native XML report (schema `docs/schemas/tollgate-report-1.xsd`), for audit evidence.
    case xml
    /// GitHub Actions workflow commands (`::error file=…`), which annotate files in a run.
    case github
    /// GitLab Code Quality JSON, shown in merge requests.
    case gitlab
    /// A self-contained HTML page (inline CSS, JS and SVG) for people: summary, framework
    /// coverage, findings with filters, data-flow map, record of processing.
    case html

    /// The reporter for this format. `paths` makes file paths relative to the repository root
    /// in the formats that place findings on files (SARIF, GitHub, GitLab).
    public func reporter(color: Bool = false, paths: RepositoryPaths = .asGiven) -> any Reporter {
        switch self {
        case .text: return TextReporter(color: color)
        case .json: return JSONReporter()
        case .junit: return JUnitReporter()
        case .sarif: return SARIFReporter(paths: paths)
        case .xml: return XMLReporter()
        case .github: return GitHubAnnotationsReporter(paths: paths)
        case .gitlab: return GitLabCodeQualityReporter(paths: paths)
        case .html: return HTMLReporter()
        }
    }

    /// The usual file name ending for this format.
    public var fileExtension: String {
        switch self {
        case .text, .github: return "txt"
        case .json, .gitlab: return "json"
        case .junit, .xml: return "xml"
        case .sarif: return "sarif"
        case .html: return "html"
        }
    }
}

/// Renders a report into one format. Reporters are pure: same report, same bytes.
public protocol Reporter: Sendable {
    func render(_ report: Report) throws -> Data
    /// Writes the report into a file being staged. Reporters of documents that grow with the
    /// stack (JUnit, native XML, SARIF) stream into it instead of holding the document in memory.
    func write(_ report: Report, to file: OutputFile.Staged) throws
}

extension Reporter {
    public func write(_ report: Report, to file: OutputFile.Staged) throws {
        try file.write(render(report))
    }
}
