import TollgateKit

/// LIC-007: a named-user licence is not used through a shared login.
public struct NamedUserNotShared: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "LIC-007", slug: "named-user-not-shared", domain: .licensing,
        title: "Named-user licences not shared",
        rationale: """
            A named-user licence is for one identified person. A shared login on it breaches the licence (each \
            holder needs a seat) and hides who did what, which is also an access-control failure (ACC-011).
            """,
        severity: .medium,
        references: ["Vendor subscription agreement (named-user licence)", "CycloneDX licensing `named-user`"],
        controls: ControlMapping(
            iso27001: ["A.5.32", "A.5.16"], soc2: ["CC9.2", "CC6.2"], nistCSF: ["GV.SC-07", "PR.AA-01"], cis: ["5.1"]),
        remediation: "give each holder of the shared login a named seat and disable the shared account",
        examples: [
            RuleExample(
                "named users each with their own account",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, subscription: { licence_types: [named-user] } }
                accounts:
                  - { id: a, system: crm, kind: human }
                  - { id: api, system: crm, kind: service }
                """),
            RuleExample(
                "shared login on a named-user licence", failing: ["account:team"],
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, subscription: { licence_types: [named-user] } }
                accounts:
                  - { id: team, system: crm, kind: shared, holders: [ann, bob] }
                """),
            RuleExample(
                "disabled shared login (boundary)",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, subscription: { licence_types: [named-user] } }
                accounts:
                  - { id: team, system: crm, kind: shared, enabled: false }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        context.inventory.systems.filter { $0.subscription?.licenceTypes.contains(.namedUser) == true }
            .flatMap { system in
                context.index.accountsBySystem[system.id, default: []].filter { $0.enabled && $0.kind != .service }
                    .map { account in
                        guard account.kind == .shared else { return Evaluation(.account(account)) }
                        let holders = account.holders.isEmpty ? "" : " by \(account.holders.count) people"
                        return Evaluation(
                            .account(account),
                            [
                                Violation(
                                    "shared login used\(holders) on a named-user licence of \(system.name)",
                                    at: account.origin.location("kind"), key: "named-user")
                            ])
                    }
            }
    }
}
