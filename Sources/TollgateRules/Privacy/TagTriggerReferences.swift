import TollgateKit

/// PRIV-106: tags refer only to triggers and tags that exist.
public struct TagTriggerReferences: Rule {
    public init() {}

    typealias X = TagManagerExamples

    public let description = RuleDescription(
        id: "PRIV-106", slug: "tag-trigger-references", domain: .privacy,
        title: "Tags refer only to existing triggers and tags",
        rationale: """
            A blocking trigger that no longer exists no longer blocks: the tag fires where someone decided it must \
            not, often the exception that kept it off consent-less or internal pages. A missing firing trigger or \
            setup tag means the container does not do what its author believes, and the export is not a reliable \
            record of what fires.
            """,
        severity: .medium,
        references: ["GDPR Art. 25(1)", "GDPR Art. 5(2)", "ISO/IEC 27001:2022 A.8.9"],
        controls: ControlMapping(iso27001: ["A.8.9", "A.8.32"], soc2: ["CC8.1"], nistCSF: ["PR.PS-01"], cis: ["4.1"]),
        remediation: "point the tag at an existing trigger (or tag), or remove the dangling reference",
        examples: [
            RuleExample(
                "tag on the built-in All Pages trigger (never listed in trigger[])",
                attachments: [X.container(X.tag("1", "GA4", "gaawe"))], X.stack()),
            RuleExample(
                "blocking trigger that was deleted", failing: ["tag:GTM-EX1/GA4"],
                attachments: [X.container(X.tag("1", "GA4", "gaawe", extra: #", "blockingTriggerId": ["42"]"#))],
                X.stack()),
            RuleExample(
                "trigger group waiting for a deleted trigger (boundary: indirect)", failing: ["tag:GTM-EX1/GA4"],
                attachments: [
                    X.container(
                        X.tag("1", "GA4", "gaawe", firing: "\"5\""),
                        triggers:
                            #"{"triggerId": "5", "name": "Group", "type": "TRIGGER_GROUP", "parameter": [{"type": "LIST", "key": "triggerIds", "list": [{"type": "TRIGGER_REFERENCE", "value": "2147479553"}, {"type": "TRIGGER_REFERENCE", "value": "6"}]}]}"#
                    )
                ], X.stack()),
            RuleExample(
                "setup tag that exists (boundary)",
                attachments: [
                    X.container(
                        X.tag("1", "GA4", "gaawe", extra: #", "setupTag": [{"tagName": "Consent defaults"}]"#) + ", "
                            + X.tag(
                                "2", "Consent defaults", "html", parameters: X.parameter("html", "<script></script>")))
                ], X.stack()),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        var evaluations: [Evaluation] = []
        for links in context.tagManagerLinks {
            let container = links.container
            let tagNames = Set(container.tags.map(\.name))
            for tag in container.tags {
                var violations: [Violation] = []
                func checkTrigger(
                    _ reference: TagManagerReference, _ role: String, via group: String? = nil, depth: Int = 0
                ) {
                    if TagManagerTrigger.builtIn[reference.id] != nil { return }
                    guard let trigger = links.trigger(reference.id) else {
                        violations.append(
                            Violation(
                                "\(role) trigger \(reference.id) does not exist in the container"
                                    + (group.map { " (referenced by trigger group '\($0)')" } ?? ""),
                                at: reference.location, key: "\(role)/\(reference.id)"))
                        return
                    }
                    guard depth < 8 else { return }
                    for member in trigger.groupedTriggers {
                        checkTrigger(member, role, via: trigger.name, depth: depth + 1)
                    }
                }
                tag.firingTriggers.forEach { checkTrigger($0, "firing") }
                tag.blockingTriggers.forEach { checkTrigger($0, "blocking") }
                for (role, references) in [("setup", tag.setupTags), ("cleanup", tag.teardownTags)] {
                    for reference in references where !tagNames.contains(reference.id) {
                        violations.append(
                            Violation(
                                "\(role) tag '\(reference.id)' does not exist in the container", at: reference.location,
                                key: "\(role)/\(reference.id)"))
                    }
                }
                evaluations.append(Evaluation(.tag(tag, in: container), violations))
            }
        }
        return evaluations
    }
}
