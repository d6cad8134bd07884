import TollgateKit

/// LIC-012: the copyright and licence notices of shipped code reach the visitor.
public struct AttributionPreserved: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "LIC-012", slug: "attribution-preserved", domain: .licensing,
        title: "Attribution notices preserved",
        rationale: """
            Permissive licences (MIT, BSD, Apache-2.0) have one condition: keep the copyright and licence notice \
            with every copy. Minifiers that strip `/*! … */` banners break it unless the site publishes a \
            third-party notices page; Apache-2.0 §4(d) also asks for the NOTICE file's text. Only a declared \
            `notices_preserved: false` is reported: an undeclared value is not evidence that notices are lost, and \
            the rule reference (§5.5) fails `notices_preserved=false` alone, where other rules name "false or \
            unknown". An id that is not on the SPDX list (`Acme-EULA`, reported by LIC-008) is given the benefit of \
            the doubt, as LIC-010 gives it: `MIT AND Acme-EULA` still needs the MIT notice, `MIT OR Acme-EULA` does \
            not (the component may be used under the unknown licence). A deprecated id is read as its successor, as \
            LIC-010 reads it: `Nunit` needs the notices `zlib-acknowledgement` does.
            """,
        severity: .low,
        references: ["MIT licence (notice condition)", "BSD-3-Clause clause 2", "Apache-2.0 §4(d)"],
        controls: ControlMapping(
            iso27001: ["A.5.21", "A.5.32"], soc2: ["CC8.1"], nistCSF: ["ID.AM-02", "GV.SC-05"], cis: ["16.4"]),
        remediation: """
            keep licence banners in the build (e.g. preserve `/*!` comments) or publish a third-party notices page \
            and record it as `third_party_notices_url` on every property that ships the code
            """,
        parameters: LicenceRuleSupport.categoryParameters + [
            RuleParameter(
                "notice_categories", .strings(["notice", "reciprocal", "restricted"]),
                "categories whose licences require notices to be kept",
                values: .cases(of: LicenceCategory.self, "licence category"))
        ],
        examples: [
            RuleExample(
                "banners kept in the build",
                """
                version: 1
                assets: [{ id: a, kind: script, licence: MIT, notices_preserved: true }]
                """),
            RuleExample(
                "banners stripped, and one of two sites has no notices page", failing: ["asset:a"],
                """
                version: 1
                assets: [{ id: a, kind: script, licence: MIT, notices_preserved: false }]
                web_properties:
                  - { id: eu, domain: eu.example.com, third_party_notices_url: https://eu.example.com/notices, tags: [{ asset: a }] }
                  - { id: us, domain: us.example.com, tags: [{ asset: a }] }
                """),
            RuleExample(
                "banners stripped but every site has a notices page (boundary)",
                """
                version: 1
                assets: [{ id: a, kind: script, licence: BSD-3-Clause, notices_preserved: false }]
                web_properties:
                  - { id: eu, domain: eu.example.com, third_party_notices_url: https://eu.example.com/notices, tags: [{ asset: a }] }
                """),
            RuleExample(
                "notices_preserved not declared, on a site without a notices page (boundary: only false fails)",
                """
                version: 1
                assets: [{ id: a, kind: script, licence: MIT }]
                web_properties: [{ id: us, domain: us.example.com, tags: [{ asset: a }] }]
                """),
            RuleExample(
                "banners stripped from code under a notice licence ANDed with an id not on the SPDX list",
                failing: ["asset:a"],
                """
                version: 1
                assets: [{ id: a, kind: script, licence: MIT AND Acme-EULA, notices_preserved: false }]
                """),
            RuleExample(
                "banners stripped, an id not on the SPDX list as the alternative (boundary: LIC-008's)",
                """
                version: 1
                assets: [{ id: a, kind: script, licence: MIT OR Acme-EULA, notices_preserved: false }]
                """),
            RuleExample(
                "banners stripped from code under a deprecated id whose successor is a notice licence",
                failing: ["asset:a"],
                """
                version: 1
                assets: [{ id: a, kind: script, licence: Nunit, notices_preserved: false }]
                """),
            RuleExample(
                "public-domain code needs no notice",
                """
                version: 1
                assets: [{ id: a, kind: script, licence: CC0-1.0, notices_preserved: false }]
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let table = LicenceRuleSupport.table(context.parameters)
        let noticed = Set(context.parameters.strings("notice_categories").compactMap(LicenceCategory.init(rawValue:)))
        // Whether an expression's easiest branch needs notices depends on the expression only.
        var needsNotices: [LicenceExpression: Bool] = [:]
        return context.inventory.assets.compactMap { asset in
            // An expression whose only faults are ids not on the SPDX list (LIC-008's) is judged on
            // its known ids: MIT AND Acme-EULA still needs the MIT notice.
            guard LicenceRuleSupport.codeKinds.contains(asset.kind),
                let parsed = LicenceRuleSupport.expressionIgnoringUnknownIDs(asset)
            else { return nil }
            let needed = needsNotices.memoised(parsed.expression) {
                !LicenceRuleSupport.obligingTerms(
                    parsed.expression, table: table, categories: noticed,
                    replacements: parsed.replacementTerms(parser: LicenceRuleSupport.parser)
                ).isEmpty
            }
            guard needed else { return nil }
            guard asset.noticesPreserved == false else { return Evaluation(.asset(asset)) }
            let properties = context.index.webPropertiesByAsset[asset.id, default: []]
            let withoutPage = properties.filter { $0.thirdPartyNoticesURL == nil }.map(\.domain)
            let location = asset.origin.location("notices_preserved")
            if properties.isEmpty {
                return Evaluation(
                    .asset(asset),
                    [
                        Violation(
                            "licence notices are stripped and no notices page is recorded", at: location, key: "notices"
                        )
                    ])
            }
            guard !withoutPage.isEmpty else { return Evaluation(.asset(asset)) }
            return Evaluation(
                .asset(asset),
                [
                    Violation(
                        "licence notices are stripped and \(withoutPage.joined(separator: ", ")) has no third-party "
                            + "notices page",
                        at: location, key: "notices")
                ])
        }
    }
}
