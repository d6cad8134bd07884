import TollgateKit

/// LIC-014: editorial-only images and footage are not used commercially.
public struct EditorialOnlyImagery: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "LIC-014", slug: "editorial-only-imagery", domain: .licensing,
        title: "Editorial-only imagery not used commercially",
        rationale: """
            Editorial licences cover news and commentary only: the people, brands and property shown have not \
            agreed to promote anything. Using such an image in advertising, on a shop or in a brand's social posts \
            infringes the licence and can infringe personality and trademark rights.
            """,
        severity: .high,
        references: ["Stock licence terms (editorial use only)"],
        controls: .creativeLicences,
        remediation: "replace the asset in commercial uses with a commercially licensed one",
        parameters: [LicenceRuleSupport.commercialChannels],
        examples: [
            RuleExample(
                "editorial image in an editorial article",
                """
                version: 1
                assets:
                  - { id: img, kind: image, editorial_only: true, used_in: [{ channel: editorial }] }
                """),
            RuleExample(
                "editorial image in a paid campaign", failing: ["asset:img"],
                """
                version: 1
                assets:
                  - { id: img, kind: image, licence_type: editorial, used_in: [{ channel: advertising, paid: true }] }
                """),
            RuleExample(
                "editorial channel but paid promotion (boundary)", failing: ["asset:img"],
                """
                version: 1
                assets:
                  - { id: img, kind: video, editorial_only: true, used_in: [{ channel: editorial, paid: true }] }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let commercial = Set(context.parameters.strings("commercial_channels"))
        return context.inventory.assets.filter { $0.editorialOnly || $0.licenceType == .editorial }.map { asset in
            let violations = asset.usedIn.filter { commercial.contains($0.channel) || $0.paid }.map { use in
                Violation(
                    "editorial-only \(asset.kind.rawValue) used in \(use.paid ? "paid " : "")\(use.channel)"
                        + (use.platform.map { " on \($0)" } ?? ""),
                    at: use.origin.location("channel"), key: "use/\(use.channel)/\(use.platform ?? "")/\(use.paid)")
            }
            return Evaluation(.asset(asset), violations)
        }
    }
}
