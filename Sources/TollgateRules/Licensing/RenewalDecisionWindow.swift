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
            often with a price increase. An end date that has passed is read as LIC-003 reads it: the subscription \
            has renewed, and where `start` gives the term's length the deadline checked is the current term's \
            (a decision counts from that term's start); without a `start` the rule waits for the end date to be updated.
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
            RuleExample(
                "end date passed: the rolled-over term's window is open (deadline 2026-12-01 of the term ending 2026-12-31)",
                failing: ["system:crm"], asOf: "2026-11-23",
                """
                version: 1
                systems:
                  - id: crm
                    name: CRM
                    system_type: crm
                    subscription: { start: 2025-01-01, end: 2025-12-31, auto_renew: true, notice_period_days: 30 }
                """),
            RuleExample(
                "end date passed, decision recorded in the current term (boundary: on its first day)",
                asOf: "2026-11-23",
                """
                version: 1
                systems:
                  - id: crm
                    name: CRM
                    system_type: crm
                    subscription: { start: 2025-01-01, end: 2025-12-31, auto_renew: true, notice_period_days: 30,
                                    renewal_decision_on: 2026-01-01 }
                """),
            RuleExample(
                "end date passed, the decision recorded belongs to the earlier term (boundary: its last day)",
                failing: ["system:crm"], asOf: "2026-11-23",
                """
                version: 1
                systems:
                  - id: crm
                    name: CRM
                    system_type: crm
                    subscription: { start: 2025-01-01, end: 2025-12-31, auto_renew: true, notice_period_days: 30,
                                    renewal_decision_on: 2025-12-31 }
                """),
            RuleExample(
                "end date passed without a start: the term is unknown, LIC-003 asks for the end date",
                asOf: "2026-11-23",
                """
                version: 1
                systems:
                  - id: crm
                    name: CRM
                    system_type: crm
                    subscription: { end: 2025-12-31, auto_renew: true, notice_period_days: 30 }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let lead = context.parameters.int("lead_days")
        return context.inventory.systems.compactMap { system in
            guard let subscription = system.subscription, subscription.autoRenew == true,
                let declaredEnd = subscription.end
            else { return nil }
            // A passed end date of an auto-renewing subscription has rolled over into a new term
            // (as LIC-003 reads it), whose notice deadline is the one that matters now; without a
            // `start` the term's length is unknown, and LIC-003 asks for the end date to be updated.
            let renewed = subscription.renewedTerm(asOf: context.asOf)
            guard declaredEnd >= context.asOf || renewed != nil else { return nil }
            let start = renewed?.start ?? subscription.start
            let end = renewed?.end ?? declaredEnd
            let deadline = end.subtracting(days: subscription.noticePeriodDays ?? 0)
            let opens = deadline.subtracting(days: lead)
            // A decision from an earlier term (before this term's start) does not count.
            let decided =
                subscription.renewalDecisionOn.map { decision in start.map { decision >= $0 } ?? true } ?? false
            guard context.asOf >= opens, !decided else { return Evaluation(.system(system)) }
            var message =
                context.asOf > deadline
                ? "notice deadline \(deadline) has passed without a recorded decision; the subscription renews on \(end)"
                : "no renewal decision recorded; notice must be given by \(deadline)"
            if renewed != nil {
                message += " (the end date \(declaredEnd) has passed: the term is taken to have renewed to \(end))"
            }
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
