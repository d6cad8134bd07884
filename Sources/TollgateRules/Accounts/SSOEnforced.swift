import TollgateKit

/// ACC-010: tools that support SSO are used through it.
public struct SSOEnforced: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "ACC-010", slug: "sso-enforced", domain: .accounts,
        title: "SSO enforced where supported",
        rationale: """
            With SSO, one identity provider applies MFA, and disabling a leaver there locks every tool at once. CIS \
            Controls v8.1 5.6 and 6.7 ask to centralise account management and access control through a directory \
            or SSO provider where supported. Break-glass accounts may keep a local login for when the identity \
            provider is down.
            """,
        severity: .medium,
        references: ["CIS Controls v8.1 5.6", "CIS Controls v8.1 6.7"],
        controls: ControlMapping(
            iso27001: ["A.5.16", "A.8.5"], soc2: ["CC6.1"], nistCSF: ["PR.AA-01"], cis: ["5.6", "6.7"]),
        remediation: "enforce SSO in the tool and disable local login for everyone but the break-glass account",
        examples: [
            RuleExample(
                "SSO enforced",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, security: { sso_supported: true, sso_enforced: true } }
                """),
            RuleExample(
                "SSO supported but optional", failing: ["system:crm"],
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, security: { sso_supported: true, sso_enforced: false } }
                """),
            RuleExample(
                "a person still signing in locally", failing: ["system:crm"],
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, security: { sso_supported: true, sso_enforced: true } }
                accounts:
                  - { id: ann, system: crm, kind: human, sso: false }
                """),
            RuleExample(
                "SSO enforced but local login left open", failing: ["system:cms"],
                """
                version: 1
                systems:
                  - id: cms
                    name: CMS
                    system_type: cms
                    security: { sso_supported: true, sso_enforced: true, local_login_disabled: false }
                """),
            RuleExample(
                "break-glass account with a local login (boundary)",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, security: { sso_supported: true, sso_enforced: true } }
                accounts:
                  - { id: emergency, system: crm, kind: break_glass, sso: false, is_admin: true }
                """),
            RuleExample(
                "tool without SSO is out of scope",
                """
                version: 1
                systems:
                  - { id: social, name: Social, system_type: social, security: { sso_supported: false } }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        context.inventory.systems.compactMap { system in
            guard let security = system.security, security.ssoSupported == true else { return nil }
            var violations: [Violation] = []
            if security.ssoEnforced != true {
                violations.append(
                    Violation(
                        "tool '\(system.id)' supports SSO but does not enforce it",
                        at: security.origin.location("sso_enforced"),
                        key: "sso_enforced"))
            } else if security.localLoginDisabled == false {
                violations.append(
                    Violation(
                        "tool '\(system.id)' leaves local password login open although SSO is enforced",
                        at: security.origin.location("local_login_disabled"), key: "local_login_disabled"))
            }
            let accounts = context.index.accountsBySystem[system.id] ?? []
            for account in accounts where account.enabled && account.kind != .breakGlass && account.sso == false {
                violations.append(
                    Violation(
                        "\(account.kind.rawValue) account '\(account.id)' signs in without SSO",
                        at: account.origin.location("sso"), key: "account/\(account.id)"))
            }
            return Evaluation(.system(system), violations)
        }
    }
}
