import Foundation
import GRDB
import Testing
import TollgateKit
import TollgateRules

@testable import TollgateHistory

@Suite("Audit history")
struct HistoryStoreTests {
    static let asOf = Day(iso: "2026-11-23")!

    static func snapshot(_ yaml: String) -> AuditSnapshot {
        let outcome = InventoryLoader().load(text: yaml, name: "stack.yaml")
        #expect(outcome.errors.isEmpty, "\(outcome.errors.map(\.description))")
        return AuditSnapshot(
            Checker(rules: BuiltInRules.all, policy: .allRules(BuiltInRules.catalog)).check(
                outcome.inventory, asOf: asOf))
    }

    static let before = snapshot(
        """
        version: 1
        systems:
          - { id: crm, name: CRM, system_type: crm, subscription: { seats_purchased: 5, seats_assigned: 7 } }
          - { id: ads, name: Ads, system_type: ad_platform, responsibility: joint_controller }
        flows:
          - { id: crm-to-ads, from: crm, to: ads, data_categories: [user.contact.email] }
        accounts:
          - { id: ben, system: crm, kind: human, is_admin: true, mfa_enabled: false }
        """)

    static let after = snapshot(
        """
        version: 1
        systems:
          - { id: crm, name: CRM, system_type: crm, subscription: { seats_purchased: 8, seats_assigned: 7 } }
          - { id: ads, name: Ads, system_type: ad_platform, responsibility: joint_controller }
        flows:
          - { id: crm-to-ads, from: crm, to: ads, data_categories: [user.contact.email, user.name], legal_basis: consent }
        accounts:
          - { id: ben, system: crm, kind: human, is_admin: true, mfa_enabled: true, mfa_methods: [passkey] }
        """)

    static func temporaryPath() throws -> (URL, String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tollgate-history-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return (directory, directory.appendingPathComponent("tollgate-history.sqlite").path)
    }

    struct Interrupted: Error {}

    @Test func recordsAndReadsBackSnapshots() throws {
        let (directory, path) = try Self.temporaryPath()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try HistoryStore(path: path)
        let first = try store.record(
            Self.before, label: "Q2", stack: "stack/", pack: "evidence/q2", manifestSHA256: "ab")
        let second = try store.record(Self.after, label: nil, stack: "stack/", pack: nil, manifestSHA256: nil)
        #expect(first.id == 1 && second.id == 2)
        #expect(first.name == "#1 (Q2)" && second.name == "#2")
        #expect(first.systems == 2 && first.flows == 1 && first.openFindings == Self.before.findings.count)
        // A fresh connection reads back exactly what was recorded.
        let reopened = try HistoryStore(path: path)
        #expect(try reopened.snapshot(1) == Self.before)
        #expect(try reopened.snapshot(2) == Self.after)
        #expect(try reopened.audits().map(\.id) == [1, 2])
        let diff = AuditDiff(before: try reopened.snapshot(1), after: try reopened.snapshot(2))
        #expect(diff.changedFlows.map(\.after.id) == ["crm-to-ads"])
        #expect(diff.seatChanges.map(\.system) == ["crm"])
        #expect(Set(diff.fixedFindings.map(\.ruleID)).isSuperset(of: ["ACC-009", "LIC-001", "PRIV-001"]))
        #expect(diff.newThirdPartyCategories.map(\.description) == ["user.name -> ads"])
        #expect(throws: HistoryError.self) { try reopened.snapshot(3) }
    }

    /// Reading a history that is not there gives none and creates no file; one that is there opens.
    /// A history to read named in a folder that does not exist is a mistyped path (exit 2 in
    /// `tollgate history`), not an empty history (it said "no audits recorded yet" and exit 0);
    /// a missing file in a folder that exists is still an empty history.
    @Test func aHistoryInAMissingFolderIsAnError() throws {
        #expect {
            try HistoryStore.existing(path: "/nonexistent-tollgate/history.sqlite")
        } throws: { error in
            "\(error)".contains("the folder /nonexistent-tollgate does not exist")
        }
        let directory = FileManager.default.temporaryDirectory.path
        #expect(try HistoryStore.existing(path: directory + "/no-history-\(UUID().uuidString).sqlite") == nil)
    }

    @Test func readingDoesNotCreateAHistory() throws {
        let (directory, path) = try Self.temporaryPath()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try HistoryStore.existing(path: path) == nil)
        #expect(!FileManager.default.fileExists(atPath: path))
        try HistoryStore(path: path).record(Self.before, label: nil, stack: "s", pack: nil, manifestSHA256: nil)
        #expect(try HistoryStore.existing(path: path)?.audits().count == 1)
    }

    /// Commands that only read the history never write to it (docs/audits.md §6): an empty file
    /// is read as a history with no audits and stays empty, with no schema written into it.
    @Test func readingAnEmptyFileWritesNothing() throws {
        let (directory, path) = try Self.temporaryPath()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let store = try #require(try HistoryStore.existing(path: path))
        #expect(try store.audits().isEmpty)
        #expect(throws: HistoryError.self) { try store.snapshot(1) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["tollgate-history.sqlite"])
    }

    /// Before an audit runs, its history is opened when it exists and otherwise not created
    /// (the audit may still fail), but a folder it could not be created in is refused then.
    @Test func recordingCreatesNoHistoryUntilThereIsAnAudit() throws {
        let (directory, path) = try Self.temporaryPath()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try HistoryStore.forRecording(path: path) == nil)
        #expect(!FileManager.default.fileExists(atPath: path))
        let nowhere = directory.appendingPathComponent("missing/history.sqlite").path
        #expect(throws: HistoryError.self) { try HistoryStore.forRecording(path: nowhere) }
        #expect(!FileManager.default.fileExists(atPath: nowhere))
        try HistoryStore(path: path).record(Self.before, label: nil, stack: "s", pack: nil, manifestSHA256: nil)
        #expect(try HistoryStore.forRecording(path: path)?.audits().count == 1)
    }

    @Test func anInterruptedWriteLeavesTheHistoryAsItWas() throws {
        let (directory, path) = try Self.temporaryPath()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try HistoryStore(path: path)
        try store.record(Self.before, label: "kept", stack: "s", pack: nil, manifestSHA256: nil)
        for stopAfter in [1, 2, 4] {
            #expect(throws: HistoryError.self) {
                try store.record(
                    Self.after, label: "interrupted", stack: "s", pack: nil, manifestSHA256: nil, recordedAt: .now(),
                    afterRow: { rows in if rows >= stopAfter { throw Interrupted() } })
            }
        }
        let reopened = try HistoryStore(path: path)
        #expect(try reopened.audits().map(\.label) == ["kept"])
        #expect(try reopened.snapshot(1) == Self.before)
        // No orphaned rows of the interrupted audits anywhere.
        let queue = try DatabaseQueue(path: path)
        for table in ["audit_systems", "audit_flows", "audit_seats", "audit_findings"] {
            let orphans = try queue.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) WHERE audit_id <> 1")
            }
            #expect(orphans == 0, "\(table)")
        }
        try reopened.record(Self.after, label: "next", stack: "s", pack: nil, manifestSHA256: nil)
        #expect(try reopened.audits().map(\.label) == ["kept", "next"])
    }

    /// A history another connection keeps locked is busy, not "not a readable Tollgate history".
    @Test func aLockedHistoryIsBusy() throws {
        let (directory, path) = try Self.temporaryPath()
        defer { try? FileManager.default.removeItem(at: directory) }
        try HistoryStore(path: path).record(Self.before, label: nil, stack: "s", pack: nil, manifestSHA256: nil)
        let other = try DatabaseQueue(path: path)
        try other.inTransaction(.exclusive) { _ in
            #expect {
                try HistoryStore.existing(path: path)
            } throws: { error in
                guard case .busy = error as? HistoryError else { return false }
                return "\(error)".contains("the history is busy") && !"\(error)".contains("not a readable")
            }
            return .rollback
        }
    }

    @Test func aNewerSchemaIsRefusedAndLeftUntouched() throws {
        let (directory, path) = try Self.temporaryPath()
        defer { try? FileManager.default.removeItem(at: directory) }
        try HistoryStore(path: path).record(Self.before, label: nil, stack: "s", pack: nil, manifestSHA256: nil)
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in try db.execute(sql: "UPDATE schema_version SET version = 3") }
        }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect {
            try HistoryStore(path: path)
        } throws: { error in
            guard case .newerSchema(_, let found, let supported) = error as? HistoryError else { return false }
            return found == 3 && supported == HistoryStore.schemaVersion
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
        let message = "\(HistoryError.newerSchema(path: "h.sqlite", found: 2, supported: 1))"
        #expect(message.contains("use a newer Tollgate"))
    }

    @Test func somethingElseIsNotTakenForAHistory() throws {
        let (directory, path) = try Self.temporaryPath()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Another application's SQLite database.
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in try db.execute(sql: "CREATE TABLE notes (text TEXT)") }
        }
        #expect(throws: HistoryError.self) { try HistoryStore(path: path) }
        // Not a database at all.
        let garbage = directory.appendingPathComponent("garbage.sqlite").path
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: garbage))
        #expect(throws: HistoryError.self) { try HistoryStore(path: garbage) }
        // A schema_version row Tollgate never wrote.
        let zero = directory.appendingPathComponent("zero.sqlite").path
        do {
            let queue = try DatabaseQueue(path: zero)
            try queue.write { db in
                try db.execute(
                    sql: "CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (0)"
                )
            }
        }
        #expect(throws: HistoryError.self) { try HistoryStore(path: zero) }
    }

    /// `tollgate history` prints labels as line-based reports print declaration text: escaped.
    @Test func theTableEscapesLabels() throws {
        let (directory, path) = try Self.temporaryPath()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try HistoryStore(path: path)
        try store.record(Self.before, label: "q\u{1B}[2J\n::error::lbl", stack: "s", pack: "p\tq", manifestSHA256: nil)
        let text = HistoryTable.text(try store.audits())
        #expect(text.contains("q\\u{1B}[2J\\n::error::lbl"), "\(text)")
        #expect(text.contains("p\\tq"))
        #expect(!text.contains("\u{1B}") && !text.contains("\t"))
        #expect(text.split(separator: "\n").count == 2)
    }

    /// A history as schema 1 wrote it (Tollgate before the rules that ran were kept), with one audit.
    static func schemaOneHistory(at path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE schema_version (version INTEGER NOT NULL);
                    INSERT INTO schema_version (version) VALUES (1);
                    CREATE TABLE audits (
                      id INTEGER PRIMARY KEY AUTOINCREMENT, label TEXT, as_of TEXT NOT NULL, recorded_at TEXT NOT NULL,
                      tool_version TEXT NOT NULL, stack TEXT NOT NULL, pack TEXT, manifest_sha256 TEXT);
                    CREATE TABLE audit_systems (
                      audit_id INTEGER NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
                      id TEXT NOT NULL, name TEXT NOT NULL, vendor TEXT, responsibility TEXT, PRIMARY KEY (audit_id, id));
                    CREATE TABLE audit_flows (
                      audit_id INTEGER NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
                      id TEXT NOT NULL, source TEXT NOT NULL, destination TEXT NOT NULL, categories TEXT NOT NULL,
                      data_use TEXT, legal_basis TEXT, to_third_party INTEGER NOT NULL, PRIMARY KEY (audit_id, id));
                    CREATE TABLE audit_seats (
                      audit_id INTEGER NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
                      system TEXT NOT NULL, purchased INTEGER, assigned INTEGER, PRIMARY KEY (audit_id, system));
                    CREATE TABLE audit_findings (
                      audit_id INTEGER NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
                      fingerprint TEXT NOT NULL, rule_id TEXT NOT NULL, subject TEXT NOT NULL, severity TEXT NOT NULL,
                      status TEXT NOT NULL, message TEXT NOT NULL, waiver_ticket TEXT);
                    INSERT INTO audits VALUES (1, 'old', '2026-08-01', '2026-08-01T10:00:00Z', '0.1.0', 's', NULL, NULL);
                    INSERT INTO audit_systems VALUES (1, 'crm', 'CRM', NULL, NULL);
                    INSERT INTO audit_findings VALUES (1, 'f1', 'ACC-009', 'account:ben', 'high', 'open', 'm', NULL);
                    """)
        }
    }

    /// Which rules ran is kept with each audit (schema 2). A schema 1 history is read as it is,
    /// without writing to it, its audits' rules unknown rather than guessed; recording an audit
    /// migrates it in that audit's transaction and keeps the old audits readable.
    @Test func rulesAreRecordedAndASchemaOneHistoryIsMigrated() throws {
        let (directory, path) = try Self.temporaryPath()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(Self.before.rules?.contains("ACC-009") == true)
        try Self.schemaOneHistory(at: path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let reader = try #require(try HistoryStore.existing(path: path))
        #expect(try reader.audits().map(\.ruleIDs) == [nil])
        #expect(try reader.snapshot(1).rules == nil)
        #expect(try reader.snapshot(1).findings.map(\.ruleID) == ["ACC-009"])
        #expect(HistoryTable.text(try reader.audits()).contains("rules ?: recorded by an older Tollgate"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes, "reading leaves the file as it was")

        let writer = try #require(try HistoryStore.forRecording(path: path))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes, "opening migrates nothing yet")
        let recorded = try writer.record(Self.before, label: "new", stack: "s", pack: nil, manifestSHA256: nil)
        #expect(recorded.ruleIDs == Self.before.rules)
        let version = try DatabaseQueue(path: path).read { db in
            try Int.fetchOne(db, sql: "SELECT version FROM schema_version")
        }
        #expect(version == HistoryStore.schemaVersion)
        let reopened = try #require(try HistoryStore.existing(path: path))
        #expect(try reopened.audits().map { $0.ruleIDs?.count } == [nil, Self.before.rules?.count])
        #expect(try reopened.snapshot(2) == Self.before)
        let diff = AuditDiff(before: try reopened.snapshot(1), after: try reopened.snapshot(2))
        #expect(!diff.rulesRecorded && diff.addedRules.isEmpty)
        #expect(
            diff.text(beforeName: "audit #1", afterName: "audit #2").contains("audit #1 did not record which rules ran")
        )
        let table = HistoryTable.text(try reopened.audits())
        #expect(table.contains("(rules not recorded)"), "\(table)")
    }

    /// The trend between audits that ran other rules is neither better nor worse, and says so.
    @Test func theTrendMarksOtherRules() throws {
        let (directory, path) = try Self.temporaryPath()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try HistoryStore(path: path)
        try store.record(Self.before, label: "all", stack: "s", pack: nil, manifestSHA256: nil)
        let fewer = AuditSnapshot(
            asOf: Self.before.asOf, toolVersion: Self.before.toolVersion, systems: Self.before.systems,
            flows: Self.before.flows, seats: Self.before.seats,
            findings: Self.before.findings.filter { $0.ruleID != "ACC-009" },
            rules: Self.before.rules?.filter { $0 != "ACC-009" })
        try store.record(fewer, label: "fewer", stack: "s", pack: nil, manifestSHA256: nil)
        try store.record(fewer, label: "same", stack: "s", pack: nil, manifestSHA256: nil)
        let lines = HistoryTable.text(try store.audits()).split(separator: "\n")
        #expect(lines[2].contains("(rules differ: +0 -1)") && !lines[2].contains("better"), "\(lines)")
        #expect(lines[3].hasSuffix("  ="), "\(lines)")
    }
}
