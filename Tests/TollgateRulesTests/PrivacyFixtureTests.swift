import Foundation
import Testing
import TollgateKit
import TollgateRules

/// The shipped policy packs load cleanly, and the example stacks exercise the privacy module:
/// the retail stack fails every privacy rule somewhere, the clean stack passes them all.
@Suite("Privacy packs and example stacks")
struct PrivacyFixtureTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let asOf = Day(iso: "2026-11-23")!
    /// The declaration-level privacy rules. The tool-configuration rules (PRIV-101 and up) read
    /// tag-manager exports and vendor lists; fixtures/importers exercises them.
    static let privacyIDs = Set(
        PrivacyRules.all.map(\.description.id).filter { !ToolConfigurationRules.all.map(\.description.id).contains($0) }
    )

    static func run(_ stack: String, policies: [String] = []) -> Report {
        CheckRunner(rules: BuiltInRules.all).run(
            paths: [root.appendingPathComponent(stack).path],
            policyPaths: policies.map { root.appendingPathComponent($0).path }, asOf: asOf, failOn: .atOrAbove(.medium))
    }

    @Test(arguments: ["policies/eu-gdpr-marketing.yaml", "policies/us-privacy.yaml", "policies/ca-casl.yaml"])
    func packLoads(_ pack: String) {
        let loaded = PolicyLoader(catalog: BuiltInRules.catalog).load(paths: [
            Self.root.appendingPathComponent(pack).path
        ])
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.description))")
        #expect(loaded.policy?.settings.keys.allSatisfy(Self.privacyIDs.contains) == true)
    }

    /// §1798.140(d)(1) decides once whether the organisation is a CCPA "business": the US pack
    /// sets the thresholds in one place, so raising one (the reviewer's inflation adjustment to
    /// $28,000,000) moves PRIV-030, PRIV-031, PRIV-032 and PRIV-033 together.
    @Test func usPackSetsTheCCPAThresholdsOnceForAllFourRules() throws {
        let text = try String(
            contentsOf: Self.root.appendingPathComponent("policies/us-privacy.yaml"), encoding: .utf8)
        let names = ["revenue_threshold_usd", "consumers_threshold", "selling_revenue_pct_threshold"]
        for name in names {
            #expect(text.components(separatedBy: "\(name):").count == 2, "\(name) is set in exactly one place")
        }
        let edited = text.replacingOccurrences(
            of: "revenue_threshold_usd: 26625000", with: "revenue_threshold_usd: 28000000")
        #expect(edited != text)
        let loaded = PolicyLoader(catalog: BuiltInRules.catalog).load(packs: [
            (Data(edited.utf8), "us-privacy.yaml")
        ])
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.description))")
        let policy = try #require(loaded.policy)
        let rules = ["PRIV-030", "PRIV-031", "PRIV-032", "PRIV-033"]
        var resolved: [[Double]] = []
        for id in rules {
            let rule = try #require(BuiltInRules.catalog.first { $0.id == id })
            let setting = try #require(policy.settings[id], "\(id) is in the pack")
            #expect(names.allSatisfy { setting.parameters[$0] != nil }, "\(id) sets the thresholds")
            let parameters = Parameters(defaults: rule.parameters, overrides: setting.parameters)
            resolved.append(names.map { parameters.double($0) })
        }
        #expect(resolved.allSatisfy { $0 == [28_000_000, 100_000, 50] }, "\(zip(rules, resolved).map { "\($0)" })")
    }

    /// PRIV-023 keeps the reference's 395 days; its help text tells how to get the CNIL's six
    /// months with a pack setting, and names no profile that `policies/` does not ship.
    @Test func consentAgeHelpNamesTheSettingNotAMissingProfile() throws {
        let rule = try #require(BuiltInRules.catalog.first { $0.id == "PRIV-023" })
        let parameter = try #require(rule.parameters.first { $0.name == "max_consent_age_days" })
        #expect(parameter.defaultValue == .int(395))
        #expect(parameter.summary.contains("`max_consent_age_days: 180`"))
        #expect(!parameter.summary.localizedCaseInsensitiveContains("profile"), "\(parameter.summary)")
    }

    /// docs/declarations.md promises its short complete example passes every rule in scope;
    /// this fails when a rule or a date moves under it.
    @Test func declarationGuideExamplePasses() throws {
        let guide = try String(
            contentsOf: Self.root.appendingPathComponent("docs/declarations.md"), encoding: .utf8)
        let section = try #require(guide.range(of: "## A short complete example"), "the section is gone")
        let rest = guide[section.upperBound...]
        let open = try #require(rest.range(of: "```yaml\n"))
        let close = try #require(rest[open.upperBound...].range(of: "\n```"))
        let yaml = String(rest[open.upperBound..<close.lowerBound])
        let outcome = InventoryLoader().load(texts: [("example.yaml", yaml)])
        #expect(outcome.errors.isEmpty, "\(outcome.errors.map(\.description))")
        let report = Checker(rules: BuiltInRules.all, policy: .allRules(BuiltInRules.all.map(\.description))).check(
            outcome.inventory, asOf: Self.asOf)
        #expect(report.findings.map { "\($0.ruleID) \($0.message)" }.isEmpty)
        #expect(report.evaluationCount > 30, "the example is in scope of many rules")
    }

    @Test func packsCombine() {
        let report = Self.run(
            "fixtures/retail-stack", policies: ["policies/eu-gdpr-marketing.yaml", "policies/us-privacy.yaml"])
        #expect(report.diagnostics.filter { $0.level == .error }.isEmpty)
        let ran = Set(report.results.map(\.rule.id))
        #expect(ran.contains("PRIV-012") && ran.contains("PRIV-030") && !ran.contains("PRIV-029"))
    }

    @Test func retailStackFailsEveryPrivacyRule() {
        let report = Self.run("fixtures/retail-stack")
        let failing = Set(report.findings.map(\.ruleID))
        #expect(
            Self.privacyIDs.subtracting(failing).isEmpty,
            "never failed: \(Self.privacyIDs.subtracting(failing).sorted())")
        // Passes too, wherever the rule has more than one subject in scope.
        let passing = Set(
            report.results.filter { result in result.subjects.contains { $0.findings.isEmpty } }.map(\.rule.id))
        let clean = Self.run("fixtures/clean-stack")
        let passingClean = Set(
            clean.results.filter { result in result.subjects.contains { $0.findings.isEmpty } }.map(\.rule.id))
        let neverPassing = Self.privacyIDs.subtracting(passing).subtracting(passingClean)
        #expect(neverPassing.isSubset(of: ["PRIV-034"]), "never passed: \(neverPassing.sorted())")
    }

    @Test func cleanStackPassesEveryPrivacyRule() {
        let report = Self.run("fixtures/clean-stack")
        #expect(report.findings.filter { Self.privacyIDs.contains($0.ruleID) }.isEmpty)
    }
}
