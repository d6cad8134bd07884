import TollgateKit

/// LIC-002: seats paid for but not used in the last 90 days.
public struct SeatWaste: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "LIC-002", slug: "seat-waste", domain: .licensing,
        title: "Unused seats",
        rationale: """
            Seats assigned to people who have not logged in for 90 days cost money every month and leave logins that \
            nobody watches. Reclaiming them at renewal is the cheapest saving in a marketing stack and shrinks the attack \
            surface (see ACC-012 on dormant accounts).
            """,
        severity: .low,
        references: ["Vendor subscription agreement (seat entitlement)", "ISO/IEC 27001:2022 A.5.9"],
        controls: ControlMapping(
            iso27001: ["A.5.32", "A.5.9"], soc2: ["CC9.2"], nistCSF: ["ID.AM-02", "GV.SC-07"], cis: ["2.1"]),
        remediation: "remove the seats of people who no longer use the tool, and buy fewer at the next renewal",
        parameters: [
            RuleParameter("unused_seats_min", .int(2), "unused seats always tolerated"),
            RuleParameter("unused_seats_percent", .int(10), "unused seats tolerated as a percentage of seats assigned"),
        ],
        examples: [
            RuleExample(
                "two of ten seats unused (boundary)",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, subscription: { seats_assigned: 10, active_users_90d: 8 } }
                """),
            RuleExample(
                "three of ten seats unused (boundary)", failing: ["system:crm"],
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, subscription: { seats_assigned: 10, active_users_90d: 7 } }
                """),
            RuleExample(
                "ten percent of a large plan is tolerated: 15 of 150 unused (boundary)",
                """
                version: 1
                systems:
                  - { id: cdp, name: CDP, system_type: cdp, subscription: { seats_assigned: 150, active_users_90d: 135 } }
                """),
            RuleExample(
                "16 of 150 seats unused, over ten percent (boundary)", failing: ["system:cdp"],
                """
                version: 1
                systems:
                  - { id: cdp, name: CDP, system_type: cdp, subscription: { seats_assigned: 150, active_users_90d: 134 } }
                """),
            RuleExample(
                "purchased seats count when assignments are not declared", failing: ["system:dam"],
                """
                version: 1
                systems:
                  - { id: dam, name: DAM, system_type: dam, subscription: { seats_purchased: 20, active_users_90d: 5 } }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let minimum = context.parameters.int("unused_seats_min")
        let percent = context.parameters.int("unused_seats_percent")
        return context.inventory.systems.compactMap { system in
            guard let subscription = system.subscription, let active = subscription.activeUsers90d,
                let seats = subscription.seatsAssigned ?? subscription.seatsPurchased
            else { return nil }
            let unused = seats - active
            // Integer arithmetic: 10 % of 15 seats tolerates 1 seat, never 1.5.
            let tolerated = max(minimum, LicenceRuleSupport.percent(percent, of: seats))
            guard unused > tolerated else { return Evaluation(.system(system)) }
            return Evaluation(
                .system(system),
                [
                    Violation(
                        "\(unused) of \(seats) seats were not used in the last 90 days (\(tolerated) tolerated)",
                        at: subscription.origin.location("active_users_90d"), key: "subscription/unused-seats")
                ])
        }
    }
}
