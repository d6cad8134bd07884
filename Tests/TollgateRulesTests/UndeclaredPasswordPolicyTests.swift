import Testing
import TollgateKit
import TollgateRules

/// A system where passwords can be used and no `password_policy` is declared is read as a policy
/// whose every field is unknown: absent is not the same as false (docs/declarations.md).
@Suite("Undeclared password policy")
struct UndeclaredPasswordPolicyTests {
    static let passwordRules: [any Rule] = [
        MinimumPasswordLength(), LongPasswordsAllowed(), NoCompositionRules(), NoForcedRotation(),
        PasswordBlocklist(), FailedAttemptThrottling(), NoHintsOrSecurityQuestions(),
    ]

    static func report(_ security: String) -> Report {
        let yaml = """
            version: 1
            systems:
              - { id: crm, name: CRM, system_type: crm, security: { mfa_supported: true, mfa_enforced: all\(security) } }
            accounts:
              - { id: a, system: crm, kind: human, owner: x }
            """
        let outcome = InventoryLoader().load(text: yaml, name: "stack.yaml")
        #expect(outcome.errors.isEmpty, "\(outcome.errors.map(\.description))")
        let settings = Dictionary(uniqueKeysWithValues: passwordRules.map { ($0.description.id, Policy.Setting()) })
        return Checker(rules: passwordRules, policy: Policy(sources: [], settings: settings)).check(
            outcome.inventory, asOf: Day(iso: "2026-06-01")!)
    }

    /// The review's repro (local login open, no policy): every password rule evaluates the
    /// system, and the three that need a control shown fail — the same rules as for an empty policy.
    @Test(arguments: [", local_login_disabled: false", ""])
    func missingPolicyFailsLikeAnEmptyOne(_ login: String) {
        let missing = Self.report(login)
        let empty = Self.report(login + ", password_policy: {}")
        #expect(missing.results.allSatisfy { !$0.notApplicable })
        #expect(missing.findings.map(\.ruleID) == ["ACC-001", "ACC-005", "ACC-006"])
        #expect(missing.findings.map(\.ruleID) == empty.findings.map(\.ruleID))
        #expect(missing.findings.map(\.fingerprint) == empty.findings.map(\.fingerprint))
        let opening =
            "no password policy is declared while local login is "
            + (login.isEmpty ? "not declared disabled" : "open")
        #expect(missing.findings.allSatisfy { $0.message.hasPrefix(opening) }, "\(missing.findings.map(\.message))")
        // 15, not 8: with local login open the password can be the only factor.
        #expect(missing.findings[0].message.contains(login.isEmpty ? "shown; 8 required" : "shown; 15 required"))
    }

    @Test func localLoginDisabledLeavesNoPasswordToCheck() {
        let report = Self.report(", local_login_disabled: true")
        #expect(report.findings.isEmpty)
        #expect(report.results.allSatisfy { $0.notApplicable })
    }
}
