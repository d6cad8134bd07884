import Foundation

/// The findings a team already knows about, by fingerprint, so that `check --baseline` fails
/// only on what is new.
///
/// Fingerprints hash the rule id, the subject and the violation key — never a file name or a
/// line — so a baseline survives reordering and unrelated edits, and a finding about a renamed
/// subject counts as new.
///
/// File format (JSON, version 1), sorted by rule, subject and fingerprint so that diffs in
/// review are small and readable; `rule` and `subject` are there for people:
/// ```json
/// { "as_of": "2026-11-23", "findings": [ { "fingerprint": "…", "rule": "ACC-009",
///   "subject": "account:ben" } ], "tool": "tollgate 0.1.0", "version": 1 }
/// ```
public struct Baseline: Sendable {
    /// One known finding.
    public struct Entry: Sendable, Hashable {
        public let fingerprint: String
        public let rule: String
        public let subject: String
        /// Where the entry is written in the baseline file.
        public let location: SourceLocation

        public init(fingerprint: String, rule: String, subject: String, location: SourceLocation) {
            self.fingerprint = fingerprint
            self.rule = rule
            self.subject = subject
            self.location = location
        }
    }

    public let file: InputFile
    public let entries: [Entry]

    public init(file: InputFile, entries: [Entry]) {
        self.file = file
        self.entries = entries
    }

    /// The baseline file for the findings of `report` that a current waiver does not already
    /// cover (so that an expiring waiver keeps its force instead of hiding in the baseline).
    public static func document(for report: Report) throws -> Data {
        var seen = Set<String>()
        let entries = report.findings.filter { $0.status != .waived && seen.insert($0.fingerprint).inserted }
            .map { FileEntry(fingerprint: $0.fingerprint, rule: $0.ruleID, subject: $0.subject.description) }
            .sorted { ($0.rule, $0.subject, $0.fingerprint) < ($1.rule, $1.subject, $1.fingerprint) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(
            FileDocument(
                version: 1, tool: "tollgate \(report.toolVersion)", asOf: report.asOf.description, findings: entries))
        data.append(0x0A)
        return data
    }

    struct FileDocument: Encodable {
        let version: Int
        let tool: String
        let asOf: String
        let findings: [FileEntry]

        enum CodingKeys: String, CodingKey {
            case version, tool, asOf = "as_of", findings
        }
    }

    struct FileEntry: Encodable {
        let fingerprint: String
        let rule: String
        let subject: String
    }
}
