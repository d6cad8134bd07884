import TollgateKit

/// LIC-004: the decision to renew or cancel is recorded before the notice deadline.
public struct RenewalDecisionWindow: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "LIC-004", slug: "renewal-decision-window", domain: .licensing,
        title: "Renewal decision before the notice deadline",
        rationale: """
            Subscriptions that renew automatically can only be cancelled or resized until the notice deadline (the end \
            date minus the notice period). Missing it commits the organisation to another term at the old size, \
            often with a price increase.
            """,
        severity: .medium,
        references: ["Vendor subscription agreement (renewal and notice)", "ISO/IEC 27001:2022 A.5.22"],
        controls: ControlMapping(
            iso27001: ["A.5.32", "A.5.22"], soc2: ["CC9.2"], nistCSF: ["GV.SC-07", "ID.AM-04"], cis: ["15.1"]),
        remediation:
            "decide whether to renew, resize or cancel, give notice if needed, and record `renewal_decision_on`",
        parameters: [
            RuleParameter("lead_days", .int(30), "days before the notice deadline from which a decision is expected")
        ],
        examples: [
            RuleExample(
                "window opens today: deadline 2026-05-31, 30 days lead (boundary)", failing: ["system:crm"],
                asOf: "2026-05-01",
                """
                version: 1
                systems:
                  - id: crm
                    name: CRM
                    system_type: crm
                    subscription: { end: 2026-06-30, auto_renew: true, notice_period_days: 30 }
                """),
            RuleExample(
                "the day before the window opens (boundary)", asOf: "2026-04-30",
                """
                version: 1
                systems:
                  - id: crm
                    name: CRM
                    system_type: crm
                    subscription: { end: 2026-06-30, auto_renew: true, notice_period_days: 30 }
                """),
            RuleExample(
                "decision recorded", asOf: "2026-05-20",
                """
                version: 1
                systems:
                  - id: crm
                    name: CRM
                    system_type: crm
                    subscription: { end: 2026-06-30, auto_renew: true, notice_period_days: 30, renewal_decision_on: 2026-05-10 }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let lead = context.parameters.int("lead_days")
        return context.inventory.systems.compactMap { system in
            guard let subscription = system.subscription, subscription.autoRenew == true, let end = subscription.end,
                end >= context.asOf
            else { return nil }
            let deadline = end.adding(days: -(subscription.noticePeriodDays ?? 0))
            let opens = deadline.adding(days: -lead)
            // A decision from an earlier term (before this term's start) does not count.
            let decided =
                subscription.renewalDecisionOn.map { decision in subscription.start.map { decision >= $0 } ?? true }
                ?? false
            guard context.asOf >= opens, !decided else { return Evaluation(.system(system)) }
            let message =
                context.asOf > deadline
                ? "notice deadline \(deadline) has passed without a recorded decision; the subscription renews on \(end)"
                : "no renewal decision recorded; notice must be given by \(deadline)"
            return Evaluation(
                .system(system),
                [
                    Violation(
                        message,
                        at: subscription.origin.location(
                            subscription.origin.has("notice_period_days") ? "notice_period_days" : "end"),
                        key: "subscription/renewal")
                ])
        }
    }
}
