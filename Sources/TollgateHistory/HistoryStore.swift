import Foundation
import GRDB
import TollgateKit

/// The audit history: an embedded SQLite database (via GRDB) that keeps a snapshot of every
/// audit, so `tollgate audit diff` and `tollgate history` can answer "what changed since last
/// quarter?" without keeping old stacks around.
///
/// Every audit is written in one transaction: an interrupted write (a crash, a full disk, a
/// killed job) leaves the database as it was before. The schema version is kept in its own
/// table; a database written by a newer Tollgate is refused rather than misread or "upgraded".
/// One written by an older Tollgate is read as it is, and migrated only when an audit is
/// recorded into it, in that audit's transaction. Owns the database connection, hence a class.
///
/// Schema versions: 1, the audits with their systems, flows, seats and findings; 2 adds the
/// rules that ran (`audit_rules`, and `audits.rules_recorded`, 0 for audits recorded under 1).
public final class HistoryStore: Sendable {
    /// The schema this build reads and writes.
    public static let schemaVersion = 2
    /// The database file used when `--history` is not given, in the working directory.
    public static let defaultPath = "tollgate-history.sqlite"

    public let path: String
    private let queue: DatabaseQueue
    /// The schema version found when opened: 0 for an empty file opened for reading, which
    /// holds no audits.
    private let version: Int

    /// Opens (creating it when missing) the history at `path` for recording audits, checking
    /// its schema version.
    public convenience init(path: String) throws(HistoryError) {
        try self.init(path: path, readOnly: false)
    }

    private init(path: String, readOnly: Bool) throws(HistoryError) {
        self.path = path
        do {
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            configuration.busyMode = .timeout(5)
            configuration.readonly = readOnly
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw Self.unreadable(path, error)
        }
        do {
            version =
                readOnly
                ? try queue.read { db in try Self.schemaVersion(db, path: path) ?? 0 }
                : try queue.write { db in try Self.prepareSchema(db, path: path) }
        } catch let error as HistoryError {
            throw error
        } catch {
            throw Self.unreadable(path, error)
        }
    }

    /// Opens the history at `path` for reading if the file exists, and gives nil if it does
    /// not: commands that only read the history (`history`, `audit diff`) never write to it, so
    /// they leave neither an empty history behind nor a schema in an empty file, and read one
    /// of an older schema as it is.
    /// A history named in a folder that does not exist is an error, not an empty history: the
    /// path is mistyped, and "no audits recorded yet" with exit 0 hid that.
    public static func existing(path: String) throws(HistoryError) -> HistoryStore? {
        guard FileManager.default.fileExists(atPath: path) else {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                throw HistoryError.noFolder(path: path, folder: folder)
            }
            return nil
        }
        return try HistoryStore(path: path, readOnly: true)
    }

    /// Opens the history at `path` for recording an audit if the file exists, and gives nil if it
    /// does not, once its folder is known to be writable. An audit checks its history before it
    /// runs, so that one it cannot write stops it before any pack exists, but creates a missing
    /// one only when there is an audit to record: a run that fails leaves no empty history behind.
    public static func forRecording(path: String) throws(HistoryError) -> HistoryStore? {
        if FileManager.default.fileExists(atPath: path) { return try HistoryStore(path: path) }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue,
            FileManager.default.isWritableFile(atPath: folder)
        else { throw HistoryError.cannotCreate(path: path, folder: folder) }
        return nil
    }

    /// The schema version of a Tollgate history this build reads, or nil for a database with
    /// no tables at all (an empty file).
    private static func schemaVersion(_ db: Database, path: String) throws -> Int? {
        if try db.tableExists("schema_version") {
            guard let version = try Int.fetchOne(db, sql: "SELECT version FROM schema_version") else {
                throw HistoryError.unreadable(path: path, detail: "the schema_version table is empty")
            }
            if version > schemaVersion {
                throw HistoryError.newerSchema(path: path, found: version, supported: schemaVersion)
            }
            if version < 1 {
                throw HistoryError.unreadable(path: path, detail: "schema version \(version) is not one Tollgate wrote")
            }
            return version
        }
        let existing = try String.fetchAll(
            db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        guard existing.isEmpty else {
            throw HistoryError.unreadable(
                path: path,
                detail: "it holds tables (\(existing.sorted().joined(separator: ", "))) but no Tollgate schema_version")
        }
        return nil
    }

    /// Creates the schema in an empty database, or checks the version of an existing one.
    private static func prepareSchema(_ db: Database, path: String) throws -> Int {
        if let version = try schemaVersion(db, path: path) { return version }
        try db.execute(
            sql: """
                CREATE TABLE schema_version (version INTEGER NOT NULL);
                INSERT INTO schema_version (version) VALUES (\(schemaVersion));
                CREATE TABLE audits (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  label TEXT,
                  as_of TEXT NOT NULL,
                  recorded_at TEXT NOT NULL,
                  tool_version TEXT NOT NULL,
                  stack TEXT NOT NULL,
                  pack TEXT,
                  manifest_sha256 TEXT,
                  rules_recorded INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE audit_systems (
                  audit_id INTEGER NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
                  id TEXT NOT NULL, name TEXT NOT NULL, vendor TEXT, responsibility TEXT,
                  PRIMARY KEY (audit_id, id)
                );
                CREATE TABLE audit_flows (
                  audit_id INTEGER NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
                  id TEXT NOT NULL, source TEXT NOT NULL, destination TEXT NOT NULL,
                  categories TEXT NOT NULL, data_use TEXT, legal_basis TEXT, to_third_party INTEGER NOT NULL,
                  PRIMARY KEY (audit_id, id)
                );
                CREATE TABLE audit_seats (
                  audit_id INTEGER NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
                  system TEXT NOT NULL, purchased INTEGER, assigned INTEGER,
                  PRIMARY KEY (audit_id, system)
                );
                CREATE TABLE audit_findings (
                  audit_id INTEGER NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
                  fingerprint TEXT NOT NULL, rule_id TEXT NOT NULL, subject TEXT NOT NULL, severity TEXT NOT NULL,
                  status TEXT NOT NULL, message TEXT NOT NULL, waiver_ticket TEXT
                );
                CREATE INDEX audit_findings_by_audit ON audit_findings (audit_id, fingerprint);
                """)
        try createRulesTable(db)
        return schemaVersion
    }

    /// Schema 2's table of the rules that ran with each audit.
    private static func createRulesTable(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE audit_rules (
                  audit_id INTEGER NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
                  rule_id TEXT NOT NULL,
                  PRIMARY KEY (audit_id, rule_id)
                );
                """)
    }

    /// Brings a history of an older schema to this one, inside the transaction that records an
    /// audit (so a failed audit leaves it as it was, readable by the Tollgate that wrote it).
    /// The audits already recorded keep `rules_recorded = 0`: which rules ran is not known.
    private static func migrate(_ db: Database, path: String) throws {
        guard let version = try schemaVersion(db, path: path), version < schemaVersion else { return }
        if version < 2 {
            try db.execute(sql: "ALTER TABLE audits ADD COLUMN rules_recorded INTEGER NOT NULL DEFAULT 0")
            try createRulesTable(db)
        }
        try db.execute(sql: "UPDATE schema_version SET version = ?", arguments: [schemaVersion])
    }

    // MARK: - Writing

    /// Records one audit and returns it. All rows are written in one transaction.
    @discardableResult
    public func record(
        _ snapshot: AuditSnapshot, label: String?, stack: String, pack: String?, manifestSHA256: String?,
        recordedAt: Timestamp = .now()
    ) throws(HistoryError) -> AuditRecord {
        try record(
            snapshot, label: label, stack: stack, pack: pack, manifestSHA256: manifestSHA256, recordedAt: recordedAt,
            afterRow: nil)
    }

    /// `afterRow` is called after each row is inserted, with the number of rows so far; tests
    /// throw from it to interrupt the write half-way.
    func record(
        _ snapshot: AuditSnapshot, label: String?, stack: String, pack: String?, manifestSHA256: String?,
        recordedAt: Timestamp, afterRow: (@Sendable (Int) throws -> Void)?
    ) throws(HistoryError) -> AuditRecord {
        do {
            let id = try queue.write { db -> Int64 in
                var rows = 0
                func inserted() throws {
                    rows += 1
                    try afterRow?(rows)
                }
                try Self.migrate(db, path: path)
                try db.execute(
                    sql: """
                        INSERT INTO audits (label, as_of, recorded_at, tool_version, stack, pack, manifest_sha256,
                          rules_recorded)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        label, snapshot.asOf, recordedAt.description, snapshot.toolVersion, stack, pack, manifestSHA256,
                        snapshot.rules != nil,
                    ])
                let id = db.lastInsertedRowID
                try inserted()
                for rule in snapshot.rules ?? [] {
                    try db.execute(sql: "INSERT INTO audit_rules VALUES (?, ?)", arguments: [id, rule])
                    try inserted()
                }
                for system in snapshot.systems {
                    try db.execute(
                        sql: "INSERT INTO audit_systems VALUES (?, ?, ?, ?, ?)",
                        arguments: [id, system.id, system.name, system.vendor, system.responsibility])
                    try inserted()
                }
                for flow in snapshot.flows {
                    try db.execute(
                        sql: "INSERT INTO audit_flows VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        arguments: [
                            id, flow.id, flow.from, flow.to, Self.encode(flow.categories), flow.dataUse,
                            flow.legalBasis,
                            flow.toThirdParty,
                        ])
                    try inserted()
                }
                for seat in snapshot.seats {
                    try db.execute(
                        sql: "INSERT INTO audit_seats VALUES (?, ?, ?, ?)",
                        arguments: [id, seat.system, seat.purchased, seat.assigned])
                    try inserted()
                }
                for finding in snapshot.findings {
                    try db.execute(
                        sql: "INSERT INTO audit_findings VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        arguments: [
                            id, finding.fingerprint, finding.ruleID, finding.subject, finding.severity, finding.status,
                            finding.message, finding.waiverTicket,
                        ])
                    try inserted()
                }
                return id
            }
            return try audit(id)
        } catch let error as HistoryError {
            throw error
        } catch {
            throw HistoryError.writeFailed(path: path, detail: Self.describe(error))
        }
    }

    // MARK: - Reading

    /// Every recorded audit, oldest first.
    public func audits() throws(HistoryError) -> [AuditRecord] {
        guard version > 0 else { return [] }
        return try read { db in
            let rules = try rulesByAudit(db, sql: "SELECT audit_id, rule_id FROM audit_rules")
            return try Row.fetchAll(db, sql: Self.auditQuery + " ORDER BY a.id").map { row in
                AuditRecord(row, rules: rules[row["id"]])
            }
        }
    }

    /// The audit with `id`.
    public func audit(_ id: Int64) throws(HistoryError) -> AuditRecord {
        guard version > 0 else { throw HistoryError.unknownAudit(path: path, id: id) }
        let found = try read { db in
            let rules = try rulesByAudit(
                db, sql: "SELECT audit_id, rule_id FROM audit_rules WHERE audit_id = ?", arguments: [id])
            return try Row.fetchOne(db, sql: Self.auditQuery + " WHERE a.id = ?", arguments: [id]).map { row in
                AuditRecord(row, rules: rules[id])
            }
        }
        guard let found else { throw HistoryError.unknownAudit(path: path, id: id) }
        return found
    }

    /// The rules recorded per audit (schema 2 on): an audit recorded with its rules has an
    /// entry, one recorded before (`rules_recorded = 0`) has none.
    private func rulesByAudit(
        _ db: Database, sql: String, arguments: StatementArguments = []
    ) throws -> [Int64: [String]] {
        guard try db.tableExists("audit_rules") else { return [:] }
        var rules: [Int64: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id FROM audits WHERE rules_recorded <> 0") {
            rules[row["id"], default: []] = []
        }
        for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
            rules[row["audit_id"], default: []].append(row["rule_id"])
        }
        return rules.mapValues { $0.sorted() }
    }

    /// The snapshot stored for audit `id`.
    public func snapshot(_ id: Int64) throws(HistoryError) -> AuditSnapshot {
        let record = try audit(id)
        return try read { db in
            let systems = try Row.fetchAll(db, sql: "SELECT * FROM audit_systems WHERE audit_id = ?", arguments: [id])
                .map {
                    AuditSnapshot.SystemEntry(
                        id: $0["id"], name: $0["name"], vendor: $0["vendor"], responsibility: $0["responsibility"])
                }
            let flows = try Row.fetchAll(db, sql: "SELECT * FROM audit_flows WHERE audit_id = ?", arguments: [id]).map {
                AuditSnapshot.FlowEntry(
                    id: $0["id"], from: $0["source"], to: $0["destination"], categories: Self.decode($0["categories"]),
                    dataUse: $0["data_use"], legalBasis: $0["legal_basis"], toThirdParty: $0["to_third_party"])
            }
            let seats = try Row.fetchAll(db, sql: "SELECT * FROM audit_seats WHERE audit_id = ?", arguments: [id]).map {
                AuditSnapshot.SeatEntry(system: $0["system"], purchased: $0["purchased"], assigned: $0["assigned"])
            }
            let findings = try Row.fetchAll(db, sql: "SELECT * FROM audit_findings WHERE audit_id = ?", arguments: [id])
                .map {
                    AuditSnapshot.FindingEntry(
                        fingerprint: $0["fingerprint"], ruleID: $0["rule_id"], subject: $0["subject"],
                        severity: $0["severity"], status: $0["status"], message: $0["message"],
                        waiverTicket: $0["waiver_ticket"])
                }
            return AuditSnapshot(
                asOf: record.asOf, toolVersion: record.toolVersion, systems: systems, flows: flows, seats: seats,
                findings: findings, rules: record.ruleIDs)
        }
    }

    private static let auditQuery = """
        SELECT a.*,
          (SELECT COUNT(*) FROM audit_systems s WHERE s.audit_id = a.id) AS system_count,
          (SELECT COUNT(*) FROM audit_flows f WHERE f.audit_id = a.id) AS flow_count,
          (SELECT COUNT(*) FROM audit_findings x WHERE x.audit_id = a.id AND x.status = 'open') AS open_count,
          (SELECT COUNT(*) FROM audit_findings x WHERE x.audit_id = a.id AND x.status = 'open' AND x.severity IN ('critical', 'high')) AS serious_count,
          (SELECT COUNT(*) FROM audit_findings x WHERE x.audit_id = a.id AND x.status = 'waived') AS waived_count
        FROM audits a
        """

    private func read<T>(_ body: (Database) throws -> T) throws(HistoryError) -> T {
        do {
            return try queue.read(body)
        } catch {
            throw Self.unreadable(path, error)
        }
    }

    /// Why the history at `path` could not be opened or read: busy (locked by another
    /// connection past the wait), or unreadable.
    private static func unreadable(_ path: String, _ error: any Error) -> HistoryError {
        if let error = error as? DatabaseError, error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            return .busy(path: path)
        }
        return .unreadable(path: path, detail: describe(error))
    }

    private static func encode(_ list: [String]) -> String {
        let data =
            (try? JSONSerialization.data(withJSONObject: list, options: [.withoutEscapingSlashes])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    private static func decode(_ text: String) -> [String] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String] ?? []
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }
}
