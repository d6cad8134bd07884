import TollgateKit

/// LIC-013: fonts are used within their licence: OFL conditions, web-font domains and pageviews,
/// no desktop licence served with @font-face.
public struct FontLicenceScope: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "LIC-013", slug: "font-licence-scope", domain: .licensing,
        title: "Fonts used within their licence",
        rationale: """
            Commercial web fonts are licensed per domain and per monthly pageviews, and a desktop licence does not \
            cover serving the font to browsers. The SIL Open Font License allows almost everything, but a modified \
            font may not keep a Reserved Font Name and the font may not be sold on its own.
            """,
        severity: .high,
        references: ["SIL Open Font License 1.1 conditions 1–5", "Foundry web-font EULA (domains, pageviews)"],
        controls: .creativeLicences,
        remediation: """
            upgrade the web-font licence to the domains and pageviews in use, buy a web licence for fonts served with \
            @font-face, or rename a modified OFL font
            """,
        parameters: [
            RuleParameter(
                "pageview_tolerance_percent", .int(0), "pageviews tolerated above the licensed number, in percent")
        ],
        examples: [
            RuleExample(
                "web font within its domain and pageviews (boundary: exactly at the limit)",
                """
                version: 1
                assets:
                  - id: f
                    kind: font
                    licence_type: webfont
                    licensed_domains: [www.example.com]
                    licensed_pageviews_month: 500000
                    used_in: [{ channel: web, domain: www.example.com, monthly_pageviews: 500000 }]
                """),
            RuleExample(
                "unlicensed domain and pageviews over the limit", failing: ["asset:f"],
                """
                version: 1
                assets:
                  - id: f
                    kind: font
                    licence_type: webfont
                    licensed_domains: [www.example.com]
                    licensed_pageviews_month: 500000
                    used_in:
                      - { channel: web, domain: www.example.com, monthly_pageviews: 400000 }
                      - { channel: web, domain: shop.example.com, monthly_pageviews: 100001 }
                """),
            RuleExample(
                "desktop licence served to browsers, and an OFL font renamed wrongly",
                failing: ["asset:desk", "asset:ofl"],
                """
                version: 1
                assets:
                  - { id: desk, kind: font, licence_type: desktop, used_in: [{ channel: email }] }
                  - { id: ofl, kind: font, licence: OFL-1.1, licence_type: ofl, modified: true, reserved_font_name: Brunswick }
                """),
            RuleExample(
                "unmodified OFL font",
                """
                version: 1
                assets:
                  - { id: ofl, kind: font, licence: OFL-1.1, licence_type: ofl, modified: false, reserved_font_name: Inter }
                """),
        ])

    /// Channels where a font is delivered to the reader's device with @font-face or embedding.
    static let embeddingChannels: Set<String> = ["web", "email", "advertising", "app"]

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let tolerance = context.parameters.int("pageview_tolerance_percent")
        return context.inventory.assets.filter { $0.kind == .font }.map { font in
            var violations: [Violation] = []
            let isOFL = font.licenceType == .ofl || font.licence?.uppercased().hasPrefix("OFL-") == true
            if isOFL {
                if font.soldSeparately == true {
                    violations.append(
                        Violation(
                            "OFL font is sold on its own, which OFL-1.1 condition 1 forbids",
                            at: font.origin.location("sold_separately"), key: "ofl/sold"))
                }
                if font.modified == true, let name = font.reservedFontName {
                    violations.append(
                        Violation(
                            "modified OFL font is published under its Reserved Font Name '\(name)'",
                            at: font.origin.location("reserved_font_name"), key: "ofl/reserved-name"))
                }
            }
            if font.licenceType == .desktop,
                let use = font.usedIn.first(where: { Self.embeddingChannels.contains($0.channel) })
            {
                violations.append(
                    Violation(
                        "desktop font licence used for \(use.channel) delivery, which needs a web or embedding licence",
                        at: use.origin.location("channel"), key: "desktop"))
            }
            if font.licenceType == .webfont {
                let web = font.usedIn.filter { $0.channel == "web" }
                if !font.licensedDomains.isEmpty {
                    for use in web {
                        guard let domain = use.domain, !font.licensedDomains.contains(domain) else { continue }
                        violations.append(
                            Violation(
                                "web font served on \(domain), which is not a licensed domain",
                                at: use.origin.location("domain"), key: "domain/\(domain)"))
                    }
                }
                if let licensed = font.licensedPageviewsMonth {
                    let pageviews = web.compactMap(\.monthlyPageviews)
                    let total = LicenceRuleSupport.sum(pageviews)
                    if LicenceRuleSupport.exceeds(total: pageviews, licensed, byMoreThanPercent: tolerance) {
                        violations.append(
                            Violation(
                                "web font serves \(LicenceRuleSupport.number(total)) pageviews a month, over the "
                                    + "\(LicenceRuleSupport.number(licensed)) licensed",
                                at: font.origin.location("licensed_pageviews_month"), key: "pageviews"))
                    }
                }
            }
            return Evaluation(.asset(font), violations)
        }
    }
}
