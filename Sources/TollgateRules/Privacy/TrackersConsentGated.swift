import TollgateKit

/// PRIV-021: tags and cookies that are not strictly necessary wait for consent.
public struct TrackersConsentGated: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "PRIV-021", slug: "trackers-consent-gated", domain: .privacy,
        title: "Non-essential trackers are consent-gated",
        rationale: """
            Storing or reading information on a visitor's device — cookies, pixels, local storage, fingerprinting \
            — needs prior consent unless strictly necessary for the service the visitor asked for (ePrivacy \
            Art. 5(3); EDPB Guidelines 2/2023). A marketing tag that fires before the banner is answered breaks \
            this on every page view. Properties whose declared audience is outside the consent regions (the EEA \
            and the UK, whose PECR reg. 6 says the same) are not checked, as for PRIV-022 and PRIV-036.
            """,
        severity: .high,
        references: ["Directive 2002/58/EC Art. 5(3)", "EDPB Guidelines 2/2023 on the technical scope of Art. 5(3)"],
        controls: .cookieConsent,
        remediation:
            "load the tag through the CMP so it fires only after consent (`consent_gated: true`, `fires_before_consent: false`)",
        parameters: [
            RuleParameter(
                "exempt_uses", .strings(PrivacyCategorySets.essentialUses),
                "purposes exempt from consent (strictly necessary)", values: .taxonomy(.dataUse)),
            PrivacyScope.consentRegionsParameter,
        ],
        examples: [
            RuleExample(
                "the ad pixel waits for consent; the security tag does not need to",
                """
                version: 1
                systems: [{ id: ads, name: Ads, system_type: ad_platform }, { id: waf, name: Bot defence, system_type: other }]
                web_properties:
                  - id: shop-web
                    domain: shop.example
                    tags:
                      - { name: ad pixel, system: ads, purpose: marketing.advertising, consent_gated: true, fires_before_consent: false }
                      - { name: bot check, system: waf, purpose: essential.service.security, fires_before_consent: true }
                """),
            RuleExample(
                "the ad pixel fires before consent", failing: ["web_property:shop-web"],
                """
                version: 1
                systems: [{ id: ads, name: Ads, system_type: ad_platform }]
                web_properties:
                  - id: shop-web
                    domain: shop.example
                    tags: [{ name: ad pixel, system: ads, purpose: marketing.advertising, fires_before_consent: true }]
                """),
            RuleExample(
                "an analytics tag with no gating declared on it or on its system (boundary: unknown is not gated)",
                failing: ["web_property:shop-web"],
                """
                version: 1
                systems: [{ id: ga, name: Analytics, system_type: analytics }]
                web_properties:
                  - id: shop-web
                    domain: shop.example
                    tags: [{ name: analytics, system: ga, purpose: analytics.reporting }]
                """),
            RuleExample(
                "an analytics tag firing before consent on a US-only site (boundary: opt-out regime)",
                """
                version: 1
                organization: { name: Shop Inc., establishments: [US] }
                systems: [{ id: ga, name: Analytics, system_type: analytics }]
                web_properties:
                  - id: us-shop
                    domain: shop.example.com
                    audience_regions: [US]
                    tags: [{ name: analytics, system: ga, purpose: analytics.reporting, fires_before_consent: true }]
                """),
            RuleExample(
                "the same tag on a site for the US and Germany", failing: ["web_property:shop"],
                """
                version: 1
                systems: [{ id: ga, name: Analytics, system_type: analytics }]
                web_properties:
                  - id: shop
                    domain: shop.example.com
                    audience_regions: [US, DE]
                    tags: [{ name: analytics, system: ga, purpose: analytics.reporting, fires_before_consent: true }]
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let exempt = context.parameters.strings("exempt_uses")
        let consentRegions = context.parameters.strings("consent_regions")
        var evaluations: [Evaluation] = []
        for property in context.inventory.webProperties
        where !property.tags.isEmpty && PrivacyScope.needsConsent(property, consentRegions) {
            var violations: [Violation] = []
            for tag in property.tags {
                let system = tag.system.flatMap { context.index.systemsByID[$0] }
                let purpose = tag.purpose ?? system?.consentCategory
                if let purpose, Taxonomy.matchesAny(purpose, exempt) { continue }
                let name = tag.name ?? tag.system ?? tag.asset ?? "tag"
                let gated = tag.consentGated ?? system?.consentGated
                if tag.firesBeforeConsent == true {
                    violations.append(
                        Violation(
                            "tag '\(name)' (\(purpose ?? "no declared purpose")) fires before consent",
                            at: tag.origin.location("fires_before_consent"), key: "tag/\(name)"))
                } else if gated != true {
                    violations.append(
                        Violation(
                            "tag '\(name)' (\(purpose ?? "no declared purpose")) is not gated by the consent banner",
                            at: tag.origin.location("consent_gated"), key: "tag/\(name)"))
                }
            }
            evaluations.append(Evaluation(.webProperty(property), violations))
        }
        return evaluations
    }
}
