import TollgateKit

/// LIC-005: only the licensee's entities, in the licensed territories, and contractors only
/// where allowed, use a subscription.
public struct PermittedUse: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "LIC-005", slug: "permitted-use", domain: .licensing,
        title: "Permitted use: licensee entities, territories, contractors",
        rationale: """
            Subscriptions are licensed to named legal entities, often for named territories, and many exclude \
            agencies and contractors. A sister company, an agency or a team abroad using the same login is \
            unlicensed use the vendor can bill for. The entities permitted are `licensee_entities`, the subscription's \
            `licensee` and the `affiliates`; an account's entity is checked once any of the licensee's own entities is \
            named, with or without a `permitted_use` block: a subscription that names its licensee and nothing more \
            is licensed to that licensee alone, so an account used by another entity is reported, while an account \
            that names no entity (no `user_entity`, no owner's employer) is not.
            """,
        severity: .medium,
        references: ["Vendor subscription agreement (licensee, affiliates, territory, contractors)"],
        controls: ControlMapping(
            iso27001: ["A.5.32", "A.5.20"], soc2: ["CC9.2"], nistCSF: ["GV.SC-07", "ID.AM-04"], cis: ["15.1"]),
        remediation: "extend the licence to the entity, territory or contractor, or remove their access",
        examples: [
            RuleExample(
                "employee of the licensee in a licensed territory",
                """
                version: 1
                systems:
                  - id: dam
                    name: DAM
                    system_type: dam
                    subscription:
                      permitted_use: { licensee_entities: [Acme B.V.], territories: [EEA], contractors_allowed: false }
                accounts:
                  - { id: a, system: dam, kind: human, user_entity: Acme B.V., usage_country: NL }
                """),
            RuleExample(
                "affiliate, agency contractor and a user abroad", failing: ["system:dam"],
                """
                version: 1
                people:
                  - { id: p1, kind: agency, employer: Pixel Agency Ltd }
                systems:
                  - id: dam
                    name: DAM
                    system_type: dam
                    subscription:
                      permitted_use:
                        licensee_entities: [Acme B.V.]
                        affiliates: [Acme GmbH]
                        territories: [EEA]
                        contractors_allowed: false
                accounts:
                  - { id: a, system: dam, kind: human, user_entity: Acme GmbH, usage_country: DE }
                  - { id: b, system: dam, kind: human, owner: p1, usage_country: NL }
                  - { id: c, system: dam, kind: human, user_entity: Acme B.V., usage_country: US }
                """),
            RuleExample(
                "licensee named only as the subscription's licensee: its affiliate passes, an agency does not",
                failing: ["system:crm"],
                """
                version: 1
                systems:
                  - id: crm
                    name: CRM
                    system_type: crm
                    subscription: { licensee: Example GmbH, permitted_use: { affiliates: [Example UK Ltd] } }
                accounts:
                  - { id: a, system: crm, kind: human, user_entity: Example GmbH }
                  - { id: b, system: crm, kind: human, user_entity: Example UK Ltd }
                  - { id: c, system: crm, kind: human, user_entity: Random Agency Ltd }
                """),
            RuleExample(
                "licensee without a permitted_use block: the licensee's own account passes (boundary)",
                """
                version: 1
                systems:
                  - id: crm
                    name: CRM
                    system_type: crm
                    subscription: { licensee: Example GmbH }
                accounts:
                  - { id: a, system: crm, kind: human, user_entity: Example GmbH }
                """),
            RuleExample(
                "licensee without a permitted_use block: another entity's account fails (boundary)",
                failing: ["system:crm"],
                """
                version: 1
                systems:
                  - id: crm
                    name: CRM
                    system_type: crm
                    subscription: { licensee: Example GmbH }
                accounts:
                  - { id: a, system: crm, kind: human, user_entity: Example GmbH }
                  - { id: b, system: crm, kind: human, user_entity: Example UK Ltd }
                """),
            RuleExample(
                "licensee without a permitted_use block: an account naming no entity passes (boundary)",
                """
                version: 1
                systems:
                  - id: crm
                    name: CRM
                    system_type: crm
                    subscription: { licensee: Example GmbH }
                accounts:
                  - { id: a, system: crm, kind: human }
                """),
            RuleExample(
                "usage in the last licensed country (boundary: NO is in the EEA, CH is not)", failing: ["system:dam"],
                """
                version: 1
                systems:
                  - id: dam
                    name: DAM
                    system_type: dam
                    subscription: { permitted_use: { territories: [EEA] } }
                accounts:
                  - { id: oslo, system: dam, kind: human, usage_country: "NO" }
                  - { id: zurich, system: dam, kind: human, usage_country: CH }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        context.inventory.systems.compactMap { system in
            guard let subscription = system.subscription else { return nil }
            // A licensee with no `permitted_use` block still limits use to that licensee.
            let permitted = subscription.permittedUse
            let licensees = (permitted?.licenseeEntities ?? []) + [subscription.licensee].compactMap { $0 }
            guard permitted != nil || !licensees.isEmpty else { return nil }
            let entities = Set(licensees + (permitted?.affiliates ?? []))
            var violations: [Violation] = []
            for account in context.index.accountsBySystem[system.id, default: []] where account.enabled {
                let person = account.owner.flatMap { context.index.peopleByID[$0] }
                let key = "account/\(account.id)"
                if !licensees.isEmpty, let entity = account.userEntity ?? person?.employer,
                    !entities.contains(entity)
                {
                    violations.append(
                        Violation(
                            "account '\(account.id)' is used by \(entity), which is not a licensee or affiliate",
                            at: account.origin.location(account.userEntity == nil ? "owner" : "user_entity"),
                            key: key + "/entity"))
                }
                let contractor = account.isContractor ?? person.map { $0.kind == .contractor || $0.kind == .agency }
                if permitted?.contractorsAllowed == false, contractor == true {
                    violations.append(
                        Violation(
                            "account '\(account.id)' belongs to a contractor or agency, which the licence excludes",
                            at: account.origin.location(account.isContractor == nil ? "owner" : "is_contractor"),
                            key: key + "/contractor"))
                }
                if let territories = permitted?.territories, !territories.isEmpty, let country = account.usageCountry,
                    !LicenceRuleSupport.covers(territories, country: country)
                {
                    violations.append(
                        Violation(
                            "account '\(account.id)' is used in \(country), outside the licensed territories "
                                + territories.joined(separator: ", "),
                            at: account.origin.location("usage_country"), key: key + "/territory"))
                }
            }
            return Evaluation(.system(system), violations)
        }
    }
}
