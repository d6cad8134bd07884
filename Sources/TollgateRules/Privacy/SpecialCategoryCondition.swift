import TollgateKit

/// PRIV-004: special-category data has an Art. 9(2) condition, and explicit consent when used
/// for marketing or personalisation.
public struct SpecialCategoryCondition: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "PRIV-004", slug: "special-category-condition", domain: .privacy,
        title: "Special categories need an Art. 9(2) condition",
        rationale: """
            Processing health, biometric, ethnic, political, religious, sexual-orientation or trade-union data is \
            prohibited (GDPR Art. 9(1)) unless one of the conditions of Art. 9(2) applies, in addition to an \
            Art. 6 basis. For marketing and personalisation the only realistic condition is explicit consent.
            """,
        severity: .critical,
        references: ["GDPR Art. 9(1)", "GDPR Art. 9(2)(a)–(j)"],
        controls: ControlMapping(
            iso27001: ["A.5.34", "A.5.12"], soc2: ["P3.2", "C1.1"], nistCSF: ["GV.OC-03", "ID.AM-07"], cis: ["3.7"]),
        remediation:
            "declare `special_category_legal_basis` (for marketing: explicit_consent, collected as such), or stop processing the category",
        parameters: [
            RuleParameter(
                "special_categories", .strings(PrivacyCategorySets.gdprArt9), "GDPR Art. 9(1) categories",
                values: .taxonomy(.dataCategory)),
            RuleParameter(
                "allowed_art9_bases_for_marketing", .strings(["explicit_consent"]),
                "Art. 9(2) conditions acceptable for marketing and personalisation",
                values: .cases(of: SpecialCategoryBasis.self, "Art. 9(2) condition")),
            RuleParameter(
                "marketing_uses", .strings(["marketing", "personalize"]), "uses held to the marketing standard",
                values: .taxonomy(.dataUse)),
        ],
        examples: [
            RuleExample(
                "health data for the service with a health-care condition",
                """
                version: 1
                systems: [{ id: form, name: Form, system_type: cms }, { id: crm, name: CRM, system_type: crm }]
                flows:
                  - { id: f, from: form, to: crm, data_categories: [user.health_and_medical], data_use: essential.service,
                      legal_basis: contract, special_category_legal_basis: health_or_social_care }
                """),
            RuleExample(
                "health data without an Art. 9 condition", failing: ["flow:f"],
                """
                version: 1
                systems: [{ id: form, name: Form, system_type: cms }, { id: crm, name: CRM, system_type: crm }]
                flows:
                  - { id: f, from: form, to: crm, data_categories: [user.health_and_medical.genetic],
                      data_use: essential.service, legal_basis: contract }
                """),
            RuleExample(
                "religious belief for marketing on a condition other than explicit consent", failing: ["flow:f"],
                """
                version: 1
                systems: [{ id: form, name: Form, system_type: cms }, { id: esp, name: ESP, system_type: esp }]
                flows:
                  - { id: f, from: form, to: esp, data_categories: [user.demographic.religious_belief],
                      data_use: marketing.communications.email, legal_basis: consent,
                      special_category_legal_basis: made_public }
                """),
            RuleExample(
                "age range is not a special category (boundary: prefix)",
                """
                version: 1
                systems: [{ id: form, name: Form, system_type: cms }, { id: esp, name: ESP, system_type: esp }]
                flows:
                  - { id: f, from: form, to: esp, data_categories: [user.demographic.age_range],
                      data_use: marketing.communications.email, legal_basis: consent }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let special = context.parameters.strings("special_categories")
        let allowed = Set(context.parameters.strings("allowed_art9_bases_for_marketing"))
        let marketingUses = context.parameters.strings("marketing_uses")
        func problems(
            _ categories: [String], _ use: String?, _ basis: SpecialCategoryBasis?, _ origin: Origin, _ key: String
        ) -> [Violation]? {
            let found = PrivacyScope.matching(categories, special)
            guard !found.isEmpty else { return nil }
            guard let basis else {
                return [
                    Violation(
                        "special-category data (\(PrivacyScope.list(found))) without an Art. 9(2) condition",
                        at: origin.location("special_category_legal_basis"), key: key)
                ]
            }
            if let use, Taxonomy.matchesAny(use, marketingUses), !allowed.contains(basis.rawValue) {
                return [
                    Violation(
                        "special-category data (\(PrivacyScope.list(found))) used for \(use) on \(basis.rawValue) rather than \(allowed.sorted().joined(separator: " or "))",
                        at: origin.location("special_category_legal_basis"), key: key)
                ]
            }
            return []
        }
        var evaluations: [Evaluation] = []
        for flow in context.inventory.flows {
            if let violations = problems(
                flow.dataCategories, flow.dataUse, flow.specialCategoryLegalBasis, flow.origin,
                "special_category_legal_basis")
            {
                evaluations.append(Evaluation(.flow(flow), violations))
            }
        }
        for system in context.inventory.systems {
            let results = system.privacyDeclarations.compactMap {
                problems(
                    $0.dataCategories, $0.dataUse, $0.specialCategoryLegalBasis, $0.origin,
                    "privacy_declarations/\($0.dataUse ?? "")/special_category_legal_basis")
            }
            if !results.isEmpty { evaluations.append(Evaluation(.system(system), results.flatMap { $0 })) }
        }
        return evaluations
    }
}
