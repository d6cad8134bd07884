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
    @Test func readingDoesNotCreateAHistory() throws {
        let (directory, path) = try Self.temporaryPath()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try HistoryStore.existing(path: path) == nil)
        #expect(!FileManager.default.fileExists(atPath: path))
        try HistoryStore(path: path).record(Self.before, label: nil, stack: "s", pack: nil, manifestSHA256: nil)
        #expect(try HistoryStore.existing(path: path)?.audits().count == 1)
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

    @Test func aNewerSchemaIsRefusedAndLeftUntouched() throws {
        let (directory, path) = try Self.temporaryPath()
        defer { try? FileManager.default.removeItem(at: directory) }
        try HistoryStore(path: path).record(Self.before, label: nil, stack: "s", pack: nil, manifestSHA256: nil)
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in try db.execute(sql: "UPDATE schema_version SET version = 2") }
        }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect {
            try HistoryStore(path: path)
        } throws: { error in
            guard case .newerSchema(_, let found, let supported) = error as? HistoryError else { return false }
            return found == 2 && supported == 1
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
}
