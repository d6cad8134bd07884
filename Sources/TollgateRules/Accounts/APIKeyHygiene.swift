import Foundation
import TollgateKit

/// ACC-016: API keys are rotated, used, owned, narrowly scoped and expire.
public struct APIKeyHygiene: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "ACC-016", slug: "api-key-hygiene", domain: .accounts,
        title: "API key hygiene",
        rationale: """
            Integration keys outlive the projects and people that created them, and a full-access key in a \
            connector's settings is an admin login without MFA. CIS Controls v8.1 5.5 asks for an owner and regular \
            review of service credentials; the CIS AWS Foundations pattern rotates keys every 90 days and disables \
            credentials unused for 45. The age counts from `last_rotated`, else from `created`; a key that records \
            neither is reported too, since an age that cannot be judged is not a young one (as ACC-001 reports a \
            minimum length that is not shown). Graded: full-access scopes are high, age (or no date to judge it \
            by), disuse and missing or departed owners medium, a key that never expires low.
            """,
        severity: .medium,
        references: [
            "CIS Controls v8.1 5.5", "CIS AWS Foundations Benchmark 1.12, 1.14", "ISO/IEC 27001:2022 A.5.17, A.8.2",
        ],
        controls: ControlMapping(
            iso27001: ["A.5.17", "A.8.2"], soc2: ["CC6.1"], nistCSF: ["PR.AA-01", "PR.AA-05"], cis: ["5.5"]),
        remediation:
            "rotate the key (and record `last_rotated`, or `created` for a key never rotated), give it an owner, an expiry and only the scopes the integration needs; revoke keys nobody uses",
        parameters: [
            RuleParameter(
                "max_age_days", .int(90),
                "a key created or last rotated strictly more than this many days ago is stale"),
            RuleParameter(
                "max_unused_days", .int(45),
                "a key last used strictly more than this many days ago should be revoked (the CIS pack sets 44 for CIS AWS 1.12's \"45 days or more\")"
            ),
            RuleParameter(
                "broad_scopes", .strings(["admin", "full_access", "owner", "all", "*"]),
                "scopes that grant the whole tool (reported at high severity; case and - or _ do not matter)",
                values: .freeText("scope names as each tool writes them")),
        ],
        examples: [
            RuleExample(
                "rotated 90 days ago, owned, scoped, expiring (boundary)", asOf: "2026-06-01",
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp }]
                api_keys:
                  - { id: k1, system: esp, owner: ann, created: 2025-01-01, last_rotated: 2026-03-03, last_used: 2026-05-30, scopes: [contacts.write], expires: 2026-12-31 }
                """),
            RuleExample(
                "rotated 91 days ago (boundary)", failing: ["api_key:k1"], asOf: "2026-06-01",
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp }]
                api_keys:
                  - { id: k1, system: esp, owner: ann, last_rotated: 2026-03-02, last_used: 2026-05-30, scopes: [contacts.write], expires: 2026-12-31 }
                """),
            RuleExample(
                "neither created nor last rotated: the age cannot be judged", failing: ["api_key:k1"],
                asOf: "2026-06-01",
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp }]
                api_keys:
                  - { id: k1, system: esp, owner: ann, last_used: 2026-05-30, scopes: [contacts.write], expires: 2026-12-31 }
                """),
            RuleExample(
                "only created, 90 days ago: aged from its creation (boundary)", asOf: "2026-06-01",
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp }]
                api_keys:
                  - { id: k1, system: esp, owner: ann, created: 2026-03-03, last_used: 2026-05-30, scopes: [contacts.write], expires: 2026-12-31 }
                """),
            RuleExample(
                "only created, 91 days ago (boundary)", failing: ["api_key:k1"], asOf: "2026-06-01",
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp }]
                api_keys:
                  - { id: k1, system: esp, owner: ann, created: 2026-03-02, last_used: 2026-05-30, scopes: [contacts.write], expires: 2026-12-31 }
                """),
            RuleExample(
                "last used 45 days ago (boundary)", asOf: "2026-06-01",
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp }]
                api_keys:
                  - { id: k1, system: esp, owner: ann, created: 2026-04-01, last_used: 2026-04-17, scopes: [contacts.read], expires: 2026-12-31 }
                """),
            RuleExample(
                "last used 46 days ago (boundary)", failing: ["api_key:k1"], asOf: "2026-06-01",
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp }]
                api_keys:
                  - { id: k1, system: esp, owner: ann, created: 2026-04-01, last_used: 2026-04-16, scopes: [contacts.read], expires: 2026-12-31 }
                """),
            RuleExample(
                "CIS AWS 1.12 \"45 days or more\" (max_unused_days 44): last used 44 days ago (boundary)",
                asOf: "2026-06-01", parameters: ["max_unused_days": .int(44)],
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp }]
                api_keys:
                  - { id: k1, system: esp, owner: ann, created: 2026-04-01, last_used: 2026-04-18, scopes: [contacts.read], expires: 2026-12-31 }
                """),
            RuleExample(
                "CIS AWS 1.12 (max_unused_days 44): last used 45 days ago (boundary)", failing: ["api_key:k1"],
                asOf: "2026-06-01", parameters: ["max_unused_days": .int(44)],
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp }]
                api_keys:
                  - { id: k1, system: esp, owner: ann, created: 2026-04-01, last_used: 2026-04-17, scopes: [contacts.read], expires: 2026-12-31 }
                """),
            RuleExample(
                "rotated and used on the as-of date (boundary)", asOf: "2026-06-01",
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp }]
                api_keys:
                  - { id: k1, system: esp, owner: ann, last_rotated: 2026-06-01, last_used: 2026-06-01, scopes: [contacts.read], expires: 2026-12-31 }
                """),
            RuleExample(
                "rotated, or used, the day after the as-of date (boundary)", failing: ["api_key:k1", "api_key:k2"],
                asOf: "2026-06-01",
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp }]
                api_keys:
                  - { id: k1, system: esp, owner: ann, last_rotated: 2026-06-02, last_used: 2026-06-01, scopes: [contacts.read], expires: 2026-12-31 }
                  - { id: k2, system: esp, owner: ann, last_rotated: 2026-06-01, last_used: 2026-06-02, scopes: [contacts.read], expires: 2026-12-31 }
                """),
            RuleExample(
                "full-access key without owner or expiry", failing: ["api_key:k2"], asOf: "2026-06-01",
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }]
                api_keys:
                  - { id: k2, system: crm, created: 2026-05-01, scopes: [Full-Access] }
                """),
        ])

    /// `Full-Access` and `full_access` name the same scope.
    static func normalised(_ scope: String) -> String {
        scope.lowercased().replacingASCII("-", with: "_")
    }

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let maxAge = context.parameters.int("max_age_days")
        let maxUnused = context.parameters.int("max_unused_days")
        let broad = Set(context.parameters.strings("broad_scopes").map(Self.normalised))
        return context.inventory.apiKeys.map { key in
            var violations: [Violation] = []
            // The age counts from the last rotation, or from creation for a key never rotated;
            // the finding names that date and points at its field.
            let issue =
                key.lastRotated.map { (date: $0, field: "last_rotated", event: "last rotated") }
                ?? key.created.map { (date: $0, field: "created", event: "created") }
            if let issue {
                let age = issue.date.days(until: context.asOf)
                let location = key.origin.location(issue.field)
                if let future = AsOfDates.afterAsOf("key '\(key.id)' was \(issue.event) on", issue.date, context.asOf) {
                    violations.append(Violation(future, at: location, key: "age"))
                } else if age > maxAge {
                    violations.append(
                        Violation(
                            "key '\(key.id)' was \(issue.event) \(age) days ago, over \(maxAge)", at: location,
                            key: "age"))
                }
            } else {
                violations.append(
                    Violation(
                        "key '\(key.id)' records no creation or rotation date, so its age cannot be judged; record "
                            + "`created` or `last_rotated`", at: key.origin.location, key: "age"))
            }
            if let used = key.lastUsed,
                let future = AsOfDates.afterAsOf("key '\(key.id)' was last used on", used, context.asOf)
            {
                violations.append(Violation(future, at: key.origin.location("last_used"), key: "unused"))
            } else if let used = key.lastUsed, used.days(until: context.asOf) > maxUnused {
                violations.append(
                    Violation(
                        "key '\(key.id)' was last used \(used.days(until: context.asOf)) days ago, over \(maxUnused)",
                        at: key.origin.location("last_used"), key: "unused"))
            }
            if let owner = key.owner {
                if context.index.peopleByID[owner]?.hasLeft(asOf: context.asOf) == true {
                    violations.append(
                        Violation(
                            "owner '\(owner)' of key '\(key.id)' has left", at: key.origin.location("owner"),
                            key: "owner"))
                }
            } else {
                violations.append(Violation("key '\(key.id)' has no owner", at: key.origin.location, key: "owner"))
            }
            for (index, scope) in key.scopes.enumerated() where broad.contains(Self.normalised(scope)) {
                violations.append(
                    Violation(
                        "key '\(key.id)' has the full-access scope '\(scope)'",
                        at: key.origin.location("scopes/\(index)"),
                        severity: .high, key: "scope/\(scope)"))
            }
            if key.expires == nil {
                violations.append(
                    Violation("key '\(key.id)' never expires", at: key.origin.location, severity: .low, key: "expires"))
            }
            return Evaluation(.apiKey(key), violations)
        }
    }
}
