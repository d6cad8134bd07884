import TollgateKit

/// ACC-004: passwords are not forced to expire on a schedule.
public struct NoForcedRotation: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "ACC-004", slug: "no-forced-rotation", domain: .accounts,
        title: "No periodic forced rotation",
        rationale: """
            Forced periodic changes lead to Summer2026! followed by Autumn2026!. NIST SP 800-63B-4 says verifiers \
            shall not require periodic changes, and shall force a change only on evidence of compromise. A \
            `max_age_days` of 0 means passwords do not expire.
            """,
        severity: .medium,
        references: ["NIST SP 800-63B-4 §3.1.1.2"],
        controls: .passwordPolicy,
        remediation:
            "turn off password expiry; force a change only when a password is known or suspected to be compromised",
        parameters: [
            RuleParameter(
                "max_password_age_days", .int(0),
                "the longest expiry period accepted; 0 accepts no periodic expiry (PCI DSS 4.0 8.3.9 uses 90)")
        ],
        examples: [
            RuleExample(
                "no expiry (boundary: 0 days)",
                """
                version: 1
                systems:
                  - { id: cms, name: CMS, system_type: cms, security: { password_policy: { max_age_days: 0 } } }
                """),
            RuleExample(
                "expiry every 90 days", failing: ["system:cms"],
                """
                version: 1
                systems:
                  - { id: cms, name: CMS, system_type: cms, security: { password_policy: { max_age_days: 90 } } }
                """),
            RuleExample(
                "90 days under a profile allowing 90 (boundary)", parameters: ["max_password_age_days": .int(90)],
                """
                version: 1
                systems:
                  - { id: cms, name: CMS, system_type: cms, security: { password_policy: { max_age_days: 90 } } }
                """),
            RuleExample(
                "91 days under a profile allowing 90 (boundary)", failing: ["system:cms"],
                parameters: ["max_password_age_days": .int(90)],
                """
                version: 1
                systems:
                  - { id: cms, name: CMS, system_type: cms, security: { password_policy: { max_age_days: 91 } } }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let allowed = context.parameters.int("max_password_age_days")
        return context.systemsWithPasswordPolicy.map { system, policy, _ in
            guard let age = policy.maxAgeDays, age > 0, allowed == 0 || age > allowed else {
                return Evaluation(.system(system))
            }
            let limit = allowed == 0 ? "periodic expiry is not allowed" : "more than \(allowed) days"
            return Evaluation(
                .system(system),
                [
                    Violation(
                        "passwords expire every \(age) days (\(limit))",
                        at: policy.origin.location("max_age_days"), key: "max_age_days")
                ])
        }
    }
}
