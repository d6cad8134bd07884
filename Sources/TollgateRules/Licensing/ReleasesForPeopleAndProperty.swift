import TollgateKit

/// LIC-015: recognisable people and property in commercial creative have signed releases.
public struct ReleasesForPeopleAndProperty: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "LIC-015", slug: "model-and-property-releases", domain: .licensing,
        title: "Model and property releases for commercial use",
        rationale: """
            A photographer's licence covers the photograph, not the people or private property in it. Commercial \
            use of a recognisable person needs their model release (right of publicity, GDPR for their image), and \
            recognisable private property or artworks a property release.
            """,
        severity: .high,
        references: ["Stock licence terms (releases)", "Right of publicity / personality rights", "GDPR Art. 6(1)"],
        controls: .creativeLicences,
        remediation: "obtain and file the signed releases (record `model_release: true`) or stop the commercial use",
        parameters: [LicenceRuleSupport.commercialChannels],
        examples: [
            RuleExample(
                "released model in a campaign",
                """
                version: 1
                assets:
                  - { id: img, kind: image, depicts_people: true, model_release: true, used_in: [{ channel: social }] }
                """),
            RuleExample(
                "no model release, and a building without property release", failing: ["asset:img"],
                """
                version: 1
                assets:
                  - id: img
                    kind: image
                    depicts_people: true
                    depicts_property: true
                    used_in: [{ channel: web }]
                """),
            RuleExample(
                "no release but only editorial use (boundary)",
                """
                version: 1
                assets:
                  - { id: img, kind: image, depicts_people: true, model_release: false, used_in: [{ channel: editorial }] }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let commercial = Set(context.parameters.strings("commercial_channels"))
        return context.inventory.assets.filter { $0.depictsPeople == true || $0.depictsProperty == true }.map { asset in
            guard let use = asset.usedIn.first(where: { commercial.contains($0.channel) || $0.paid }) else {
                return Evaluation(.asset(asset))
            }
            var violations: [Violation] = []
            let usage = "\(use.channel)\(use.platform.map { " on \($0)" } ?? "")"
            if asset.depictsPeople == true, asset.modelRelease != true {
                violations.append(
                    Violation(
                        "recognisable people without a model release, used in \(usage)",
                        at: asset.origin.location("model_release"), key: "model-release"))
            }
            if asset.depictsProperty == true, asset.propertyRelease != true {
                violations.append(
                    Violation(
                        "recognisable property without a property release, used in \(usage)",
                        at: asset.origin.location("property_release"), key: "property-release"))
            }
            return Evaluation(.asset(asset), violations)
        }
    }
}
