import TollgateKit

/// PRIV-102: Google tags on EEA traffic receive the Consent Mode v2 signals.
public struct GoogleConsentModeV2Configured: Rule {
    public init() {}

    typealias X = TagManagerExamples

    static let cmpV2 = X.tag(
        "9", "Consent defaults", "html",
        parameters: X.parameter(
            "html",
            #"<script>gtag('consent', 'default', {ad_storage: 'denied', analytics_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied'});</script>"#
        ), firing: "\"2147479572\"", consent: X.consent("NOT_NEEDED"))

    static let cmpV1 = X.tag(
        "9", "Consent defaults", "html",
        parameters: X.parameter(
            "html",
            #"<script>gtag('consent', 'default', {ad_storage: 'denied', analytics_storage: 'denied'});</script>"#),
        firing: "\"2147479572\"", consent: X.consent("NOT_NEEDED"))

    static let adsTag = X.tag("1", "Ads conversion", "awct", parameters: X.parameter("conversionId", "123456789"))

    /// The member states of the EEA, from the shared reference data.
    static let eea = EEA.members
    /// Google's consent types, the values `required_signals` may name (a misspelt one would be a
    /// signal no tag ever receives).
    static let consentTypes = [
        "ad_storage", "analytics_storage", "ad_user_data", "ad_personalization", "functionality_storage",
        "personalization_storage", "security_storage",
    ]

    public let description = RuleDescription(
        id: "PRIV-102", slug: "google-consent-mode-v2", domain: .privacy,
        title: "Google tags receive Consent Mode v2 signals for EEA traffic",
        rationale: """
            Since March 2024 Google's EU User Consent Policy requires sites serving the EEA (and the UK and \
            Switzerland) to pass the visitor's choices as Consent Mode v2 signals, ad_user_data and \
            ad_personalization besides ad_storage and analytics_storage. Without them Google treats traffic as \
            unconsented for measurement, remarketing and audience features, and the site cannot show that the choice \
            made in the banner reached the tag.
            """,
        severity: .medium,
        references: [
            "Google EU User Consent Policy", "Digital Markets Act (EU) 2022/1925 Art. 5(2)", "GDPR Art. 7(1)",
            "ePrivacy Directive 2002/58/EC Art. 5(3)",
        ],
        controls: .cookieConsent,
        remediation: """
            set Consent Mode defaults before any Google tag fires (a consent platform template or \
            gtag('consent', 'default', …) on the Consent Initialization trigger) covering ad_user_data and \
            ad_personalization, or require both consent types on the tag itself
            """,
        parameters: [
            RuleParameter(
                "regions", .strings(["EEA", "EU", "UK", "CH"] + eea + ["GB"]),
                "audience regions of a linked web property that bring its container in scope", values: .regions),
            RuleParameter(
                "assume_in_scope_when_unlinked", .bool(true),
                "check containers no declared web property lists in tag_manager_containers"),
            RuleParameter(
                "required_signals", .strings(["ad_user_data", "ad_personalization"]),
                "the Consent Mode v2 signals a Google tag must receive",
                values: .oneOf(Self.consentTypes, "consent type")),
        ],
        examples: [
            RuleExample(
                "Ads tag with v2 defaults on Consent Initialization",
                attachments: [X.container(adsTag + ", " + cmpV2)], X.stack()),
            RuleExample(
                "Ads tag with only v1 signals", failing: ["tag:GTM-EX1/Ads conversion"],
                attachments: [X.container(adsTag + ", " + cmpV1)], X.stack()),
            RuleExample(
                "Universal-Analytics-era container with no consent setup", failing: ["tag:GTM-EX1/UA pageview"],
                attachments: [X.container(X.tag("1", "UA pageview", "ua"))], X.stack()),
            RuleExample(
                "tag requiring both v2 consent types itself (boundary)",
                attachments: [
                    X.container(
                        X.tag(
                            "1", "Ads conversion", "awct",
                            consent: X.consent("NEEDED", ["ad_storage", "ad_user_data", "ad_personalization"])))
                ], X.stack()),
            RuleExample(
                "tag requiring only ad_user_data (boundary)", failing: ["tag:GTM-EX1/Ads conversion"],
                attachments: [
                    X.container(X.tag("1", "Ads conversion", "awct", consent: X.consent("NEEDED", ["ad_user_data"])))
                ], X.stack()),
            RuleExample(
                "property serving only the US (boundary: out of scope)",
                attachments: [X.container(adsTag + ", " + cmpV1)], X.stack(regions: "[US]")),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let regions = Set(context.parameters.strings("regions").map { $0.uppercased() })
        let unlinked = context.parameters.bool("assume_in_scope_when_unlinked")
        let required = context.parameters.strings("required_signals")
        var evaluations: [Evaluation] = []
        for links in context.tagManagerLinks {
            let inScope =
                links.isLinked
                ? links.webProperties.contains { $0.audienceRegions.contains { regions.contains($0.uppercased()) } }
                : unlinked
            guard inScope else { continue }
            let defaults = Self.signalsSet(by: links.container)
            // The Conversion Linker only writes a first-party cookie; it sends nothing to Google.
            for tag in links.container.tags where !tag.paused && tag.classification.isGoogle && tag.type != "gclidw" {
                let covered = defaults.union(tag.consent.status == .needed ? Set(tag.consent.types) : [])
                let missing = required.filter { !covered.contains($0) }
                var violations: [Violation] = []
                if !missing.isEmpty {
                    let declared = tag.classification.vendors.compactMap { links.system(for: $0, tag: tag) }
                        .first { ($0.googleConsentMode?.version ?? 0) >= 2 }
                    violations.append(
                        Violation(
                            "tag does not receive the Consent Mode v2 signal\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", "))"
                                + (defaults.isEmpty ? " (the container sets no Consent Mode defaults)" : "")
                                + (declared.map { ", although system '\($0.id)' declares Consent Mode v2" } ?? ""),
                            at: tag.consent.location, key: "consent_mode_v2"))
                }
                evaluations.append(Evaluation(.tag(tag, in: links.container), violations))
            }
        }
        return evaluations
    }

    /// The Consent Mode signals the container's own setup tags name: custom HTML calling
    /// `gtag('consent', 'default' | 'update', …)` and consent-platform templates whose
    /// parameters mention a signal (`ad_user_data` or `adUserData`).
    static func signalsSet(by container: TagManagerContainer) -> Set<String> {
        let signals = ["ad_storage", "analytics_storage", "ad_user_data", "ad_personalization"]
        var found = Set<String>()
        for tag in container.tags where !tag.paused {
            let text: String
            if let html = tag.html, html.contains("consent") {
                text = html
            } else if tag.classification.vendors.contains(where: \.isEssential) {
                text = tag.parameters.literals.map { ($0.path + " " + $0.value) }.joined(separator: " ")
            } else {
                continue
            }
            let flattened = text.lowercased().replacingOccurrences(of: "_", with: "")
            for signal in signals where flattened.contains(signal.replacingOccurrences(of: "_", with: "")) {
                found.insert(signal)
            }
        }
        return found
    }
}
