import TollgateKit

/// LIC-009: licence expressions use current SPDX ids, not deprecated ones.
public struct DeprecatedLicenceIDs: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "LIC-009", slug: "deprecated-licence-ids", domain: .licensing,
        title: "No deprecated SPDX ids",
        rationale: """
            The SPDX Legal Team deprecates ids that are ambiguous: `GPL-2.0` does not say whether later versions \
            are allowed. Tools disagree on what a deprecated id means, so the licence actually granted is unclear.
            """,
        severity: .low,
        references: ["SPDX License List (deprecated identifiers)"],
        controls: ControlMapping(
            iso27001: ["A.5.21", "A.5.32"], soc2: ["CC8.1"], nistCSF: ["ID.AM-02", "PR.PS-02"], cis: ["16.4"]),
        remediation: "replace the deprecated id with its -only or -or-later form after checking the licence notice",
        examples: [
            RuleExample(
                "current ids",
                """
                version: 1
                assets: [{ id: a, kind: script, licence: GPL-2.0-only OR MIT }]
                """),
            RuleExample(
                "GPL-2.0+ and LGPL-2.1 are deprecated", failing: ["asset:a", "asset:b"],
                """
                version: 1
                assets:
                  - { id: a, kind: script, licence: GPL-2.0+ }
                  - { id: b, kind: sdk, licence: MIT AND lgpl-2.1 }
                """),
            RuleExample(
                "deprecated exception (boundary: Nokia-Qt-exception-1.1 has no replacement)", failing: ["asset:qt"],
                """
                version: 1
                assets: [{ id: qt, kind: script, licence: LGPL-2.1-only WITH Nokia-Qt-exception-1.1 }]
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        context.inventory.assets.compactMap { asset in
            guard let parsed = LicenceRuleSupport.expression(asset) else { return nil }
            let violations = parsed.deprecations.map { deprecation in
                Violation(
                    "licence uses deprecated SPDX id '\(deprecation.id)'"
                        + (deprecation.replacement.map { "; write '\($0)'" } ?? ", which has no direct replacement"),
                    at: asset.origin.location("licence"), key: "licence/\(deprecation.id)")
            }
            return Evaluation(.asset(asset), violations)
        }
    }
}
