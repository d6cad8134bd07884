import TollgateKit

/// ACC-007: no password hints and no knowledge-based questions.
public struct NoHintsOrSecurityQuestions: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "ACC-007", slug: "no-hints-or-security-questions", domain: .accounts,
        title: "No password hints or security questions",
        rationale: """
            A hint or a security question ("mother's maiden name") is a second, weaker password whose answer is \
            often public on social media. NIST SP 800-63B-4 says verifiers shall not store hints readable by an \
            unauthenticated claimant nor prompt for knowledge-based authentication.
            """,
        severity: .medium,
        references: ["NIST SP 800-63B-4 §3.1.1.2"],
        controls: .passwordPolicy,
        remediation: "turn off password hints and security-question recovery; recover through a verified factor",
        examples: [
            RuleExample(
                "neither hints nor questions",
                """
                version: 1
                systems:
                  - id: cms
                    name: CMS
                    system_type: cms
                    security: { password_policy: { hints_allowed: false, security_questions: false } }
                """),
            RuleExample(
                "security questions for recovery", failing: ["system:cms"],
                """
                version: 1
                systems:
                  - { id: cms, name: CMS, system_type: cms, security: { password_policy: { security_questions: true } } }
                """),
            RuleExample(
                "hints allowed", failing: ["system:cms"],
                """
                version: 1
                systems:
                  - { id: cms, name: CMS, system_type: cms, security: { password_policy: { hints_allowed: true } } }
                """),
            RuleExample(
                "not stated (boundary: unknown is not reported)",
                """
                version: 1
                systems:
                  - { id: cms, name: CMS, system_type: cms, security: { password_policy: { min_length: 15 } } }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        context.systemsWithPasswordPolicy.map { system, policy, _ in
            var violations: [Violation] = []
            if policy.hintsAllowed == true {
                violations.append(
                    Violation(
                        "password hints are allowed", at: policy.origin.location("hints_allowed"), key: "hints_allowed")
                )
            }
            if policy.securityQuestions == true {
                violations.append(
                    Violation(
                        "security questions are used for sign-in or recovery",
                        at: policy.origin.location("security_questions"), key: "security_questions"))
            }
            return Evaluation(.system(system), violations)
        }
    }
}
