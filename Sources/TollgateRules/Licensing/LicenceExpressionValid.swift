import TollgateKit

/// LIC-008: every tag, script and SDK shipped to visitors has a valid SPDX licence expression.
public struct LicenceExpressionValid: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "LIC-008", slug: "licence-expression-valid", domain: .licensing,
        title: "Shipped code has a valid SPDX licence expression",
        rationale: """
            Code delivered to millions of browsers is distributed, so its licence terms apply to every page view. \
            Without a licence the organisation has no right to ship it; NOASSERTION means nobody looked; an \
            expression that does not parse, or uses ids not on the SPDX License List, cannot be checked against policy.
            """,
        severity: .medium,
        references: ["SPDX 2.3 Annex D (SPDX license expressions)", "CIS Controls v8.1 16.4", "CycloneDX `licenses`"],
        controls: .openSourceInTags,
        remediation: """
            record the licence as an SPDX expression (e.g. `MIT`, `Apache-2.0 OR MIT`), or as LicenseRef-… for vendor \
            terms; remove code whose licence cannot be found
            """,
        examples: [
            RuleExample(
                "valid expressions, vendor terms as LicenseRef",
                """
                version: 1
                assets:
                  - { id: a, kind: script, licence: MIT OR Apache-2.0 }
                  - { id: b, kind: tag, licence: LicenseRef-Vendor-Terms }
                  - { id: font, kind: font }
                """),
            RuleExample(
                "missing, NOASSERTION, unparsable and unknown ids",
                failing: ["asset:none", "asset:noassert", "asset:syntax", "asset:unknown"],
                """
                version: 1
                assets:
                  - { id: none, kind: script }
                  - { id: noassert, kind: sdk, licence: NOASSERTION }
                  - { id: syntax, kind: script, licence: MIT OR }
                  - { id: unknown, kind: tag, licence: MIT AND Apache-2 }
                """),
            RuleExample(
                "operators in lower case are valid, mixed case is not (boundary)", failing: ["asset:mixed"],
                """
                version: 1
                assets:
                  - { id: lower, kind: script, licence: mit or isc }
                  - { id: mixed, kind: script, licence: MIT Or ISC }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        context.inventory.assets.filter { LicenceRuleSupport.codeKinds.contains($0.kind) }.map { asset in
            let location = asset.origin.location("licence")
            func fail(_ message: String) -> Evaluation {
                Evaluation(.asset(asset), [Violation(message, at: location, key: "licence")])
            }
            guard let licence = asset.licence else {
                return fail("no licence recorded for shipped \(asset.kind.rawValue)")
            }
            switch LicenceRuleSupport.parse(licence) {
            case .failure(let error):
                return fail("licence '\(licence)' is not a valid SPDX expression: \(error)")
            case .success(let parsed):
                if let error = parsed.errors.first {
                    return fail("licence '\(licence)' is not a valid SPDX expression: \(error)")
                }
                if parsed.expression.terms.allSatisfy({ $0.kind == .noAssertion }) {
                    return fail("licence is NOASSERTION: nobody has determined it")
                }
                return Evaluation(.asset(asset))
            }
        }
    }
}
