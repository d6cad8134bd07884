import Testing
import TollgateKit
import TollgateRules

/// Messages of account and licensing findings that arise where two declarations disagree, or
/// where two numbers are compared: the finding says which declaration or number it acted on.
@Suite("Findings name the declaration they acted on")
struct DeclarationContradictionTests {
    @Test(arguments: ["admins", "all"])
    func adminDeclaringMFAOffContradictsEnforcement(_ scope: String) throws {
        let findings = PrivacyPathTests.findings(
            """
            version: 1
            systems:
              - { id: crm, name: CRM, system_type: crm, security: { mfa_supported: true, mfa_enforced: \(scope) } }
            accounts:
              - { id: bob, system: crm, kind: human, is_admin: true, mfa_enabled: false }
            """, rule: AdminMFA())
        let finding = try #require(findings.first)
        #expect(findings.count == 1 && finding.severity == .critical)
        #expect(
            finding.message.contains("mfa_enforced: \(scope)") && finding.message.contains("MFA turned off")
                && finding.message.contains("more specific") && !finding.message.contains("declares mfa_enabled"))
    }
}

extension DeclarationContradictionTests {
    /// E-mail codes alone are no authenticator (SP 800-63B-4 3.1.3.1): high; SMS alone is a
    /// restricted one: medium; e-mail beside SMS is the restricted case.
    @Test(arguments: [("[email]", Severity.high), ("[sms]", .medium), ("[sms, email]", .medium)])
    func emailCodesAloneAreNoAuthenticator(_ methods: String, _ severity: Severity) throws {
        let findings = PrivacyPathTests.findings(
            """
            version: 1
            systems: [{ id: ads, name: Ads, system_type: ad_platform }]
            accounts:
              - { id: ed, system: ads, kind: human, is_admin: true, mfa_enabled: true, mfa_methods: \(methods) }
            """, rule: AdminMFA())
        let finding = try #require(findings.first)
        #expect(findings.count == 1 && finding.severity == severity, "\(finding.message)")
        #expect(finding.message.contains("prove no device") == (severity == .high))
    }

    /// With local login open, MFA enforced for all does not stop a password being the only factor.
    @Test(arguments: [(14, true), (15, false), (8, true)])
    func localLoginOpenMakesThePasswordSingleFactor(_ minLength: Int, _ fails: Bool) {
        let findings = PrivacyPathTests.findings(
            """
            version: 1
            systems:
              - id: crm
                name: CRM
                system_type: crm
                security:
                  { mfa_supported: true, mfa_enforced: all, local_login_disabled: false,
                    password_policy: { min_length: \(minLength) } }
            """, rule: MinimumPasswordLength())
        #expect(findings.count == (fails ? 1 : 0))
        #expect(findings.allSatisfy { $0.message.contains("below 15") && $0.message.contains("local login") })
    }
}

extension DeclarationContradictionTests {
    /// Seats: the larger of seats_assigned and the enabled accounts is compared, and named.
    @Test(arguments: [
        (2, 4, "4 enabled human and shared accounts (more than the 2 declared in seats_assigned) exceed the 2 seats"),
        (5, 4, "5 seats assigned exceed the 2 seats purchased by 3"),
    ])
    func seatsCountTheLargerNumber(_ assigned: Int, _ accounts: Int, _ message: String) throws {
        let accountLines = (0..<accounts).map { "  - { id: u\($0), system: crm, kind: human }" }
        let findings = PrivacyPathTests.findings(
            """
            version: 1
            systems:
              - { id: crm, name: CRM, system_type: crm, subscription: { seats_purchased: 2, seats_assigned: \(assigned) } }
            accounts:
            \(accountLines.joined(separator: "\n"))
            """, rule: SeatsWithinEntitlement())
        let finding = try #require(findings.first)
        #expect(findings.count == 1 && finding.message.hasPrefix(message), "\(finding.message)")
    }
}

extension DeclarationContradictionTests {
    /// Without licensee_entities, the subscription's licensee and its affiliates are the permitted
    /// entities: in the rule's example only the agency's account is reported.
    @Test func licenseeAndAffiliatesArePermittedEntities() throws {
        let rule = PermittedUse()
        let example = try #require(rule.description.examples.first { $0.name.hasPrefix("licensee named only") })
        let findings = PrivacyPathTests.findings(example.declaration, rule: rule)
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.message == "account 'c' is used by Random Agency Ltd, which is not a licensee or affiliate")
    }

    /// A licensee with no permitted_use block is the only permitted entity: the other entity's
    /// account is reported, at its user_entity.
    @Test func licenseeWithoutPermittedUseIsThePermittedEntity() throws {
        let rule = PermittedUse()
        let example = try #require(
            rule.description.examples.first { $0.name.contains("another entity's account fails") })
        let findings = PrivacyPathTests.findings(example.declaration, rule: rule)
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.message == "account 'b' is used by Example UK Ltd, which is not a licensee or affiliate")
        #expect(finding.location.pointer.hasSuffix("/user_entity"), "\(finding.location.pointer)")
    }
}

extension DeclarationContradictionTests {
    /// Licence evidence: the copy of an asset's licence, and a subscription's vendor (on its system) and plan.
    @Test func licenceEvidenceNamesTheCopyVendorAndPlan() throws {
        let rule = LicenceEvidenceRecorded()
        let example = try #require(rule.description.examples.first { $0.name.hasPrefix("bought image without") })
        let findings = PrivacyPathTests.findings(example.declaration, rule: rule)
        #expect(
            Set(findings.map { "\($0.subject): \($0.message)" }) == [
                "asset:img: licence evidence missing: licence_url",
                "system:dam: licence evidence missing: vendor, plan, licence_url",
            ])
    }

    /// A subscription with every record but its `licence_url` is reported at the subscription,
    /// the place the order form's location belongs.
    @Test func subscriptionWithoutOrderFormIsReportedAtTheSubscription() throws {
        let rule = LicenceEvidenceRecorded()
        let example = try #require(
            rule.description.examples.first { $0.name.hasPrefix("a subscription with everything") })
        let findings = PrivacyPathTests.findings(example.declaration, rule: rule)
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.message == "licence evidence missing: licence_url")
        #expect(finding.location.pointer.hasPrefix("/systems/0/subscription"), "\(finding.location.pointer)")
    }
}

extension DeclarationContradictionTests {
    /// The review's repro: a vaulted shared admin login without `mfa_enabled` on a system that
    /// enforces MFA for all. ACC-009 and ACC-011 read `mfa_enabled` the same way, so neither reports it.
    @Test(arguments: [("all", false), ("admins", false), ("none", true)])
    func sharedAdminMFAFollowsTheSystem(_ scope: String, _ fails: Bool) {
        let yaml = """
            version: 1
            systems:
              - { id: forum, name: Forum, system_type: other, security: { supports_delegation: false, mfa_supported: true, mfa_enforced: \(scope) } }
            accounts:
              - { id: forum-brand, system: forum, kind: shared, holders: [ann], vault_ref: "vault://forum", is_admin: true }
            """
        let shared = PrivacyPathTests.findings(yaml, rule: NoSharedAccounts())
        let admin = PrivacyPathTests.findings(yaml, rule: AdminMFA())
        #expect(shared.count == (fails ? 1 : 0) && admin.count == (fails ? 1 : 0), "\(shared.map(\.message))")
    }
}
