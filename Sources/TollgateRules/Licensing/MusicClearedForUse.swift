import TollgateKit

/// LIC-017: music in social video is cleared for the platform, the account type and paid media.
public struct MusicClearedForUse: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "LIC-017", slug: "music-cleared-for-use", domain: .licensing,
        title: "Music cleared for the platform and business use",
        rationale: """
            A sound from a platform's general library is cleared for personal accounts on that platform only; \
            business accounts must use the commercial library (TikTok Commercial Music Library, Meta Sound \
            Collection). A track cleared on one platform does not travel with the video to another platform, to paid \
            media or to TV. Territory and term are checked as LIC-016 checks other creative: use outside the \
            territories, before `valid_from` (a use with no `start` is live), or after `expires`. Graded: use after \
            `expires` (while the use is live or ran on past it) is critical; everything else high.
            """,
        severity: .high,
        references: [
            "TikTok Commercial Music Library terms", "Meta Sound Collection terms", "Music sync licence terms",
        ],
        controls: .creativeLicences,
        remediation: """
            replace the track with one from the platform's commercial library or a licence that covers the platform, \
            paid media, territory and term
            """,
        examples: [
            RuleExample(
                "commercial licence covering the platform and paid use",
                """
                version: 1
                assets:
                  - id: m
                    kind: music
                    licence_type: royalty_free
                    platforms_allowed: [tiktok, instagram]
                    paid_media_allowed: true
                    used_in: [{ channel: advertising, platform: instagram, account_kind: business, paid: true }]
                """),
            RuleExample(
                "platform-library sound on a business account, another platform and paid", failing: ["asset:m"],
                """
                version: 1
                assets:
                  - id: m
                    kind: music
                    licence_type: platform_library
                    platforms_allowed: [tiktok]
                    paid_media_allowed: false
                    used_in:
                      - { channel: social, platform: tiktok, account_kind: business }
                      - { channel: advertising, platform: instagram, account_kind: business, paid: true }
                """),
            RuleExample(
                "use ran on past expiry, and started before the licence", failing: ["asset:late", "asset:early"],
                asOf: "2026-11-23",
                """
                version: 1
                assets:
                  - { id: late, kind: music, expires: 2026-06-30, used_in: [{ channel: social, start: 2026-06-01, end: 2026-09-30 }] }
                  - { id: early, kind: music, valid_from: 2026-09-01, used_in: [{ channel: social, start: 2026-08-01 }] }
                """),
            RuleExample(
                "a live use with no start before the licence begins", failing: ["asset:song"], asOf: "2026-06-15",
                """
                version: 1
                assets:
                  - { id: song, kind: music, valid_from: 2026-09-01, expires: 2027-08-31, used_in: [{ channel: social, platform: tiktok, account_kind: personal }] }
                """),
            RuleExample(
                "use ended on the expiry day, started on the first licensed day (boundary)", asOf: "2026-11-23",
                """
                version: 1
                assets:
                  - { id: m, kind: music, valid_from: 2026-06-01, expires: 2026-06-30, used_in: [{ channel: social, start: 2026-06-01, end: 2026-06-30 }] }
                """),
            RuleExample(
                "platform-library sound on a creator's personal account (boundary)",
                """
                version: 1
                assets:
                  - id: m
                    kind: music
                    licence_type: platform_library
                    platforms_allowed: [tiktok]
                    used_in: [{ channel: social, platform: tiktok, account_kind: personal }]
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        context.inventory.assets.filter { $0.kind == .music }.map { music in
            var violations: [Violation] = []
            for use in music.usedIn {
                let key = "use/\(use.channel)/\(use.platform ?? "")/\(use.paid)"
                let on = use.platform.map { " on \($0)" } ?? ""
                if music.licenceType == .platformLibrary, use.accountKind == .business {
                    violations.append(
                        Violation(
                            "platform-library sound used by a business account\(on); business accounts need the "
                                + "commercial library", at: use.origin.location("account_kind"), key: key + "/business")
                    )
                }
                if !music.platformsAllowed.isEmpty, let platform = use.platform,
                    !music.platformsAllowed.contains(platform)
                {
                    violations.append(
                        Violation(
                            "track used on \(platform), but cleared only for \(music.platformsAllowed.joined(separator: ", "))",
                            at: use.origin.location("platform"), key: key + "/platform"))
                }
                if use.paid, music.paidMediaAllowed != true {
                    violations.append(
                        Violation(
                            "track used in paid media\(on) without a paid-media licence",
                            at: use.origin.location("paid"), key: key + "/paid"))
                }
                // Territory and term as for other creative (LIC-016): use after `expires` is critical.
                violations += CreativeTermsRespected.territoryAndTerm(of: music, use, asOf: context.asOf, key: key)
            }
            return Evaluation(.asset(music), violations)
        }
    }
}
