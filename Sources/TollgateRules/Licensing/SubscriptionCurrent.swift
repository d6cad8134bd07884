import TollgateKit

/// LIC-003: a subscription still in use has not expired, and is not about to.
public struct SubscriptionCurrent: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "LIC-003", slug: "subscription-current", domain: .licensing,
        title: "Subscription not expired",
        rationale: """
            A tool whose subscription has ended but that still receives data or has logins is used without a licence, \
            and its data-processing terms usually end with it. A subscription ending soon needs a decision before \
            the tool stops working in the middle of a campaign. A subscription with `auto_renew: true` has not ended \
            when its `end` passes: the term rolls over unless it was cancelled (as LIC-004 reads it), so the end date \
            is stale and is reported for updating; where `start` gives the term's length, the finding names the end \
            of the current term. An auto-renewing subscription whose term ends within `expiry_warn_days` is \
            reported like one that ends, since renewing or cancelling is the decision to make before the term ends, \
            but the finding says that it renews. Graded: ended and still in use is critical, ending within \
            `expiry_warn_days` medium, an auto-renewing subscription's passed end date low.
            """,
        severity: .critical,
        references: ["Vendor subscription agreement (term)", "ISO/IEC 27001:2022 A.5.32", "ISO/IEC 27001:2022 A.5.22"],
        controls: ControlMapping(
            iso27001: ["A.5.32", "A.5.22", "A.5.20"], soc2: ["CC9.2"],
            nistCSF: ["ID.AM-08", "GV.SC-10", "GV.SC-07"], cis: ["2.2", "15.7"]),
        remediation: "renew the subscription, or stop every flow and account of the tool and offboard it",
        parameters: [
            RuleParameter(
                "expiry_warn_days", .int(60), "days before the end date from which an ending subscription is reported")
        ],
        examples: [
            RuleExample(
                "ends on the as-of date: still current, but ending (boundary)", failing: ["system:esp"],
                asOf: "2026-06-30",
                """
                version: 1
                systems:
                  - { id: esp, name: ESP, system_type: esp, subscription: { end: 2026-06-30 } }
                """),
            RuleExample(
                "ended the day before, still has accounts (boundary)", failing: ["system:esp"], asOf: "2026-07-01",
                """
                version: 1
                systems:
                  - { id: esp, name: ESP, system_type: esp, subscription: { end: 2026-06-30 } }
                accounts:
                  - { id: a, system: esp, kind: human }
                """),
            RuleExample(
                "ends in exactly 60 days (boundary)", asOf: "2026-05-01",
                """
                version: 1
                systems:
                  - { id: esp, name: ESP, system_type: esp, subscription: { end: 2026-06-30 } }
                """),
            RuleExample(
                "ends in 59 days (boundary)", failing: ["system:esp"], asOf: "2026-05-02",
                """
                version: 1
                systems:
                  - { id: esp, name: ESP, system_type: esp, subscription: { end: 2026-06-30 } }
                """),
            RuleExample(
                "auto-renewing, end date passed: renewed, the end date is stale", failing: ["system:crm"],
                asOf: "2026-11-23",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm,
                      subscription: { start: 2025-06-01, end: 2026-05-31, auto_renew: true, notice_period_days: 30 } }
                accounts:
                  - { id: a, system: crm, kind: human }
                """),
            RuleExample(
                "auto-renewing, ends on the as-of date (boundary: the warning, not the stale date)",
                failing: ["system:crm"], asOf: "2026-05-31",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, subscription: { end: 2026-05-31, auto_renew: true } }
                """),
            RuleExample(
                "ended and no longer used", asOf: "2026-09-01",
                """
                version: 1
                systems:
                  - { id: esp, name: ESP, system_type: esp, subscription: { end: 2026-06-30 } }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let warn = context.parameters.int("expiry_warn_days")
        return context.inventory.systems.compactMap { system in
            guard let subscription = system.subscription, let end = subscription.end else { return nil }
            let location = subscription.origin.location("end")
            let key = "subscription/end"
            if end < context.asOf, subscription.autoRenew == true {
                // The term rolled over unless it was cancelled: the licence is taken to be current
                // and only the record is out of date (LIC-004 cannot see the next notice deadline).
                let renewed = subscription.renewedTerm(asOf: context.asOf)?.end
                let message =
                    "subscription renews automatically and its end date \(end) has passed, "
                    + (renewed.map {
                        "so it is taken to have renewed to \($0); record the current term's `start` and `end`"
                    }
                        ?? "so it has renewed unless it was cancelled; move `end` to the current term's end, or set `auto_renew: false` if it was cancelled")
                return Evaluation(.system(system), [Violation(message, at: location, severity: .low, key: key)])
            }
            if end < context.asOf {
                let accounts = context.index.accountsBySystem[system.id, default: []].filter(\.enabled).count
                let flows =
                    context.index.flowsFrom[system.id, default: []].count
                    + context.index.flowsTo[system.id, default: []].count
                guard accounts + flows > 0 else { return Evaluation(.system(system)) }
                // Only what is there: "1 enabled account", not "0 data flows and 1 enabled account".
                let uses = [(flows, "data flow"), (accounts, "enabled account")].filter { $0.0 > 0 }
                    .map { $0.0.counted($0.1) }
                return Evaluation(
                    .system(system),
                    [
                        Violation(
                            "subscription ended on \(end) but the tool still has \(uses.joined(separator: " and "))",
                            at: location, severity: .critical, key: key)
                    ])
            }
            let days = context.asOf.days(until: end)
            guard days < warn else { return Evaluation(.system(system)) }
            // An auto-renewing subscription does not end on `end`: its term does, and a new one
            // begins unless it is cancelled before then, which is the decision to be made.
            let message =
                subscription.autoRenew == true
                ? "the subscription's term ends on \(end), in \(days) days, and then renews automatically unless cancelled"
                : "subscription ends on \(end), in \(days) days"
            return Evaluation(
                .system(system), [Violation(message, at: location, severity: .medium, key: key)])
        }
    }
}
