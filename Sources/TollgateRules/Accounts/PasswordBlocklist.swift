import TollgateKit

/// ACC-005: new passwords are screened against a blocklist of common and breached passwords.
public struct PasswordBlocklist: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "ACC-005", slug: "password-blocklist", domain: .accounts,
        title: "Blocklist screening of new passwords",
        rationale: """
            Most account takeovers use passwords already seen in breaches. NIST SP 800-63B-4 requires verifiers to \
            compare every new password, whole, against a blocklist of commonly used, expected or compromised \
            passwords. A policy that does not say it screens is reported: the control cannot be shown to exist. So is \
            a system that declares no password policy at all while local login is not declared disabled.
            """,
        severity: .high,
        references: ["NIST SP 800-63B-4 §3.1.1.2"],
        controls: .passwordPolicy,
        remediation: "turn on the tool's common/breached-password check (e.g. Okta's common password dictionary)",
        examples: [
            RuleExample(
                "blocklist on",
                """
                version: 1
                systems:
                  - { id: cms, name: CMS, system_type: cms, security: { password_policy: { blocklist_enabled: true } } }
                """),
            RuleExample(
                "blocklist off", failing: ["system:cms"],
                """
                version: 1
                systems:
                  - { id: cms, name: CMS, system_type: cms, security: { password_policy: { blocklist_enabled: false } } }
                """),
            RuleExample(
                "blocklist not stated (boundary: unknown fails)", failing: ["system:cms"],
                """
                version: 1
                systems:
                  - { id: cms, name: CMS, system_type: cms, security: { password_policy: { min_length: 15 } } }
                """),
            RuleExample(
                "no password policy declared, people sign in (boundary: unknown fails)", failing: ["system:cms"],
                """
                version: 1
                systems: [{ id: cms, name: CMS, system_type: cms }]
                accounts:
                  - { id: ann, system: cms, kind: human }
                """),
            RuleExample(
                "no password policy declared, nobody signs in (boundary: nothing to check)",
                """
                version: 1
                systems: [{ id: cms, name: CMS, system_type: cms }]
                accounts:
                  - { id: sync, system: cms, kind: service, owner: ops }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        context.systemsWithPasswordPolicy.map { system, policy, declared in
            switch policy.blocklistEnabled {
            case true?:
                return Evaluation(.system(system))
            case false?:
                return Evaluation(
                    .system(system),
                    [
                        Violation(
                            "new passwords are not screened against a blocklist",
                            at: policy.origin.location("blocklist_enabled"), key: "blocklist_enabled")
                    ])
            case nil:
                let message =
                    declared
                    ? "password policy does not say whether new passwords are screened against a blocklist"
                    : "\(system.undeclaredPasswordPolicy), so nothing shows that new passwords are screened against "
                        + "a blocklist"
                return Evaluation(
                    .system(system),
                    [Violation(message, at: policy.origin.location("blocklist_enabled"), key: "blocklist_enabled")])
            }
        }
    }
}
