import Testing
import TollgateKit
import TollgateRules

/// What ACC-016 says about a key's age, and where, whether the key was rotated, only created or
/// neither (its age cannot be judged): the rule's examples check only who fails.
@Suite("API key age messages")
struct APIKeyAgeMessageTests {
    static let stack = """
        version: 1
        systems: [{ id: esp, name: ESP, system_type: esp }]
        api_keys:
          - { id: old, system: esp, owner: ann, created: 2026-01-01, last_used: 2026-05-30, scopes: [read], expires: 2026-12-31 }
          - { id: stale, system: esp, owner: ann, created: 2025-01-01, last_rotated: 2026-01-02, last_used: 2026-05-30, scopes: [read], expires: 2026-12-31 }
          - { id: early, system: esp, owner: ann, created: 2026-06-02, last_used: 2026-05-30, scopes: [read], expires: 2026-12-31 }
          - { id: ahead, system: esp, owner: ann, created: 2025-01-01, last_rotated: 2026-06-03, last_used: 2026-05-30, scopes: [read], expires: 2026-12-31 }
          - { id: undated, system: esp, owner: ann, last_used: 2026-05-30, scopes: [read], expires: 2026-12-31 }
        """

    @Test func theAgeNamesTheDateItCountsFrom() {
        let findings = PrivacyPathTests.findings(Self.stack, rule: APIKeyHygiene(), asOf: "2026-06-01")
        let said = findings.map { "\($0.subject.id) \($0.location.pointer): \($0.message)" }
        #expect(
            said == [
                "old /api_keys/0/created: key 'old' was created 151 days ago, over 90",
                "stale /api_keys/1/last_rotated: key 'stale' was last rotated 150 days ago, over 90",
                "early /api_keys/2/created: key 'early' was created on 2026-06-02, after the as-of date 2026-06-01, so it is not on record as of that day",
                "ahead /api_keys/3/last_rotated: key 'ahead' was last rotated on 2026-06-03, after the as-of date 2026-06-01, so it is not on record as of that day",
                "undated /api_keys/4: key 'undated' records no creation or rotation date, so its age cannot be judged; record `created` or `last_rotated`",
            ], "\(said)")
        #expect(findings.allSatisfy { $0.severity == .medium })
    }
}
