import TollgateKit

/// ACC-001: passwords are long enough for the way they are used.
public struct MinimumPasswordLength: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "ACC-001", slug: "minimum-password-length", domain: .accounts,
        title: "Minimum password length",
        rationale: """
            Length is what makes a password hard to guess. NIST SP 800-63B-4 requires at least 15 characters when a \
            password can be the only factor and at least 8 when it is always combined with another factor; CIS \
            Controls v8.1 5.2 asks for 14 and 8. A password counts as single-factor unless the system enforces MFA \
            for every user and does not declare local (password) login open: with `local_login_disabled: false` a \
            password sign-in outside SSO remains possible, so the password can be the only factor and 15 applies \
            whatever `mfa_enforced` says. Where `local_login_disabled` is not declared, `mfa_enforced: all` is taken \
            at its word. A system that declares no password policy is reported unless it declares \
            `local_login_disabled: true`: absent is not the same as false, so no minimum length is shown.
            """,
        severity: .high,
        references: ["NIST SP 800-63B-4 §3.1.1.2", "CIS Controls v8.1 5.2"],
        controls: .passwordPolicy,
        remediation:
            "raise the tool's minimum password length, or enforce MFA for every user, disable local login and keep at least 8",
        parameters: [
            RuleParameter(
                "min_length_single_factor", .int(15), "minimum when the password can be the only factor"),
            RuleParameter(
                "min_length_with_mfa", .int(8),
                "minimum when the system enforces MFA for every user and local login is not declared open"),
        ],
        examples: [
            RuleExample(
                "15 characters without MFA (boundary)",
                """
                version: 1
                systems:
                  - { id: cms, name: CMS, system_type: cms, security: { password_policy: { min_length: 15 } } }
                """),
            RuleExample(
                "14 characters without MFA (boundary)", failing: ["system:cms"],
                """
                version: 1
                systems:
                  - { id: cms, name: CMS, system_type: cms, security: { password_policy: { min_length: 14 } } }
                """),
            RuleExample(
                "8 characters with MFA enforced for all (boundary)",
                """
                version: 1
                systems:
                  - id: crm
                    name: CRM
                    system_type: crm
                    security: { mfa_supported: true, mfa_enforced: all, password_policy: { min_length: 8 } }
                """),
            RuleExample(
                "7 characters with MFA enforced for all (boundary)", failing: ["system:crm"],
                """
                version: 1
                systems:
                  - id: crm
                    name: CRM
                    system_type: crm
                    security: { mfa_supported: true, mfa_enforced: all, password_policy: { min_length: 7 } }
                """),
            RuleExample(
                "14 characters with MFA enforced for all but local login not disabled (boundary: single-factor)",
                failing: ["system:crm"],
                """
                version: 1
                systems:
                  - id: crm
                    name: CRM
                    system_type: crm
                    security:
                      mfa_supported: true
                      mfa_enforced: all
                      local_login_disabled: false
                      password_policy: { min_length: 14 }
                """),
            RuleExample(
                "8 characters with MFA only for admins is still single-factor for users", failing: ["system:crm"],
                """
                version: 1
                systems:
                  - id: crm
                    name: CRM
                    system_type: crm
                    security: { mfa_supported: true, mfa_enforced: admins, password_policy: { min_length: 8 } }
                """),
            RuleExample(
                "no minimum length set", failing: ["system:cms"],
                """
                version: 1
                systems:
                  - { id: cms, name: CMS, system_type: cms, security: { password_policy: { max_length: 128 } } }
                """),
            RuleExample(
                "no password policy declared and local login open (boundary: unknown fails)", failing: ["system:crm"],
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, security: { sso_supported: false, local_login_disabled: false } }
                """),
            RuleExample(
                "no password policy declared and local login disabled (boundary: no password sign-in)",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, security: { sso_enforced: true, local_login_disabled: true } }
                """),
            RuleExample(
                "14 characters under the CIS v8.1 profile (boundary)",
                parameters: ["min_length_single_factor": .int(14)],
                """
                version: 1
                systems:
                  - { id: cms, name: CMS, system_type: cms, security: { password_policy: { min_length: 14 } } }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let singleFactor = context.parameters.int("min_length_single_factor")
        let withMFA = context.parameters.int("min_length_with_mfa")
        return context.systemsWithPasswordPolicy.map { system, policy, declared in
            let mfaForAll = system.security?.mfaEnforced == .all
            let localLoginOpen = system.security?.localLoginDisabled == false
            let alwaysWithMFA = mfaForAll && !localLoginOpen
            let required = alwaysWithMFA ? withMFA : singleFactor
            let usage =
                alwaysWithMFA
                ? "with MFA enforced for every user"
                : mfaForAll
                    ? "for passwords that can be the only factor (MFA is enforced for all, but local login is not "
                        + "disabled)"
                    : "for passwords that can be the only factor"
            guard let minLength = policy.minLength else {
                let message =
                    declared
                    ? "no minimum password length is set (\(required) required \(usage))"
                    : "\(system.undeclaredPasswordPolicy), so no minimum password length is shown; \(required) "
                        + "required \(usage)"
                return Evaluation(
                    .system(system),
                    [Violation(message, at: policy.origin.location("min_length"), key: "min_length")])
            }
            guard minLength >= required else {
                return Evaluation(
                    .system(system),
                    [
                        Violation(
                            "minimum password length is \(minLength), below \(required) \(usage)",
                            at: policy.origin.location("min_length"), key: "min_length")
                    ])
            }
            return Evaluation(.system(system))
        }
    }
}
