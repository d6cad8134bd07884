import TollgateKit

/// PRIV-023: cookies do not outlive, and a consent choice is not reused beyond, the period
/// regulators accept (13 months by default; the CNIL recommends asking again after about 6 months,
/// which a pack sets with `max_consent_age_days: 180`).
public struct CookieAndConsentLifetime: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "PRIV-023", slug: "cookie-and-consent-lifetime", domain: .privacy,
        title: "Cookie lifetime and consent age bounded",
        rationale: """
            The CNIL's guidelines on cookies (2020) set 13 months as the longest lifetime of a tracking cookie and \
            recommend asking again for consent after about 6 months; other European regulators cite the same \
            13 months. Longer lifetimes keep identifying visitors after any consent they gave has gone stale.
            """,
        severity: .low,
        references: ["CNIL Délibération 2020-091 (cookies guidelines)", "ePrivacy Directive Art. 5(3)"],
        controls: .cookieConsent,
        remediation:
            "shorten the cookie's lifetime in the tool's settings, or set the CMP to ask again within the limit",
        parameters: [
            RuleParameter("max_cookie_days", .int(395), "longest cookie lifetime, in days (13 months)"),
            RuleParameter(
                "max_consent_age_days", .int(395),
                "longest reuse of a consent choice, in days (13 months); the CNIL recommends asking again after about 6 months (180 days), which a pack sets with `max_consent_age_days: 180`"
            ),
        ],
        examples: [
            RuleExample(
                "a cookie of exactly 395 days and a choice kept 395 days (boundary)",
                """
                version: 1
                systems: [{ id: analytics, name: Analytics, system_type: analytics, cookie_max_age_seconds: 34128000 }]
                web_properties: [{ id: shop, domain: shop.example, cmp: { vendor: ExampleCMP, consent_max_age_days: 395 } }]
                """),
            RuleExample(
                "a cookie one second over 395 days (boundary)", failing: ["system:analytics"],
                """
                version: 1
                systems: [{ id: analytics, name: Analytics, system_type: analytics, cookie_max_age_seconds: 34128001 }]
                """),
            RuleExample(
                "a choice reused for 396 days (boundary)", failing: ["web_property:shop"],
                """
                version: 1
                web_properties: [{ id: shop, domain: shop.example, cmp: { vendor: ExampleCMP, consent_max_age_days: 396 } }]
                """),
            RuleExample(
                "a choice kept 180 days under the CNIL's six months (boundary: max_consent_age_days 180)",
                parameters: ["max_consent_age_days": .int(180)],
                """
                version: 1
                web_properties: [{ id: shop, domain: shop.example, cmp: { vendor: ExampleCMP, consent_max_age_days: 180 } }]
                """),
            RuleExample(
                "a choice kept 181 days under the CNIL's six months (boundary)", failing: ["web_property:shop"],
                parameters: ["max_consent_age_days": .int(180)],
                """
                version: 1
                web_properties: [{ id: shop, domain: shop.example, cmp: { vendor: ExampleCMP, consent_max_age_days: 181 } }]
                """),
            RuleExample(
                "a two-year advertising cookie", failing: ["system:ads"],
                """
                version: 1
                systems: [{ id: ads, name: Ads, system_type: ad_platform, cookie_max_age_seconds: 63072000 }]
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let maxCookieDays = context.parameters.int("max_cookie_days")
        let maxConsentDays = context.parameters.int("max_consent_age_days")
        var evaluations: [Evaluation] = []
        for system in context.inventory.systems {
            guard let seconds = system.cookieMaxAgeSeconds else { continue }
            // Compared in seconds, so that a cookie one second over the limit is over it.
            let over = seconds > maxCookieDays.multipliedReportingOverflow(by: 86_400).partialValue
            evaluations.append(
                Evaluation(
                    .system(system),
                    over
                        ? [
                            Violation(
                                "its cookies live \(Self.days(seconds)) days, over \(maxCookieDays)",
                                at: system.origin.location("cookie_max_age_seconds"), key: "cookie_max_age")
                        ] : []))
        }
        for property in context.inventory.webProperties {
            guard let cmp = property.cmp, let days = cmp.consentMaxAgeDays else { continue }
            evaluations.append(
                Evaluation(
                    .webProperty(property),
                    days > maxConsentDays
                        ? [
                            Violation(
                                "the consent banner reuses a choice for \(days) days, over \(maxConsentDays)",
                                at: cmp.origin.location("consent_max_age_days"), key: "cmp/consent_max_age_days")
                        ] : []))
        }
        return evaluations
    }

    /// Whole days, rounded up, for messages.
    static func days(_ seconds: Int) -> Int { seconds / 86_400 + (seconds % 86_400 == 0 ? 0 : 1) }
}
