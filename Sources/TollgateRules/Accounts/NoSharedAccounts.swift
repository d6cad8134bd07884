import TollgateKit

/// ACC-011: no shared logins where the platform offers delegation; unavoidable ones are controlled.
public struct NoSharedAccounts: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "ACC-011", slug: "no-shared-accounts", domain: .accounts,
        title: "No shared human accounts",
        rationale: """
            A shared login (the brand's social-media password known by the team and the agency) cannot be traced to \
            a person, survives every leaver and is usually phished through the one person with weak habits. Meta, \
            LinkedIn, TikTok and ad platforms offer role-based delegation, so a shared login is never needed there. \
            Where a platform offers no delegation, the credential must be held in a vault, by named holders, behind \
            MFA, and rotated when a holder leaves. An account without `mfa_enabled` is covered by its system's \
            `mfa_enforced`, as for ACC-008 and ACC-009.
            """,
        severity: .high,
        references: ["CIS Controls v8.1 5.1", "CIS Controls v8.1 5.2", "ISO/IEC 27001:2022 A.5.16, A.5.17"],
        controls: ControlMapping(
            iso27001: ["A.5.16", "A.5.17", "A.5.18"], soc2: ["CC6.1", "CC6.2"], nistCSF: ["PR.AA-01", "PR.AA-05"],
            cis: ["5.1", "5.2"]),
        remediation:
            "replace the shared login with named accounts through the platform's business roles; if impossible, vault it, name its holders, enrol MFA and rotate it when a holder leaves",
        parameters: [
            RuleParameter(
                "delegation_capable_types", .strings(["social", "ad_platform"]),
                "system types assumed to offer delegated roles when `security.supports_delegation` is not declared",
                values: .cases(of: SystemType.self, "system type"))
        ],
        examples: [
            RuleExample(
                "shared login on a social platform with business roles", failing: ["account:brand-ig"],
                """
                version: 1
                systems: [{ id: ig, name: Instagram, system_type: social }]
                accounts:
                  - { id: brand-ig, system: ig, kind: shared, holders: [ann], vault_ref: "vault://social/ig", mfa_enabled: true }
                """),
            RuleExample(
                "unavoidable shared login, vaulted with one named holder and MFA (boundary)",
                """
                version: 1
                systems:
                  - { id: forum, name: Forum, system_type: other, security: { supports_delegation: false } }
                accounts:
                  - { id: forum-brand, system: forum, kind: shared, holders: [ann], vault_ref: "vault://forum", mfa_enabled: true }
                """),
            RuleExample(
                "unavoidable shared login covered by MFA enforced for all on the system (boundary)",
                """
                version: 1
                systems:
                  - id: forum
                    name: Forum
                    system_type: other
                    security: { supports_delegation: false, mfa_supported: true, mfa_enforced: all }
                accounts:
                  - { id: forum-brand, system: forum, kind: shared, holders: [ann], vault_ref: "vault://forum" }
                """),
            RuleExample(
                "unavoidable shared login declaring MFA off where the system enforces it for all",
                failing: ["account:forum-brand"],
                """
                version: 1
                systems:
                  - id: forum
                    name: Forum
                    system_type: other
                    security: { supports_delegation: false, mfa_supported: true, mfa_enforced: all }
                accounts:
                  - { id: forum-brand, system: forum, kind: shared, holders: [ann], vault_ref: "vault://forum", mfa_enabled: false }
                """),
            RuleExample(
                "unavoidable shared non-admin login where MFA is enforced only for admins",
                failing: ["account:forum-brand"],
                """
                version: 1
                systems:
                  - id: forum
                    name: Forum
                    system_type: other
                    security: { supports_delegation: false, mfa_supported: true, mfa_enforced: admins }
                accounts:
                  - { id: forum-brand, system: forum, kind: shared, holders: [ann], vault_ref: "vault://forum" }
                """),
            RuleExample(
                "unavoidable shared login without vault, holders or MFA", failing: ["account:forum-brand"],
                """
                version: 1
                systems:
                  - { id: forum, name: Forum, system_type: other, security: { supports_delegation: false } }
                accounts:
                  - { id: forum-brand, system: forum, kind: shared }
                """),
            RuleExample(
                "a holder has left and the password was not rotated", failing: ["account:forum-brand"],
                """
                version: 1
                people:
                  - { id: ann, active: true }
                  - { id: bob, active: false, left_on: 2026-04-30 }
                systems:
                  - { id: forum, name: Forum, system_type: other, security: { supports_delegation: false } }
                accounts:
                  - { id: forum-brand, system: forum, kind: shared, holders: [ann, bob], vault_ref: "op://x/y", mfa_enabled: true }
                """),
            RuleExample(
                "personal accounts are out of scope",
                """
                version: 1
                systems: [{ id: ig, name: Instagram, system_type: social }]
                accounts:
                  - { id: ann-ig, system: ig, kind: human, mfa_enabled: true }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let delegationTypes = Set(context.parameters.strings("delegation_capable_types"))
        return context.inventory.accounts.filter { $0.kind == .shared && $0.enabled }.map { account in
            let system = context.index.systemsByID[account.system]
            let delegation =
                system?.security?.supportsDelegation
                ?? system?.systemType.map { delegationTypes.contains($0.rawValue) } ?? false
            if delegation {
                return Evaluation(
                    .account(account),
                    [
                        Violation(
                            "shared login '\(account.id)' is on a platform that offers delegated roles",
                            at: account.origin.location("kind"),
                            key: "delegation")
                    ])
            }
            var violations: [Violation] = []
            if account.vaultRef == nil {
                violations.append(
                    Violation(
                        "shared login '\(account.id)' is not held in a vault", at: account.origin.location("vault_ref"),
                        key: "vault_ref"))
            }
            if account.holders.isEmpty {
                violations.append(
                    Violation(
                        "shared login '\(account.id)' names no holders", at: account.origin.location("holders"),
                        key: "holders"))
            }
            if !account.hasMFA(under: system?.security) {
                violations.append(
                    Violation(
                        "shared login '\(account.id)' has no MFA", at: account.origin.location("mfa_enabled"),
                        key: "mfa_enabled"))
            }
            for (index, holder) in account.holders.enumerated()
            where context.index.peopleByID[holder]?.hasLeft(asOf: context.asOf) == true {
                violations.append(
                    Violation(
                        "holder '\(holder)' of shared login '\(account.id)' has left; rotate the credential and remove them",
                        at: account.origin.location("holders/\(index)"), key: "holder/\(holder)"))
            }
            return Evaluation(.account(account), violations)
        }
    }
}
