import TollgateKit

/// LIC-011: copyleft code conveyed to browsers comes with an offer of its source.
public struct CopyleftSourceOffer: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "LIC-011", slug: "copyleft-source-offer", domain: .licensing,
        title: "Copyleft JavaScript shipped with a source offer",
        rationale: """
            JavaScript served from the organisation's own servers is conveyed to every visitor in object (minified) \
            form. GPL and LGPL then require the Corresponding Source to be offered, and MPL the source of the covered \
            files. Code served by its vendor from the vendor's CDN is the vendor's conveyance, not ours. An id that \
            is not on the SPDX list (`Acme-EULA`, reported by LIC-008) is given the benefit of the doubt, as LIC-010 \
            gives it: `GPL-3.0-only AND Acme-EULA` still needs the offer, `GPL-3.0-only OR Acme-EULA` does not (the \
            component may be used under the unknown licence). A deprecated id is read as its successor, as LIC-010 \
            reads it: `wxWindows` needs the offer `LGPL-2.0-or-later WITH WxWindows-exception-3.1` does.
            """,
        severity: .high,
        references: ["GPL-3.0 §6", "GPL-2.0 §3", "LGPL-2.1 §6", "MPL-2.0 §3.2"],
        controls: ControlMapping(
            iso27001: ["A.5.21", "A.5.32", "A.8.28"], soc2: ["CC8.1", "CC9.2"],
            nistCSF: ["ID.AM-02", "PR.PS-02", "GV.SC-05"], cis: ["16.4"]),
        remediation: """
            publish the exact source (with any modifications) and record its address in `source_offer_url` \
            (or an SBOM `source-distribution` reference), or replace the component
            """,
        parameters: LicenceRuleSupport.categoryParameters + [
            RuleParameter(
                "copyleft_categories", .strings(["restricted", "reciprocal"]),
                "categories whose licences require the source to be offered",
                values: .cases(of: LicenceCategory.self, "licence category"))
        ],
        examples: [
            RuleExample(
                "GPL with a source offer, and copyleft with a permissive alternative",
                """
                version: 1
                assets:
                  - { id: a, kind: script, licence: GPL-3.0-only, source_offer_url: https://example.com/src/a.tgz }
                  - { id: b, kind: script, licence: MPL-2.0 OR Apache-2.0 }
                """),
            RuleExample(
                "self-hosted GPL and MPL without a source offer", failing: ["asset:gpl", "asset:mpl"],
                """
                version: 1
                assets:
                  - { id: gpl, kind: script, licence: GPL-2.0-or-later, delivery: self_hosted }
                  - { id: mpl, kind: sdk, licence: MPL-2.0 }
                """),
            RuleExample(
                "copyleft ANDed with an id not on the SPDX list, without a source offer", failing: ["asset:gpl"],
                """
                version: 1
                assets:
                  - { id: gpl, kind: script, licence: GPL-3.0-only AND Acme-EULA }
                """),
            RuleExample(
                "copyleft with an id not on the SPDX list as the alternative (boundary: LIC-008's)",
                """
                version: 1
                assets:
                  - { id: gpl, kind: script, licence: GPL-3.0-only OR Acme-EULA }
                  - { id: mpl, kind: sdk, licence: MPL-2.0 OR Acme-EULA }
                """),
            RuleExample(
                "deprecated ids read as their copyleft successors, without a source offer",
                failing: ["asset:wx", "asset:ecos"],
                """
                version: 1
                assets:
                  - { id: wx, kind: script, licence: wxWindows }
                  - { id: ecos, kind: sdk, licence: eCos-2.0 }
                """),
            RuleExample(
                "LGPL served from the vendor's CDN is the vendor's conveyance (boundary)",
                """
                version: 1
                assets:
                  - { id: widget, kind: tag, licence: LGPL-2.1-only, delivery: third_party_cdn }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let table = LicenceRuleSupport.table(context.parameters)
        let copyleft = Set(
            context.parameters.strings("copyleft_categories").compactMap(LicenceCategory.init(rawValue:)))
        // The copyleft terms of each licence's easiest branch depend only on the expression, and
        // 100,000 assets name a few dozen licences.
        var obligingTerms: [String: [LicenceTerm]] = [:]
        var evaluations: [Evaluation] = []
        for asset in context.inventory.assets {
            guard LicenceRuleSupport.codeKinds.contains(asset.kind), asset.delivery != .thirdPartyCDN,
                let licence = asset.licence
            else { continue }
            let obliging = obligingTerms.memoised(licence) {
                // An expression whose only faults are ids not on the SPDX list (LIC-008's) is
                // judged on its known ids: GPL-3.0-only AND Acme-EULA still needs its source offer.
                guard let parsed = LicenceRuleSupport.expressionIgnoringUnknownIDs(asset) else { return [] }
                return LicenceRuleSupport.obligingTerms(
                    parsed.expression, table: table, categories: copyleft,
                    replacements: parsed.replacementTerms(parser: LicenceRuleSupport.parser))
            }
            guard !obliging.isEmpty else { continue }
            guard asset.sourceOfferURL == nil else {
                evaluations.append(Evaluation(.asset(asset)))
                continue
            }
            evaluations.append(
                Evaluation(
                    .asset(asset),
                    [
                        Violation(
                            "copyleft code shipped to browsers without a source offer: "
                                + obliging.map(\.description).joined(separator: " and "),
                            at: asset.origin.location("source_offer_url"), key: "source-offer")
                    ]))
        }
        return evaluations
    }
}
