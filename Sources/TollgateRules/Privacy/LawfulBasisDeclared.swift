import TollgateKit

/// PRIV-001: every processing of personal data names its GDPR Art. 6(1) lawful basis.
public struct LawfulBasisDeclared: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "PRIV-001", slug: "lawful-basis-declared", domain: .privacy,
        title: "Lawful basis declared",
        rationale: """
            Processing personal data is lawful only on one of the six bases of GDPR Art. 6(1), and the basis must be \
            recorded (Art. 30(1)(b)) and told to the people concerned (Art. 13(1)(c)). A flow or purpose without one \
            cannot be defended in an audit.
            """,
        severity: .high,
        references: ["GDPR Art. 5(1)(a)", "GDPR Art. 6(1)", "GDPR Art. 13(1)(c)", "GDPR Art. 30(1)(b)"],
        controls: ControlMapping(
            iso27001: ["A.5.34", "A.5.31"], soc2: ["P1.1", "P2.1", "P3.1"], nistCSF: ["GV.OC-03"], cis: ["3.1"]),
        remediation:
            "add `legal_basis` (consent, contract, legal_obligation, vital_interests, public_interest or legitimate_interests)",
        examples: [
            RuleExample(
                "flow with a lawful basis",
                """
                version: 1
                systems:
                  - { id: shop, name: Shop, system_type: ecommerce }
                  - { id: crm, name: CRM, system_type: crm }
                flows:
                  - id: shop-to-crm
                    from: shop
                    to: crm
                    data_categories: [user.contact.email]
                    data_use: marketing.communications.email
                    legal_basis: consent
                """),
            RuleExample(
                "flow of personal data without a lawful basis", failing: ["flow:shop-to-crm"],
                """
                version: 1
                systems:
                  - { id: shop, name: Shop, system_type: ecommerce }
                  - { id: crm, name: CRM, system_type: crm }
                flows:
                  - id: shop-to-crm
                    from: shop
                    to: crm
                    data_categories: [user.contact.email]
                    data_use: marketing.communications.email
                """),
            RuleExample(
                "system data needs no lawful basis (boundary: not personal data)",
                """
                version: 1
                systems:
                  - { id: shop, name: Shop, system_type: ecommerce }
                  - { id: bi, name: BI, system_type: analytics }
                flows:
                  - id: shop-to-bi
                    from: shop
                    to: bi
                    data_categories: [system.operations]
                    data_use: analytics.reporting.system
                """),
            RuleExample(
                "privacy declaration without a lawful basis", failing: ["system:crm"],
                """
                version: 1
                systems:
                  - id: crm
                    name: CRM
                    system_type: crm
                    privacy_declarations:
                      - data_use: marketing.communications.email
                        data_categories: [user.contact.email, user.name]
                        data_subjects: [customer]
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        var evaluations: [Evaluation] = []
        for flow in context.inventory.flows where flow.dataCategories.contains(where: Self.isPersonal) {
            var violations: [Violation] = []
            if flow.legalBasis == nil {
                violations.append(
                    Violation(
                        "flow carries personal data (\(Self.personal(flow.dataCategories))) but declares no legal_basis",
                        at: flow.origin.location("legal_basis"), key: "legal_basis"))
            }
            evaluations.append(Evaluation(.flow(flow), violations))
        }
        for system in context.inventory.systems {
            let declarations = system.privacyDeclarations.enumerated().filter {
                $0.element.dataCategories.contains(where: Self.isPersonal)
            }
            guard !declarations.isEmpty else { continue }
            let violations = declarations.filter { $0.element.legalBasis == nil }.map { index, declaration in
                Violation(
                    "privacy declaration '\(declaration.name ?? declaration.dataUse ?? "#\(index + 1)")' processes personal data but declares no legal_basis",
                    at: declaration.origin.location("legal_basis"),
                    key: "privacy_declarations/\(declaration.dataUse ?? String(index))/legal_basis")
            }
            evaluations.append(Evaluation(.system(system), violations))
        }
        return evaluations
    }

    static func isPersonal(_ category: String) -> Bool { Taxonomy.matches(category, ancestor: "user") }

    static func personal(_ categories: [String]) -> String {
        let personal = categories.filter(isPersonal)
        return personal.prefix(3).joined(separator: ", ") + (personal.count > 3 ? ", …" : "")
    }
}
