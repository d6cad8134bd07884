import TollgateKit

/// PRIV-002: profiling, personalised ads and non-essential device storage rest on consent.
public struct ConsentOnlyUsesNeedConsent: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "PRIV-002", slug: "consent-only-uses-need-consent", domain: .privacy,
        title: "Consent-only purposes use consent",
        rationale: """
            Storing or reading information on a device for non-essential purposes needs prior consent (ePrivacy \
            Art. 5(3)); the CJEU held that neither contract nor legitimate interest justifies personalised \
            advertising based on profiling (C-252/21, 4 Jul 2023), and TCF v2.2 allows only consent for \
            Purposes 1 and 3–6. For EEA data these uses must declare consent.
            """,
        severity: .high,
        references: [
            "Directive 2002/58/EC Art. 5(3)", "CJEU C-252/21 Meta Platforms v Bundeskartellamt (4 Jul 2023)",
            "IAB TCF Policies v2.2 Purposes 1, 3–6",
        ],
        controls: ControlMapping(iso27001: ["A.5.34"], soc2: ["P2.1", "P3.2"], nistCSF: ["GV.OC-03"]),
        remediation: "obtain consent through the CMP and declare `legal_basis: consent`, or stop the processing",
        parameters: [
            RuleParameter(
                "consent_only_uses", .strings(PrivacyCategorySets.consentOnlyUses),
                "data uses that need consent (TCF Purposes 1, 3–6; ePrivacy Art. 5(3))", values: .taxonomy(.dataUse)),
            RuleParameter(
                "exempt_uses", .strings(["functional.storage.privacy_preferences"]),
                "uses under those prefixes that are strictly necessary", values: .taxonomy(.dataUse)),
        ],
        examples: [
            RuleExample(
                "targeted ads on consent",
                """
                version: 1
                systems: [{ id: site, name: Site, system_type: cms }, { id: ads, name: Ads, system_type: ad_platform }]
                flows:
                  - { id: pixel, from: site, to: ads, data_categories: [user.device.cookie_id], subject_regions: [EEA],
                      data_use: marketing.advertising.third_party.targeted, legal_basis: consent }
                """),
            RuleExample(
                "targeted ads on legitimate interest", failing: ["flow:pixel"],
                """
                version: 1
                systems: [{ id: site, name: Site, system_type: cms }, { id: ads, name: Ads, system_type: ad_platform }]
                flows:
                  - { id: pixel, from: site, to: ads, data_categories: [user.device.cookie_id], subject_regions: [EEA],
                      data_use: marketing.advertising.third_party.targeted, legal_basis: legitimate_interests }
                """),
            RuleExample(
                "contextual ads (TCF Purpose 2) may rest on legitimate interest (boundary)",
                """
                version: 1
                systems: [{ id: site, name: Site, system_type: cms }, { id: ads, name: Ads, system_type: ad_platform }]
                flows:
                  - { id: pixel, from: site, to: ads, data_categories: [user.device.cookie_id], subject_regions: [EEA],
                      data_use: marketing.advertising.first_party.contextual, legal_basis: legitimate_interests }
                """),
            RuleExample(
                "profiling declaration of an EEA organisation on contract", failing: ["system:cdp"],
                """
                version: 1
                organization: { name: Shop GmbH, establishments: [DE] }
                systems:
                  - id: cdp
                    name: CDP
                    system_type: cdp
                    privacy_declarations:
                      - { data_use: personalize.content.profiling, data_categories: [user.behavior], legal_basis: contract }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let uses = context.parameters.strings("consent_only_uses")
        let exempt = context.parameters.strings("exempt_uses")
        let organisationInEEA = !PrivacyScope.eeaEstablishments(context.inventory.organization).isEmpty
        func needsConsent(_ use: String?) -> Bool {
            guard let use else { return false }
            return Taxonomy.matchesAny(use, uses) && !Taxonomy.matchesAny(use, exempt)
        }
        var evaluations: [Evaluation] = []
        for flow in context.inventory.flows where needsConsent(flow.dataUse) && PrivacyScope.isPersonal(flow) {
            guard organisationInEEA || PrivacyScope.concernsEEA(flow, context.lineage) else { continue }
            let violations =
                flow.legalBasis == .consent
                ? []
                : [
                    Violation(
                        "\(flow.dataUse ?? "") needs consent but the flow declares \(flow.legalBasis?.rawValue ?? "no legal basis")",
                        at: flow.origin.location("legal_basis"), key: "legal_basis")
                ]
            evaluations.append(Evaluation(.flow(flow), violations))
        }
        for system in context.inventory.systems {
            let declarations = system.privacyDeclarations.filter { needsConsent($0.dataUse) }
            guard !declarations.isEmpty, organisationInEEA else { continue }
            let violations = declarations.filter { $0.legalBasis != .consent }.map { declaration in
                Violation(
                    "\(declaration.dataUse ?? "") needs consent but the privacy declaration declares \(declaration.legalBasis?.rawValue ?? "no legal basis")",
                    at: declaration.origin.location("legal_basis"),
                    key: "privacy_declarations/\(declaration.dataUse ?? "")/legal_basis")
            }
            evaluations.append(Evaluation(.system(system), violations))
        }
        return evaluations
    }
}
