import TollgateKit

/// PRIV-025: vendors claim only the TCF legal bases the framework allows, and CMPs write
/// TC strings of the current version.
public struct TCFDeclarationsValid: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "PRIV-025", slug: "tcf-declarations-valid", domain: .privacy,
        title: "TCF declarations valid",
        rationale: """
            Since TCF v2.2 a vendor may not claim legitimate interest for Purposes 1 and 3–6 (device storage and \
            personalised ads or content); TCF v2.3 makes the DisclosedVendors segment mandatory and strings without \
            it are treated as non-compliant after 28 Feb 2026, which many SSPs answer with limited ads.
            """,
        severity: .medium,
        references: ["IAB Europe TCF Policies v2.2", "IAB Europe TCF v2.3 (June 2025)", "CJEU C-604/22 IAB Europe"],
        controls: .cookieConsent,
        remediation: "move the purposes to `purposes_consent`; upgrade the CMP to write TCF v2.3 strings",
        parameters: [
            RuleParameter(
                "consent_only_purposes", .strings(TCFPurposes.consentOnly.map(String.init)),
                "TCF purposes for which legitimate interest is not allowed",
                values: .oneOf(TCFPurposes.purposes.map { String($0.id) }, "TCF purpose")),
            RuleParameter(
                "minimum_tcf_version", .string("2.3"), "TC string version CMPs must write after the deadline",
                values: Self.versions),
            RuleParameter(
                "tcf_version_deadline", .string(TCFPurposes.v23Deadline.description),
                "last day older TC strings are accepted", values: .days),
        ],
        examples: [
            RuleExample(
                "v2.2 CMP on the last day before the cut-over (boundary: 2026-02-28)", asOf: "2026-02-28",
                """
                version: 1
                web_properties: [{ id: web, domain: shop.example, cmp: { vendor: ExampleCMP, tcf_version: "2.2" } }]
                """),
            RuleExample(
                "v2.2 CMP the day after the cut-over (boundary: 2026-03-01)", failing: ["web_property:web"],
                asOf: "2026-03-01",
                """
                version: 1
                web_properties: [{ id: web, domain: shop.example, cmp: { vendor: ExampleCMP, tcf_version: "2.2" } }]
                """),
            RuleExample(
                "vendor claims legitimate interest for personalised-ads purposes", failing: ["system:ads"],
                """
                version: 1
                systems:
                  - { id: ads, name: Ads, system_type: ad_platform, tcf: { vendor_id: 755, purposes_consent: [1, 3], purposes_li: [2, 4, 7] } }
                """),
            RuleExample(
                "vendor with consent-only purposes on consent",
                """
                version: 1
                systems:
                  - { id: ads, name: Ads, system_type: ad_platform, tcf: { vendor_id: 755, purposes_consent: [1, 3, 4], purposes_li: [2, 7] } }
                web_properties: [{ id: web, domain: shop.example, cmp: { vendor: ExampleCMP, tcf_version: "2.3" } }]
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let consentOnly = Set(context.parameters.strings("consent_only_purposes").compactMap { Int($0) })
        let minimum = Self.version(context.parameters.string("minimum_tcf_version")) ?? [2, 3]
        let deadline = PrivacyScope.day(
            context.parameters.string("tcf_version_deadline"), fallback: TCFPurposes.v23Deadline)
        var evaluations: [Evaluation] = []
        for system in context.inventory.systems {
            guard let tcf = system.tcf else { continue }
            let wrong = tcf.purposesLegitimateInterest.filter(consentOnly.contains).sorted()
            evaluations.append(
                Evaluation(
                    .system(system),
                    wrong.isEmpty
                        ? []
                        : [
                            Violation(
                                "vendor declares TCF legitimate interest for consent-only purposes \(wrong.map(String.init).joined(separator: ", "))",
                                at: tcf.origin.location("purposes_li"), key: "tcf/purposes_li")
                        ]))
        }
        for property in context.inventory.webProperties {
            guard let cmp = property.cmp, let text = cmp.tcfVersion else { continue }
            let outdated = context.asOf > deadline && (Self.version(text) ?? [0]).lexicographicallyPrecedes(minimum)
            evaluations.append(
                Evaluation(
                    .webProperty(property),
                    outdated
                        ? [
                            Violation(
                                "the CMP writes TCF \(text) strings; after \(deadline) they must be TCF \(minimum.map(String.init).joined(separator: ".")) or later",
                                at: cmp.origin.location("tcf_version"), key: "cmp/tcf_version")
                        ] : []))
        }
        return evaluations
    }

    static func version(_ text: String) -> [Int]? {
        let parts = text.split(separator: ".").map { Int($0) }
        return parts.contains(nil) || parts.isEmpty ? nil : parts.map { $0! }
    }

    /// Versions `version` can read: any other `minimum_tcf_version` would quietly fall back to 2.3.
    static let versions = ParameterVocabulary(noun: "TCF version", summary: "versions such as 2.3") { value in
        TCFDeclarationsValid.version(value) == nil ? "write the version as numbers and dots, e.g. 2.3" : nil
    }
}
