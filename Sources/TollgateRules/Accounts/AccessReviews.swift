import TollgateKit

/// ACC-017: each tool's accounts, and every service account, are reviewed regularly.
public struct AccessReviews: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "ACC-017", slug: "access-reviews", domain: .accounts,
        title: "Account inventory reviewed",
        rationale: """
            Dormant accounts, leavers and over-privileged users are found by looking. CIS Controls v8.1 5.1 and 5.5 \
            ask to validate user and service accounts at least quarterly. A tool with declared accounts needs a \
            `security.last_access_review` within the period; each service account needs an owner, a purpose and a \
            recent `last_reviewed`.
            """,
        severity: .medium,
        references: ["CIS Controls v8.1 5.1, 5.5, 6.8", "SOC 2 CC6.2"],
        controls: ControlMapping(
            iso27001: ["A.5.16", "A.5.18"], soc2: ["CC6.2"], nistCSF: ["PR.AA-05"], cis: ["5.1", "5.5", "6.8"]),
        remediation:
            "review who has access to the tool, record the date, and give each service account an owner and purpose",
        parameters: [RuleParameter("max_review_age_days", .int(90), "days allowed between access reviews")],
        examples: [
            RuleExample(
                "reviewed 90 days ago (boundary)", asOf: "2026-06-01",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, security: { last_access_review: 2026-03-03 } }
                accounts:
                  - { id: ann, system: crm, kind: human }
                """),
            RuleExample(
                "reviewed 91 days ago (boundary)", failing: ["system:crm"], asOf: "2026-06-01",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, security: { last_access_review: 2026-03-02 } }
                accounts:
                  - { id: ann, system: crm, kind: human }
                """),
            RuleExample(
                "never reviewed", failing: ["system:crm"],
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }]
                accounts:
                  - { id: ann, system: crm, kind: human }
                """),
            RuleExample(
                "reviewed on the as-of date (boundary)", asOf: "2026-06-01",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, security: { last_access_review: 2026-06-01 } }
                accounts:
                  - { id: ann, system: crm, kind: human }
                """),
            RuleExample(
                "review dated the day after the as-of date (boundary)", failing: ["system:crm", "system:cdp"],
                asOf: "2026-06-01",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, security: { last_access_review: 2026-06-02 } }
                  - { id: cdp, name: CDP, system_type: cdp, security: { last_access_review: 2026-05-01 } }
                accounts:
                  - { id: ann, system: crm, kind: human }
                  - { id: etl, system: cdp, kind: service, owner: ann, purpose: sync, last_reviewed: 2026-06-02 }
                """),
            RuleExample(
                "service account reviewed 90 days ago (boundary)", asOf: "2026-06-01",
                """
                version: 1
                systems:
                  - { id: cdp, name: CDP, system_type: cdp, security: { last_access_review: 2026-05-01 } }
                accounts:
                  - { id: etl, system: cdp, kind: service, owner: ann, purpose: sync, last_reviewed: 2026-03-03 }
                """),
            RuleExample(
                "service account reviewed 91 days ago (boundary)", failing: ["system:cdp"], asOf: "2026-06-01",
                """
                version: 1
                systems:
                  - { id: cdp, name: CDP, system_type: cdp, security: { last_access_review: 2026-05-01 } }
                accounts:
                  - { id: etl, system: cdp, kind: service, owner: ann, purpose: sync, last_reviewed: 2026-03-02 }
                """),
            RuleExample(
                "service account without owner, purpose or review", failing: ["system:cdp"], asOf: "2026-06-01",
                """
                version: 1
                systems:
                  - { id: cdp, name: CDP, system_type: cdp, security: { last_access_review: 2026-05-01 } }
                accounts:
                  - { id: etl, system: cdp, kind: service }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let maxAge = context.parameters.int("max_review_age_days")
        return context.inventory.systems.compactMap { system in
            guard let accounts = context.index.accountsBySystem[system.id], !accounts.isEmpty else { return nil }
            var violations: [Violation] = []
            if let reviewed = system.security?.lastAccessReview, let security = system.security {
                let age = reviewed.days(until: context.asOf)
                if let future = AsOfDates.afterAsOf(
                    "the last access review of tool '\(system.id)' is dated", reviewed, context.asOf)
                {
                    violations.append(
                        Violation(
                            future, at: security.origin.location("last_access_review"), key: "last_access_review"))
                } else if age > maxAge {
                    violations.append(
                        Violation(
                            "the accounts of tool '\(system.id)' were last reviewed \(age) days ago, over \(maxAge)",
                            at: security.origin.location("last_access_review"), key: "last_access_review"))
                }
            } else {
                violations.append(
                    Violation(
                        "no access review of the accounts of tool '\(system.id)' is recorded",
                        at: system.security?.origin.location ?? system.origin.location, key: "last_access_review"))
            }
            for account in accounts where account.kind == .service && account.enabled {
                var missing: [String] = []
                if account.owner == nil { missing.append("owner") }
                if account.purpose == nil { missing.append("purpose") }
                if let reviewed = account.lastReviewed {
                    if let future = AsOfDates.afterAsOf("a review on record (last_reviewed", reviewed, context.asOf) {
                        missing.append(future + ")")
                    } else if reviewed.days(until: context.asOf) > maxAge {
                        missing.append("a review in the last \(maxAge) days")
                    }
                } else {
                    missing.append("last_reviewed")
                }
                if !missing.isEmpty {
                    violations.append(
                        Violation(
                            "service account '\(account.id)' of tool '\(system.id)' lacks \(missing.joined(separator: ", "))",
                            at: account.origin.location, key: "service/\(account.id)"))
                }
            }
            return Evaluation(.system(system), violations)
        }
    }
}
