import Foundation

/// The output formats Tollgate writes.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, json, junit

    /// The reporter for this format.
    public func reporter(color: Bool = false) -> any Reporter {
        switch self {
        case .text: return TextReporter(color: color)
        case .json: return JSONReporter()
        case .junit: return JUnitReporter()
        }
    }
}

/// Renders a report into one format. Reporters are pure: same report, same bytes.
public protocol Reporter: Sendable {
    func render(_ report: Report) throws -> Data
}
