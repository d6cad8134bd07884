import TollgateKit

/// ACC-008: every user of a tool that supports MFA signs in with it.
public struct MFAForAllUsers: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "ACC-008", slug: "mfa-for-all-users", domain: .accounts,
        title: "MFA enforced for all users",
        rationale: """
            Marketing tools are reachable from the internet and hold customer data, so a stolen password is enough \
            to export it. CIS Controls v8.1 6.3 requires MFA for externally exposed applications wherever supported; \
            enforcing it through an SSO provider is satisfactory. A system is reported when it does not enforce MFA \
            for everyone and supports it or does not say whether it does (absent is not the same as false: declare \
            `mfa_supported: false` for a tool that cannot do MFA), and each person's account is reported on its own \
            (subject `account:ID`, so it can be waived and baselined one account at a time) when MFA is declared off \
            or an identity provider's export shows it off. A person's account that does not say whether it has MFA \
            is covered by the system's `mfa_enforced`, so the system's finding stands for it.
            """,
        severity: .high,
        references: ["CIS Controls v8.1 6.3", "NIST SP 800-63B-4 §2.2 (AAL2)", "ISO/IEC 27001:2022 A.8.5"],
        controls: ControlMapping(
            iso27001: ["A.8.5", "A.5.17"], soc2: ["CC6.1", "CC6.6"], nistCSF: ["PR.AA-03"], cis: ["6.3"]),
        remediation:
            "enforce MFA for all users in the tool, or enforce SSO through an identity provider that requires MFA",
        examples: [
            RuleExample(
                "MFA enforced for all",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, security: { mfa_supported: true, mfa_enforced: all } }
                """),
            RuleExample(
                "MFA enforced for admins only (boundary)", failing: ["system:crm"],
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, security: { mfa_supported: true, mfa_enforced: admins } }
                """),
            RuleExample(
                "MFA not enforced and support not declared (boundary: unknown support fails)", failing: ["system:esp"],
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp, security: { mfa_enforced: none } }]
                accounts:
                  - { id: ann, system: esp, kind: human }
                """),
            RuleExample(
                "people sign in to a system that declares nothing about MFA", failing: ["system:crm"],
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }]
                accounts:
                  - { id: ann, system: crm, kind: human }
                """),
            RuleExample(
                "tool declared unable to do MFA (boundary: nothing to enforce)",
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp, security: { mfa_supported: false } }]
                accounts:
                  - { id: ann, system: esp, kind: human }
                """),
            RuleExample(
                "MFA enforced for all and support not declared (boundary: enforcement shows support)",
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp, security: { mfa_enforced: all } }]
                accounts:
                  - { id: ann, system: esp, kind: human }
                """),
            RuleExample(
                "SSO enforced with local login disabled",
                """
                version: 1
                systems:
                  - id: crm
                    name: CRM
                    system_type: crm
                    security: { mfa_supported: true, mfa_enforced: none, sso_enforced: true, local_login_disabled: true }
                """),
            RuleExample(
                "a person's account with MFA off is its own finding", failing: ["account:ann"],
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp, security: { mfa_supported: true, mfa_enforced: all } }]
                accounts:
                  - { id: ann, system: esp, kind: human, mfa_enabled: false }
                  - { id: bob, system: esp, kind: human, mfa_enabled: true }
                """),
            RuleExample(
                "MFA enforced for admins only, and a person's account with MFA off",
                failing: ["system:crm", "account:ann"],
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, security: { mfa_supported: true, mfa_enforced: admins } }
                accounts:
                  - { id: ann, system: crm, kind: shared, mfa_enabled: false, owner: ops }
                """),
            RuleExample(
                "service account without MFA is out of scope",
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp }]
                accounts:
                  - { id: sync, system: esp, kind: service, mfa_enabled: false, owner: ops }
                """),
        ])

    /// The system, and each person's account that says whether it has MFA. The system's finding
    /// stands for the accounts that do not say.
    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        context.inventory.systems.flatMap { system -> [Evaluation] in
            let security = system.security
            let people = (context.index.accountsBySystem[system.id] ?? []).filter {
                $0.enabled && ($0.kind == .human || $0.kind == .shared)
            }
            guard security?.mfaSupported == true || security?.mfaEnforced != nil || !people.isEmpty else {
                return []
            }
            var violations: [Violation] = []
            let viaSSO = security?.signInOnlyThroughSSO == true
            // Unknown support counts as support (absent is not the same as false): only a declared
            // `mfa_supported: false` excuses a system from enforcing MFA.
            if security?.mfaSupported != false, security?.mfaEnforced != .all, !viaSSO {
                violations.append(
                    Violation(
                        Self.enforcementGap(system),
                        at: security?.origin.location("mfa_enforced") ?? system.origin.location("security"),
                        key: "mfa_enforced"))
            }
            // An account of its own subject, not a second violation of the system's: a waiver, a
            // baseline entry and a JUnit test case then name the account.
            let accounts = people.compactMap { account -> Evaluation? in
                guard let enabled = account.mfaEnabled else { return nil }
                guard !enabled else { return Evaluation(.account(account)) }
                return Evaluation(
                    .account(account),
                    [
                        Violation(
                            "\(account.kind.rawValue) account '\(account.id)' has MFA turned off",
                            at: account.origin.location("mfa_enabled"), key: "mfa_enabled")
                    ])
            }
            return [Evaluation(.system(system), violations)] + accounts
        }
    }

    /// Says whom the system leaves without MFA and what to do about it.
    static func enforcementGap(_ system: System) -> String {
        let advice =
            system.security?.mfaSupported == true
            ? "enforce it for all users"
            : "enforce it for all users, or declare mfa_supported: false if the tool cannot do MFA"
        switch system.security?.mfaEnforced {
        case .admins?: return "tool '\(system.id)' enforces MFA only for admins; \(advice)"
        case MFAEnforcement.none?: return "tool '\(system.id)' does not enforce MFA for anyone; \(advice)"
        default: return "tool '\(system.id)' does not declare whom it enforces MFA for; \(advice)"
        }
    }
}
