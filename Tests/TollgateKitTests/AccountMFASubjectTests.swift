import Foundation
import Testing
import TollgateRules

@testable import TollgateKit

/// ACC-008's finding about one person's account is about that account (`account:ID`), so a
/// waiver, a baseline entry and a JUnit test case name it; the system's own finding stays
/// `system:ID`.
@Suite("ACC-008 account subjects")
struct AccountMFASubjectTests {
    static func report() throws -> Report {
        let users = [
            AccountImportTests.user("ann@example.com", enrolled: false),
            AccountImportTests.user("ben@example.com", enrolled: false),
            AccountImportTests.user("cy@example.com", enrolled: true),
        ]
        let stack = AccountImportTests.stack.replacingOccurrences(of: "mfa_enforced: all", with: "mfa_enforced: admins")
        let directory = try AccountImportTests.directory([
            "users.json": AccountImportTests.usersList(users), "stack.yaml": stack,
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        return AccountImportTests.check([directory.path])
    }

    @Test func eachAccountIsItsOwnSubject() throws {
        let report = try Self.report()
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let findings = AccountImportTests.findings(report, "ACC-008")
        #expect(
            findings.map { "\($0.subject) \($0.location.pointer)" } == [
                "system:gws /systems/0/security/mfa_enforced",
                "account:gws/ann@example.com /users/0/isEnrolledIn2Sv",
                "account:gws/ben@example.com /users/1/isEnrolledIn2Sv",
            ], "\(findings.map { "\($0.subject) \($0.location.pointer)" })")
        #expect(Set(findings.map(\.fingerprint)).count == 3)
        // Every evaluation is listed, passes included (JUnit test cases): the enrolled user passes.
        let result = try #require(report.results.first { $0.rule.id == "ACC-008" })
        #expect(
            result.subjects.map { "\($0.subject) \($0.findings.isEmpty ? "passed" : "failed")" } == [
                "account:gws/ann@example.com failed", "account:gws/ben@example.com failed",
                "account:gws/cy@example.com passed", "system:gws failed",
            ])
    }

    /// A waiver for one account waives that account only, not the system or another account.
    @Test func oneAccountIsWaived() throws {
        let report = try Self.report()
        let waiver = Waiver(
            rule: "ACC-008", subject: "account:gws/ann@example.com", justification: "hardware token on order",
            owner: "ops", approver: "ciso", ticket: "SEC-1", expires: Day(iso: "2027-01-01")!,
            location: SourceLocation(file: "w.yaml", line: 1, column: 1))
        let triaged = Triage(waivers: [waiver]).apply(to: report)
        let statuses = triaged.findings.filter { $0.ruleID == "ACC-008" }.map { "\($0.subject) \($0.status)" }
        #expect(
            statuses == [
                "system:gws open", "account:gws/ann@example.com waived", "account:gws/ben@example.com open",
            ], "\(statuses)")
    }
}
