import TollgateKit

/// ACC-009: every administrator authenticates with MFA, and not only with phishable methods.
public struct AdminMFA: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "ACC-009", slug: "admin-mfa", domain: .accounts,
        title: "MFA for every admin, phishing-resistant preferred",
        rationale: """
            An administrator of a marketing tool can export every contact, change payment details or hand the brand's \
            accounts to someone else. CIS Controls 6.5 requires MFA for all administrative access; SP 800-63B-4 says \
            e-mail is not an authenticator (an admin relying on e-mail codes alone is reported at high) and SMS or \
            voice codes are restricted (medium), so an admin relying on them alone is phishable. An account that does not say whether it has MFA is covered by its system's `mfa_enforced`, or \
            by its identity provider where the tool is reached only through SSO (`sso_enforced: true` and \
            `local_login_disabled: true`), as for ACC-008; a break-glass account only with `sso: true`, since it \
            keeps a local login for when the identity provider is down.
            """,
        severity: .critical,
        references: ["CIS Controls v8.1 6.5", "NIST SP 800-63B-4 §2.2 (AAL2)", "NIST SP 800-63B-4 §3.1.3"],
        controls: ControlMapping(
            iso27001: ["A.8.2", "A.8.5"], soc2: ["CC6.1"], nistCSF: ["PR.AA-03", "PR.AA-05"], cis: ["6.5"]),
        remediation:
            "enforce MFA for administrators in the tool (or through SSO) and enrol a passkey, FIDO2 key or authenticator app",
        parameters: [
            RuleParameter(
                "non_authenticator_methods", .strings(["email"]),
                "methods SP 800-63B-4 does not accept as an authenticator at all (no device is proven); an admin relying on them alone is reported at high severity",
                values: .cases(of: MFAMethod.self, "MFA method")),
            RuleParameter(
                "restricted_methods", .strings(["sms", "voice", "email"]),
                "methods that do not count as adequate on their own for an admin (reported at medium severity)",
                values: .cases(of: MFAMethod.self, "MFA method")),
            RuleParameter(
                "phishing_resistant_methods", .strings(["webauthn", "passkey", "fido2", "piv"]),
                "methods preferred for admins; an admin with MFA but none of these is reported at low severity",
                values: .cases(of: MFAMethod.self, "MFA method")),
        ],
        examples: [
            RuleExample(
                "admin with a passkey",
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }]
                accounts:
                  - { id: alice, system: crm, kind: human, is_admin: true, mfa_enabled: true, mfa_methods: [passkey] }
                """),
            RuleExample(
                "admin without MFA", failing: ["account:bob"],
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }]
                accounts:
                  - { id: bob, system: crm, kind: human, is_admin: true, mfa_enabled: false }
                """),
            RuleExample(
                "admin covered by MFA enforced for admins on the system",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, security: { mfa_supported: true, mfa_enforced: admins } }
                accounts:
                  - { id: carol, system: crm, kind: human, is_admin: true }
                """),
            RuleExample(
                "admin declaring MFA off on a system that claims MFA enforced for admins (contradiction)",
                failing: ["account:bob"],
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, security: { mfa_supported: true, mfa_enforced: admins } }
                accounts:
                  - { id: bob, system: crm, kind: human, is_admin: true, mfa_enabled: false }
                """),
            RuleExample(
                "admin on a tool reached only through SSO (boundary: MFA is the identity provider's)",
                """
                version: 1
                systems:
                  - id: crm
                    name: CRM
                    system_type: crm
                    security: { mfa_supported: true, mfa_enforced: none, sso_enforced: true, local_login_disabled: true }
                accounts:
                  - { id: carol, system: crm, kind: human, is_admin: true, sso: true }
                """),
            RuleExample(
                "break-glass admin signing in locally on a tool otherwise reached only through SSO",
                failing: ["account:glass"],
                """
                version: 1
                systems:
                  - id: crm
                    name: CRM
                    system_type: crm
                    security: { mfa_supported: true, mfa_enforced: none, sso_enforced: true, local_login_disabled: true }
                accounts:
                  - { id: glass, system: crm, kind: break_glass, is_admin: true }
                """),
            RuleExample(
                "admin whose only method is SMS (restricted authenticator)", failing: ["account:dave"],
                """
                version: 1
                systems: [{ id: ads, name: Ads, system_type: ad_platform }]
                accounts:
                  - { id: dave, system: ads, kind: human, is_admin: true, mfa_enabled: true, mfa_methods: [sms] }
                """),
            RuleExample(
                "admin relying only on e-mail codes (high: not an authenticator)", failing: ["account:ed"],
                """
                version: 1
                systems: [{ id: ads, name: Ads, system_type: ad_platform }]
                accounts:
                  - { id: ed, system: ads, kind: human, is_admin: true, mfa_enabled: true, mfa_methods: [email] }
                """),
            RuleExample(
                "admin with SMS and an authenticator app (boundary: adequate, not phishing-resistant, low)",
                failing: ["account:erin"],
                """
                version: 1
                systems: [{ id: ads, name: Ads, system_type: ad_platform }]
                accounts:
                  - { id: erin, system: ads, kind: human, is_admin: true, mfa_enabled: true, mfa_methods: [sms, totp] }
                """),
            RuleExample(
                "admin with an authenticator app and a security key",
                """
                version: 1
                systems: [{ id: ads, name: Ads, system_type: ad_platform }]
                accounts:
                  - { id: gus, system: ads, kind: human, is_admin: true, mfa_enabled: true, mfa_methods: [totp, fido2] }
                """),
            RuleExample(
                "non-admin without MFA is out of this rule's scope",
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }]
                accounts:
                  - { id: frank, system: crm, kind: human, is_admin: false, mfa_enabled: false }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let restricted = Set(context.parameters.strings("restricted_methods"))
        let notAuthenticators = Set(context.parameters.strings("non_authenticator_methods"))
        let phishingResistant = Set(context.parameters.strings("phishing_resistant_methods"))
        return context.inventory.accounts.filter { $0.isAdmin && $0.enabled }.map { account in
            let security = context.index.systemsByID[account.system]?.security
            let enforced = security?.mfaEnforced == .admins || security?.mfaEnforced == .all
            // An account that declares MFA off is an admin without MFA even where the system claims enforcement:
            // the two contradict each other, and the account's own record (declared, or from its identity provider's
            // export) is the more specific.
            guard account.hasMFA(under: security) else {
                var message = "admin account '\(account.id)' has no MFA"
                if enforced, let scope = security?.mfaEnforced {
                    message =
                        "admin account '\(account.id)' has MFA turned off although its system declares mfa_enforced: "
                        + "\(scope.rawValue); the account's own record (its declaration or its identity provider's "
                        + "export) is the more specific, so it is treated as having no MFA"
                }
                return Evaluation(
                    .account(account),
                    [
                        Violation(
                            message, at: account.origin.location("mfa_enabled"), severity: .critical, key: "mfa")
                    ])
            }
            let methods = account.mfaMethods.isEmpty ? (security?.mfaMethodsAllowed ?? []) : account.mfaMethods
            guard !methods.isEmpty else { return Evaluation(.account(account)) }
            let names = methods.map(\.rawValue).joined(separator: ", ")
            let problem: (message: String, severity: Severity, key: String)
            if methods.allSatisfy({ notAuthenticators.contains($0.rawValue) }) {
                // E-mail codes prove no device (SP 800-63B-4 3.1.3.1: "SHALL NOT be used for
                // out-of-band authentication"): nearer no second factor than a restricted one.
                problem = (
                    "relies only on \(names) codes for MFA, which SP 800-63B-4 does not accept as an authenticator: "
                        + "they prove no device", .high, "mfa_methods"
                )
            } else if methods.allSatisfy({ restricted.contains($0.rawValue) }) {
                problem = ("relies only on \(names) for MFA", .medium, "mfa_methods")
            } else if !methods.contains(where: { phishingResistant.contains($0.rawValue) }) {
                problem = (
                    "uses MFA that is not phishing-resistant (\(names)); prefer a passkey or security key", .low,
                    "phishing_resistant"
                )
            } else {
                return Evaluation(.account(account))
            }
            return Evaluation(
                .account(account),
                [
                    Violation(
                        "admin account '\(account.id)' " + problem.message,
                        at: account.origin.location(account.mfaMethods.isEmpty ? "system" : "mfa_methods"),
                        severity: problem.severity, key: problem.key)
                ])
        }
    }
}
