import TollgateKit

/// ACC-015: administrators use a separate account for administration.
public struct DedicatedAdminAccounts: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "ACC-015", slug: "dedicated-admin-accounts", domain: .accounts,
        title: "Admin privileges on dedicated accounts",
        rationale: """
            An administrator who reads e-mail and clicks links with the same account that can export every contact \
            exposes the tool to every phishing message. CIS Controls v8.1 5.4 restricts administrator privileges \
            to dedicated administrator accounts. Reported where the tool can separate them \
            (`security.supports_separate_admin_accounts`) and the account says it is not dedicated.
            """,
        severity: .low,
        references: ["CIS Controls v8.1 5.4", "ISO/IEC 27001:2022 A.8.2"],
        controls: ControlMapping(iso27001: ["A.8.2", "A.5.3"], soc2: ["CC6.3"], nistCSF: ["PR.AA-05"], cis: ["5.4"]),
        remediation: "give the administrator a second, admin-only account and remove admin rights from the daily one",
        examples: [
            RuleExample(
                "dedicated admin account",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, security: { supports_separate_admin_accounts: true } }
                accounts:
                  - { id: ann-admin, system: crm, kind: human, is_admin: true, dedicated_admin: true }
                """),
            RuleExample(
                "daily account with admin rights", failing: ["account:ann"],
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, security: { supports_separate_admin_accounts: true } }
                accounts:
                  - { id: ann, system: crm, kind: human, is_admin: true, dedicated_admin: false }
                """),
            RuleExample(
                "tool that cannot separate admin accounts (boundary)",
                """
                version: 1
                systems:
                  - { id: ig, name: Instagram, system_type: social, security: { supports_separate_admin_accounts: false } }
                accounts:
                  - { id: ann, system: ig, kind: human, is_admin: true, dedicated_admin: false }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        context.inventory.accounts.compactMap { account in
            guard account.isAdmin, account.enabled, account.kind == .human,
                context.index.systemsByID[account.system]?.security?.supportsSeparateAdminAccounts == true
            else { return nil }
            // Only a declared `dedicated_admin: false` is reported: an undeclared one says nothing.
            guard account.dedicatedAdmin == false else { return Evaluation(.account(account)) }
            return Evaluation(
                .account(account),
                [
                    Violation(
                        "admin rights are on daily-use account '\(account.id)'",
                        at: account.origin.location("dedicated_admin"),
                        key: "dedicated")
                ])
        }
    }
}
