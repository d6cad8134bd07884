import TollgateKit

/// PRIV-027: opt-outs and objections reach every system that markets to people.
public struct SuppressionReachesMarketing: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "PRIV-027", slug: "suppression-reaches-marketing", domain: .privacy,
        title: "Objection and suppression reach every marketing system",
        rationale: """
            An objection to direct marketing is absolute (GDPR Art. 21(3)), and CAN-SPAM and CASL require opt-outs \
            to be honoured within ten business days. A suppression list kept in the e-mail tool does not stop the \
            ad platform retargeting the same person, so every system used for direct marketing must receive the \
            suppression data — by some path through the stack, or a declared suppression sync.
            """,
        severity: .high,
        references: ["GDPR Art. 21(2)–(3)", "15 U.S.C. §7704(a)(4)", "CASL s. 11(3)"],
        controls: .directMarketing,
        remediation:
            "sync the suppression list (`user.privacy_preferences`) to the system, e.g. from the CMP or ESP through the CDP, or declare `suppression_synced: true` on the flows that feed it",
        parameters: [
            RuleParameter(
                "direct_marketing_uses", .strings(PrivacyCategorySets.directMarketingUses),
                "data uses that make a system a direct-marketing system", values: .taxonomy(.dataUse)),
            RuleParameter(
                "suppression_categories", .strings(["user.privacy_preferences"]),
                "categories that carry opt-outs and objections", values: .taxonomy(.dataCategory)),
        ],
        examples: [
            RuleExample(
                "opt-outs reach the ad platform through the CDP",
                """
                version: 1
                systems:
                  - { id: esp, name: ESP, system_type: esp }
                  - { id: cdp, name: CDP, system_type: cdp }
                  - { id: ads, name: Ads, system_type: ad_platform }
                flows:
                  - { id: unsub, from: data_subject, to: esp, data_categories: [user.privacy_preferences],
                      data_use: essential.service, legal_basis: legal_obligation }
                  - { id: esp-cdp, from: esp, to: cdp, data_categories: [user.privacy_preferences, user.contact.email],
                      data_use: marketing, legal_basis: consent }
                  - { id: cdp-ads, from: cdp, to: ads, data_categories: [user.privacy_preferences, user.contact.email],
                      hashed: true, data_use: marketing.advertising, legal_basis: consent }
                """),
            RuleExample(
                "the ad platform gets audiences but never the opt-outs", failing: ["system:ads"],
                """
                version: 1
                systems:
                  - { id: esp, name: ESP, system_type: esp }
                  - { id: cdp, name: CDP, system_type: cdp }
                  - { id: ads, name: Ads, system_type: ad_platform }
                flows:
                  - { id: unsub, from: data_subject, to: esp, data_categories: [user.privacy_preferences],
                      data_use: essential.service, legal_basis: legal_obligation }
                  - { id: esp-cdp, from: esp, to: cdp, data_categories: [user.privacy_preferences, user.contact.email],
                      data_use: marketing, legal_basis: consent }
                  - { id: cdp-ads, from: cdp, to: ads, data_categories: [user.contact.email], hashed: true,
                      data_use: marketing.advertising, legal_basis: consent }
                """),
            RuleExample(
                "no opt-out data but a declared suppression sync (boundary)",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm }
                  - { id: esp, name: ESP, system_type: esp }
                flows:
                  - { id: crm-esp, from: crm, to: esp, data_categories: [user.contact.email], suppression_synced: true,
                      data_use: marketing.communications.email, legal_basis: consent }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let marketingUses = context.parameters.strings("direct_marketing_uses")
        let suppression = context.parameters.strings("suppression_categories")
        func marketing(_ use: String?) -> Bool { use.map { Taxonomy.matchesAny($0, marketingUses) } == true }
        var evaluations: [Evaluation] = []
        for system in context.inventory.systems {
            let inbound = (context.index.flowsTo[system.id] ?? []).filter { marketing($0.dataUse) }
            let declares = system.privacyDeclarations.contains { marketing($0.dataUse) }
            guard !inbound.isEmpty || declares else { continue }
            let reached = context.lineage.firstArrival(at: system.id) { Taxonomy.matchesAny($0.category, suppression) }
            let synced = !inbound.isEmpty && inbound.allSatisfy { $0.suppressionSynced == true }
            if reached != nil || synced {
                evaluations.append(Evaluation(.system(system)))
                continue
            }
            let location = inbound.first.map { $0.origin.location("suppression_synced") } ?? system.origin.location
            evaluations.append(
                Evaluation(
                    .system(system),
                    [
                        Violation(
                            "direct-marketing tool '\(system.id)' receives no opt-outs or objections (\(PrivacyScope.list(suppression))) by any path, and no suppression sync is declared",
                            at: location, key: "suppression")
                    ]))
        }
        return evaluations
    }
}
