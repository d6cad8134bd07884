import GRDB

/// One recorded audit, as `tollgate history` lists it.
public struct AuditRecord: Sendable, Hashable {
    /// Increasing with every audit recorded in this database.
    public let id: Int64
    /// A name the auditor gave it, e.g. `2026-Q3`.
    public let label: String?
    public let asOf: String
    /// When it was recorded (the real clock, UTC).
    public let recordedAt: String
    public let toolVersion: String
    /// The stack paths that were audited.
    public let stack: String
    /// The evidence pack written, and the SHA-256 of its signed manifest.
    public let pack: String?
    public let manifestSHA256: String?
    public let systems: Int
    public let flows: Int
    /// Open (not waived, not baselined) findings, and those of them that are critical or high.
    public let openFindings: Int
    public let seriousFindings: Int
    public let waivedFindings: Int
    /// The ids of the rules that ran, sorted; nil for an audit recorded before the history kept
    /// them (schema 1).
    public let ruleIDs: [String]?

    /// `#3 (2026-Q3)` or `#3`.
    public var name: String { "#\(id)" + (label.map { " (\($0))" } ?? "") }

    init(_ row: Row, rules: [String]?) {
        id = row["id"]
        label = row["label"]
        asOf = row["as_of"]
        recordedAt = row["recorded_at"]
        toolVersion = row["tool_version"]
        stack = row["stack"]
        pack = row["pack"]
        manifestSHA256 = row["manifest_sha256"]
        systems = row["system_count"]
        flows = row["flow_count"]
        openFindings = row["open_count"]
        seriousFindings = row["serious_count"]
        waivedFindings = row["waived_count"]
        ruleIDs = rules
    }
}
