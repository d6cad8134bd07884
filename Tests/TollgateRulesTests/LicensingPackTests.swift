import Foundation
import Testing
import TollgateKit
import TollgateRules

/// The shipped licensing pack and example stacks: the pack spells out the defaults, and the
/// retail stack exercises every licensing rule while the clean stack passes them all.
@Suite("Licensing policy pack")
struct LicensingPackTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let pack = root.appendingPathComponent("policies/licensing-default.yaml").path

    func report(_ stack: String, policies: [String]) -> Report {
        CheckRunner(rules: BuiltInRules.all, importers: BuiltInImporters.all())
            .run(
                paths: [Self.root.appendingPathComponent(stack).path], policyPaths: policies,
                asOf: Day(iso: "2026-11-23")!, failOn: .medium)
    }

    @Test func packWritesOutTheDefaults() throws {
        let loaded = PolicyLoader(catalog: BuiltInRules.catalog).load(paths: [Self.pack])
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        let policy = try #require(loaded.policy)
        let licensing = LicensingRules.all.map(\.description)
        #expect(Set(policy.settings.keys) == Set(licensing.map(\.id)))
        for rule in licensing {
            let setting = try #require(policy.settings[rule.id])
            for parameter in rule.parameters {
                if let value = setting.parameters[parameter.name] {
                    #expect(value == parameter.defaultValue, "\(rule.id) \(parameter.name) differs from the default")
                }
            }
        }
        let categoryRule = try #require(licensing.first { $0.id == "LIC-010" })
        #expect(categoryRule.parameters.allSatisfy { policy.settings["LIC-010"]?.parameters[$0.name] != nil })
    }

    @Test func retailStackExercisesEveryLicensingRule() throws {
        let checked = report("fixtures/retail-stack", policies: [Self.pack])
        #expect(!checked.isInvalidInput, "\(checked.diagnostics)")
        let fired = Set(checked.findings.map(\.ruleID))
        for rule in LicensingRules.all.map(\.description.id) {
            #expect(fired.contains(rule), "\(rule) has no finding in fixtures/retail-stack")
        }
        // Findings in the CycloneDX SBOM point into it.
        #expect(
            checked.findings.contains { $0.location.file.hasSuffix("sbom/eu-shop.cdx.json") && $0.ruleID == "LIC-010" })
    }

    @Test func cleanStackPassesTheLicensingPack() {
        let checked = report("fixtures/clean-stack", policies: [Self.pack])
        #expect(!checked.isInvalidInput, "\(checked.diagnostics)")
        #expect(checked.findings.isEmpty, "\(checked.findings.map { "\($0.ruleID) \($0.subject): \($0.message)" })")
    }
}
