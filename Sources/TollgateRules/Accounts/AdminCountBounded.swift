import TollgateKit

/// ACC-014: each tool has enough administrators for oversight, and few enough to limit exposure.
public struct AdminCountBounded: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "ACC-014", slug: "admin-count-bounded", domain: .accounts,
        title: "Admin count bounded",
        rationale: """
            One administrator is a single point of failure and acts without oversight; many administrators multiply \
            the accounts whose compromise hands over the whole tool. The CIS Microsoft 365 benchmark asks for \
            between two and four global admins, and Meta recommends at least two and few full-control admins; the \
            same pattern fits every marketing tool. Break-glass accounts are not counted.
            """,
        severity: .medium,
        references: [
            "CIS Microsoft 365 Foundations Benchmark 1.1.3", "CIS Controls v8.1 5.4", "ISO/IEC 27001:2022 A.8.2",
        ],
        controls: ControlMapping(
            iso27001: ["A.8.2", "A.5.3"], soc2: ["CC6.3"], nistCSF: ["PR.AA-05"], cis: ["5.4", "6.8"]),
        remediation: "name a second administrator, or demote administrators to the roles they need",
        parameters: [
            RuleParameter("min_admins", .int(2), "fewest administrators per tool"),
            RuleParameter("max_admins", .int(4), "most administrators per tool"),
        ],
        examples: [
            RuleExample(
                "one admin (boundary)", failing: ["system:crm"],
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }]
                accounts:
                  - { id: a1, system: crm, kind: human, is_admin: true }
                  - { id: glass, system: crm, kind: break_glass, is_admin: true }
                """),
            RuleExample(
                "two admins (boundary)",
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }]
                accounts:
                  - { id: a1, system: crm, kind: human, is_admin: true }
                  - { id: a2, system: crm, kind: human, is_admin: true }
                """),
            RuleExample(
                "four admins (boundary)",
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }]
                accounts:
                  - { id: a1, system: crm, kind: human, is_admin: true }
                  - { id: a2, system: crm, kind: human, is_admin: true }
                  - { id: a3, system: crm, kind: human, is_admin: true }
                  - { id: a4, system: crm, kind: human, is_admin: true }
                """),
            RuleExample(
                "five admins (boundary)", failing: ["system:crm"],
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }]
                accounts:
                  - { id: a1, system: crm, kind: human, is_admin: true }
                  - { id: a2, system: crm, kind: human, is_admin: true }
                  - { id: a3, system: crm, kind: human, is_admin: true }
                  - { id: a4, system: crm, kind: human, is_admin: true }
                  - { id: a5, system: crm, kind: human, is_admin: true }
                """),
            RuleExample(
                "a tool with no declared accounts is out of scope",
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }]
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let low = context.parameters.int("min_admins")
        let high = context.parameters.int("max_admins")
        return context.inventory.systems.compactMap { system in
            guard let accounts = context.index.accountsBySystem[system.id], !accounts.isEmpty else { return nil }
            let admins = accounts.filter { $0.isAdmin && $0.enabled && $0.kind != .breakGlass }
            guard admins.count < low || admins.count > high else { return Evaluation(.system(system)) }
            let bound = admins.count < low ? "fewer than \(low)" : "more than \(high)"
            // An export that cannot show admin rights (Okta's users list) leaves only the declared
            // admins known: say so rather than state the count as a fact.
            let unseen = context.inventory.accountExports[system.id]?.formatWithoutAdmins
            let (declared, unknown) = unseen.map { (" declared", "; \($0) does not show admin roles") } ?? ("", "")
            // The first administrator over the bound (the first of all when a policy sets it below 0).
            let location =
                admins.count > high ? admins[max(high, 0)].origin.location("is_admin") : system.origin.location
            return Evaluation(
                .system(system),
                [
                    Violation(
                        "tool '\(system.id)' has \(admins.count.counted("administrator"))\(declared), \(bound)\(unknown)",
                        at: location,
                        key: "admin_count")
                ])
        }
    }
}
