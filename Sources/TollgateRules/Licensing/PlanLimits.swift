import TollgateKit

/// LIC-006: usage stays within the plan's limits, and evaluation licences are not used in production.
public struct PlanLimits: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "LIC-006", slug: "plan-limits", domain: .licensing,
        title: "Plan limits and evaluation licences",
        rationale: """
            Marketing plans are priced by contacts, sends, tracked users, events or API calls; overage is billed at \
            penalty rates or throttled in the middle of a campaign. An evaluation (trial) licence carries no right \
            to production use and usually no data-protection commitments. Graded: a usage figure over its plan \
            limit is medium; an evaluation licence that data flows to or from (production use) is high.
            """,
        severity: .medium,
        references: ["Vendor order form (plan limits)", "CycloneDX licensing `licenseTypes: evaluation`"],
        controls: ControlMapping(
            iso27001: ["A.5.32", "A.5.20"], soc2: ["CC9.2"], nistCSF: ["GV.SC-07", "ID.AM-04"], cis: ["2.1"]),
        remediation: "upgrade the plan or reduce usage; replace evaluation licences by paid ones before going live",
        parameters: [
            RuleParameter("headroom_percent", .int(0), "usage tolerated above a limit, in percent of the limit")
        ],
        examples: [
            RuleExample(
                "contacts exactly at the limit (boundary)",
                """
                version: 1
                systems:
                  - id: esp
                    name: ESP
                    system_type: esp
                    subscription: { usage_limits: { contacts: 50000 }, usage_actual: { contacts: 50000 } }
                """),
            RuleExample(
                "one contact over (boundary)", failing: ["system:esp"],
                """
                version: 1
                systems:
                  - id: esp
                    name: ESP
                    system_type: esp
                    subscription: { usage_limits: { contacts: 50000 }, usage_actual: { contacts: 50001 } }
                """),
            RuleExample(
                "evaluation licence receiving production data", failing: ["system:cdp"],
                """
                version: 1
                systems:
                  - { id: shop, name: Shop, system_type: ecommerce }
                  - { id: cdp, name: CDP, system_type: cdp, subscription: { licence_types: [evaluation] } }
                flows:
                  - { id: f, from: shop, to: cdp, data_categories: [user.contact.email], data_use: analytics, legal_basis: consent }
                """),
            RuleExample(
                "evaluation licence not wired to anything",
                """
                version: 1
                systems:
                  - { id: cdp, name: CDP, system_type: cdp, subscription: { licence_types: [evaluation] } }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let headroom = context.parameters.int("headroom_percent")
        return context.inventory.systems.compactMap { system in
            guard let subscription = system.subscription else { return nil }
            var violations: [Violation] = []
            if let limits = subscription.usageLimits, let actual = subscription.usageActual {
                for (limit, used) in zip(limits.named, actual.named) {
                    guard let cap = limit.value, let value = used.value else { continue }
                    // Whole-number arithmetic: 0 % headroom means not one unit over.
                    guard LicenceRuleSupport.exceeds(value, cap, byMoreThanPercent: headroom) else { continue }
                    violations.append(
                        Violation(
                            "\(limit.name) at \(LicenceRuleSupport.number(value)) exceeds the plan limit of "
                                + LicenceRuleSupport.number(cap),
                            at: actual.origin.location(limit.name), key: "subscription/usage/\(limit.name)"))
                }
            }
            if subscription.licenceTypes.contains(.evaluation) {
                let flows =
                    context.index.flowsTo[system.id, default: []] + context.index.flowsFrom[system.id, default: []]
                if !flows.isEmpty {
                    violations.append(
                        Violation(
                            "evaluation licence used in production (\(flows.count.counted("data flow")))",
                            at: subscription.origin.location("licence_types"), severity: .high,
                            key: "subscription/evaluation"))
                }
            }
            guard subscription.usageLimits != nil || subscription.licenceTypes.contains(.evaluation) else { return nil }
            return Evaluation(.system(system), violations)
        }
    }
}
