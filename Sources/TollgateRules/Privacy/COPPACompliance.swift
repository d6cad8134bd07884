import TollgateKit

/// PRIV-034: services directed to children under 13, or that know they collect from them, meet
/// COPPA's consent, disclosure, retention and security duties.
public struct COPPACompliance: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "PRIV-034", slug: "coppa-compliance", domain: .privacy,
        title: "COPPA",
        rationale: """
            An operator of a service directed to children under 13, or with actual knowledge it collects their \
            data, needs verifiable parental consent (16 CFR 312.5). The 2025 amendments, with compliance due by \
            22 Apr 2026, add separate consent before disclosing children's data to third parties such as ad \
            networks, a written retention policy (312.10) and a written information-security programme (312.8).
            """,
        severity: .critical,
        references: [
            "16 CFR 312.5", "16 CFR 312.8", "16 CFR 312.10", "COPPA Rule amendments, 90 FR 16918 (22 Apr 2025)",
        ],
        controls: ControlMapping(iso27001: ["A.5.31", "A.5.34"], soc2: ["P3.2", "P4.2"], nistCSF: ["GV.OC-03"]),
        remediation:
            "set up verifiable parental consent, a separate consent for third-party disclosure, a written retention policy and a written security programme (`organization.coppa`)",
        parameters: [
            RuleParameter(
                "compliance_date", .string("2026-04-22"), "date the 2025 amendments must be complied with",
                values: .days),
            RuleParameter(
                "ad_system_types", .strings(["ad_platform"]), "system types that are third-party ad recipients",
                values: .cases(of: SystemType.self, "system type")),
        ],
        examples: [
            RuleExample(
                "child-directed service with the full programme",
                """
                version: 1
                organization:
                  name: Kids Games Inc.
                  child_directed: true
                  coppa: { verifiable_parental_consent: true, separate_consent_for_third_party_disclosure: true,
                           written_retention_policy: true, security_program: true }
                """),
            RuleExample(
                "child-directed service without the 2025 duties, the day before they apply (boundary: 2026-04-21)",
                asOf: "2026-04-21",
                """
                version: 1
                organization:
                  name: Kids Games Inc.
                  child_directed: true
                  coppa: { verifiable_parental_consent: true }
                systems: [{ id: app, name: App, system_type: other }, { id: ads, name: Ads, system_type: ad_platform }]
                flows:
                  - { id: app-ads, from: app, to: ads, data_categories: [user.device.device_id], data_subjects: [child],
                      data_use: marketing.advertising, legal_basis: consent }
                """),
            RuleExample(
                "the same on the compliance date (boundary: 2026-04-22)", failing: ["organization:Kids Games Inc."],
                asOf: "2026-04-22",
                """
                version: 1
                organization:
                  name: Kids Games Inc.
                  child_directed: true
                  coppa: { verifiable_parental_consent: true }
                systems: [{ id: app, name: App, system_type: other }, { id: ads, name: Ads, system_type: ad_platform }]
                flows:
                  - { id: app-ads, from: app, to: ads, data_categories: [user.device.device_id], data_subjects: [child],
                      data_use: marketing.advertising, legal_basis: consent }
                """),
            RuleExample(
                "actual knowledge of under-13 users and no parental consent", failing: ["organization:Teen Chat"],
                """
                version: 1
                organization: { name: Teen Chat, actual_knowledge_under_13: true }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        guard let org = context.inventory.organization else { return [] }
        let childDirected =
            org.childDirected || org.actualKnowledgeUnder13
            || context.inventory.webProperties.contains { $0.childDirected == true }
        guard childDirected else { return [] }
        let compliance = PrivacyScope.day(
            context.parameters.string("compliance_date"), fallback: Day(year: 2026, month: 4, day: 22)!)
        let adTypes = Set(context.parameters.strings("ad_system_types"))
        let coppa = org.coppa
        func at(_ field: String) -> SourceLocation { coppa?.origin.location(field) ?? org.origin.location("coppa") }
        var violations: [Violation] = []
        if coppa?.verifiableParentalConsent != true {
            violations.append(
                Violation(
                    "children's data is collected without verifiable parental consent",
                    at: at("verifiable_parental_consent"),
                    key: "verifiable_parental_consent"))
        }
        if context.asOf >= compliance {
            let toAds = context.inventory.flows.first { flow in
                guard let type = context.index.systemsByID[flow.to]?.systemType, adTypes.contains(type.rawValue) else {
                    return false
                }
                return context.lineage.firstCarried(by: flow, where: PrivacyScope.isChildData) != nil
            }
            if let toAds, coppa?.separateConsentForThirdPartyDisclosure != true {
                violations.append(
                    Violation(
                        "children's data is disclosed to the ad platform '\(toAds.to)' without separate parental consent",
                        at: at("separate_consent_for_third_party_disclosure"), key: "separate_consent"))
            }
            if coppa?.writtenRetentionPolicy != true {
                violations.append(
                    Violation(
                        "there is no written data-retention policy for children's data",
                        at: at("written_retention_policy"),
                        key: "written_retention_policy"))
            }
            if coppa?.securityProgram != true {
                violations.append(
                    Violation(
                        "there is no written information-security programme", at: at("security_program"),
                        key: "security_program"))
            }
        }
        return [Evaluation(.organization(org), violations)]
    }
}
