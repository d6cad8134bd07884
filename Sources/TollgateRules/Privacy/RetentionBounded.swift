import TollgateKit

/// PRIV-018: every purpose that keeps personal data says for how long, within the policy's limits.
public struct RetentionBounded: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "PRIV-018", slug: "retention-bounded", domain: .privacy,
        title: "Retention defined and bounded",
        rationale: """
            Personal data may be kept no longer than necessary (GDPR Art. 5(1)(e)); the period must be told to \
            people (Art. 13(2)(a)) and recorded (Art. 30(1)(f)), and the CCPA requires it per category \
            (§1798.100(a)(3)). The limits are organisational choices; the defaults follow CNIL's marketing \
            reference (3 years after last contact) and common analytics settings (26 months). Graded: a privacy \
            declaration with no `retention_days` at all is high; a period over the limit is medium.
            """,
        severity: .medium,
        references: ["GDPR Art. 5(1)(e)", "GDPR Art. 13(2)(a)", "GDPR Art. 30(1)(f)", "CCPA §1798.100(a)(3)"],
        controls: ControlMapping(
            iso27001: ["A.5.33", "A.5.34", "A.8.10"], soc2: ["P4.2", "P4.3", "C1.2"], nistCSF: ["ID.AM-08"],
            cis: ["3.4"]),
        remediation:
            "set `retention_days` on the privacy declaration (and `retention_days_at_destination` on flows) within the policy limit",
        parameters: [
            RuleParameter("max_retention_days", .int(1095), "limit for marketing data (3 years, CNIL reference)"),
            RuleParameter("max_retention_days_analytics", .int(790), "limit for analytics data (26 months)"),
            RuleParameter(
                "bounded_uses",
                .strings([
                    "marketing", "personalize", "analytics", "sales", "functional", "collect", "train_ai_system",
                    "third_party_sharing",
                ]),
                "uses held to the limits; other uses (essential, legal obligations) must only declare a period",
                values: .taxonomy(.dataUse)),
            RuleParameter(
                "exempt_categories", .strings(["user.privacy_preferences"]),
                "categories kept as long as needed to honour them (suppression lists)", values: .taxonomy(.dataCategory)
            ),
        ],
        examples: [
            RuleExample(
                "three years for marketing (boundary: 1095 days)",
                """
                version: 1
                systems:
                  - id: crm
                    name: CRM
                    system_type: crm
                    privacy_declarations:
                      - { data_use: marketing.communications.email, data_categories: [user.contact.email], retention_days: 1095 }
                """),
            RuleExample(
                "one day over three years (boundary: 1096 days)", failing: ["system:crm"],
                """
                version: 1
                systems:
                  - id: crm
                    name: CRM
                    system_type: crm
                    privacy_declarations:
                      - { data_use: marketing.communications.email, data_categories: [user.contact.email], retention_days: 1096 }
                """),
            RuleExample(
                "26 months for analytics (boundary: 790 days)",
                """
                version: 1
                systems:
                  - id: ga
                    name: Analytics
                    system_type: analytics
                    privacy_declarations:
                      - { data_use: analytics.reporting, data_categories: [user.device.cookie_id], retention_days: 790 }
                """),
            RuleExample(
                "one day over 26 months for analytics (boundary: 791 days)", failing: ["system:ga"],
                """
                version: 1
                systems:
                  - id: ga
                    name: Analytics
                    system_type: analytics
                    privacy_declarations:
                      - { data_use: analytics.reporting, data_categories: [user.device.cookie_id], retention_days: 791 }
                """),
            RuleExample(
                "no retention declared, and a flow keeping analytics data 800 days", failing: ["system:crm", "flow:f"],
                """
                version: 1
                systems:
                  - id: crm
                    name: CRM
                    system_type: crm
                    privacy_declarations: [{ data_use: marketing, data_categories: [user.name] }]
                  - { id: ga, name: Analytics, system_type: analytics }
                flows:
                  - { id: f, from: crm, to: ga, data_categories: [user.device], data_use: analytics.reporting,
                      legal_basis: consent, retention_days_at_destination: 800 }
                """),
            RuleExample(
                "order records kept ten years under commercial law (boundary: essential use, no limit)",
                """
                version: 1
                systems:
                  - id: shop
                    name: Shop
                    system_type: ecommerce
                    privacy_declarations:
                      - { data_use: essential.legal_obligation, data_categories: [user.name], retention_days: 3650 }
                """),
            RuleExample(
                "a suppression list kept indefinitely",
                """
                version: 1
                systems:
                  - id: esp
                    name: ESP
                    system_type: esp
                    privacy_declarations: [{ data_use: essential.legal_obligation, data_categories: [user.privacy_preferences] }]
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let general = context.parameters.int("max_retention_days")
        let analytics = context.parameters.int("max_retention_days_analytics")
        let exempt = context.parameters.strings("exempt_categories")
        let bounded = context.parameters.strings("bounded_uses")
        func limit(_ use: String?) -> Int {
            guard let use, Taxonomy.matchesAny(use, bounded) else { return Int.max }
            return Taxonomy.matches(use, ancestor: "analytics") ? analytics : general
        }
        func relevant(_ categories: [String]) -> Bool {
            categories.contains { PrivacyScope.isPersonal($0) && !Taxonomy.matchesAny($0, exempt) }
        }
        var evaluations: [Evaluation] = []
        for system in context.inventory.systems {
            let declarations = system.privacyDeclarations.filter { relevant($0.dataCategories) }
            guard !declarations.isEmpty else { continue }
            var violations: [Violation] = []
            for declaration in declarations {
                let use = declaration.dataUse ?? ""
                if let days = declaration.retentionDays {
                    if days > limit(declaration.dataUse) {
                        violations.append(
                            Violation(
                                "retention for \(use) is \(days) days, over the \(limit(declaration.dataUse))-day limit",
                                at: declaration.origin.location("retention_days"), key: "retention/\(use)"))
                    }
                } else {
                    violations.append(
                        Violation(
                            "privacy declaration for \(use) has no retention_days",
                            at: declaration.origin.location("retention_days"),
                            severity: .high, key: "retention/\(use)"))
                }
            }
            evaluations.append(Evaluation(.system(system), violations))
        }
        for flow in context.inventory.flows {
            guard let days = flow.retentionDaysAtDestination, relevant(flow.dataCategories) else { continue }
            let max = limit(flow.dataUse)
            evaluations.append(
                Evaluation(
                    .flow(flow),
                    days > max
                        ? [
                            Violation(
                                "'\(flow.to)' keeps the data \(days) days, over the \(max)-day limit",
                                at: flow.origin.location("retention_days_at_destination"), key: "retention")
                        ] : []))
        }
        return evaluations
    }
}
