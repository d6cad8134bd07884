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
            cover serving the font to browsers. A font is served on the domains of its `used_in` web entries and of \
            the web properties whose tags load it; domains compare without regard to letter case or a trailing dot \
            (RFC 4343), and declared domains and pageviews are checked whatever the licence type. The SIL Open Font License allows almost everything, but a modified \
            font may not keep a Reserved Font Name and the font may not be sold on its own.
            """,
        severity: .high,
        references: [
            "SIL Open Font License 1.1 conditions 1–5", "Foundry web-font EULA (domains, pageviews)",
            "RFC 4343 (DNS case insensitivity)",
        ],
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
                "domain in other letter case with a trailing dot (boundary)",
                """
                version: 1
                assets:
                  - id: f
                    kind: font
                    licence_type: webfont
                    licensed_domains: [www.example.com]
                    used_in: [{ channel: web, domain: "WWW.Example.com." }]
                """),
            RuleExample(
                "fonts loaded by a web property: unlicensed domain, desktop licence",
                failing: ["asset:web", "asset:desk"],
                """
                version: 1
                assets:
                  - { id: web, kind: font, licence_type: webfont, licensed_domains: [www.example.com] }
                  - { id: desk, kind: font, licence_type: desktop }
                web_properties:
                  - { id: other, domain: shop.other.com, tags: [{ asset: web }, { asset: desk }] }
                """),
            RuleExample(
                "custom licence with domains and pageviews, property traffic over the limit", failing: ["asset:f"],
                """
                version: 1
                assets:
                  - id: f
                    kind: font
                    licence_type: custom
                    licensed_domains: [www.example.com]
                    licensed_pageviews_month: 100000
                web_properties:
                  - { id: site, domain: www.example.com, monthly_pageviews: 100001, tags: [{ asset: f }] }
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

    /// One place a font is served to browsers: a `used_in` entry with channel `web`, or a web
    /// property whose tags load the font.
    struct WebUse {
        /// Lower case, without a trailing dot: DNS names compare case-insensitively (RFC 4343).
        let domain: String?
        let written: String?
        let pageviews: Int?
        let location: SourceLocation
    }

    /// `WWW.Example.com.` and `www.example.com` name the same host (RFC 4343 §3, RFC 1034 §3.1).
    static func normalised(_ domain: String) -> String {
        var name = domain.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        return name
    }

    /// The font's web uses: its `used_in` web entries, then the web properties that load it and
    /// that no `used_in` entry already names (a property's own pageviews count once).
    static func webUses(_ font: Asset, placements: [(WebProperty, TagPlacement)]) -> [WebUse] {
        var uses = font.usedIn.filter { $0.channel == "web" }.map { use in
            WebUse(
                domain: use.domain.map(normalised), written: use.domain, pageviews: use.monthlyPageviews,
                location: use.origin.location(use.domain == nil ? "channel" : "domain"))
        }
        var seen = Set(uses.compactMap(\.domain))
        for (property, tag) in placements where seen.insert(normalised(property.domain)).inserted {
            uses.append(
                WebUse(
                    domain: normalised(property.domain), written: property.domain,
                    pageviews: property.monthlyPageviews, location: tag.origin.location("asset")))
        }
        return uses
    }

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let tolerance = context.parameters.int("pageview_tolerance_percent")
        var placements: [String: [(WebProperty, TagPlacement)]] = [:]
        for property in context.inventory.webProperties {
            for tag in property.tags {
                if let asset = tag.asset { placements[asset, default: []].append((property, tag)) }
            }
        }
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
            let properties = placements[font.id] ?? []
            if font.licenceType == .desktop {
                if let use = font.usedIn.first(where: { Self.embeddingChannels.contains($0.channel) }) {
                    violations.append(
                        Violation(
                            "desktop font licence used for \(use.channel) delivery, which needs a web or embedding "
                                + "licence", at: use.origin.location("channel"), key: "desktop"))
                } else if let (property, tag) = properties.first {
                    violations.append(
                        Violation(
                            "desktop font licence served with @font-face on \(property.domain), which needs a web "
                                + "licence", at: tag.origin.location("asset"), key: "desktop"))
                }
            }
            // Whatever the licence type (a foundry's web licence is often declared `custom`), declared
            // domains and pageviews are limits.
            let web = Self.webUses(font, placements: properties)
            if !font.licensedDomains.isEmpty {
                let licensed = Set(font.licensedDomains.map(Self.normalised))
                var reported = Set<String>()
                for use in web {
                    guard let domain = use.domain, let written = use.written, !licensed.contains(domain),
                        reported.insert(domain).inserted
                    else { continue }
                    violations.append(
                        Violation(
                            "font served on \(written), which is not a licensed domain", at: use.location,
                            key: "domain/\(domain)"))
                }
            }
            if let licensed = font.licensedPageviewsMonth {
                let pageviews = web.compactMap(\.pageviews)
                let total = LicenceRuleSupport.sum(pageviews)
                if LicenceRuleSupport.exceeds(total: pageviews, licensed, byMoreThanPercent: tolerance) {
                    violations.append(
                        Violation(
                            "font serves \(LicenceRuleSupport.number(total)) pageviews a month, over the "
                                + "\(LicenceRuleSupport.number(licensed)) licensed",
                            at: font.origin.location("licensed_pageviews_month"), key: "pageviews"))
                }
            }
            return Evaluation(.asset(font), violations)
        }
    }
}
