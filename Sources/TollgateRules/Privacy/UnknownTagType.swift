import TollgateKit

/// PRIV-108: tags whose type Tollgate cannot place are reported, not ignored.
public struct UnknownTagType: Rule {
    public init() {}

    typealias X = TagManagerExamples

    public let description = RuleDescription(
        id: "PRIV-108", slug: "unknown-tag-type", domain: .privacy,
        title: "Tags of unknown type are reported",
        rationale: """
            Tollgate tells where a tag sends data from its type. A tag type it does not know (a vendor's own type, a \
            community template from an unknown vendor, a template missing from the export) could send anything \
            anywhere; passing it silently would make the report look more complete than it is.
            """,
        severity: .low,
        references: ["GDPR Art. 30(1)(d)", "GDPR Art. 5(2)"],
        controls: ControlMapping(iso27001: ["A.5.9", "A.8.9"], soc2: ["CC2.1"], nistCSF: ["ID.AM-03"], cis: ["2.3"]),
        remediation: """
            tie the tag to a declared system (its id in the system's tag_ids) and review what it sends, or replace it \
            with a known tag type
            """,
        examples: [
            RuleExample("known tag type", attachments: [X.container(X.tag("1", "GA4", "gaawe"))], X.stack()),
            RuleExample(
                "vendor-specific tag type", failing: ["tag:GTM-EX1/Legacy tag"],
                attachments: [X.container(X.tag("1", "Legacy tag", "zzz_vendor"))], X.stack()),
            RuleExample(
                "community template of an unknown vendor (boundary)", failing: ["tag:GTM-EX1/Acme"],
                attachments: [
                    X.container(
                        X.tag("1", "Acme", "cvt_1_9"),
                        extra: #" "customTemplate": [{"templateId": "9", "name": "Acme Loader"}],"#)
                ], X.stack()),
            RuleExample(
                "community template of a known vendor (boundary)",
                attachments: [
                    X.container(
                        X.tag("1", "Meta", "cvt_1_9", consent: X.consent("NEEDED", ["ad_storage"])),
                        extra: #" "customTemplate": [{"templateId": "9", "name": "Facebook Pixel"}],"#)
                ], X.stack()),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        context.tagManagerLinks.flatMap { links in
            links.container.tags.map { tag in
                Evaluation(
                    .tag(tag, in: links.container),
                    tag.classification.isRecognised
                        ? []
                        : [
                            Violation(
                                "\(tag.classification.typeName) is unknown to Tollgate: where the tag sends data was not checked",
                                at: tag.origin.location("type"), key: "type")
                        ])
            }
        }
    }
}
