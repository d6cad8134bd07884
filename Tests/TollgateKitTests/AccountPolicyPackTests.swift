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

    /// Whole-number parameters are days, counts and thresholds: a negative one is refused where
    /// it is written, and zero (the boundary) is accepted.
    @Test func negativeParametersAreRefused() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let policy = directory.appendingPathComponent("ours.yaml")
        try """
            version: 1
            name: ours
            rules:
              ACC-001: { params: { min_length_single_factor: -1 } }
              ACC-012: { params: { max_inactive_days: 0 } }
            """.write(to: policy, atomically: true, encoding: .utf8)
        let loaded = PolicyLoader(catalog: BuiltInRules.catalog).load(paths: [policy.path])
        let errors = loaded.diagnostics.filter { $0.level == .error }
        #expect(errors.count == 1, "\(errors)")
        let error = try #require(errors.first)
        #expect(error.message == "'min_length_single_factor' must be at least 0, found -1")
        #expect(error.location.file == policy.path && error.location.line == 4 && error.location.column > 1)
    }
}
