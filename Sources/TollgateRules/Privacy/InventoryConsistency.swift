import TollgateKit

/// PRIV-011: the declared flows and the systems' privacy declarations tell the same story.
public struct InventoryConsistency: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "PRIV-011", slug: "inventory-consistency", domain: .privacy,
        title: "Inventory consistency (undeclared flows)",
        rationale: """
            The record of processing (GDPR Art. 30) is only as good as its consistency: a system that receives a \
            category none of its privacy declarations covers, or a declared recipient with no flow to it, means \
            either an undeclared flow or a stale record — both audit findings. Only systems that declare some \
            privacy declaration are compared; one that declares none but receives or sends personal data is reported by \
            PRIV-010, since its processing is missing from the record altogether.
            """,
        severity: .high,
        references: ["GDPR Art. 30(1)", "ISO/IEC 27001:2022 A.5.9", "NIST CSF 2.0 ID.AM-03"],
        controls: ControlMapping(
            iso27001: ["A.5.9", "A.5.14"], soc2: ["CC2.1"], nistCSF: ["ID.AM-03", "ID.AM-04"], cis: ["3.8", "15.1"]),
        remediation:
            "add the missing category to a privacy declaration of the receiving system, declare the flow, or remove the stale egress/ingress entry",
        examples: [
            RuleExample(
                "declarations and flows agree",
                """
                version: 1
                systems:
                  - id: crm
                    name: CRM
                    system_type: crm
                    privacy_declarations: [{ data_use: marketing, data_categories: [user.contact], egress: [esp] }]
                  - id: esp
                    name: ESP
                    system_type: esp
                    privacy_declarations: [{ data_use: marketing, data_categories: [user.contact.email], ingress: [crm] }]
                flows:
                  - { id: crm-esp, from: crm, to: esp, data_categories: [user.contact.email], data_use: marketing,
                      legal_basis: consent }
                """),
            RuleExample(
                "the ESP receives phone numbers it does not declare, and an egress has no flow",
                failing: ["system:esp", "system:crm"],
                """
                version: 1
                systems:
                  - id: crm
                    name: CRM
                    system_type: crm
                    privacy_declarations: [{ data_use: marketing, data_categories: [user.contact], egress: [esp, ads] }]
                  - { id: ads, name: Ads, system_type: ad_platform }
                  - id: esp
                    name: ESP
                    system_type: esp
                    privacy_declarations: [{ data_use: marketing, data_categories: [user.contact.email] }]
                flows:
                  - { id: crm-esp, from: crm, to: esp, data_categories: [user.contact.email, user.contact.phone_number],
                      data_use: marketing, legal_basis: consent }
                """),
            RuleExample(
                "a system without privacy declarations is not compared (boundary: PRIV-010 reports it as missing from the record)",
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }, { id: esp, name: ESP, system_type: esp }]
                flows:
                  - { id: crm-esp, from: crm, to: esp, data_categories: [user.contact.email], data_use: marketing,
                      legal_basis: consent }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        var evaluations: [Evaluation] = []
        for system in context.inventory.systems where !system.privacyDeclarations.isEmpty {
            var violations: [Violation] = []
            let declared = system.privacyDeclarations.flatMap(\.dataCategories)
            for flow in context.index.flowsTo[system.id] ?? [] {
                let undeclared = flow.dataCategories.filter {
                    PrivacyScope.isPersonal($0) && !Taxonomy.matchesAny($0, declared)
                }
                if !undeclared.isEmpty {
                    violations.append(
                        Violation(
                            "receives \(PrivacyScope.list(undeclared)) from '\(flow.from)' (flow '\(flow.id)') but no privacy declaration covers it",
                            at: flow.origin.location("data_categories"), key: "undeclared/\(flow.id)"))
                }
            }
            let sendsTo = Set((context.index.flowsFrom[system.id] ?? []).map(\.to))
            let receivesFrom = Set((context.index.flowsTo[system.id] ?? []).map(\.from))
            for declaration in system.privacyDeclarations {
                for (index, target) in declaration.egress.enumerated() where !sendsTo.contains(target) {
                    violations.append(
                        Violation(
                            "privacy declaration names '\(target)' as a recipient but no flow goes there",
                            at: declaration.origin.location("egress/\(index)"), key: "egress/\(target)"))
                }
                for (index, source) in declaration.ingress.enumerated() where !receivesFrom.contains(source) {
                    violations.append(
                        Violation(
                            "privacy declaration names '\(source)' as a source but no flow comes from there",
                            at: declaration.origin.location("ingress/\(index)"), key: "ingress/\(source)"))
                }
            }
            evaluations.append(Evaluation(.system(system), violations))
        }
        return evaluations
    }
}
