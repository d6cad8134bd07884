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
            the tool stops working in the middle of a campaign.
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
            if end < context.asOf {
                let accounts = context.index.accountsBySystem[system.id, default: []].filter(\.enabled).count
                let flows =
                    context.index.flowsFrom[system.id, default: []].count
                    + context.index.flowsTo[system.id, default: []].count
                guard accounts + flows > 0 else { return Evaluation(.system(system)) }
                return Evaluation(
                    .system(system),
                    [
                        Violation(
                            "subscription ended on \(end) but the tool still has \(flows.counted("data flow")) and "
                                + accounts.counted("enabled account"), at: location, severity: .critical,
                            key: key)
                    ])
            }
            let days = context.asOf.days(until: end)
            guard days < warn else { return Evaluation(.system(system)) }
            return Evaluation(
                .system(system),
                [
                    Violation(
                        "subscription ends on \(end), in \(days) days", at: location, severity: .medium, key: key)
                ])
        }
    }
}
