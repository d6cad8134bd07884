import TollgateKit

/// PRIV-101: tags that send data to non-essential vendors wait for consent.
public struct TagConsentRequired: Rule {
    public init() {}

    typealias X = TagManagerExamples

    static let metaPixel = X.parameter(
        "html", #"<script src=\"https://connect.facebook.net/en_US/fbevents.js\"></script>"#)

    public let description = RuleDescription(
        id: "PRIV-101", slug: "tag-consent-required", domain: .privacy,
        title: "Tags of non-essential vendors require consent",
        rationale: """
            Reading or storing information on a visitor's device, and sending their browsing to an advertising or \
            analytics vendor, needs prior consent unless strictly necessary (ePrivacy Art. 5(3); EDPB Guidelines \
            2/2023 extend this to pixels and tracking URLs). In a tag manager, consent is enforced per tag: a tag that \
            is not configured to wait for a consent type, or is marked as needing none, fires for everyone.
            """,
        severity: .high,
        references: [
            "ePrivacy Directive 2002/58/EC Art. 5(3)", "EDPB Guidelines 2/2023", "GDPR Art. 6(1)(a)", "GDPR Art. 7",
        ],
        controls: .cookieConsent,
        remediation: """
            set the tag's consent settings to "Require additional consent for tag to fire" with the consent types of \
            its purpose (ad_storage, analytics_storage, …), or fire it only from a trigger your consent platform sends \
            after consent
            """,
        parameters: [
            RuleParameter(
                "trust_google_consent_mode", .bool(true),
                "Google tags without additional consent checks pass, relying on their built-in Consent Mode checks (PRIV-102 checks Consent Mode itself)"
            ),
            RuleParameter(
                "consent_trigger_markers",
                .strings(["consent", "cookiebot", "onetrust", "optanon", "didomi", "usercentrics", "cmp"]),
                "a tag also counts as consent-gated when each of its firing triggers mentions one of these in its name or conditions",
                values: .freeText("words looked for in trigger names")
            ),
            .firstPartyDomains,
        ],
        examples: [
            RuleExample(
                "pixel that waits for ad_storage",
                attachments: [
                    X.container(
                        X.tag(
                            "1", "Meta pixel", "html", parameters: metaPixel,
                            consent: X.consent("NEEDED", ["ad_storage"])))
                ],
                X.stack()),
            RuleExample(
                "pixel with no consent settings", failing: ["tag:GTM-EX1/Meta pixel"],
                attachments: [X.container(X.tag("1", "Meta pixel", "html", parameters: metaPixel))], X.stack()),
            RuleExample(
                "pixel marked as needing no consent", failing: ["tag:GTM-EX1/Meta pixel"],
                attachments: [
                    X.container(
                        X.tag("1", "Meta pixel", "html", parameters: metaPixel, consent: X.consent("NOT_NEEDED")))
                ],
                X.stack()),
            RuleExample(
                "NEEDED with no consent type listed (boundary)", failing: ["tag:GTM-EX1/Meta pixel"],
                attachments: [
                    X.container(X.tag("1", "Meta pixel", "html", parameters: metaPixel, consent: X.consent("needed")))
                ],
                X.stack()),
            RuleExample(
                "consent platform tag needs no consent (boundary: essential vendor)",
                attachments: [
                    X.container(
                        X.tag(
                            "1", "OneTrust banner", "html",
                            parameters: X.parameter(
                                "html",
                                #"<script src=\"https://cdn.cookielaw.org/scripttemplates/otSDKStub.js\"></script>"#),
                            firing: "\"2147479572\"", consent: X.consent("NOT_NEEDED")))
                ], X.stack()),
            RuleExample(
                "fired only by the consent platform's event (boundary: trigger-gated)",
                attachments: [
                    X.container(
                        X.tag(
                            "1", "Meta pixel", "html", parameters: metaPixel, firing: "\"7\"",
                            consent: X.consent("NOT_SET")),
                        triggers:
                            #"{"triggerId": "7", "name": "CE - marketing consent", "type": "CUSTOM_EVENT", "customEventFilter": [{"type": "EQUALS", "parameter": [{"type": "TEMPLATE", "key": "arg0", "value": "{{_event}}"}, {"type": "TEMPLATE", "key": "arg1", "value": "marketing_consent_granted"}]}]}"#
                    )
                ], X.stack()),
            RuleExample(
                "fired by the consent platform's event kept in a constant (boundary: constants resolved)",
                attachments: [
                    X.container(
                        X.tag(
                            "1", "Meta pixel", "html", parameters: metaPixel, firing: "\"8\"",
                            consent: X.consent("NOT_SET")),
                        triggers:
                            #"{"triggerId": "8", "name": "CE - marketing", "type": "CUSTOM_EVENT", "customEventFilter": [{"type": "EQUALS", "parameter": [{"type": "TEMPLATE", "key": "arg0", "value": "{{_event}}"}, {"type": "TEMPLATE", "key": "arg1", "value": "{{Marketing OK}}"}]}]}"#,
                        extra:
                            #" "variable": [{"variableId": "9", "name": "Marketing OK", "type": "c", "parameter": [{"type": "TEMPLATE", "key": "value", "value": "cookiebot_marketing_accepted"}]}],"#
                    )
                ], X.stack()),
            RuleExample(
                "GA4 event relying on Consent Mode (boundary: trust_google_consent_mode)",
                attachments: [X.container(X.tag("1", "GA4 purchase", "gaawe", consent: X.consent("NOT_SET")))],
                X.stack()),
            RuleExample(
                "GA4 event without Consent Mode trust", failing: ["tag:GTM-EX1/GA4 purchase"],
                parameters: ["trust_google_consent_mode": .bool(false)],
                attachments: [X.container(X.tag("1", "GA4 purchase", "gaawe", consent: X.consent("NOT_SET")))],
                X.stack()),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let trustGoogle = context.parameters.bool("trust_google_consent_mode")
        let markers = context.parameters.strings("consent_trigger_markers").map { $0.lowercased() }
        let firstParty = context.firstPartyDomains
        var evaluations: [Evaluation] = []
        for links in context.tagManagerLinks {
            for tag in links.container.tags where !tag.paused {
                let destinations = tag.destinations(links, firstParty: firstParty)
                let unrecognised = !tag.classification.isRecognised
                guard !destinations.vendors.isEmpty || !destinations.hosts.isEmpty || unrecognised else { continue }
                var violations: [Violation] = []
                let gated = Self.triggerGated(tag, links, markers)
                let what =
                    (destinations.vendors.map(\.name) + destinations.hosts).first.map { "tag sending data to \($0)" }
                    ?? "tag of a type Tollgate does not recognise"
                switch tag.consent.status {
                case .needed where tag.consent.types.isEmpty && !gated:
                    violations.append(
                        Violation(
                            "\(what) is set to require consent but lists no consent type", at: tag.consent.location,
                            key: "consent"))
                case .notNeeded where !gated:
                    violations.append(
                        Violation(
                            "\(what) is configured as needing no consent (NOT_NEEDED)", at: tag.consent.location,
                            key: "consent"))
                case .notSet where !gated && !(trustGoogle && tag.classification.isGoogle):
                    violations.append(
                        Violation(
                            "\(what) fires without any consent requirement", at: tag.consent.location, key: "consent"))
                default:
                    break
                }
                evaluations.append(Evaluation(.tag(tag, in: links.container), violations))
            }
        }
        return evaluations
    }

    /// Whether every firing trigger of the tag is one a consent platform controls, judged by
    /// the markers in its name and conditions (built-in triggers never are), each looked for in
    /// the name and in every condition value separately. A condition counts
    /// both as written and with constants resolved: the name of a constant (`{{CMP event}}`) and
    /// the value it holds (`cookiebot_accept`) each say what the trigger waits for.
    static func triggerGated(_ tag: TagManagerTag, _ links: TagManagerLinks, _ markers: [String]) -> Bool {
        guard !tag.firingTriggers.isEmpty, !markers.isEmpty else { return false }
        func gated(_ id: String, depth: Int) -> Bool {
            guard depth < 8, let trigger = links.trigger(id) else { return false }
            // Each text on its own, so a marker of several words cannot match across two of them.
            // `containsPlainText`: resolved constants can be long, and the markers come from a policy.
            let values = trigger.conditions.flatMap { [$0.left, $0.right, $0.resolvedLeft, $0.resolvedRight] }
            for text in [trigger.name] + values.compactMap({ $0 }) {
                let lowered = text.lowercased()
                if markers.contains(where: { lowered.containsPlainText($0) }) { return true }
            }
            return trigger.groupedTriggers.contains { gated($0.id, depth: depth + 1) }
        }
        return tag.firingTriggers.allSatisfy { gated($0.id, depth: 0) }
    }
}
