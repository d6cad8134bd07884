import TollgateKit

/// PRIV-107: paused tags are reported as such.
public struct PausedTags: Rule {
    public init() {}

    typealias X = TagManagerExamples

    public let description = RuleDescription(
        id: "PRIV-107", slug: "paused-tags", domain: .privacy,
        title: "Paused tags are reported",
        rationale: """
            A paused tag does not fire, so the consent and vendor rules skip it; but one click in the tag manager \
            brings it back without review. Listing paused tags tells an auditor what the container holds beyond what \
            it currently does, and invites removing what is no longer needed (GDPR Art. 25 data protection by \
            default).
            """,
        severity: .info,
        references: ["GDPR Art. 25(2)", "ISO/IEC 27001:2022 A.8.9"],
        controls: ControlMapping(iso27001: ["A.8.9"], soc2: ["CC8.1"], nistCSF: ["PR.PS-01"], cis: ["2.3"]),
        remediation: "delete the tag if it is no longer needed; before unpausing it, check it as a new tag",
        examples: [
            RuleExample("active tag", attachments: [X.container(X.tag("1", "GA4", "gaawe"))], X.stack()),
            RuleExample(
                "paused tag", failing: ["tag:GTM-EX1/Old pixel"],
                attachments: [X.container(X.tag("1", "Old pixel", "hjtc", extra: #", "paused": true"#))], X.stack()),
            RuleExample(
                "paused written as false (boundary)",
                attachments: [X.container(X.tag("1", "GA4", "gaawe", extra: #", "paused": false"#))], X.stack()),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        context.tagManagerLinks.flatMap { links in
            links.container.tags.map { tag in
                Evaluation(
                    .tag(tag, in: links.container),
                    tag.paused
                        ? [
                            Violation(
                                "tag (\(tag.classification.typeName)) is paused: it does not fire and is not checked by the consent and vendor rules",
                                at: tag.origin.location("paused"), key: "paused")
                        ] : [])
            }
        }
    }
}
