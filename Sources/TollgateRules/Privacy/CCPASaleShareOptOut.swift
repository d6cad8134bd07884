import TollgateKit

/// PRIV-030: a business that sells or shares Californians' data offers the opt-out link,
/// honours Global Privacy Control, shows that it did, and passes opt-outs on to recipients.
public struct CCPASaleShareOptOut: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "PRIV-030", slug: "ccpa-sale-share-opt-out", domain: .privacy,
        title: "CCPA sale/share opt-out and GPC",
        rationale: """
            Consumers may opt out of the sale and sharing of their personal information (Cal. Civ. Code \
            §1798.120); a business must offer a "Do Not Sell or Share" link or an alternative (§1798.135), treat an \
            opt-out preference signal such as Global Privacy Control as a valid opt-out (11 CCR §7025) and, from \
            1 Jan 2026, display whether it processed the signal. Recipients must be told of the opt-out (§7026(f)).
            """,
        severity: .high,
        references: ["Cal. Civ. Code §1798.120", "Cal. Civ. Code §1798.135", "11 CCR §7025", "11 CCR §7026"],
        controls: .ccpaConsumerChoices,
        remediation:
            "add the \"Do Not Sell or Share My Personal Information\" link, configure the CMP to honour GPC and display its status, and sync opt-outs (`user.privacy_preferences`) to every recipient of sold or shared data",
        parameters: CCPAScope.thresholdParameters + [
            RuleParameter(
                "gpc_display_from", .string("2026-01-01"), "date from which the GPC status must be displayed",
                values: .days)
        ],
        examples: [
            RuleExample(
                "sharing with links, GPC honoured and displayed, opt-outs synced",
                """
                version: 1
                organization: { name: Shop Inc., annual_gross_revenue_usd: 90000000 }
                systems: [{ id: cdp, name: CDP, system_type: cdp }, { id: ads, name: Ads, system_type: ad_platform }]
                flows:
                  - { id: share, from: cdp, to: ads, data_categories: [user.device.cookie_id, user.privacy_preferences],
                      subject_regions: [US-CA], ccpa_share: true, data_use: marketing.advertising, legal_basis: consent }
                web_properties:
                  - { id: web, domain: shop.example, ccpa_links: { do_not_sell_or_share: true },
                      cmp: { gpc_honoured: true, gpc_status_displayed: true } }
                """),
            RuleExample(
                "GPC status not displayed on 2025-12-31 (boundary)", asOf: "2025-12-31",
                """
                version: 1
                organization: { name: Shop Inc., annual_gross_revenue_usd: 90000000 }
                systems: [{ id: cdp, name: CDP, system_type: cdp }, { id: ads, name: Ads, system_type: ad_platform }]
                flows:
                  - { id: share, from: cdp, to: ads, data_categories: [user.device.cookie_id], suppression_synced: true,
                      subject_regions: [US-CA], ccpa_share: true, data_use: marketing.advertising, legal_basis: consent }
                web_properties:
                  - { id: web, domain: shop.example, ccpa_links: { do_not_sell_or_share: true },
                      cmp: { gpc_honoured: true, gpc_status_displayed: false } }
                """),
            RuleExample(
                "GPC status not displayed on 2026-01-01 (boundary)", failing: ["web_property:web"], asOf: "2026-01-01",
                """
                version: 1
                organization: { name: Shop Inc., annual_gross_revenue_usd: 90000000 }
                systems: [{ id: cdp, name: CDP, system_type: cdp }, { id: ads, name: Ads, system_type: ad_platform }]
                flows:
                  - { id: share, from: cdp, to: ads, data_categories: [user.device.cookie_id], suppression_synced: true,
                      subject_regions: [US-CA], ccpa_share: true, data_use: marketing.advertising, legal_basis: consent }
                web_properties:
                  - { id: web, domain: shop.example, ccpa_links: { do_not_sell_or_share: true },
                      cmp: { gpc_honoured: true, gpc_status_displayed: false } }
                """),
            RuleExample(
                "selling without a link and without passing opt-outs on", failing: ["web_property:web", "flow:sell"],
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }, { id: broker, name: Broker, system_type: other }]
                flows:
                  - { id: sell, from: crm, to: broker, data_categories: [user.contact.email], subject_regions: [US-CA],
                      ccpa_sale: true, data_use: third_party_sharing, legal_basis: consent }
                web_properties: [{ id: web, domain: shop.example, cmp: { gpc_honoured: false } }]
                """),
            RuleExample(
                "a small business below every threshold is not in scope (boundary)",
                """
                version: 1
                organization: { name: Corner Shop, annual_gross_revenue_usd: 26625000, ca_consumers_per_year: 99999,
                                pct_revenue_from_selling_sharing: 49.9 }
                systems: [{ id: crm, name: CRM, system_type: crm }, { id: broker, name: Broker, system_type: other }]
                flows:
                  - { id: sell, from: crm, to: broker, data_categories: [user.contact.email], subject_regions: [US-CA],
                      ccpa_sale: true, data_use: third_party_sharing, legal_basis: consent }
                web_properties: [{ id: web, domain: shop.example }]
                """),
            RuleExample(
                "revenue of $26,625,001 is above the threshold (boundary)", failing: ["web_property:web", "flow:sell"],
                """
                version: 1
                organization: { name: Corner Shop, annual_gross_revenue_usd: 26625001, ca_consumers_per_year: 99999,
                                pct_revenue_from_selling_sharing: 49.9 }
                systems: [{ id: crm, name: CRM, system_type: crm }, { id: broker, name: Broker, system_type: other }]
                flows:
                  - { id: sell, from: crm, to: broker, data_categories: [user.contact.email], subject_regions: [US-CA],
                      ccpa_sale: true, data_use: third_party_sharing, legal_basis: consent }
                web_properties: [{ id: web, domain: shop.example }]
                """),
            RuleExample(
                "50 % of revenue from selling meets the threshold alone (boundary)",
                failing: ["web_property:web", "flow:sell"],
                """
                version: 1
                organization: { name: Corner Shop, annual_gross_revenue_usd: 1000000, ca_consumers_per_year: 5000,
                                pct_revenue_from_selling_sharing: 50 }
                systems: [{ id: crm, name: CRM, system_type: crm }, { id: broker, name: Broker, system_type: other }]
                flows:
                  - { id: sell, from: crm, to: broker, data_categories: [user.contact.email], subject_regions: [US-CA],
                      ccpa_sale: true, data_use: third_party_sharing, legal_basis: consent }
                web_properties: [{ id: web, domain: shop.example }]
                """),
            RuleExample(
                "49.9 % of revenue from selling alone is under it (boundary)",
                """
                version: 1
                organization: { name: Corner Shop, annual_gross_revenue_usd: 1000000, ca_consumers_per_year: 5000,
                                pct_revenue_from_selling_sharing: 49.9 }
                systems: [{ id: crm, name: CRM, system_type: crm }, { id: broker, name: Broker, system_type: other }]
                flows:
                  - { id: sell, from: crm, to: broker, data_categories: [user.contact.email], subject_regions: [US-CA],
                      ccpa_sale: true, data_use: third_party_sharing, legal_basis: consent }
                web_properties: [{ id: web, domain: shop.example }]
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let p = context.parameters
        guard CCPAScope.isBusiness(context.inventory.organization, p) else { return [] }
        let lineage = context.lineage
        let sold = context.inventory.flows.filter { flow in
            (flow.ccpaSale || flow.ccpaShare) && CCPAScope.concernsCalifornia(flow, lineage)
        }
        guard !sold.isEmpty else { return [] }
        let displayFrom = PrivacyScope.day(p.string("gpc_display_from"), fallback: Day(year: 2026, month: 1, day: 1)!)
        var evaluations: [Evaluation] = []
        for property in context.inventory.webProperties {
            var violations: [Violation] = []
            let links = property.ccpaLinks
            if links?.doNotSellOrShare != true && links?.alternativeLink != true {
                violations.append(
                    Violation(
                        "personal information is sold or shared but the property has no \"Do Not Sell or Share\" or alternative opt-out link",
                        at: links?.origin.location("do_not_sell_or_share") ?? property.origin.location("ccpa_links"),
                        key: "ccpa_links"))
            }
            if property.cmp?.gpcHonoured != true {
                violations.append(
                    Violation(
                        "the Global Privacy Control signal is not honoured as an opt-out of sale and sharing",
                        at: property.cmp?.origin.location("gpc_honoured") ?? property.origin.location("cmp"),
                        key: "gpc_honoured"))
            } else if context.asOf >= displayFrom && property.cmp?.gpcStatusDisplayed != true {
                violations.append(
                    Violation(
                        "the property does not display whether the GPC opt-out was processed (required from \(displayFrom))",
                        at: property.cmp?.origin.location("gpc_status_displayed") ?? property.origin.location("cmp"),
                        key: "gpc_status_displayed"))
            }
            evaluations.append(Evaluation(.webProperty(property), violations))
        }
        for flow in sold {
            let told =
                flow.suppressionSynced == true
                || lineage.firstArrival(at: flow.to) {
                    Taxonomy.matches($0.category, ancestor: "user.privacy_preferences")
                } != nil
            evaluations.append(
                Evaluation(
                    .flow(flow),
                    told
                        ? []
                        : [
                            Violation(
                                "opt-outs of sale and sharing do not reach the recipient '\(flow.to)'",
                                at: flow.origin.location("suppression_synced"), key: "opt_out_propagation")
                        ]))
        }
        return evaluations
    }
}
