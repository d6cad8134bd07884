import TollgateKit

/// PRIV-022: where visitors' consent is the basis (EEA and UK audiences), the banner asks for
/// it validly: nothing pre-ticked, refusing as easy as accepting, and a way to withdraw.
///
/// What a banner does not declare does not pass, as for PRIV-036: a banner that does not say
/// that nothing is pre-ticked, that "reject all" is on the first layer, or that there is a
/// withdrawal link fails with "not declared".
public struct ConsentBannerValid: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "PRIV-022", slug: "consent-banner-valid", domain: .privacy,
        title: "Consent banner asks for consent validly",
        rationale: """
            Consent must be an unambiguous, active choice (GDPR Art. 4(11)); pre-ticked boxes are not consent \
            (CJEU C-673/17 Planet49), regulators require refusing to be as easy as accepting on the first layer \
            (CNIL 2020 guidelines, EDPB cookie banner taskforce 2023), and withdrawing must be as easy as giving \
            consent (Art. 7(3)). Tags gated by such a banner run without valid consent.
            """,
        severity: .high,
        references: [
            "GDPR Art. 4(11)", "GDPR Art. 7(3)", "CJEU C-673/17 Planet49", "ePrivacy Directive Art. 5(3)",
            "EDPB cookie banner taskforce report (2023)",
        ],
        controls: .cookieConsent,
        remediation:
            "configure the CMP with no purpose pre-ticked, a \"reject all\" button beside \"accept all\" on the first layer, and a persistent link to change or withdraw consent",
        parameters: [PrivacyScope.consentRegionsParameter],
        examples: [
            RuleExample(
                "an EEA shop with a compliant banner",
                """
                version: 1
                web_properties:
                  - { id: shop, domain: shop.example, audience_regions: [DE, FR],
                      cmp: { vendor: ExampleCMP, prechecked: false, reject_first_layer: true, withdrawal_link: true } }
                """),
            RuleExample(
                "pre-ticked purposes and no reject button on the first layer", failing: ["web_property:shop"],
                """
                version: 1
                web_properties:
                  - { id: shop, domain: shop.example, audience_regions: [EEA],
                      cmp: { vendor: ExampleCMP, prechecked: true, reject_first_layer: false, withdrawal_link: true } }
                """),
            RuleExample(
                "a UK site without a way to withdraw consent", failing: ["web_property:blog"],
                """
                version: 1
                web_properties:
                  - { id: blog, domain: blog.example, audience_regions: [UK],
                      cmp: { vendor: ExampleCMP, withdrawal_link: false } }
                """),
            RuleExample(
                "the same banner on a US-only site is not judged (boundary: opt-out regime)",
                """
                version: 1
                web_properties:
                  - { id: us-shop, domain: shop.example.com, audience_regions: [US-CA],
                      cmp: { vendor: ExampleCMP, prechecked: true, reject_first_layer: false } }
                """),
            RuleExample(
                "a site that does not declare its audience is judged as one for the EEA and UK",
                failing: ["web_property:site"],
                """
                version: 1
                web_properties:
                  - { id: site, domain: site.example, cmp: { vendor: ExampleCMP, prechecked: true } }
                """),
            RuleExample(
                "a banner that declares none of the three", failing: ["web_property:shop"],
                """
                version: 1
                web_properties:
                  - { id: shop, domain: shop.example, audience_regions: [EEA], cmp: { vendor: ExampleCMP } }
                """),
            RuleExample(
                "a banner that declares all but the withdrawal link (boundary)", failing: ["web_property:shop"],
                """
                version: 1
                web_properties:
                  - { id: shop, domain: shop.example, audience_regions: [EEA],
                      cmp: { vendor: ExampleCMP, prechecked: false, reject_first_layer: true } }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let consentRegions = context.parameters.strings("consent_regions")
        var evaluations: [Evaluation] = []
        for property in context.inventory.webProperties {
            guard let cmp = property.cmp, PrivacyScope.needsConsent(property, consentRegions) else { continue }
            var violations: [Violation] = []
            // A value other than the passing one fails: the wrong one with `failing`, a missing
            // one as not declared.
            func check(_ field: String, _ value: Bool?, passes: Bool, _ failing: String, undeclared: String) {
                guard value != passes else { return }
                violations.append(
                    Violation(
                        value == nil ? "\(undeclared) is not declared (`\(field)`)" : failing,
                        at: cmp.origin.location(field), key: "cmp/\(field)"))
            }
            check(
                "prechecked", cmp.prechecked, passes: false,
                "the consent banner pre-ticks purposes: a pre-ticked box is not consent",
                undeclared: "whether the consent banner pre-ticks purposes")
            check(
                "reject_first_layer", cmp.rejectFirstLayer, passes: true,
                "the consent banner has no \"reject all\" on its first layer: refusing must be as easy as accepting",
                undeclared: "a \"reject all\" on the consent banner's first layer")
            check(
                "withdrawal_link", cmp.withdrawalLink, passes: true,
                "the site offers no link to change or withdraw consent",
                undeclared: "a link to change or withdraw consent")
            evaluations.append(Evaluation(.webProperty(property), violations))
        }
        return evaluations
    }
}
