import TollgateKit

/// PRIV-103: every vendor a tag sends data to is a declared system with a declared flow.
public struct TagVendorDeclared: Rule {
    public init() {}

    typealias X = TagManagerExamples

    static let tiktok = X.tag(
        "1", "TikTok pixel", "html",
        parameters: X.parameter(
            "html", #"<script src=\"https://analytics.tiktok.com/i18n/pixel/events.js\"></script>"#),
        consent: X.consent("NEEDED", ["ad_storage"]))
    static let ga4 = X.tag(
        "2", "GA4 page view", "gaawe", parameters: X.parameter("measurementIdOverride", "G-SHOP01"),
        consent: X.consent("NEEDED", ["analytics_storage"]))
    static let flowToAnalytics = """
        flows:
          - { id: visitors-to-web-analytics, from: data_subject, to: web-analytics, data_categories: [user.device.cookie_id], data_use: analytics.reporting, legal_basis: consent }
        """

    public let description = RuleDescription(
        id: "PRIV-103", slug: "tag-vendor-declared", domain: .privacy,
        title: "Tags send data only to declared systems along declared flows",
        rationale: """
            A tag manager lets marketing add a vendor to the website in minutes, without procurement, a contract or \
            a record of processing ("shadow martech"). Every recipient of personal data must be in the record of \
            processing (GDPR Art. 30(1)(d)), covered by a processor contract where it acts for the organisation \
            (Art. 28) and named in the privacy notice (Art. 13(1)(e)); a vendor that is only in the tag manager is \
            none of these.
            """,
        severity: .high,
        references: ["GDPR Art. 30(1)(d)", "GDPR Art. 28(1)", "GDPR Art. 13(1)(e)", "ISO/IEC 27001:2022 A.5.9"],
        controls: ControlMapping(
            iso27001: ["A.5.9", "A.5.14"], soc2: ["CC2.1"], nistCSF: ["ID.AM-03", "ID.AM-04"], cis: ["3.8", "15.1"]),
        remediation: """
            declare the vendor as a system (list the tag's id in its tag_ids to tie them exactly) and the flow from \
            data_subject to it, or remove the tag
            """,
        parameters: [.firstPartyDomains],
        examples: [
            RuleExample(
                "GA4 tag tied to a declared system by its measurement id, with a flow",
                attachments: [X.container(ga4)],
                X.stack(
                    systems:
                        "  - { id: web-analytics, name: Web statistics, system_type: analytics, tag_ids: [G-SHOP01] }",
                    flows: flowToAnalytics)),
            RuleExample(
                "TikTok pixel with no TikTok system declared", failing: ["tag:GTM-EX1/TikTok pixel"],
                attachments: [X.container(tiktok + ", " + ga4)],
                X.stack(
                    systems:
                        "  - { id: web-analytics, name: Web statistics, system_type: analytics, tag_ids: [G-SHOP01] }",
                    flows: flowToAnalytics)),
            RuleExample(
                "declared system but no flow into it (boundary)", failing: ["tag:GTM-EX1/GA4 page view"],
                attachments: [X.container(ga4)],
                X.stack(systems: "  - { id: ga4, name: Google Analytics 4, system_type: analytics }")),
            RuleExample(
                "system matched by vendor name, flow declared (boundary: no tag_ids)",
                attachments: [X.container(tiktok)],
                X.stack(
                    systems: "  - { id: tiktok-ads, name: TikTok Ads, system_type: ad_platform }",
                    flows: """
                        flows:
                          - { id: visitors-to-tiktok, from: data_subject, to: tiktok-ads, data_categories: [user.device.cookie_id], data_use: marketing.advertising.third_party.targeted, legal_basis: consent }
                        """)),
            RuleExample(
                "image pixel to an unknown third-party host", failing: ["tag:GTM-EX1/Affiliate pixel"],
                attachments: [
                    X.container(
                        X.tag(
                            "1", "Affiliate pixel", "img",
                            parameters: X.parameter("url", "https://track.affiliates.example/p?o={{Order ID}}"),
                            consent: X.consent("NEEDED", ["ad_storage"])))
                ], X.stack()),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let firstParty = context.firstPartyDomains
        var evaluations: [Evaluation] = []
        for links in context.tagManagerLinks {
            for tag in links.container.tags where !tag.paused {
                let destinations = tag.destinations(links, firstParty: firstParty)
                guard !destinations.vendors.isEmpty || !destinations.hosts.isEmpty else { continue }
                var violations: [Violation] = []
                let categories = tag.classification.dataCategories.prefix(3).joined(separator: ", ")
                func check(_ system: System?, _ name: String, key: String) {
                    guard let system else {
                        violations.append(
                            Violation(
                                "tag sends data (\(categories)) to \(name), which is not declared as a system",
                                at: tag.destinationLocation, key: key))
                        return
                    }
                    if !links.hasInboundFlow(system) {
                        violations.append(
                            Violation(
                                "tag sends data (\(categories)) to system '\(system.id)' but no flow into it is declared",
                                at: tag.destinationLocation, key: key + "/flow"))
                    }
                }
                for vendor in destinations.vendors {
                    check(links.system(for: vendor, tag: tag), vendor.name, key: "vendor/" + vendor.key)
                }
                for host in destinations.hosts {
                    check(links.system(forHost: host, tag: tag), "third-party host '\(host)'", key: "host/" + host)
                }
                evaluations.append(Evaluation(.tag(tag, in: links.container), violations))
            }
        }
        return evaluations
    }
}
