import TollgateKit

/// PRIV-003: processing on legitimate interests points to its balancing test (LIA).
public struct LegitimateInterestAssessment: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "PRIV-003", slug: "legitimate-interest-assessment", domain: .privacy,
        title: "Legitimate interest needs an assessment",
        rationale: """
            Legitimate interests (GDPR Art. 6(1)(f)) is lawful only if the controller's interest is not overridden \
            by the data subject's rights; the controller must be able to show that balancing (Art. 5(2)). Without \
            a recorded legitimate-interest assessment the basis cannot be defended.
            """,
        severity: .medium,
        references: ["GDPR Art. 6(1)(f)", "GDPR Art. 5(2)", "EDPB Guidelines 1/2024 on legitimate interest"],
        controls: ControlMapping(iso27001: ["A.5.34"], soc2: ["P3.1", "P4.1"], nistCSF: ["GV.OC-03"]),
        remediation: "record the balancing test and point to it with `impact_assessment_location`",
        examples: [
            RuleExample(
                "legitimate interest with its assessment",
                """
                version: 1
                systems:
                  - id: crm
                    name: CRM
                    system_type: crm
                    privacy_declarations:
                      - { data_use: marketing.communications.email, data_categories: [user.contact.email],
                          legal_basis: legitimate_interests, impact_assessment_location: "https://grc.example/lia/12" }
                """),
            RuleExample(
                "legitimate interest without an assessment", failing: ["system:crm"],
                """
                version: 1
                systems:
                  - id: crm
                    name: CRM
                    system_type: crm
                    privacy_declarations:
                      - { data_use: marketing.communications.email, data_categories: [user.contact.email],
                          legal_basis: legitimate_interests }
                """),
            RuleExample(
                "an assessment location of white space only records nothing (boundary)", failing: ["system:crm"],
                """
                version: 1
                systems:
                  - id: crm
                    name: CRM
                    system_type: crm
                    privacy_declarations:
                      - { data_use: marketing.communications.email, data_categories: [user.contact.email],
                          legal_basis: legitimate_interests, impact_assessment_location: " " }
                """),
            RuleExample(
                "consent needs no balancing test (boundary)",
                """
                version: 1
                systems:
                  - id: crm
                    name: CRM
                    system_type: crm
                    privacy_declarations:
                      - { data_use: marketing.communications.email, data_categories: [user.contact.email], legal_basis: consent }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        context.inventory.systems.compactMap { system in
            let declarations = system.privacyDeclarations.filter { $0.legalBasis == .legitimateInterests }
            guard !declarations.isEmpty else { return nil }
            return Evaluation(
                .system(system),
                declarations.filter { $0.impactAssessmentLocation.nonBlank == nil }.map {
                    Violation(
                        "\($0.dataUse ?? "processing") relies on legitimate interests without a recorded assessment",
                        at: $0.origin.location("impact_assessment_location"),
                        key: "privacy_declarations/\($0.dataUse ?? "")/impact_assessment_location")
                })
        }
    }
}
