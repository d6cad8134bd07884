import TollgateKit

/// LIC-001: a subscription does not hand out more seats than were bought.
public struct SeatsWithinEntitlement: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "LIC-001", slug: "seats-within-entitlement", domain: .licensing,
        title: "Seats within entitlement",
        rationale: """
            Assigning more seats than the contract covers is unlicensed use: vendors true-up at list price in audits. \
            Both `seats_assigned` and the enabled human and shared accounts on the system are compared with \
            `seats_purchased`, the larger of the two counting: a declared number lower than the accounts in use does \
            not make those accounts licensed.
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
                "seats_assigned within the entitlement but one enabled account more than purchased (boundary)",
                failing: ["system:crm"],
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, subscription: { seats_purchased: 2, seats_assigned: 2 } }
                accounts:
                  - { id: a, system: crm, kind: human }
                  - { id: b, system: crm, kind: human }
                  - { id: c, system: crm, kind: shared }
                  - { id: d, system: crm, kind: human, enabled: false }
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
            // The larger of the declared and the counted number is compared; a tie is the declared number.
            let declared = subscription.seatsAssigned
            let accountsExceedDeclared = declared.map { counted > $0 } ?? true
            let used = accountsExceedDeclared ? counted : declared ?? counted
            // Compared as a difference: both counts are non-negative, so it cannot overflow.
            guard used - purchased > tolerance else { return Evaluation(.system(system)) }
            var source = accountsExceedDeclared ? "enabled human and shared accounts" : "seats assigned"
            if accountsExceedDeclared, let declared {
                source += " (more than the \(declared) declared in seats_assigned)"
            }
            return Evaluation(
                .system(system),
                [
                    Violation(
                        "\(used) \(source) exceed the \(purchased) seats purchased by \(used - purchased)",
                        at: subscription.origin.location(accountsExceedDeclared ? "seats_purchased" : "seats_assigned"),
                        key: "subscription/seats")
                ])
        }
    }
}
