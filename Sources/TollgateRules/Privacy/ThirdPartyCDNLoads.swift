import TollgateKit

/// PRIV-036: a page for EEA or UK visitors does not load fonts or scripts from a third party's
/// CDN before the visitor has consented.
public struct ThirdPartyCDNLoads: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "PRIV-036", slug: "third-party-cdn-loads", domain: .privacy,
        title: "No third-party font or script loads before consent",
        rationale: """
            A browser fetching a font or script from a third party's CDN sends the visitor's IP address to that \
            party. The Regional Court of Munich held that embedding Google Fonts this way, without consent, \
            breached the GDPR because self-hosting was possible (LG München I, 3 O 17493/20, 20 Jan 2022); the \
            recipient is often outside the EEA as well. Whatever the tag's purpose, a third-party load is \
            reported unless it waits for consent; the fix is usually to self-host the asset (most web fonts' \
            licences allow it). Properties whose declared audience is outside the EEA and UK are not checked.
            """,
        severity: .medium,
        references: ["LG München I, 3 O 17493/20", "GDPR Art. 6(1)(f)", "GDPR Art. 44"],
        controls: ControlMapping(
            iso27001: ["A.5.23", "A.5.34"], soc2: ["P6.1"], nistCSF: ["ID.AM-03"], cis: ["2.3"]),
        remediation:
            "self-host the asset (`delivery: self_hosted`), or load it only after consent (`consent_gated: true`, `fires_before_consent: false`)",
        parameters: [
            PrivacyScope.consentRegionsParameter,
            RuleParameter(
                "kinds", .strings(["font", "script", "sdk"]), "asset kinds whose third-party loads count",
                values: .cases(of: AssetKind.self, "asset kind")),
            RuleParameter(
                "exempt_uses", .strings(["functional.storage.privacy_preferences"]),
                "purposes that must load before consent: the consent banner itself (as are tags of `cmp` systems)",
                values: .taxonomy(.dataUse)),
        ],
        examples: [
            RuleExample(
                "a self-hosted web font",
                """
                version: 1
                assets: [{ id: inter, kind: font, name: Inter, licence: OFL-1.1, delivery: self_hosted }]
                web_properties:
                  - { id: shop, domain: shop.example.eu, audience_regions: [EEA],
                      tags: [{ name: Inter, asset: inter, purpose: essential.service, fires_before_consent: true }] }
                """),
            RuleExample(
                "Google Fonts from their CDN in the page head", failing: ["web_property:shop"],
                """
                version: 1
                assets: [{ id: playfair, kind: font, name: Playfair Display, licence: OFL-1.1, delivery: third_party_cdn }]
                web_properties:
                  - { id: shop, domain: shop.example.eu, audience_regions: [EEA],
                      tags: [{ name: Playfair, asset: playfair, purpose: essential.service, fires_before_consent: true }] }
                """),
            RuleExample(
                "a CDN font neither firing before consent nor gated (boundary: not gated means loaded on arrival)",
                failing: ["web_property:shop"],
                """
                version: 1
                assets: [{ id: playfair, kind: font, name: Playfair Display, licence: OFL-1.1, delivery: third_party_cdn }]
                web_properties:
                  - { id: shop, domain: shop.example.eu, audience_regions: [UK],
                      tags: [{ name: Playfair, asset: playfair, fires_before_consent: false }] }
                """),
            RuleExample(
                "a CDN script loaded only after consent",
                """
                version: 1
                assets: [{ id: widget, kind: script, name: Chat widget, licence: MIT, delivery: third_party_cdn }]
                web_properties:
                  - { id: shop, domain: shop.example.eu, audience_regions: [EEA],
                      tags: [{ name: Chat, asset: widget, purpose: functional, consent_gated: true, fires_before_consent: false }] }
                """),
            RuleExample(
                "the consent banner's own script from its vendor's CDN",
                """
                version: 1
                systems: [{ id: onetrust, name: OneTrust, system_type: cmp }]
                assets: [{ id: cmp-sdk, kind: script, name: CMP SDK, licence: LicenseRef-OneTrust, delivery: third_party_cdn }]
                web_properties:
                  - { id: shop, domain: shop.example.eu, audience_regions: [EEA],
                      tags: [{ name: Banner, system: onetrust, asset: cmp-sdk, fires_before_consent: true }] }
                """),
            RuleExample(
                "a CDN image is not a font or script",
                """
                version: 1
                assets: [{ id: hero, kind: image, name: Hero, licence: CC-BY-4.0, delivery: third_party_cdn }]
                web_properties:
                  - { id: shop, domain: shop.example.eu, audience_regions: [EEA],
                      tags: [{ name: Hero image, asset: hero, fires_before_consent: true }] }
                """),
            RuleExample(
                "a US-only property",
                """
                version: 1
                assets: [{ id: playfair, kind: font, name: Playfair Display, licence: OFL-1.1, delivery: third_party_cdn }]
                web_properties:
                  - { id: shop, domain: shop.example.com, audience_regions: [US],
                      tags: [{ name: Playfair, asset: playfair, fires_before_consent: true }] }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let kinds = Set(context.parameters.strings("kinds"))
        let exempt = context.parameters.strings("exempt_uses")
        let consentRegions = context.parameters.strings("consent_regions")
        var evaluations: [Evaluation] = []
        for property in context.inventory.webProperties {
            guard PrivacyScope.needsConsent(property, consentRegions) else { continue }
            var loads = 0
            var violations: [Violation] = []
            for tag in property.tags {
                guard let id = tag.asset, let asset = context.index.assetsByID[id], asset.delivery == .thirdPartyCDN,
                    kinds.contains(asset.kind.rawValue)
                else { continue }
                // The consent banner cannot wait for the consent it asks for.
                if let purpose = tag.purpose, Taxonomy.matchesAny(purpose, exempt) { continue }
                if tag.system.flatMap({ context.index.systemsByID[$0]?.systemType }) == .cmp { continue }
                loads += 1
                let name = tag.name ?? id
                if tag.firesBeforeConsent == true {
                    violations.append(
                        Violation(
                            "\(asset.kind.rawValue) '\(name)' is loaded from a third-party CDN before consent",
                            at: tag.origin.location("fires_before_consent"), key: "asset/\(id)"))
                } else if tag.consentGated != true {
                    violations.append(
                        Violation(
                            "\(asset.kind.rawValue) '\(name)' is loaded from a third-party CDN and does not wait for consent",
                            at: tag.origin.location("consent_gated"), key: "asset/\(id)"))
                }
            }
            if loads > 0 { evaluations.append(Evaluation(.webProperty(property), violations)) }
        }
        return evaluations
    }
}
