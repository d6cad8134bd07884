import Foundation
import Testing
import TollgateKit
import TollgateRules

/// The example stacks against the accounts module: the retail stack triggers every accounts
/// rule, the clean stack none.
@Suite("Accounts rules on the example stacks")
struct AccountFixtureTests {
    static let asOf = Day(iso: "2026-11-23")!

    static func check(_ stack: String) -> Report {
        let path = TestSupport.packageRoot.appendingPathComponent("fixtures/\(stack)").path
        return CheckRunner(rules: AccountRules.all).run(
            paths: [path], policyPaths: [], asOf: asOf, failOn: .atOrAbove(.medium))
    }

    @Test func retailStackTriggersEveryAccountsRule() {
        let report = Self.check("retail-stack")
        #expect(!report.isInvalidInput, "\(report.diagnostics.prefix(5))")
        let triggered = Set(report.findings.map(\.ruleID))
        for rule in AccountRules.all.map(\.description.id) {
            #expect(triggered.contains(rule), "\(rule) is not exercised by fixtures/retail-stack")
        }
    }

    @Test func cleanStackPassesEveryAccountsRule() {
        let report = Self.check("clean-stack")
        #expect(!report.isInvalidInput, "\(report.diagnostics.prefix(5))")
        #expect(report.findings.isEmpty, "\(report.findings.map { "\($0.location): \($0.message) [\($0.ruleID)]" })")
    }
}
