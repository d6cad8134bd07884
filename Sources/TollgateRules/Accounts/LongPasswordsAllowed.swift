import TollgateKit

/// ACC-002: the tool accepts long passwords and passphrases.
public struct LongPasswordsAllowed: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "ACC-002", slug: "long-passwords-allowed", domain: .accounts,
        title: "Long passwords allowed",
        rationale: """
            A low maximum length forbids passphrases and truncates what password managers generate. NIST SP \
            800-63B-4 says verifiers should permit at least 64 characters. A tool that does not state its maximum \
            is not reported.
            """,
        severity: .low,
        references: ["NIST SP 800-63B-4 §3.1.1.2"],
        controls: .passwordPolicy,
        remediation: "allow passwords of at least 64 characters, or move the tool behind SSO",
        parameters: [RuleParameter("max_length_at_least", .int(64), "the smallest acceptable maximum length")],
        examples: [
            RuleExample(
                "maximum of 64 characters (boundary)",
                """
                version: 1
                systems:
                  - { id: cms, name: CMS, system_type: cms, security: { password_policy: { max_length: 64 } } }
                """),
            RuleExample(
                "maximum of 63 characters (boundary)", failing: ["system:cms"],
                """
                version: 1
                systems:
                  - { id: cms, name: CMS, system_type: cms, security: { password_policy: { max_length: 63 } } }
                """),
            RuleExample(
                "maximum not stated",
                """
                version: 1
                systems:
                  - { id: cms, name: CMS, system_type: cms, security: { password_policy: { min_length: 15 } } }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let floor = context.parameters.int("max_length_at_least")
        return context.systemsWithPasswordPolicy.map { system, policy, _ in
            guard let maxLength = policy.maxLength, maxLength < floor else { return Evaluation(.system(system)) }
            return Evaluation(
                .system(system),
                [
                    Violation(
                        "maximum password length is \(maxLength), below \(floor)",
                        at: policy.origin.location("max_length"), key: "max_length")
                ])
        }
    }
}
