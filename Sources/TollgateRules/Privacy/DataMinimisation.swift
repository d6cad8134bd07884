import TollgateKit

/// PRIV-019: each flow carries only the categories its purpose needs.
public struct DataMinimisation: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "PRIV-019", slug: "data-minimisation", domain: .privacy,
        title: "Data minimisation by purpose",
        rationale: """
            Personal data must be adequate, relevant and limited to what is necessary for the purpose (GDPR \
            Art. 5(1)(c), 25; CCPA §1798.100(c)). An e-mail send needs an address and a name, not a date of birth; \
            ad matching needs hashed identifiers, not clear-text contact data; analytics needs pseudonymous ids. \
            Data stored "for later" (`collect`) has no purpose at all. Graded: excess categories are medium, and \
            high when any of them is in `sensitive_categories` (GDPR Art. 9 and 10 data by default).
            """,
        severity: .medium,
        references: ["GDPR Art. 5(1)(b)–(c)", "GDPR Art. 25", "CCPA §1798.100(c)"],
        controls: ControlMapping(
            iso27001: ["A.5.34", "A.8.11", "A.5.12"], soc2: ["P3.1", "P4.1"], nistCSF: ["GV.OC-03"], cis: ["3.7"]),
        remediation:
            "drop the excess categories from the flow, hash contact data for ad matching, or pseudonymise analytics identifiers",
        parameters: [
            RuleParameter(
                "allowed_for_email",
                .strings([
                    "user.contact.email", "user.name", "user.demographic.language", "user.privacy_preferences",
                    "user.unique_id", "user.account.settings", "user.behavior.purchase_history",
                ]), "categories an e-mail marketing flow may carry", values: .taxonomy(.dataCategory)),
            RuleParameter(
                "allowed_for_sms", .strings(["user.contact.phone_number", "user.name", "user.privacy_preferences"]),
                "categories an SMS marketing flow may carry", values: .taxonomy(.dataCategory)),
            RuleParameter(
                "allowed_for_advertising",
                .strings([
                    "user.device.cookie_id", "user.device.device_id", "user.unique_id.pseudonymous", "user.behavior",
                    "user.location.imprecise", "user.privacy_preferences",
                ]), "categories an advertising flow may carry", values: .taxonomy(.dataCategory)),
            RuleParameter(
                "hashed_allowed_for_advertising", .strings(["user.contact.email", "user.contact.phone_number"]),
                "categories an advertising flow may carry only hashed", values: .taxonomy(.dataCategory)),
            RuleParameter(
                "allowed_for_analytics",
                .strings(["user.device", "user.behavior", "user.unique_id.pseudonymous", "user.location.imprecise"]),
                "categories an analytics flow may carry", values: .taxonomy(.dataCategory)),
            RuleParameter(
                "pseudonymised_allowed_for_analytics", .strings(PrivacyCategorySets.directIdentifiers),
                "categories an analytics flow may carry only pseudonymised", values: .taxonomy(.dataCategory)),
            RuleParameter(
                "sensitive_categories", .strings(PrivacyCategorySets.gdprArt9 + PrivacyCategorySets.gdprArt10),
                "excess categories reported at high severity", values: .taxonomy(.dataCategory)),
        ],
        examples: [
            RuleExample(
                "hashed e-mail for ad matching",
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }, { id: ads, name: Ads, system_type: ad_platform }]
                flows:
                  - { id: f, from: crm, to: ads, data_categories: [user.contact.email, user.device.cookie_id], hashed: true,
                      data_use: marketing.advertising.third_party.targeted, legal_basis: consent }
                """),
            RuleExample(
                "clear-text e-mail for ad matching (boundary: hashed flag)", failing: ["flow:f"],
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }, { id: ads, name: Ads, system_type: ad_platform }]
                flows:
                  - { id: f, from: crm, to: ads, data_categories: [user.contact.email],
                      data_use: marketing.advertising.third_party.targeted, legal_basis: consent }
                """),
            RuleExample(
                "health data in a newsletter flow (graded high: a sensitive category)", failing: ["flow:f"],
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }, { id: esp, name: ESP, system_type: esp }]
                flows:
                  - { id: f, from: crm, to: esp, data_categories: [user.contact.email, user.health_and_medical],
                      data_use: marketing.communications.email, legal_basis: consent,
                      special_category_legal_basis: explicit_consent }
                """),
            RuleExample(
                "date of birth in a newsletter flow, and data kept for no purpose", failing: ["flow:f", "flow:g"],
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }, { id: esp, name: ESP, system_type: esp }]
                flows:
                  - { id: f, from: crm, to: esp, data_categories: [user.contact.email, user.demographic.date_of_birth],
                      data_use: marketing.communications.email, legal_basis: consent }
                  - { id: g, from: crm, to: esp, data_categories: [user.name], data_use: collect, legal_basis: consent }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let p = context.parameters
        let sensitive = p.strings("sensitive_categories")
        var evaluations: [Evaluation] = []
        for flow in context.inventory.flows where PrivacyScope.isPersonal(flow) {
            guard let use = flow.dataUse else { continue }
            let personal = flow.dataCategories.filter(PrivacyScope.isPersonal)
            if Taxonomy.matches(use, ancestor: "collect") {
                evaluations.append(
                    Evaluation(
                        .flow(flow),
                        [
                            Violation(
                                "personal data (\(PrivacyScope.list(personal))) is kept for no defined purpose (data_use collect)",
                                at: flow.origin.location("data_use"), key: "collect")
                        ]))
                continue
            }
            let allowed: [String]
            var conditional: [String] = []
            var condition = false
            if Taxonomy.matches(use, ancestor: "marketing.communications.email") {
                allowed = p.strings("allowed_for_email")
            } else if Taxonomy.matches(use, ancestor: "marketing.communications.sms") {
                allowed = p.strings("allowed_for_sms")
            } else if Taxonomy.matches(use, ancestor: "marketing.advertising") {
                allowed = p.strings("allowed_for_advertising")
                conditional = p.strings("hashed_allowed_for_advertising")
                condition = flow.hashed
            } else if Taxonomy.matches(use, ancestor: "analytics") {
                allowed = p.strings("allowed_for_analytics")
                conditional = p.strings("pseudonymised_allowed_for_analytics")
                condition = flow.pseudonymised || flow.hashed
            } else {
                continue
            }
            let excess = personal.filter {
                !Taxonomy.matchesAny($0, allowed) && !(condition && Taxonomy.matchesAny($0, conditional))
            }
            guard !excess.isEmpty else {
                evaluations.append(Evaluation(.flow(flow)))
                continue
            }
            let unhashed = excess.filter { Taxonomy.matchesAny($0, conditional) }
            let hint =
                unhashed.isEmpty ? "" : " (\(PrivacyScope.list(unhashed)) would be allowed hashed or pseudonymised)"
            evaluations.append(
                Evaluation(
                    .flow(flow),
                    [
                        Violation(
                            "\(use) does not need \(PrivacyScope.list(excess))\(hint)",
                            at: flow.origin.location("data_categories"),
                            severity: excess.contains { Taxonomy.matchesAny($0, sensitive) } ? .high : nil,
                            key: "excess")
                    ]))
        }
        return evaluations
    }
}
