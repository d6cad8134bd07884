import TollgateKit

/// ACC-022: every tool passed an IT/security review that is still current.
public struct SecurityReviewCurrent: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "ACC-022", slug: "security-review-current", domain: .accounts,
        title: "IT/security review on record and current",
        rationale: """
            Marketing adopts tools faster than IT can look at them. Each system records an `it_review` with reviewer, \
            date and outcome. No review or a rejected one is high; a pending, incomplete or outdated review is \
            medium. Vendors change, so a review expires after the policy's period: one year by default, counted in \
            months, so a review stays current through its anniversary (2027-03-01 through 2028-03-01, across a \
            29 February too).
            """,
        severity: .high,
        references: ["ISO/IEC 27001:2022 A.5.19, A.5.22", "CIS Controls v8.1 15.5", "SOC 2 CC9.2"],
        controls: ControlMapping(
            iso27001: ["A.5.19", "A.5.22"], soc2: ["CC9.2"], nistCSF: ["GV.SC-07"], cis: ["15.5"]),
        remediation: "have IT/security review the tool and record reviewer, date and outcome under `it_review`",
        parameters: [
            RuleParameter(
                "max_review_age_months", .int(12),
                "months a review stays valid (through the same day of the month; a later month's end clamps)")
        ],
        examples: [
            RuleExample(
                "approved 12 months ago (boundary)", asOf: "2026-06-01",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, it_review: { reviewer: sec, date: 2025-06-01, outcome: approved } }
                """),
            RuleExample(
                "approved 12 months and a day ago (boundary)", failing: ["system:crm"], asOf: "2026-06-01",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, it_review: { reviewer: sec, date: 2025-05-31, outcome: approved } }
                """),
            RuleExample(
                "anniversary in a leap year: 2027-03-01 reviewed, as of 2028-03-01 (boundary)", asOf: "2028-03-01",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, it_review: { reviewer: sec, date: 2027-03-01, outcome: approved } }
                """),
            RuleExample(
                "a day after the anniversary in a leap year (boundary)", failing: ["system:crm"], asOf: "2028-03-02",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, it_review: { reviewer: sec, date: 2027-03-01, outcome: approved } }
                """),
            RuleExample(
                "approved on the as-of date (boundary)", asOf: "2026-06-01",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, it_review: { reviewer: sec, date: 2026-06-01, outcome: approved } }
                """),
            RuleExample(
                "review dated the day after the as-of date (boundary)", failing: ["system:crm"], asOf: "2026-06-01",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, it_review: { reviewer: sec, date: 2026-06-02, outcome: approved } }
                """),
            RuleExample(
                "rejected", failing: ["system:crm"],
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, it_review: { reviewer: sec, date: 2026-05-01, outcome: rejected } }
                """),
            RuleExample(
                "no review", failing: ["system:crm"],
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }]
                """),
            RuleExample(
                "review without reviewer", failing: ["system:crm"],
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, it_review: { date: 2026-05-01, outcome: approved_with_conditions } }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let maxAge = context.parameters.int("max_review_age_months")
        return context.inventory.systems.map { system in
            // Text and XML reports show only the message, so every message names the tool.
            let ofTool = "the IT/security review of tool '\(system.id)'"
            guard let review = system.itReview else {
                return Evaluation(
                    .system(system),
                    [
                        Violation(
                            "no IT/security review of tool '\(system.id)' is recorded", at: system.origin.location,
                            key: "it_review")
                    ])
            }
            var violations: [Violation] = []
            switch review.outcome {
            case .rejected?:
                violations.append(
                    Violation(
                        "the IT/security review rejected tool '\(system.id)'", at: review.origin.location("outcome"),
                        key: "outcome"))
            case .pending?:
                violations.append(
                    Violation(
                        "\(ofTool) is still pending", at: review.origin.location("outcome"),
                        severity: .medium,
                        key: "outcome"))
            case nil:
                violations.append(
                    Violation(
                        "\(ofTool) records no outcome", at: review.origin.location, severity: .medium, key: "outcome"))
            case .approved?, .approvedWithConditions?:
                break
            }
            if review.reviewer == nil {
                violations.append(
                    Violation(
                        "\(ofTool) records no reviewer", at: review.origin.location, severity: .medium, key: "reviewer")
                )
            }
            if let date = review.date {
                let lapsed = date.adding(months: maxAge)
                if let future = AsOfDates.afterAsOf("\(ofTool) is dated", date, context.asOf) {
                    violations.append(
                        Violation(future, at: review.origin.location("date"), severity: .medium, key: "date"))
                } else if lapsed < context.asOf {
                    violations.append(
                        Violation(
                            "\(ofTool) dated \(date) is older than \(maxAge) months (current through \(lapsed))",
                            at: review.origin.location("date"),
                            severity: .medium, key: "date"))
                }
            } else {
                violations.append(
                    Violation("\(ofTool) records no date", at: review.origin.location, severity: .medium, key: "date"))
            }
            return Evaluation(.system(system), violations)
        }
    }
}
