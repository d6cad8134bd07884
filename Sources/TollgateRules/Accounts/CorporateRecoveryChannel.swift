import TollgateKit

/// ACC-019: account recovery goes to a mailbox the organisation controls.
public struct CorporateRecoveryChannel: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "ACC-019", slug: "corporate-recovery-channel", domain: .accounts,
        title: "Recovery channel on a corporate domain",
        rationale: """
            Whoever controls the recovery address controls the account: a brand's social account recovered to a \
            former employee's or agency's private mailbox leaves with them. Recovery e-mail must be on one of the \
            organisation's `corporate_domains` (or a subdomain). Reported only when the organisation declares them.
            """,
        severity: .medium,
        references: ["ISO/IEC 27001:2022 A.5.17", "Meta Business Manager domain restriction guidance"],
        controls: ControlMapping(iso27001: ["A.5.17"], soc2: ["CC6.1"], nistCSF: ["PR.AA-01"]),
        remediation: "change the recovery address to a shared mailbox on a corporate domain",
        parameters: [
            RuleParameter(
                "corporate_domains", .strings([]),
                "domains accepted in addition to the organisation's corporate_domains",
                values: .freeText("e-mail domains"))
        ],
        examples: [
            RuleExample(
                "recovery on a corporate subdomain (boundary)",
                """
                version: 1
                organization: { name: Shop, corporate_domains: [example.com] }
                systems: [{ id: ig, name: Instagram, system_type: social }]
                accounts:
                  - { id: brand, system: ig, kind: human, recovery_email: social@mail.example.com }
                """),
            RuleExample(
                "recovery on a look-alike domain (boundary)", failing: ["account:brand"],
                """
                version: 1
                organization: { name: Shop, corporate_domains: [example.com] }
                systems: [{ id: ig, name: Instagram, system_type: social }]
                accounts:
                  - { id: brand, system: ig, kind: human, recovery_email: social@example.com.attacker.net }
                """),
            RuleExample(
                "recovery to a private mailbox", failing: ["account:brand"],
                """
                version: 1
                organization: { name: Shop, corporate_domains: [example.com] }
                systems: [{ id: ig, name: Instagram, system_type: social }]
                accounts:
                  - { id: brand, system: ig, kind: human, recovery_email: jo.intern@gmail.com }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let domains = Set(
            ((context.inventory.organization?.corporateDomains ?? []) + context.parameters.strings("corporate_domains"))
                .map { $0.lowercased() })
        guard !domains.isEmpty else { return [] }
        return context.inventory.accounts.compactMap { account in
            guard account.enabled, let email = account.recoveryEmail else { return nil }
            let domain = email.split(separator: "@").last.map { $0.lowercased() } ?? ""
            let corporate = domains.contains { domain == $0 || domain.hasSuffix("." + $0) }
            guard !corporate else { return Evaluation(.account(account)) }
            return Evaluation(
                .account(account),
                [
                    Violation(
                        "account '\(account.id)' has its recovery e-mail on '\(domain)', not a corporate domain",
                        at: account.origin.location("recovery_email"), key: "recovery_email")
                ])
        }
    }
}
