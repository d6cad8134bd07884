import TollgateKit

/// PRIV-104: custom HTML tags that load scripts from third parties.
public struct CustomHTMLThirdPartyScript: Rule {
    public init() {}

    typealias X = TagManagerExamples

    public let description = RuleDescription(
        id: "PRIV-104", slug: "custom-html-third-party-script", domain: .privacy,
        title: "Custom HTML tags do not load third-party scripts",
        rationale: """
            A custom HTML tag runs whatever its script source serves, with full access to the page: form fields, \
            cookies, the data layer. Loading it from a third party hands that access to the third party and to \
            anyone who compromises it, outside any review, and sends every visitor's IP address there on load. \
            Vendor templates and built-in tags are sandboxed and declare what they may do; custom HTML is not.
            """,
        severity: .medium,
        references: [
            "GDPR Art. 25(1)", "GDPR Art. 32(1)", "GDPR Art. 44", "LG München I, 3 O 17493/20 (20 Jan 2022)",
            "CIS Controls v8.1 2.3",
        ],
        controls: ControlMapping(
            iso27001: ["A.5.23", "A.5.34", "A.8.28"], soc2: ["P6.1", "CC8.1"], nistCSF: ["ID.AM-03"], cis: ["2.3"]),
        remediation: """
            replace the custom HTML with the vendor's Community Template Gallery template or a built-in tag, or host \
            the script yourself after review; list hosts you own in first_party_domains
            """,
        parameters: [.firstPartyDomains],
        examples: [
            RuleExample(
                "custom HTML loading a script from the property's own domain",
                attachments: [
                    X.container(
                        X.tag(
                            "1", "Own script", "html",
                            parameters: X.parameter(
                                "html", #"<script src=\"https://static.shop.example/app.js\"></script>"#)))
                ], X.stack()),
            RuleExample(
                "custom HTML loading a vendor script", failing: ["tag:GTM-EX1/Chat widget"],
                attachments: [
                    X.container(
                        X.tag(
                            "1", "Chat widget", "html",
                            parameters: X.parameter(
                                "html", #"<script src=\"https://widget.chat.example/loader.js\"></script>"#)))
                ], X.stack()),
            RuleExample(
                "host listed as first party (boundary)",
                parameters: ["first_party_domains": .strings(["cdn.example"])],
                attachments: [
                    X.container(
                        X.tag(
                            "1", "CDN script", "html",
                            parameters: X.parameter(
                                "html", #"<script src=\"https://assets.cdn.example/a.js\"></script>"#)))
                ], X.stack()),
            RuleExample(
                "a link is not a load (boundary)",
                attachments: [
                    X.container(
                        X.tag(
                            "1", "Help link", "html",
                            parameters: X.parameter("html", #"<a href=\"https://help.vendor.example/\">Help</a>"#)))
                ], X.stack()),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let firstParty = context.firstPartyDomains
        var evaluations: [Evaluation] = []
        for links in context.tagManagerLinks {
            for tag in links.container.tags where !tag.paused && tag.classification.kind == .customHTML {
                let thirdParty = tag.classification.hosts.filter { !links.isFirstParty(host: $0, extra: firstParty) }
                var violations: [Violation] = []
                if !thirdParty.isEmpty {
                    violations.append(
                        Violation(
                            "custom HTML loads code from third-party host\(thirdParty.count == 1 ? "" : "s") \(thirdParty.joined(separator: ", "))",
                            at: tag.parameters.named("html")?.location ?? tag.origin.location, key: "html"))
                }
                evaluations.append(Evaluation(.tag(tag, in: links.container), violations))
            }
        }
        return evaluations
    }
}
