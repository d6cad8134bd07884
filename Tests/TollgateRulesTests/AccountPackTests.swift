import Foundation
import Testing
import TollgateKit
import TollgateRules

/// The shipped CIS accounts pack applies the CIS benchmark numbers at their boundaries.
@Suite("Accounts CIS pack")
struct AccountPackTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// CIS AWS Foundations 1.12 disables credentials unused for "45 days or more";
    /// `max_unused_days` means strictly more than, so the pack sets 44.
    @Test func cisPackReportsAKeyUnusedForFortyFiveDays() throws {
        let loaded = PolicyLoader(catalog: BuiltInRules.catalog).load(paths: [
            Self.root.appendingPathComponent("policies/accounts-cis-v8.yaml").path
        ])
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        let policy = try #require(loaded.policy)
        let stack = """
            version: 1
            systems: [{ id: esp, name: ESP, system_type: esp }]
            api_keys:
              - { id: k44, system: esp, owner: ann, last_rotated: 2026-05-01, last_used: 2026-04-18, scopes: [read], expires: 2026-12-31 }
              - { id: k45, system: esp, owner: ann, last_rotated: 2026-05-01, last_used: 2026-04-17, scopes: [read], expires: 2026-12-31 }
            """
        let outcome = InventoryLoader(importers: BuiltInImporters.all()).load(texts: [("stack.yaml", stack)])
        #expect(outcome.errors.isEmpty, "\(outcome.errors)")
        let report = Checker(rules: BuiltInRules.all, policy: policy).check(
            outcome.inventory, asOf: Day(iso: "2026-06-01")!)
        let unused = report.findings.filter { $0.ruleID == "ACC-016" }
        #expect(unused.map(\.subject.description) == ["api_key:k45"], "\(unused.map(\.message))")
    }
}
