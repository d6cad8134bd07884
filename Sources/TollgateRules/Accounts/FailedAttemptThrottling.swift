import TollgateKit

/// ACC-006: consecutive failed sign-in attempts are limited.
public struct FailedAttemptThrottling: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "ACC-006", slug: "failed-attempt-throttling", domain: .accounts,
        title: "Failed attempts are rate-limited",
        rationale: """
            Without a limit, an attacker can guess online for ever. NIST SP 800-63B-4 §3.2.2 requires the verifier \
            to limit consecutive failed attempts on one account to no more than 100. A `lockout_threshold` of 0 \
            (Okta's "no limit") or none at all is reported.
            """,
        severity: .medium,
        references: ["NIST SP 800-63B-4 §3.2.2"],
        controls: .passwordPolicy,
        remediation: "set a lockout or throttling threshold of at most 100 consecutive failures (10 is common)",
        parameters: [RuleParameter("max_failed_attempts", .int(100), "the most consecutive failures allowed")],
        examples: [
            RuleExample(
                "lockout after 100 attempts (boundary)",
                """
                version: 1
                systems:
                  - { id: cms, name: CMS, system_type: cms, security: { password_policy: { lockout_threshold: 100 } } }
                """),
            RuleExample(
                "lockout after 101 attempts (boundary)", failing: ["system:cms"],
                """
                version: 1
                systems:
                  - { id: cms, name: CMS, system_type: cms, security: { password_policy: { lockout_threshold: 101 } } }
                """),
            RuleExample(
                "no limit (0)", failing: ["system:cms"],
                """
                version: 1
                systems:
                  - { id: cms, name: CMS, system_type: cms, security: { password_policy: { lockout_threshold: 0 } } }
                """),
            RuleExample(
                "limit not stated", failing: ["system:cms"],
                """
                version: 1
                systems:
                  - { id: cms, name: CMS, system_type: cms, security: { password_policy: { min_length: 15 } } }
                """),
            RuleExample(
                "no password policy declared and local login not disabled (boundary: unknown fails)",
                failing: ["system:cms"],
                """
                version: 1
                systems:
                  - { id: cms, name: CMS, system_type: cms, security: { mfa_supported: true, mfa_enforced: all } }
                """),
            RuleExample(
                "no password policy declared and local login disabled (boundary: no password to limit)",
                """
                version: 1
                systems:
                  - { id: cms, name: CMS, system_type: cms, security: { sso_enforced: true, local_login_disabled: true } }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let limit = context.parameters.int("max_failed_attempts")
        return context.systemsWithPasswordPolicy.map { system, policy, declared in
            let location = policy.origin.location("lockout_threshold")
            switch policy.lockoutThreshold {
            case let threshold? where threshold > 0 && threshold <= limit:
                return Evaluation(.system(system))
            case let threshold? where threshold > limit:
                return Evaluation(
                    .system(system),
                    [
                        Violation(
                            "lockout after \(threshold) failed attempts, more than \(limit)", at: location,
                            key: "lockout_threshold")
                    ])
            default:
                let message =
                    declared
                    ? "no limit on consecutive failed sign-in attempts is set"
                    : "\(system.undeclaredPasswordPolicy), so no limit on consecutive failed sign-in attempts is shown"
                return Evaluation(.system(system), [Violation(message, at: location, key: "lockout_threshold")])
            }
        }
    }
}
