import TollgateKit

/// LIC-019: every web property has a current SBOM of the third-party code it ships, with licences.
public struct SBOMForWebProperties: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "LIC-019", slug: "sbom-for-web-properties", domain: .licensing,
        title: "Current SBOM for each web property",
        rationale: """
            Without a software bill of materials nobody can answer which licences a site ships, or whether a \
            vulnerable library is on it. CIS Control 16.4 asks for an inventory of third-party components; an \
            SBOM older than the release cycle no longer describes the site, and one with no date \
            (`generated_on`, or the file's `metadata.timestamp` or `creationInfo.created`) cannot show its age.
            """,
        severity: .low,
        references: ["CIS Controls v8.1 16.4", "CycloneDX 1.6 (ECMA-424)", "SPDX 2.3"],
        controls: .openSourceInTags,
        remediation: """
            generate a CycloneDX or SPDX SBOM in the site's build, with licences, and point the property's \
            `sbom.path` at it
            """,
        parameters: [RuleParameter("max_age_days", .int(90), "oldest acceptable SBOM, in days")],
        examples: [
            RuleExample(
                "SBOM generated exactly 90 days ago (boundary)", asOf: "2026-06-01",
                """
                version: 1
                web_properties:
                  - { id: www, domain: www.example.com, sbom: { format: CycloneDX 1.6, generated_on: 2026-03-03 } }
                """),
            RuleExample(
                "SBOM generated 91 days ago (boundary)", failing: ["web_property:www"], asOf: "2026-06-02",
                """
                version: 1
                web_properties:
                  - { id: www, domain: www.example.com, sbom: { format: CycloneDX 1.6, generated_on: 2026-03-03 } }
                """),
            RuleExample(
                "SBOM generated on the as-of date (boundary)", asOf: "2026-06-01",
                """
                version: 1
                web_properties:
                  - { id: www, domain: www.example.com, sbom: { format: CycloneDX 1.6, generated_on: 2026-06-01 } }
                """),
            RuleExample(
                "SBOM dated the day after the as-of date (boundary)", failing: ["web_property:www"], asOf: "2026-06-01",
                """
                version: 1
                web_properties:
                  - { id: www, domain: www.example.com, sbom: { format: CycloneDX 1.6, generated_on: 2026-06-02 } }
                """),
            RuleExample(
                "SBOM without a date", failing: ["web_property:www"], asOf: "2026-06-01",
                """
                version: 1
                web_properties:
                  - { id: www, domain: www.example.com, sbom: { format: CycloneDX 1.6 } }
                """),
            RuleExample(
                "SBOM file dated by its metadata.timestamp (boundary: 90 days)", asOf: "2026-06-01",
                attachments: [
                    .init(
                        "www.cdx.json",
                        """
                        {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
                         "metadata": {"timestamp": "2026-03-03T10:00:00Z"}, "components": []}
                        """)
                ],
                """
                version: 1
                web_properties:
                  - { id: www, domain: www.example.com, sbom: { path: www.cdx.json } }
                """),
            RuleExample(
                "SBOM file with no metadata.timestamp and no generated_on", failing: ["web_property:www"],
                attachments: [
                    .init(
                        "www.cdx.json",
                        #"{"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": []}"#)
                ],
                """
                version: 1
                web_properties:
                  - { id: www, domain: www.example.com, sbom: { path: www.cdx.json } }
                """),
            RuleExample(
                "no SBOM, and an SBOM path that does not exist", failing: ["web_property:www", "web_property:shop"],
                """
                version: 1
                web_properties:
                  - { id: www, domain: www.example.com }
                  - { id: shop, domain: shop.example.com, sbom: { path: sbom/missing.cdx.json } }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let maxAge = context.parameters.int("max_age_days")
        return context.inventory.webProperties.map { property in
            guard let reference = property.sbom else {
                return Evaluation(
                    .webProperty(property),
                    [
                        Violation(
                            "no SBOM of the third-party code the site ships", at: property.origin.location("sbom"),
                            key: "sbom")
                    ])
            }
            var violations: [Violation] = []
            let sbom = context.index.sbom(of: property)
            if reference.path != nil, sbom == nil {
                violations.append(
                    Violation(
                        "the SBOM '\(reference.path!)' was not found or could not be read",
                        at: reference.origin.location("path"), key: "sbom/path"))
            }
            if let created = sbom?.created ?? reference.generatedOn {
                let age = created.days(until: context.asOf)
                if let future = AsOfDates.afterAsOf("the SBOM was generated on", created, context.asOf) {
                    violations.append(
                        Violation(future, at: reference.origin.location("generated_on"), key: "sbom/age"))
                } else if age > maxAge {
                    violations.append(
                        Violation(
                            "the SBOM is \(age) days old (generated \(created)), older than \(maxAge) days",
                            at: reference.origin.location("generated_on"), key: "sbom/age"))
                }
            }
            if sbom?.created == nil, reference.generatedOn == nil, reference.path == nil || sbom != nil {
                // Reference LIC-019 sets a maximum age: an SBOM with no date cannot show it meets it
                // (as PRIV-015 and PRIV-020 treat an undated assessment). An unreadable file is
                // reported above instead.
                violations.append(
                    Violation(
                        "the SBOM has no date (generated_on, or the file's metadata.timestamp or creationInfo.created), so "
                            + "its age is unknown",
                        at: reference.origin.location("generated_on"), key: "sbom/age"))
            }
            if let sbom, sbom.componentsWithoutLicence > 0 {
                violations.append(
                    Violation(
                        "\(sbom.componentsWithoutLicence) of \(sbom.componentIDs.count) components in the SBOM "
                            + (sbom.componentsWithoutLicence == 1 ? "has" : "have") + " no licence",
                        at: sbom.origin.location, key: "sbom/licences"))
            }
            return Evaluation(.webProperty(property), violations)
        }
    }
}
