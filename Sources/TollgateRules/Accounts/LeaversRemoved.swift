import TollgateKit

/// ACC-013: accounts of people who have left are disabled.
public struct LeaversRemoved: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "ACC-013", slug: "leavers-removed", domain: .accounts,
        title: "Leavers' accounts disabled",
        rationale: """
            Former staff and agencies keep working logins to marketing tools far more often than to core systems, \
            because nobody in IT knows those accounts exist. CIS Controls v8.1 6.2 asks to revoke access \
            immediately on termination. The owner's status comes from the account's `owner_active` or from the \
            owner's entry in `people`.
            """,
        severity: .high,
        references: ["CIS Controls v8.1 6.2", "ISO/IEC 27001:2022 A.5.18, A.6.5", "SOC 2 CC6.2"],
        controls: ControlMapping(
            iso27001: ["A.5.18", "A.6.5"], soc2: ["CC6.2", "CC6.3"], nistCSF: ["PR.AA-05"], cis: ["6.2"]),
        remediation:
            "disable the account now (a user pending activation: revoke the activation or deactivate the user) and transfer what it owns; add the tool to the leaver checklist",
        parameters: [
            RuleParameter("grace_days", .int(0), "days after the leaving date before an enabled account is reported")
        ],
        examples: [
            RuleExample(
                "owner still employed",
                """
                version: 1
                people: [{ id: ann, active: true }]
                systems: [{ id: crm, name: CRM, system_type: crm }]
                accounts:
                  - { id: ann-crm, system: crm, kind: human, owner: ann }
                """),
            RuleExample(
                "owner left last month", failing: ["account:bob-crm"], asOf: "2026-06-01",
                """
                version: 1
                people: [{ id: bob, active: false, left_on: 2026-05-01 }]
                systems: [{ id: crm, name: CRM, system_type: crm }]
                accounts:
                  - { id: bob-crm, system: crm, kind: human, owner: bob }
                """),
            RuleExample(
                "owner leaves on the as-of date (boundary)", asOf: "2026-06-01",
                """
                version: 1
                people: [{ id: bob, active: false, left_on: 2026-06-01 }]
                systems: [{ id: crm, name: CRM, system_type: crm }]
                accounts:
                  - { id: bob-crm, system: crm, kind: human, owner: bob }
                """),
            RuleExample(
                "owner left the day before (boundary)", failing: ["account:bob-crm"], asOf: "2026-06-01",
                """
                version: 1
                people: [{ id: bob, active: false, left_on: 2026-05-31 }]
                systems: [{ id: crm, name: CRM, system_type: crm }]
                accounts:
                  - { id: bob-crm, system: crm, kind: human, owner: bob }
                """),
            RuleExample(
                "the roster gives a past last working day but was not marked inactive",
                failing: ["account:bob-crm"], asOf: "2026-06-01",
                """
                version: 1
                people: [{ id: bob, left_on: 2026-05-31 }]
                systems: [{ id: crm, name: CRM, system_type: crm }]
                accounts:
                  - { id: bob-crm, system: crm, kind: human, owner: bob }
                """),
            RuleExample(
                "a last working day still to come is a colleague serving notice (boundary)", asOf: "2026-06-01",
                """
                version: 1
                people: [{ id: bob, left_on: 2026-06-01 }]
                systems: [{ id: crm, name: CRM, system_type: crm }]
                accounts:
                  - { id: bob-crm, system: crm, kind: human, owner: bob }
                """),
            RuleExample(
                "HR export says the owner is inactive", failing: ["account:agency"],
                """
                version: 1
                systems: [{ id: ads, name: Ads, system_type: ad_platform }]
                accounts:
                  - { id: agency, system: ads, kind: human, owner: "Old Agency Ltd", owner_active: false }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let grace = context.parameters.int("grace_days")
        return context.inventory.accounts.compactMap { account in
            guard account.enabled, let active = context.index.ownerActive(account, asOf: context.asOf) else {
                return nil
            }
            if active { return Evaluation(.account(account)) }
            let leftOn = account.owner.flatMap { context.index.peopleByID[$0]?.leftOn }
            if let leftOn, leftOn.days(until: context.asOf) <= grace { return Evaluation(.account(account)) }
            let when = leftOn.map { " on \($0)" } ?? ""
            let field = account.ownerActive != nil ? "owner_active" : "owner"
            // A user never activated (Okta STAGED, PROVISIONED) is said to be one, as ACC-012
            // says it: a provisioned one's activation link is out, so whoever holds it can sign in
            // as the leaver; a staged one is an activation (often automated) away from that.
            let pending = account.pendingActivationPhrase.map { phrase in
                "; \(phrase): "
                    + (account.pendingActivation == .provisioned
                        ? "its activation link is live" : "one activation away from a live login")
            }
            return Evaluation(
                .account(account),
                [
                    Violation(
                        "account '\(account.id)' is enabled but its owner '\(account.owner ?? "?")' left\(when)"
                            + (pending ?? ""),
                        at: account.origin.location(field), key: "leaver")
                ])
        }
    }
}
