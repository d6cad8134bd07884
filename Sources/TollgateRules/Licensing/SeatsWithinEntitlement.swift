import TollgateKit

/// LIC-001: a subscription does not hand out more seats than were bought.
public struct SeatsWithinEntitlement: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "LIC-001", slug: "seats-within-entitlement", domain: .licensing,
        title: "Seats within entitlement",
        rationale: """
            Assigning more seats than the contract covers is unlicensed use: vendors true-up at list price in audits. \
            When `seats_assigned` is not declared, the enabled human and shared accounts on the system are counted.
            """,
        severity: .high,
        references: ["Vendor subscription agreement (seat entitlement)", "ISO/IEC 27001:2022 A.5.32"],
        controls: ControlMapping(
            iso27001: ["A.5.32", "A.5.9"], soc2: ["CC9.2"], nistCSF: ["ID.AM-02", "GV.SC-07"], cis: ["2.1"]),
        remediation: "remove seats (start with dormant users) or buy the missing seats before the next true-up",
        parameters: [
            RuleParameter("tolerance_seats", .int(0), "seats that may be assigned above the purchased number")
        ],
        examples: [
            RuleExample(
                "seats equal to purchased (boundary)",
                """
                version: 1
                systems:
                  - { id: esp, name: ESP, system_type: esp, subscription: { seats_purchased: 10, seats_assigned: 10 } }
                """),
            RuleExample(
                "one seat over (boundary)", failing: ["system:esp"],
                """
                version: 1
                systems:
                  - { id: esp, name: ESP, system_type: esp, subscription: { seats_purchased: 10, seats_assigned: 11 } }
                """),
            RuleExample(
                "one seat over within a tolerance of one", parameters: ["tolerance_seats": .int(1)],
                """
                version: 1
                systems:
                  - { id: esp, name: ESP, system_type: esp, subscription: { seats_purchased: 10, seats_assigned: 11 } }
                """),
            RuleExample(
                "seats counted from accounts when not declared", failing: ["system:dam"],
                """
                version: 1
                systems:
                  - { id: dam, name: DAM, system_type: dam, subscription: { seats_purchased: 1 } }
                accounts:
                  - { id: a, system: dam, kind: human }
                  - { id: b, system: dam, kind: shared }
                  - { id: c, system: dam, kind: service }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let tolerance = context.parameters.int("tolerance_seats")
        return context.inventory.systems.compactMap { system in
            guard let subscription = system.subscription, let purchased = subscription.seatsPurchased else {
                return nil
            }
            let counted = context.index.accountsBySystem[system.id, default: []]
                .filter { $0.enabled && ($0.kind == .human || $0.kind == .shared) }.count
            let assigned = subscription.seatsAssigned ?? counted
            let source = subscription.seatsAssigned == nil ? "enabled human and shared accounts" : "seats assigned"
            // Compared as a difference: both counts are non-negative, so it cannot overflow.
            guard assigned - purchased > tolerance else { return Evaluation(.system(system)) }
            let field = subscription.seatsAssigned == nil ? "seats_purchased" : "seats_assigned"
            return Evaluation(
                .system(system),
                [
                    Violation(
                        "\(assigned) \(source) exceed the \(purchased) seats purchased by \(assigned - purchased)",
                        at: subscription.origin.location(field), key: "subscription/seats")
                ])
        }
    }
}
