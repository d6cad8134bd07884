import Foundation
import Testing
import TollgateKit
import TollgateRules

/// Severities, messages and parameter interplay of licensing rules that the rule examples (which
/// compare only the failing subjects) cannot pin.
@Suite("Licensing rule details")
struct LicensingRuleDetailTests {
    func findings(
        _ ruleID: String, _ yaml: String, asOf: String = "2026-11-23", parameters: [String: ParameterValue] = [:]
    ) throws -> [Finding] {
        let rule = try #require(BuiltInRules.all.first { $0.description.id == ruleID })
        let outcome = InventoryLoader(importers: BuiltInImporters.all()).load(texts: [("stack.yaml", yaml)])
        #expect(outcome.errors.isEmpty, "\(outcome.errors.map(\.description))")
        let policy = Policy(sources: [], settings: [ruleID: Policy.Setting(parameters: parameters)])
        return Checker(rules: [rule], policy: policy).check(outcome.inventory, asOf: Day(iso: asOf)!).findings
    }

    // MARK: LIC-010

    @Test func commonsClauseAsLicenseRefIsForbidden() throws {
        let found = try findings(
            "LIC-010",
            """
            version: 1
            assets: [{ id: a, kind: script, licence: "Apache-2.0 AND LicenseRef-commons-clause" }]
            """)
        #expect(found.count == 1)
        #expect(found.first?.severity == .high)
        #expect(found.first?.message.contains("LicenseRef-commons-clause is forbidden") == true)
    }

    @Test func deprecatedIdIsCategorisedAsItsSuccessor() throws {
        let yaml = """
            version: 1
            assets:
              - { id: cp, kind: script, licence: GPL-2.0-with-classpath-exception }
              - { id: gpl, kind: script, licence: GPL-2.0+ }
            """
        let found = try findings("LIC-010", yaml)
        #expect(found.map(\.subject.description) == ["asset:gpl"])
        #expect(found.first?.message.contains("GPL-2.0+ (read as GPL-2.0-or-later) is restricted") == true)
        // The allow and deny lists match the written id and its successor.
        #expect(try findings("LIC-010", yaml, parameters: ["allow": .strings(["GPL-2.0-or-later"])]).isEmpty)
        #expect(try findings("LIC-010", yaml, parameters: ["allow": .strings(["GPL-2.0+"])]).isEmpty)
        let denied = try findings(
            "LIC-010", yaml, parameters: ["deny": .strings(["GPL-2.0-with-classpath-exception"])])
        #expect(denied.first { $0.subject.description == "asset:cp" }?.severity == .high)
    }
}
