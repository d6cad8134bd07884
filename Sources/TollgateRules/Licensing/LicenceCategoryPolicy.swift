import TollgateKit

/// LIC-010: the licences of shipped code are allowed by the organisation's open-source policy.
public struct LicenceCategoryPolicy: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "LIC-010", slug: "licence-category-policy", domain: .licensing,
        title: "Licence allowed by the open-source policy",
        rationale: """
            Some licences must never ship on a commercial site (AGPL's network clause, non-commercial Creative \
            Commons), others only after legal review (strong copyleft). The expression is read in disjunctive normal \
            form: a component is acceptable if any OR branch is, and a branch only if all its licences are. A \
            deprecated id is categorised as its successor (`GPL-2.0-with-classpath-exception` as \
            `GPL-2.0-only WITH Classpath-exception-2.0`). Licences the SPDX list lacks, such as the Commons Clause \
            and Facebook's 2- and 3-clause licences, can only be written as `LicenseRef-Commons-Clause`, \
            `LicenseRef-Facebook-2-Clause`, `LicenseRef-Facebook-3-Clause`, `LicenseRef-Facebook-Examples` (any \
            letter case after the prefix) or `WITH AdditionRef-Commons-Clause`; those are forbidden by default. \
            Graded: a denied licence (a `denied_categories` category, the `deny` list, or an uncategorised id when \
            `uncategorised` is `denied`) is high; one that needs legal review (`review_categories`, or an \
            uncategorised id by default), or an expression with too many alternatives to evaluate, medium. An id \
            that is not on the SPDX list (`Acme-EULA`, reported by LIC-008) is given the benefit of the doubt: the \
            verdict is what the known ids decide whatever it turns out to be. So `AGPL-3.0-only AND Acme-EULA` is \
            forbidden and `GPL-3.0-only AND Acme-EULA` needs review, while `AGPL-3.0-only OR Acme-EULA` (the \
            component may be used under the unknown licence) and `MIT AND Acme-EULA` (the known licence is allowed) \
            are left to LIC-008. An expression with any other fault (an unknown exception) is LIC-008's alone.
            """,
        severity: .high,
        references: [
            "Organisation open-source policy", "SPDX 2.3 Annex D", "Google licenseclassifier license types",
            "ISO/IEC 27001:2022 A.5.32",
        ],
        controls: .openSourceInTags,
        remediation:
            "replace the component with one under an allowed licence, or obtain a legal exception and allow-list it",
        parameters: LicenceRuleSupport.categoryParameters + [
            RuleParameter(
                "denied_categories", .strings(["forbidden"]), "categories that may not ship (high severity)",
                values: .cases(of: LicenceCategory.self, "licence category")),
            RuleParameter(
                "review_categories", .strings(["restricted", "by_exception_only"]),
                "categories that need legal review (medium severity)",
                values: .cases(of: LicenceCategory.self, "licence category")),
            RuleParameter(
                "allow", .strings([]), "ids or patterns always allowed (legal exceptions)", values: .licencePatterns),
            RuleParameter("deny", .strings([]), "ids or patterns always denied", values: .licencePatterns),
            RuleParameter(
                "uncategorised", .string("review"),
                "what a listed id in no category counts as: allowed, review or denied",
                values: .cases(of: LicencePolicy.Verdict.self, "verdict")),
            RuleParameter(
                "licence_refs", .string("allowed"),
                "what LicenseRef- (vendor or custom terms, covered by LIC-018) counts as: allowed, review or denied",
                values: .cases(of: LicencePolicy.Verdict.self, "verdict")),
        ],
        examples: [
            RuleExample(
                "permissive, and AGPL with a permissive alternative",
                """
                version: 1
                assets:
                  - { id: a, kind: script, licence: MIT }
                  - { id: b, kind: script, licence: AGPL-3.0-only OR MIT }
                """),
            RuleExample(
                "forbidden and restricted", failing: ["asset:agpl", "asset:gpl", "asset:nc"],
                """
                version: 1
                assets:
                  - { id: agpl, kind: script, licence: AGPL-3.0-only }
                  - { id: gpl, kind: script, licence: GPL-3.0-or-later }
                  - { id: nc, kind: sdk, licence: MIT AND CC-BY-NC-4.0 }
                """),
            RuleExample(
                "Commons Clause and Facebook licences written as LicenseRef-/AdditionRef-",
                failing: ["asset:cc", "asset:rider", "asset:fb", "asset:doc"],
                """
                version: 1
                assets:
                  - { id: cc, kind: script, licence: Apache-2.0 AND LicenseRef-Commons-Clause }
                  - { id: rider, kind: script, licence: Apache-2.0 WITH AdditionRef-Commons-Clause }
                  - { id: fb, kind: sdk, licence: LicenseRef-facebook-3-clause }
                  - { id: doc, kind: script, licence: "DocumentRef-vendor:LicenseRef-Facebook-2-Clause" }
                """),
            RuleExample(
                "a deprecated id is read as its successor (boundary: classpath exception is reciprocal)",
                """
                version: 1
                assets:
                  - { id: cp, kind: script, licence: GPL-2.0-with-classpath-exception }
                  - { id: other, kind: script, licence: LicenseRef-Commons-Clause-Free }
                """),
            RuleExample(
                "every branch needs all its licences (boundary)", failing: ["asset:x"],
                """
                version: 1
                assets:
                  - { id: x, kind: script, licence: (MIT AND AGPL-3.0-only) OR (ISC AND CC-BY-NC-SA-4.0) }
                """),
            RuleExample(
                "a forbidden or restricted licence ANDed with an id not on the SPDX list",
                failing: ["asset:agpl", "asset:gpl"],
                """
                version: 1
                assets:
                  - { id: agpl, kind: script, licence: AGPL-3.0-only AND Acme-EULA }
                  - { id: gpl, kind: sdk, licence: (GPL-3.0-only AND Acme-EULA) OR AGPL-3.0-only }
                """),
            RuleExample(
                "an id not on the SPDX list as an alternative or beside a permissive licence, an unknown exception (boundary: LIC-008's)",
                """
                version: 1
                assets:
                  - { id: alt, kind: script, licence: AGPL-3.0-only OR Acme-EULA }
                  - { id: mit, kind: script, licence: MIT AND Acme-EULA }
                  - { id: bad-exception, kind: script, licence: AGPL-3.0-only WITH Acme-exception }
                """),
            RuleExample(
                "a legal exception allow-lists GPL", parameters: ["allow": .strings(["GPL-3.0-or-later"])],
                """
                version: 1
                assets: [{ id: gpl, kind: script, licence: GPL-3.0-or-later }]
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let parameters = context.parameters
        func verdict(_ name: String) -> LicencePolicy.Verdict {
            LicencePolicy.Verdict(rawValue: parameters.string(name)) ?? .review
        }
        let categories = { (name: String) in Set(parameters.strings(name).compactMap(LicenceCategory.init(rawValue:))) }
        let policy = LicencePolicy(
            table: LicenceRuleSupport.table(parameters), deniedCategories: categories("denied_categories"),
            reviewCategories: categories("review_categories"), allow: parameters.strings("allow"),
            deny: parameters.strings("deny"), uncategorised: verdict("uncategorised"),
            licenceRefs: verdict("licence_refs"), unknownIDs: .allowed)
        var outcomes: [LicenceExpression: LicencePolicy.Outcome?] = [:]
        return context.inventory.assets.filter { LicenceRuleSupport.codeKinds.contains($0.kind) }.compactMap { asset in
            // Missing, invalid and NOASSERTION licences are LIC-008's findings; an expression whose
            // only fault is an id not on the SPDX list is judged on its known ids too.
            guard let parsed = LicenceRuleSupport.expressionIgnoringUnknownIDs(asset),
                !parsed.expression.terms.allSatisfy({ $0.kind == .noAssertion })
            else { return nil }
            let location = asset.origin.location("licence")
            // The verdict depends on the expression only; components share a few dozen licences.
            // A deprecated id is categorised as its successor (rules-reference §5.2).
            guard
                let outcome = outcomes.memoised(
                    parsed.expression,
                    {
                        policy.evaluate(
                            parsed.expression, replacements: parsed.replacementTerms(parser: LicenceRuleSupport.parser))
                    })
            else {
                return Evaluation(
                    .asset(asset),
                    [
                        Violation(
                            "licence expression has too many alternatives to evaluate", at: location, severity: .medium,
                            key: "licence")
                    ])
            }
            let worst = outcome.verdict
            guard worst != .allowed else { return Evaluation(.asset(asset)) }
            // A licence the branch repeats (`GPL-3.0-only AND GPL-3.0-only`) is one reason.
            var stated = Set<String>()
            let reasons = outcome.blocking.map(\.reason).filter { stated.insert($0).inserted }.joined(separator: ", ")
            // A one-licence expression's reason already names it ("AGPL-3.0-only is forbidden"):
            // say it once. A compound expression is named, then the licences that decided it.
            let single = outcome.branch.count == 1 && "\(parsed.expression)" == "\(outcome.branch[0].term)"
            var message =
                switch (worst == .denied, single) {
                case (true, true): "licence \(reasons)"
                case (false, true): "licence \(reasons) and needs legal review"
                case (true, false): "licence \(parsed.expression) is not allowed: \(reasons)"
                case (false, false): "licence \(parsed.expression) needs legal review: \(reasons)"
                }
            // Unknown ids are given the benefit of the doubt: the verdict is what the known ids
            // decide whatever the unknown ones turn out to be, and the message says they were not judged.
            let unknown = Set(parsed.expression.terms.filter { $0.kind == .unknown }.map(\.id)).sorted()
            if !unknown.isEmpty {
                message +=
                    "; \(unknown.joined(separator: ", ")) \(unknown.count == 1 ? "is not an SPDX id" : "are not SPDX ids")"
                    + " and could not be judged"
            }
            return Evaluation(
                .asset(asset),
                [Violation(message, at: location, severity: worst == .denied ? nil : .medium, key: "licence")])
        }
    }
}
