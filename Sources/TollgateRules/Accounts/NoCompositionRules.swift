import TollgateKit

/// ACC-003: no rules that force a mix of character types.
public struct NoCompositionRules: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "ACC-003", slug: "no-composition-rules", domain: .accounts,
        title: "No composition rules",
        rationale: """
            Rules such as "one upper-case letter, one digit, one symbol" make people write predictable passwords \
            (Password1!) without making them stronger. NIST SP 800-63B-4 says verifiers shall not impose them; \
            length and blocklist screening do the work instead.
            """,
        severity: .medium,
        references: ["NIST SP 800-63B-4 §3.1.1.2"],
        controls: .passwordPolicy,
        remediation: "turn off the character-class requirements and rely on length and a blocklist",
        parameters: [
            RuleParameter(
                "allow_composition_rules", .bool(false),
                "true for profiles that still require them (PCI DSS 4.0 8.3.6 asks for letters and digits)")
        ],
        examples: [
            RuleExample(
                "no composition rules",
                """
                version: 1
                systems:
                  - { id: cms, name: CMS, system_type: cms, security: { password_policy: { composition_rules: false } } }
                """),
            RuleExample(
                "symbols and digits required", failing: ["system:cms"],
                """
                version: 1
                systems:
                  - { id: cms, name: CMS, system_type: cms, security: { password_policy: { composition_rules: true } } }
                """),
            RuleExample(
                "composition not stated (boundary: unknown is not reported)",
                """
                version: 1
                systems:
                  - { id: cms, name: CMS, system_type: cms, security: { password_policy: { min_length: 15 } } }
                """),
            RuleExample(
                "composition allowed by the profile", parameters: ["allow_composition_rules": .bool(true)],
                """
                version: 1
                systems:
                  - { id: cms, name: CMS, system_type: cms, security: { password_policy: { composition_rules: true } } }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let allowed = context.parameters.bool("allow_composition_rules")
        return context.systemsWithPasswordPolicy.map { system, policy, _ in
            guard policy.compositionRules == true, !allowed else { return Evaluation(.system(system)) }
            return Evaluation(
                .system(system),
                [
                    Violation(
                        "password policy requires a mix of character types",
                        at: policy.origin.location("composition_rules"), key: "composition_rules")
                ])
        }
    }
}
