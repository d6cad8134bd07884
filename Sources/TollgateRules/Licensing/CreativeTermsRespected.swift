import TollgateKit

/// LIC-016: images, video and audio are used within their licensed territory, term and volume.
public struct CreativeTermsRespected: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "LIC-016", slug: "creative-territory-term-volume", domain: .licensing,
        title: "Creative used within territory, term and volume",
        rationale: """
            Rights-managed creative is licensed for named territories and a period; standard stock licences cap \
            print runs or impressions (e.g. 500,000) and video production budgets (e.g. $10,000). An image still \
            live after its licence expired is unlicensed use today.
            """,
        severity: .medium,
        references: ["Stock and rights-managed licence terms (territory, duration, copies, budget)"],
        controls: .creativeLicences,
        remediation: "take the asset down where it is out of licence, or extend the licence (territory, term, volume)",
        examples: [
            RuleExample(
                "expires on the as-of date, within territory and volume (boundary)", asOf: "2026-08-31",
                """
                version: 1
                assets:
                  - id: img
                    kind: image
                    territories: [EEA]
                    expires: 2026-08-31
                    max_copies: 500000
                    used_in: [{ channel: print, country: "NO", copies: 500000 }]
                """),
            RuleExample(
                "expired the day before and still live (boundary)", failing: ["asset:img"], asOf: "2026-09-01",
                """
                version: 1
                assets:
                  - { id: img, kind: image, expires: 2026-08-31, used_in: [{ channel: web, start: 2026-01-01 }] }
                """),
            RuleExample(
                "outside the territory, over the copies and the budget", failing: ["asset:img", "asset:clip"],
                """
                version: 1
                assets:
                  - id: img
                    kind: image
                    territories: [EEA, UK]
                    max_copies: 500000
                    used_in: [{ channel: web, country: US }, { channel: print, country: NL, copies: 500001 }]
                  - { id: clip, kind: video, max_production_budget: 10000, used_in: [{ channel: tv, production_budget: 25000 }] }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        context.inventory.assets.filter { [.image, .video, .audio].contains($0.kind) && !$0.usedIn.isEmpty }.map {
            asset in
            var violations: [Violation] = []
            for use in asset.usedIn {
                let key = "use/\(use.channel)/\(use.domain ?? use.platform ?? use.country ?? "")"
                if !asset.territories.isEmpty, let country = use.country,
                    !LicenceRuleSupport.covers(asset.territories, country: country)
                {
                    violations.append(
                        Violation(
                            "used in \(country), outside the licensed territories \(asset.territories.joined(separator: ", "))",
                            at: use.origin.location("country"), key: key + "/territory"))
                }
                if let expires = asset.expires, expires < context.asOf, use.start.map({ $0 <= context.asOf }) ?? true,
                    use.end.map({ $0 > expires }) ?? true
                {
                    violations.append(
                        Violation(
                            "licence expired on \(expires) but the \(use.channel) use"
                                + (use.domain ?? use.platform ?? use.country).map { " (\($0))" }.orEmpty
                                + (use.end.map { " ran until \($0)" } ?? " is still live"),
                            at: asset.origin.location("expires"), severity: .critical, key: key + "/expired"))
                }
                if let from = asset.validFrom, let start = use.start, start < from {
                    violations.append(
                        Violation(
                            "\(use.channel) use started on \(start), before the licence began on \(from)",
                            at: use.origin.location("start"), key: key + "/early"))
                }
                if let cap = asset.maxCopies, let copies = use.copies, copies > cap {
                    violations.append(
                        Violation(
                            "\(LicenceRuleSupport.number(copies)) copies exceed the licensed "
                                + LicenceRuleSupport.number(cap),
                            at: use.origin.location("copies"), key: key + "/copies"))
                }
                if let cap = asset.maxProductionBudget, let budget = use.productionBudget, budget > cap {
                    violations.append(
                        Violation(
                            "production budget of \(LicenceRuleSupport.number(budget)) exceeds the licensed "
                                + LicenceRuleSupport.number(cap),
                            at: use.origin.location("production_budget"), key: key + "/budget"))
                }
            }
            return Evaluation(.asset(asset), violations)
        }
    }
}

extension Optional where Wrapped == String {
    /// The string, or "" when absent (for optional parts of messages).
    fileprivate var orEmpty: String { self ?? "" }
}
