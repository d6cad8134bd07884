import Foundation
import Testing
import TollgateKit
import TollgateRules

/// The shipped accounts policy packs load, differ where their standards differ, and yield to an
/// organisation's own overrides.
@Suite("Accounts policy packs")
struct AccountPolicyPackTests {
    static let policies = TestSupport.packageRoot.appendingPathComponent("policies")
    static let stack = """
        version: 1
        systems:
          - { id: cms, name: CMS, system_type: cms, security: { password_policy: { min_length: 14, blocklist_enabled: true, lockout_threshold: 10 } } }
        """

    static func minLengthFindings(_ packs: [String]) throws -> [Finding] {
        let loaded = PolicyLoader(catalog: BuiltInRules.catalog).load(paths: packs)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        let policy = try #require(loaded.policy)
        let report = Checker(rules: BuiltInRules.all, policy: policy).check(
            TestSupport.inventory(stack), asOf: Day(iso: "2026-06-01")!)
        return report.findings.filter { $0.ruleID == "ACC-001" }
    }

    @Test func fourteenCharactersFailNISTAndPassCIS() throws {
        let nist = Self.policies.appendingPathComponent("accounts-nist-800-63b.yaml").path
        let cis = Self.policies.appendingPathComponent("accounts-cis-v8.yaml").path
        #expect(try Self.minLengthFindings([nist]).count == 1)
        #expect(try Self.minLengthFindings([cis]).isEmpty)
    }

    @Test func anOrganisationOverridesAThreshold() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let override = directory.appendingPathComponent("ours.yaml")
        try "version: 1\nname: ours\nrules:\n  ACC-001: { params: { min_length_single_factor: 12 } }\n".write(
            to: override, atomically: true, encoding: .utf8)
        let nist = Self.policies.appendingPathComponent("accounts-nist-800-63b.yaml").path
        #expect(try Self.minLengthFindings([nist, override.path]).isEmpty)
    }
}
