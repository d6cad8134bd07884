import TollgateKit

/// PRIV-024: data collected on consent carries the consent signal on every hop to ad and
/// analytics platforms, and Google destinations get Consent Mode v2.
public struct ConsentSignalPropagated: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "PRIV-024", slug: "consent-signal-propagated", domain: .privacy,
        title: "Consent signal propagated downstream",
        rationale: """
            Consent given on the website binds only if the systems further down know about it: a CDP that forwards \
            events to an ad platform without the consent state makes the platform process data as if everyone had \
            agreed, and the controller cannot demonstrate consent (GDPR Art. 7(1)). Google requires Consent Mode v2 \
            signals for EEA traffic. The check follows the data from its collection, so a hop that drops the signal \
            is found even when the last hop sets it.
            """,
        severity: .medium,
        references: ["GDPR Art. 7(1)", "Google EU User Consent Policy", "Google Consent Mode v2 (March 2024)"],
        controls: .cookieConsent,
        remediation:
            "pass the consent state on every hop (`consent_signal_propagated: true`), e.g. through the CDP's consent fields or the platform's consent API; for Google destinations configure Consent Mode v2 with ad_user_data and ad_personalization",
        parameters: [
            RuleParameter(
                "destination_types", .strings(["ad_platform", "analytics"]),
                "system types that must receive the consent signal", values: .cases(of: SystemType.self, "system type")),
            RuleParameter(
                "google_vendors", .strings(["Google"]), "vendor names whose destinations need Google Consent Mode v2",
                values: .freeText("vendor names as systems declare them")),
        ],
        examples: [
            RuleExample(
                "consent passed from the website through the CDP to the ad platform",
                """
                version: 1
                systems:
                  - { id: site, name: Site, system_type: cms }
                  - { id: cdp, name: CDP, system_type: cdp }
                  - { id: ads, name: Ads, system_type: ad_platform }
                flows:
                  - { id: visit, from: data_subject, to: site, data_categories: [user.device.cookie_id], subject_regions: [EEA],
                      data_use: marketing.advertising, legal_basis: consent }
                  - { id: site-cdp, from: site, to: cdp, data_categories: [user.device], consent_signal_propagated: true,
                      data_use: marketing.advertising, legal_basis: consent }
                  - { id: cdp-ads, from: cdp, to: ads, data_categories: [user.device], consent_signal_propagated: true,
                      data_use: marketing.advertising, legal_basis: consent }
                """),
            RuleExample(
                "the website drops the signal before the CDP forwards to ads", failing: ["flow:cdp-ads"],
                """
                version: 1
                systems:
                  - { id: site, name: Site, system_type: cms }
                  - { id: cdp, name: CDP, system_type: cdp }
                  - { id: ads, name: Ads, system_type: ad_platform }
                flows:
                  - { id: visit, from: data_subject, to: site, data_categories: [user.device.cookie_id], subject_regions: [EEA],
                      data_use: marketing.advertising, legal_basis: consent }
                  - { id: site-cdp, from: site, to: cdp, data_categories: [user.device], consent_signal_propagated: false,
                      data_use: marketing.advertising, legal_basis: consent }
                  - { id: cdp-ads, from: cdp, to: ads, data_categories: [user.device], consent_signal_propagated: true,
                      data_use: marketing.advertising, legal_basis: consent }
                """),
            RuleExample(
                "Google Ads with Consent Mode v1 (boundary: version 1 vs 2)", failing: ["flow:cdp-google"],
                """
                version: 1
                systems:
                  - { id: cdp, name: CDP, system_type: cdp }
                  - { id: google-ads, name: Google Ads, vendor: Google, system_type: ad_platform,
                      google_consent_mode: { version: 1, ad_user_data: true, ad_personalization: true } }
                flows:
                  - { id: cdp-google, from: cdp, to: google-ads, data_categories: [user.contact.email], hashed: true,
                      subject_regions: [DE], consent_signal_propagated: true, data_use: marketing.advertising,
                      legal_basis: consent }
                """),
            RuleExample(
                "US-only data needs no EU consent signal (boundary: region)",
                """
                version: 1
                systems:
                  - { id: cdp, name: CDP, system_type: cdp }
                  - { id: ads, name: Ads, system_type: ad_platform }
                flows:
                  - { id: cdp-ads, from: cdp, to: ads, data_categories: [user.device], subject_regions: [US],
                      data_use: marketing.advertising, legal_basis: consent }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let types = Set(context.parameters.strings("destination_types"))
        let googleVendors = context.parameters.strings("google_vendors").map { $0.lowercased() }
        var evaluations: [Evaluation] = []
        for flow in context.inventory.flows {
            guard let destination = context.index.systemsByID[flow.to],
                let type = destination.systemType, types.contains(type.rawValue)
            else { continue }
            func consentedEEA(_ fact: LineageFact) -> Bool {
                fact.collectedOnConsent && PrivacyScope.isEEA(fact.subjectRegions)
            }
            guard context.lineage.firstCarried(by: flow, where: consentedEEA) != nil else { continue }
            var violations: [Violation] = []
            let lost = context.lineage.carried(by: flow) { consentedEEA($0) && $0.consentSignalLost }
            if let (_, path) = PrivacyScope.shortest(lost, in: context.lineage) {
                violations.append(
                    Violation(
                        "consent-based EEA data reaches '\(flow.to)' without its consent signal: a hop on \(PrivacyScope.render(path)) does not propagate it",
                        at: flow.origin.location("consent_signal_propagated"), evidence: path, key: "upstream"))
            } else if flow.consentSignalPropagated != true {
                violations.append(
                    Violation(
                        "flow of consent-based EEA data to '\(flow.to)' does not declare consent_signal_propagated: true",
                        at: flow.origin.location("consent_signal_propagated"), key: "consent_signal_propagated"))
            }
            let vendor = (destination.vendor ?? destination.name).lowercased()
            if googleVendors.contains(where: { vendor.contains($0) }) {
                let mode = destination.googleConsentMode
                if (mode?.version ?? 0) < 2 || mode?.adUserData != true || mode?.adPersonalization != true {
                    violations.append(
                        Violation(
                            "destination '\(flow.to)' is a Google service without Consent Mode v2 with ad_user_data and ad_personalization",
                            at: destination.origin.location("google_consent_mode"), key: "google_consent_mode"))
                }
            }
            evaluations.append(Evaluation(.flow(flow), violations))
        }
        return evaluations
    }
}
