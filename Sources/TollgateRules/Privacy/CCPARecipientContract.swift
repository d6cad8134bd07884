import TollgateKit

/// PRIV-031: every system that receives Californians' personal information does so under a
/// signed CCPA contract, and a third party's receipt is declared as the sale or share it is.
public struct CCPARecipientContract: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "PRIV-031", slug: "ccpa-recipient-contract", domain: .privacy,
        title: "CCPA contract with every recipient",
        rationale: """
            A business that discloses personal information to a service provider, contractor or third party must \
            have a contract that limits its use (Cal. Civ. Code §1798.100(d); 11 CCR §7051, §7053). A recipient \
            without a service-provider or contractor contract is a third party (§1798.140(ai)), and disclosing to \
            it is treated as a sale or share (§1798.140(ad), (ah)), which the consumer can opt out of: declaring \
            the flow as one is what makes PRIV-030 check the opt-out for it. A system the business runs itself \
            receives no disclosure: waive the finding with that reason. Unlike the research reference, a processor's signed DPA stands \
            in for the contract by default, because vendors' DPAs usually carry the §7051 service-provider terms; \
            a policy that wants the contract itself sets `dpa_counts_as_service_provider_contract: false`.
            """,
        severity: .high,
        references: [
            "Cal. Civ. Code §1798.100(d)", "Cal. Civ. Code §1798.140(ad)", "Cal. Civ. Code §1798.140(ah)",
            "Cal. Civ. Code §1798.140(ai)", "Cal. Civ. Code §1798.140(ag)", "Cal. Civ. Code §1798.140(j)",
            "11 CCR §7051", "11 CCR §7053",
        ],
        controls: ControlMapping(
            iso27001: ["A.5.20", "A.5.31", "A.5.34"], soc2: ["P6.1", "P6.4", "CC9.2"],
            nistCSF: ["GV.OC-03", "GV.SC-05"], cis: ["15.4"]),
        remediation:
            "sign a CCPA contract with the recipient and record it: `ccpa_contract: { role: service_provider, signed: true }`; for a third party, mark its flows `ccpa_sale` or `ccpa_share`",
        parameters: CCPAScope.thresholdParameters + [
            RuleParameter(
                "dpa_counts_as_service_provider_contract", .bool(true),
                "a processor's signed DPA stands in for the CCPA contract when none is declared (vendors' DPAs usually carry the service-provider terms)"
            )
        ],
        examples: [
            RuleExample(
                "a service provider under a signed contract",
                """
                version: 1
                organization: { name: Shop Inc., annual_gross_revenue_usd: 90000000 }
                systems:
                  - { id: shop, name: Shop, system_type: ecommerce }
                  - { id: esp, name: ESP, system_type: esp, ccpa_contract: { role: service_provider, signed: true } }
                flows:
                  - { id: f, from: shop, to: esp, data_categories: [user.contact.email], subject_regions: [US-CA],
                      data_use: marketing.communications.email }
                """),
            RuleExample(
                "a processor under a signed DPA and no separate CCPA contract",
                """
                version: 1
                systems:
                  - { id: shop, name: Shop, system_type: ecommerce }
                  - { id: esp, name: ESP, system_type: esp, responsibility: processor, dpa: { signed: true } }
                flows:
                  - { id: f, from: shop, to: esp, data_categories: [user.contact.email], subject_regions: [US-CA],
                      data_use: marketing.communications.email }
                """),
            RuleExample(
                "the same processor, its DPA not signed (boundary)", failing: ["system:esp"],
                """
                version: 1
                systems:
                  - { id: shop, name: Shop, system_type: ecommerce }
                  - { id: esp, name: ESP, system_type: esp, responsibility: processor, dpa: { signed: false } }
                flows:
                  - { id: f, from: shop, to: esp, data_categories: [user.contact.email], subject_regions: [US-CA],
                      data_use: marketing.communications.email }
                """),
            RuleExample(
                "a processor under a signed DPA when the policy does not accept DPAs", failing: ["system:esp"],
                parameters: ["dpa_counts_as_service_provider_contract": .bool(false)],
                """
                version: 1
                systems:
                  - { id: shop, name: Shop, system_type: ecommerce }
                  - { id: esp, name: ESP, system_type: esp, responsibility: processor, dpa: { signed: true } }
                flows:
                  - { id: f, from: shop, to: esp, data_categories: [user.contact.email], subject_regions: [US-CA],
                      data_use: marketing.communications.email }
                """),
            RuleExample(
                "a joint controller's signed DPA does not stand in for the CCPA contract", failing: ["system:ads"],
                """
                version: 1
                systems:
                  - { id: shop, name: Shop, system_type: ecommerce }
                  - { id: ads, name: Ads, system_type: ad_platform, responsibility: joint_controller, dpa: { signed: true } }
                flows:
                  - { id: f, from: shop, to: ads, data_categories: [user.device.cookie_id], subject_regions: [US-CA],
                      data_use: marketing.advertising, ccpa_share: true }
                """),
            RuleExample(
                "an unsigned CCPA contract is not rescued by a signed DPA", failing: ["system:esp"],
                """
                version: 1
                systems:
                  - { id: shop, name: Shop, system_type: ecommerce }
                  - { id: esp, name: ESP, system_type: esp, responsibility: processor, dpa: { signed: true },
                      ccpa_contract: { role: service_provider, signed: false } }
                flows:
                  - { id: f, from: shop, to: esp, data_categories: [user.contact.email], subject_regions: [US-CA],
                      data_use: marketing.communications.email }
                """),
            RuleExample(
                "a business in scope by consumers alone (boundary: exactly 100,000)", failing: ["system:esp"],
                """
                version: 1
                organization: { name: Shop Inc., annual_gross_revenue_usd: 1000000, ca_consumers_per_year: 100000 }
                systems: [{ id: shop, name: Shop, system_type: ecommerce }, { id: esp, name: ESP, system_type: esp }]
                flows:
                  - { id: f, from: shop, to: esp, data_categories: [user.contact.email], subject_regions: [US-CA],
                      data_use: marketing.communications.email }
                """),
            RuleExample(
                "a flow that declares only EEA subjects, from a system holding Californians' data too",
                """
                version: 1
                systems:
                  - { id: shop, name: Shop, system_type: ecommerce }
                  - { id: crm, name: CRM, system_type: crm, ccpa_contract: { role: service_provider, signed: true } }
                  - { id: counsel, name: Counsel, system_type: other }
                flows:
                  - { id: in, from: shop, to: crm, data_categories: [user.name], subject_regions: [US-CA, EEA],
                      data_use: essential.service }
                  - { id: claim, from: crm, to: counsel, data_categories: [user.name], subject_regions: [EEA],
                      data_use: essential.legal_obligation }
                """),
            RuleExample(
                "no contract with the recipient", failing: ["system:esp"],
                """
                version: 1
                organization: { name: Shop Inc., annual_gross_revenue_usd: 90000000 }
                systems: [{ id: shop, name: Shop, system_type: ecommerce }, { id: esp, name: ESP, system_type: esp }]
                flows:
                  - { id: f, from: shop, to: esp, data_categories: [user.contact.email], subject_regions: [US-CA],
                      data_use: marketing.communications.email }
                """),
            RuleExample(
                "a contract drafted but not signed (boundary: `signed` defaults to false)", failing: ["system:esp"],
                """
                version: 1
                systems:
                  - { id: shop, name: Shop, system_type: ecommerce }
                  - { id: esp, name: ESP, system_type: esp, ccpa_contract: { role: service_provider } }
                flows:
                  - { id: f, from: shop, to: esp, data_categories: [user.contact.email], subject_regions: [US-CA],
                      data_use: marketing.communications.email }
                """),
            RuleExample(
                "Californians' data reaching the recipient through a CDP (lineage)", failing: ["system:ads"],
                """
                version: 1
                systems:
                  - { id: shop, name: Shop, system_type: ecommerce }
                  - { id: cdp, name: CDP, system_type: cdp, ccpa_contract: { role: service_provider, signed: true } }
                  - { id: ads, name: Ads, system_type: ad_platform }
                flows:
                  - { id: in, from: shop, to: cdp, data_categories: [user.device.cookie_id], subject_regions: [US-CA],
                      data_use: marketing.advertising }
                  - { id: out, from: cdp, to: ads, data_categories: [user.device.cookie_id], data_use: marketing.advertising }
                """),
            RuleExample(
                "a third party under a signed contract, but its flow is not declared a sale or share",
                failing: ["system:ads"],
                """
                version: 1
                systems:
                  - { id: shop, name: Shop, system_type: ecommerce }
                  - { id: ads, name: Ads, system_type: ad_platform, ccpa_contract: { role: third_party, signed: true } }
                flows:
                  - { id: f, from: shop, to: ads, data_categories: [user.device.cookie_id], subject_regions: [US-CA],
                      data_use: marketing.advertising }
                """),
            RuleExample(
                "the same third party, its flow declared a share",
                """
                version: 1
                systems:
                  - { id: shop, name: Shop, system_type: ecommerce }
                  - { id: ads, name: Ads, system_type: ad_platform, ccpa_contract: { role: third_party, signed: true } }
                flows:
                  - { id: f, from: shop, to: ads, data_categories: [user.device.cookie_id], subject_regions: [US-CA],
                      data_use: marketing.advertising, ccpa_share: true }
                """),
            RuleExample(
                "a business under every threshold (boundary: revenue of exactly $26,625,000 is not above it)",
                """
                version: 1
                organization: { name: Shop Inc., annual_gross_revenue_usd: 26625000, ca_consumers_per_year: 99999 }
                systems: [{ id: shop, name: Shop, system_type: ecommerce }, { id: esp, name: ESP, system_type: esp }]
                flows:
                  - { id: f, from: shop, to: esp, data_categories: [user.contact.email], subject_regions: [US-CA],
                      data_use: marketing.communications.email }
                """),
            RuleExample(
                "revenue of $26,625,001 is above the threshold (boundary)", failing: ["system:esp"],
                """
                version: 1
                organization: { name: Shop Inc., annual_gross_revenue_usd: 26625001, ca_consumers_per_year: 99999 }
                systems: [{ id: shop, name: Shop, system_type: ecommerce }, { id: esp, name: ESP, system_type: esp }]
                flows:
                  - { id: f, from: shop, to: esp, data_categories: [user.contact.email], subject_regions: [US-CA],
                      data_use: marketing.communications.email }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        guard CCPAScope.isBusiness(context.inventory.organization, context.parameters) else { return [] }
        let dpaCounts = context.parameters.bool("dpa_counts_as_service_provider_contract")
        let lineage = context.lineage
        // The flows carrying Californians' personal information, grouped by recipient in
        // declaration order.
        var received: [String: [Flow]] = [:]
        for flow in context.inventory.flows where CCPAScope.carriesCalifornianPersonalData(flow, lineage) {
            received[flow.to, default: []].append(flow)
        }
        guard !received.isEmpty else { return [] }
        var evaluations: [Evaluation] = []
        for system in context.inventory.systems {
            guard let flows = received[system.id] else { continue }
            let first = flows[0]
            let arrives =
                PrivacyScope.isCalifornia(first.subjectRegions)
                ? "flow '\(first.id)'" : "flow '\(first.id)', from upstream"
            let contract = system.ccpaContract
            var violations: [Violation] = []
            if contract == nil && dpaCounts && system.isProcessor && system.dpa?.signed == true {
                // A service provider by its DPA: nothing more to check.
            } else if contract?.signed != true {
                let sold = flows.contains { $0.ccpaSale || $0.ccpaShare } || contract?.role == .thirdParty
                violations.append(
                    Violation(
                        sold
                            ? "sells or shares personal information of California consumers (\(arrives)) without the signed contract §1798.100(d) requires"
                            : "receives personal information of California consumers (\(arrives)) without a signed CCPA contract, so the disclosure is treated as a sale or share",
                        at: contract?.origin.location("signed") ?? system.origin.location("ccpa_contract"),
                        key: "ccpa_contract"))
            } else if contract?.role == .thirdParty || (contract?.role == nil && !system.isProcessor) {
                // A third party, declared or by default for a recipient that is not a processor.
                let undeclared = flows.filter { !$0.ccpaSale && !$0.ccpaShare }
                if let flow = undeclared.first {
                    let more = undeclared.count > 1 ? " (and \(undeclared.count - 1) more)" : ""
                    violations.append(
                        Violation(
                            "the recipient is a third party, so flow '\(flow.id)'\(more) is a sale or share, but it is not declared as one",
                            at: flow.origin.location("ccpa_share"), key: "undeclared_sale"))
                }
            }
            evaluations.append(Evaluation(.system(system), violations))
        }
        return evaluations
    }
}
