import Foundation
import TollgateKit

/// PRIV-037: data collected for one purpose is not used further down the stack for an
/// incompatible one without consent for the new purpose.
public struct PurposeLimitationAcrossHops: Rule {
    public init() {}

    /// A shop's checkout data sent on to an ad platform, the ad hop on `legalBasis`.
    static func shopToAds(legalBasis: String) -> String {
        """
        version: 1
        systems:
          - { id: shop, name: Shop, system_type: ecommerce }
          - { id: ads, name: Ads, system_type: ad_platform }
        flows:
          - { id: checkout, from: data_subject, to: shop, data_categories: [user.contact.email],
              data_use: essential.service, legal_basis: contract }
          - { id: shop-ads, from: shop, to: ads, data_categories: [user.contact.email], hashed: true,
              data_use: marketing.advertising.third_party.targeted, legal_basis: \(legalBasis) }
        """
    }

    public let description = RuleDescription(
        id: "PRIV-037", slug: "purpose-limitation-across-hops", domain: .privacy,
        title: "Purpose limitation across hops",
        rationale: """
            Personal data collected for specified purposes may not be further processed in a manner incompatible \
            with them (GDPR Art. 5(1)(b)); further processing not based on consent must pass the Art. 6(4) \
            compatibility test. Order data collected to deliver a purchase and passed through the CRM to an ad \
            platform for targeting is the classic case; each hop may look harmless, so the check compares the \
            purpose at collection with the use at every later hop.
            """,
        severity: .high,
        references: ["GDPR Art. 5(1)(b)", "GDPR Art. 6(4)", "CCPA §1798.100(c)"],
        controls: ControlMapping(
            iso27001: ["A.5.34", "A.8.11", "A.5.12"], soc2: ["P3.1", "P4.1"], nistCSF: ["GV.OC-03"], cis: ["3.7"]),
        remediation:
            "collect the data for the downstream purpose too (and tell people), obtain consent for the new purpose (`legal_basis: consent` on the flow that repurposes it), or stop the data at the hop where the purpose changes",
        parameters: [
            RuleParameter(
                "incompatible_purposes",
                .strings([
                    "essential=marketing", "essential=personalize", "essential=third_party_sharing",
                    "essential=train_ai_system", "functional=marketing", "employment=marketing",
                    "analytics=marketing.advertising", "operations=marketing",
                ]),
                "`collected=later` pairs of data-use prefixes that are incompatible without fresh consent (GDPR Art. 6(4))",
                values: .pairs(
                    .taxonomy(.dataUse), .taxonomy(.dataUse), form: "collected=later", example: "essential=marketing")
            )
        ],
        examples: [
            RuleExample(
                "newsletter sign-ups used for e-mail marketing downstream",
                """
                version: 1
                systems:
                  - { id: site, name: Site, system_type: cms }
                  - { id: crm, name: CRM, system_type: crm }
                  - { id: esp, name: ESP, system_type: esp }
                flows:
                  - { id: signup, from: data_subject, to: site, data_categories: [user.contact.email],
                      data_use: marketing.communications.email, legal_basis: consent }
                  - { id: site-crm, from: site, to: crm, data_categories: [user.contact.email],
                      data_use: marketing.communications.email, legal_basis: consent }
                  - { id: crm-esp, from: crm, to: esp, data_categories: [user.contact.email],
                      data_use: marketing.communications.email, legal_basis: consent }
                """),
            RuleExample(
                "order data collected to deliver purchases ends up in ad targeting", failing: ["flow:crm-ads"],
                """
                version: 1
                systems:
                  - { id: shop, name: Shop, system_type: ecommerce }
                  - { id: crm, name: CRM, system_type: crm }
                  - { id: ads, name: Ads, system_type: ad_platform }
                flows:
                  - { id: checkout, from: data_subject, to: shop, data_categories: [user.contact.email, user.contact.address],
                      data_use: essential.service, legal_basis: contract }
                  - { id: shop-crm, from: shop, to: crm, data_categories: [user.contact], data_use: essential.service,
                      legal_basis: contract }
                  - { id: crm-ads, from: crm, to: ads, data_categories: [user.contact.email], hashed: true,
                      data_use: marketing.advertising.third_party.targeted, legal_basis: legitimate_interests }
                """),
            RuleExample(
                "the repurposing hop is based on consent for the new purpose (boundary: Art. 6(4))",
                Self.shopToAds(legalBasis: "consent")),
            RuleExample(
                "a policy's pair written with blanks around = (boundary)", failing: ["flow:shop-ads"],
                parameters: ["incompatible_purposes": .strings(["essential = marketing"])],
                Self.shopToAds(legalBasis: "legitimate_interests")),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let pairs = context.parameters.strings("incompatible_purposes").compactMap { item -> (String, String)? in
            // Blanks around `=` are ignored, as the parameter's vocabulary ignores them when it
            // accepts the pair: `essential = marketing` must not load and then match nothing.
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        }
        var evaluations: [Evaluation] = []
        for flow in context.inventory.flows where flow.from != Flow.dataSubjectSource {
            guard let use = flow.dataUse, PrivacyScope.isPersonal(flow) else { continue }
            guard flow.legalBasis != .consent else {
                evaluations.append(Evaluation(.flow(flow)))
                continue
            }
            let repurposed = context.lineage.carried(by: flow) { fact in
                guard let collected = fact.collectedFor else { return false }
                return pairs.contains {
                    Taxonomy.matches(collected, ancestor: $0.0) && Taxonomy.matches(use, ancestor: $0.1)
                        && !Taxonomy.matches(collected, ancestor: $0.1)
                }
            }
            guard let (arrival, path) = PrivacyScope.shortest(repurposed, in: context.lineage) else {
                evaluations.append(Evaluation(.flow(flow)))
                continue
            }
            evaluations.append(
                Evaluation(
                    .flow(flow),
                    [
                        Violation(
                            "data collected for \(arrival.fact.collectedFor ?? "") is used for \(use) at '\(flow.to)' via \(PrivacyScope.render(path)) without consent for the new purpose",
                            at: flow.origin.location("data_use"), evidence: path, key: "purpose")
                    ]))
        }
        return evaluations
    }
}
