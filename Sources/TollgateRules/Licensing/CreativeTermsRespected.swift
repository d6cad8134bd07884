import TollgateKit

/// LIC-016: images, video, audio and fonts are used within their licensed territory, term and volume.
public struct CreativeTermsRespected: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "LIC-016", slug: "creative-territory-term-volume", domain: .licensing,
        title: "Creative used within territory, term and volume",
        rationale: """
            Rights-managed creative is licensed for named territories and a period; standard stock licences cap \
            print runs or impressions (e.g. 500,000, counted over all uses together) and video production budgets \
            (e.g. $10,000, per production). An image or font still live after its licence expired, or live (a use with no \
            `start`) before the licence's `valid_from`, is unlicensed use today. Graded: use after `expires` (a use \
            still live, or one that ran on past it) is critical; use outside the territories, before `valid_from`, \
            or over a copy or budget cap is medium.
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
            RuleExample(
                "copies summed over uses: exactly at the cap (boundary)",
                """
                version: 1
                assets:
                  - id: img
                    kind: image
                    max_copies: 500000
                    used_in: [{ channel: print, copies: 300000 }, { channel: print, copies: 200000 }]
                """),
            RuleExample(
                "copies summed over uses: one over the cap (boundary)", failing: ["asset:img"],
                """
                version: 1
                assets:
                  - id: img
                    kind: image
                    max_copies: 500000
                    used_in: [{ channel: print, copies: 300000 }, { channel: product, copies: 200001 }]
                """),
            RuleExample(
                "a live use with no start before the licence begins", failing: ["asset:img"], asOf: "2026-06-15",
                """
                version: 1
                assets:
                  - { id: img, kind: image, valid_from: 2026-09-01, expires: 2027-08-31, used_in: [{ channel: web }] }
                """),
            RuleExample(
                "a live use with no start on the first licensed day (boundary)", asOf: "2026-09-01",
                """
                version: 1
                assets:
                  - { id: img, kind: image, valid_from: 2026-09-01, expires: 2027-08-31, used_in: [{ channel: web }] }
                """),
            RuleExample(
                "a live use with no start the day before the licence begins (boundary)", failing: ["asset:img"],
                asOf: "2026-08-31",
                """
                version: 1
                assets:
                  - { id: img, kind: image, valid_from: 2026-09-01, expires: 2027-08-31, used_in: [{ channel: web }] }
                """),
            RuleExample(
                "a font used after its licence expired", failing: ["asset:font"], asOf: "2026-02-01",
                """
                version: 1
                assets:
                  - { id: font, kind: font, licence_type: webfont, expires: 2026-01-31, used_in: [{ channel: web, start: 2025-01-01 }] }
                """),
        ])

    /// Kinds whose licences carry territory, term and volume limits checked here; music has
    /// its own rule (LIC-017), which reuses `territoryAndTerm`.
    static let kinds: Set<AssetKind> = [.image, .video, .audio, .font]

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        context.inventory.assets.filter { Self.kinds.contains($0.kind) && !$0.usedIn.isEmpty }.map { asset in
            var violations: [Violation] = []
            for use in asset.usedIn {
                let key = "use/\(use.channel)/\(use.domain ?? use.platform ?? use.country ?? "")"
                violations += Self.territoryAndTerm(of: asset, use, asOf: context.asOf, key: key)
                if let cap = asset.maxProductionBudget, let budget = use.productionBudget, budget > cap {
                    violations.append(
                        Violation(
                            "production budget of \(LicenceRuleSupport.number(budget)) exceeds the licensed "
                                + LicenceRuleSupport.number(cap),
                            at: use.origin.location("production_budget"), key: key + "/budget"))
                }
            }
            // A copies cap (Standard licence: 500,000 print copies or impressions) is a total over
            // every use, not a per-use limit: two runs of 300,000 exceed it.
            let copies = asset.usedIn.compactMap(\.copies)
            if let cap = asset.maxCopies, LicenceRuleSupport.exceeds(total: copies, cap, byMoreThanPercent: 0) {
                violations.append(
                    Violation(
                        "\(LicenceRuleSupport.number(LicenceRuleSupport.sum(copies))) copies"
                            + (copies.count > 1 ? " across \(copies.count) uses" : "") + " exceed the licensed "
                            + LicenceRuleSupport.number(cap), at: asset.origin.location("max_copies"), key: "copies"))
            }
            return Evaluation(.asset(asset), violations)
        }
    }

    /// The territory and term findings of one use of a licensed asset: used outside its
    /// territories; still live (or run on) after `expires` once that date has passed (critical);
    /// started before `valid_from`, or live (no `start`) on an as-of date before `valid_from`. LIC-017 applies the same to music.
    static func territoryAndTerm(of asset: Asset, _ use: AssetUse, asOf: Day, key: String) -> [Violation] {
        var violations: [Violation] = []
        if !asset.territories.isEmpty, let country = use.country,
            !LicenceRuleSupport.covers(asset.territories, country: country)
        {
            violations.append(
                Violation(
                    "used in \(country), outside the licensed territories \(asset.territories.joined(separator: ", "))",
                    at: use.origin.location("country"), key: key + "/territory"))
        }
        if let expires = asset.expires, expires < asOf, use.start.map({ $0 <= asOf }) ?? true,
            use.end.map({ $0 > expires }) ?? true
        {
            violations.append(
                Violation(
                    "licence expired on \(expires) but the \(use.channel) use"
                        + (use.domain ?? use.platform ?? use.country).map { " (\($0))" }.orEmpty
                        + (use.end.map { " ran until \($0)" } ?? " is still live"),
                    at: asset.origin.location("expires"), severity: .critical, key: key + "/expired"))
        }
        if let from = asset.validFrom {
            if let start = use.start, start < from {
                violations.append(
                    Violation(
                        "\(use.channel) use started on \(start), before the licence began on \(from)",
                        at: use.origin.location("start"), key: key + "/early"))
            } else if use.start == nil, asOf < from, use.end.map({ $0 >= asOf }) ?? true {
                // A use with no `start` is live (as the expiry check above reads it): live on a
                // day before the licence term begins is unlicensed use today.
                violations.append(
                    Violation(
                        "\(use.channel) use is live on \(asOf), before the licence begins on \(from)",
                        at: use.origin.location("start"), key: key + "/early"))
            }
        }
        return violations
    }
}

extension Optional where Wrapped == String {
    /// The string, or "" when absent (for optional parts of messages).
    fileprivate var orEmpty: String { self ?? "" }
}
