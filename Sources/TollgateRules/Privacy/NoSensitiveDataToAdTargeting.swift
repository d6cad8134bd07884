import TollgateKit

/// PRIV-005: special-category, criminal-offence and children's data never reaches ad targeting,
/// neither directly nor through intermediate systems.
public struct NoSensitiveDataToAdTargeting: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "PRIV-005", slug: "no-sensitive-data-to-ad-targeting", domain: .privacy,
        title: "No sensitive or children's data reaches ad targeting",
        rationale: """
            Online platforms may not target advertising on profiling that uses special-category data, nor target \
            minors on profiling (DSA Art. 26(3), 28(2)); GDPR Art. 9 makes such processing unlawful without an \
            Art. 9(2) condition, and COPPA forbids disclosing children's data for targeted ads without separate \
            parental consent. The data usually gets there indirectly — a health form feeds the CRM, the CRM feeds \
            the CDP, the CDP syncs audiences — so the check follows every path.
            """,
        severity: .critical,
        references: [
            "GDPR Art. 9(1)", "GDPR Art. 10", "Regulation (EU) 2022/2065 (DSA) Art. 26(3)", "DSA Art. 28(2)",
            "16 CFR 312.5(a)(2) (COPPA, 2025 amendments)",
        ],
        controls: ControlMapping(
            iso27001: ["A.5.34", "A.5.14"], soc2: ["P4.1", "P6.1"], nistCSF: ["GV.OC-03"], cis: ["3.7"]),
        remediation:
            "stop the flow (or the upstream flow that brings the data) from carrying these categories to the ad platform: narrow the synced fields, or drop the sensitive segment before the export",
        parameters: [
            RuleParameter(
                "sensitive_categories",
                .strings(
                    PrivacyCategorySets.gdprArt9 + PrivacyCategorySets.gdprArt10 + PrivacyCategorySets.childCategories),
                "categories that must never reach ad targeting (GDPR Art. 9, Art. 10, children)",
                values: .taxonomy(.dataCategory)),
            RuleParameter(
                "ad_system_types", .strings(["ad_platform"]), "system types that target advertising",
                values: .cases(of: SystemType.self, "system type")),
        ],
        examples: [
            RuleExample(
                "hashed e-mails to the ad platform",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm }
                  - { id: meta-ads, name: Meta Ads, system_type: ad_platform }
                flows:
                  - { id: crm-to-meta, from: crm, to: meta-ads, data_categories: [user.contact.email], hashed: true,
                      data_use: marketing.advertising.third_party.targeted, legal_basis: consent }
                """),
            RuleExample(
                "health data from a web form reaches the ad platform through the CRM and the CDP",
                failing: ["flow:cdp-to-meta"],
                """
                version: 1
                systems:
                  - { id: web-form, name: Web form, system_type: cms }
                  - { id: crm, name: CRM, system_type: crm }
                  - { id: cdp, name: CDP, system_type: cdp }
                  - { id: meta-ads, name: Meta Ads, system_type: ad_platform }
                flows:
                  - { id: form-to-crm, from: web-form, to: crm, data_categories: [user.contact.email, user.health_and_medical],
                      data_use: essential.service, legal_basis: contract }
                  - { id: crm-to-cdp, from: crm, to: cdp, data_categories: [user], data_use: personalize, legal_basis: consent }
                  - { id: cdp-to-meta, from: cdp, to: meta-ads, data_categories: [user],
                      data_use: marketing.advertising.third_party.targeted, legal_basis: consent }
                """),
            RuleExample(
                "children's data declared on the flow to the ad platform", failing: ["flow:app-to-ads"],
                """
                version: 1
                systems:
                  - { id: app, name: Kids app, system_type: other }
                  - { id: ads, name: Ads, system_type: ad_platform }
                flows:
                  - { id: app-to-ads, from: app, to: ads, data_categories: [user.device.device_id],
                      data_subjects: [child], data_use: marketing.advertising.serving, legal_basis: consent }
                """),
            RuleExample(
                "health data stops at the CRM: the CDP only gets e-mails (boundary: path broken)",
                """
                version: 1
                systems:
                  - { id: web-form, name: Web form, system_type: cms }
                  - { id: crm, name: CRM, system_type: crm }
                  - { id: cdp, name: CDP, system_type: cdp }
                  - { id: meta-ads, name: Meta Ads, system_type: ad_platform }
                flows:
                  - { id: form-to-crm, from: web-form, to: crm, data_categories: [user.contact.email, user.health_and_medical],
                      data_use: essential.service, legal_basis: contract }
                  - { id: crm-to-cdp, from: crm, to: cdp, data_categories: [user.contact.email], data_use: personalize,
                      legal_basis: consent }
                  - { id: cdp-to-meta, from: cdp, to: meta-ads, data_categories: [user],
                      data_use: marketing.advertising.third_party.targeted, legal_basis: consent }
                """),
            RuleExample(
                "gender is not a special category (boundary: prefix match)",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm }
                  - { id: ads, name: Ads, system_type: ad_platform }
                flows:
                  - { id: crm-to-ads, from: crm, to: ads, data_categories: [user.demographic.gender],
                      data_use: marketing.advertising.third_party.targeted, legal_basis: consent }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let sensitive = context.parameters.strings("sensitive_categories")
        let adTypes = Set(context.parameters.strings("ad_system_types"))
        var evaluations: [Evaluation] = []
        for flow in context.inventory.flows {
            // Reported where the data enters an ad platform — the edge that completes the path —
            // not at the intermediate hops, so one path gives one finding.
            guard let type = context.index.systemsByID[flow.to]?.systemType, adTypes.contains(type.rawValue) else {
                continue
            }
            let offending = context.lineage.carried(by: flow) {
                Taxonomy.matchesAny($0.category, sensitive)
                    || $0.dataSubjects.contains(PrivacyCategorySets.childSubject)
            }
            guard let (_, path) = PrivacyScope.shortest(offending, in: context.lineage) else {
                evaluations.append(Evaluation(.flow(flow)))
                continue
            }
            // The children's category and the `child` subject are both said as "data about
            // children", once: naming `user.childrens` beside that phrase says the same thing twice.
            var kinds = Set(
                offending.map(\.fact.category).filter {
                    Taxonomy.matchesAny($0, sensitive) && !Taxonomy.matchesAny($0, PrivacyCategorySets.childCategories)
                })
            if offending.contains(where: { PrivacyScope.isChildData($0.fact) }) { kinds.insert("data about children") }
            let violation = Violation(
                "\(PrivacyScope.list(kinds.sorted())) reaches ad targeting at '\(flow.to)' via \(PrivacyScope.render(path))",
                at: flow.origin.location("data_categories"), evidence: path, key: "sensitive-to-ads")
            evaluations.append(Evaluation(.flow(flow), [violation]))
        }
        return evaluations
    }
}
