import TollgateKit

/// PRIV-032: a business that uses Californians' sensitive personal information beyond the
/// permitted purposes lets them limit it, and a business that sells, shares or processes
/// sensitive personal information has a CPPA risk assessment on file.
public struct CCPASensitivePersonalInformation: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "PRIV-032", slug: "ccpa-sensitive-personal-information", domain: .privacy,
        title: "CCPA sensitive personal information",
        rationale: """
            Consumers may limit a business's use of their sensitive personal information (precise geolocation, \
            government ids, account log-ins with their credentials, health, biometric, racial, religious or \
            philosophical data, \
            the contents of private messages) to the purposes listed in 11 CCR §7027(m), such as providing the \
            goods they asked for and security (Cal. Civ. Code §1798.121). A business that uses it for anything else, \
            such as marketing or personalisation, must offer a "Limit the Use of My Sensitive Personal \
            Information" link, or a single alternative opt-out link, on its homepages (§1798.135(a)). From \
            1 Jan 2026 the CPPA regulations also require a written risk assessment before selling or sharing \
            personal information or processing sensitive personal information. Processing that began before 2026 \
            has until 31 Dec 2027: a flow declaring `processing_started` before 2026 is given that time, and one \
            that does not is taken to be new processing. Credentials count only together with the account log-in or financial account they open. \
            Philosophical beliefs count with religious ones, as §1798.140(ae)(1)(C) says; the reference's CPRA_SPI \
            set leaves them out, and the statute is followed here.
            """,
        severity: .high,
        references: [
            "Cal. Civ. Code §1798.121", "Cal. Civ. Code §1798.135(a)", "Cal. Civ. Code §1798.140(ae)",
            "11 CCR §7027", "CPPA regulations on risk assessments (effective 2026-01-01)",
        ],
        controls: .ccpaConsumerChoices,
        remediation:
            "stop using sensitive personal information for marketing or personalisation, or add the \"Limit the Use of My Sensitive Personal Information\" link (`ccpa_links: { limit_spi: true }`) to every property California consumers use; carry out the CPPA risk assessment and record its date (`organization.ccpa_risk_assessment_on`)",
        parameters: CCPAScope.thresholdParameters + [
            RuleParameter(
                // §1798.140(ae)(1)(C) names "religious or philosophical beliefs"; the philosophical
                // key is Tollgate's extension of the Fides taxonomy (as for GDPR Art. 9).
                "sensitive_categories",
                .strings(PrivacyCategorySets.cpraSensitive),
                "sensitive personal information (§1798.140(ae)); credentials count only with an account log-in or financial data",
                values: .taxonomy(.dataCategory)
            ),
            RuleParameter(
                "limited_uses", .strings(["marketing", "personalize", "third_party_sharing", "train_ai_system"]),
                "data uses beyond the purposes of 11 CCR §7027(m), which consumers can limit",
                values: .taxonomy(.dataUse)),
            RuleParameter(
                "risk_assessment_from", .string("2026-01-01"),
                "date from which a CPPA risk assessment must be on file before processing begins",
                values: .days),
            RuleParameter(
                "existing_processing_deadline", .string("2027-12-31"),
                "last day to assess processing begun before risk_assessment_from (`processing_started`)",
                values: .days),
        ],
        examples: [
            RuleExample(
                "precise geolocation used to deliver orders, a risk assessment on file",
                """
                version: 1
                organization: { name: Shop Inc., annual_gross_revenue_usd: 90000000, ccpa_risk_assessment_on: 2026-02-01 }
                systems: [{ id: shop, name: Shop, system_type: ecommerce }, { id: courier, name: Courier, system_type: other }]
                flows:
                  - { id: f, from: shop, to: courier, data_categories: [user.location.precise, user.name], subject_regions: [US-CA],
                      data_use: essential.service }
                web_properties: [{ id: web, domain: shop.example, audience_regions: [US] }]
                """),
            RuleExample(
                "precise geolocation used for e-mail marketing with no \"Limit\" link",
                failing: ["flow:f", "web_property:web"],
                """
                version: 1
                organization: { name: Shop Inc., annual_gross_revenue_usd: 90000000, ccpa_risk_assessment_on: 2026-02-01 }
                systems: [{ id: shop, name: Shop, system_type: ecommerce }, { id: esp, name: ESP, system_type: esp }]
                flows:
                  - { id: f, from: shop, to: esp, data_categories: [user.contact.email, user.location.precise],
                      subject_regions: [US, US-CA], data_use: marketing.communications.email }
                web_properties:
                  - { id: web, domain: shop.example, audience_regions: [US], ccpa_links: { do_not_sell_or_share: true, limit_spi: false } }
                  - { id: eu, domain: shop.example.eu, audience_regions: [EEA] }
                """),
            RuleExample(
                "the same use with the \"Limit the Use of My Sensitive Personal Information\" link",
                """
                version: 1
                organization: { name: Shop Inc., annual_gross_revenue_usd: 90000000, ccpa_risk_assessment_on: 2026-02-01 }
                systems: [{ id: shop, name: Shop, system_type: ecommerce }, { id: esp, name: ESP, system_type: esp }]
                flows:
                  - { id: f, from: shop, to: esp, data_categories: [user.contact.email, user.location.precise],
                      subject_regions: [US, US-CA], data_use: marketing.communications.email }
                web_properties:
                  - { id: web, domain: shop.example, audience_regions: [US], ccpa_links: { limit_spi: true } }
                """),
            RuleExample(
                "the same use with a single alternative opt-out link",
                """
                version: 1
                organization: { name: Shop Inc., annual_gross_revenue_usd: 90000000, ccpa_risk_assessment_on: 2026-02-01 }
                systems: [{ id: shop, name: Shop, system_type: ecommerce }, { id: esp, name: ESP, system_type: esp }]
                flows:
                  - { id: f, from: shop, to: esp, data_categories: [user.contact.email, user.location.precise],
                      subject_regions: [US-CA], data_use: marketing.communications.email }
                web_properties:
                  - { id: web, domain: shop.example, ccpa_links: { alternative_link: true } }
                """),
            RuleExample(
                "philosophical beliefs used for personalisation, and nowhere to offer the link", failing: ["flow:f"],
                """
                version: 1
                organization: { name: Shop Inc., annual_gross_revenue_usd: 90000000, ccpa_risk_assessment_on: 2026-02-01 }
                systems: [{ id: shop, name: Shop, system_type: ecommerce }, { id: cdp, name: CDP, system_type: cdp }]
                flows:
                  - { id: f, from: shop, to: cdp, data_categories: [user.demographic.philosophical_belief],
                      subject_regions: [US-CA], data_use: personalize.content }
                """),
            RuleExample(
                "an account log-in with its password used for personalisation, and nowhere to offer the link",
                failing: ["flow:f"],
                """
                version: 1
                organization: { name: Shop Inc., annual_gross_revenue_usd: 90000000, ccpa_risk_assessment_on: 2026-02-01 }
                systems: [{ id: shop, name: Shop, system_type: ecommerce }, { id: cdp, name: CDP, system_type: cdp }]
                flows:
                  - { id: f, from: shop, to: cdp, data_categories: [user.account.username, user.authorization.password],
                      subject_regions: [US-CA], data_use: personalize.content }
                """),
            RuleExample(
                "a password without the log-in it opens is not sensitive personal information (boundary)",
                """
                version: 1
                organization: { name: Shop Inc., annual_gross_revenue_usd: 90000000 }
                systems: [{ id: shop, name: Shop, system_type: ecommerce }, { id: cdp, name: CDP, system_type: cdp }]
                flows:
                  - { id: f, from: shop, to: cdp, data_categories: [user.contact.email, user.authorization.password],
                      subject_regions: [US-CA], data_use: personalize.content }
                """),
            RuleExample(
                "sharing with no risk assessment on 2025-12-31 (boundary)", asOf: "2025-12-31",
                """
                version: 1
                organization: { name: Shop Inc., annual_gross_revenue_usd: 90000000 }
                systems: [{ id: shop, name: Shop, system_type: ecommerce }, { id: ads, name: Ads, system_type: ad_platform }]
                flows:
                  - { id: f, from: shop, to: ads, data_categories: [user.device.cookie_id], subject_regions: [US-CA],
                      data_use: marketing.advertising, ccpa_share: true }
                """),
            RuleExample(
                "sharing with no risk assessment on 2026-01-01 (boundary)", failing: ["organization:Shop Inc."],
                asOf: "2026-01-01",
                """
                version: 1
                organization: { name: Shop Inc., annual_gross_revenue_usd: 90000000 }
                systems: [{ id: shop, name: Shop, system_type: ecommerce }, { id: ads, name: Ads, system_type: ad_platform }]
                flows:
                  - { id: f, from: shop, to: ads, data_categories: [user.device.cookie_id], subject_regions: [US-CA],
                      data_use: marketing.advertising, ccpa_share: true }
                """),
            RuleExample(
                "sharing begun before 2026, no risk assessment on 2027-12-31 (boundary)", asOf: "2027-12-31",
                """
                version: 1
                organization: { name: Shop Inc., annual_gross_revenue_usd: 90000000 }
                systems: [{ id: shop, name: Shop, system_type: ecommerce }, { id: ads, name: Ads, system_type: ad_platform }]
                flows:
                  - { id: f, from: shop, to: ads, data_categories: [user.device.cookie_id], subject_regions: [US-CA],
                      data_use: marketing.advertising, ccpa_share: true, processing_started: 2025-12-31 }
                """),
            RuleExample(
                "sharing begun before 2026, no risk assessment on 2028-01-01 (boundary)",
                failing: ["organization:Shop Inc."], asOf: "2028-01-01",
                """
                version: 1
                organization: { name: Shop Inc., annual_gross_revenue_usd: 90000000 }
                systems: [{ id: shop, name: Shop, system_type: ecommerce }, { id: ads, name: Ads, system_type: ad_platform }]
                flows:
                  - { id: f, from: shop, to: ads, data_categories: [user.device.cookie_id], subject_regions: [US-CA],
                      data_use: marketing.advertising, ccpa_share: true, processing_started: 2025-12-31 }
                """),
            RuleExample(
                "sharing begun on 2026-01-01 needs its risk assessment at once (boundary)",
                failing: ["organization:Shop Inc."], asOf: "2026-01-01",
                """
                version: 1
                organization: { name: Shop Inc., annual_gross_revenue_usd: 90000000 }
                systems: [{ id: shop, name: Shop, system_type: ecommerce }, { id: ads, name: Ads, system_type: ad_platform }]
                flows:
                  - { id: f, from: shop, to: ads, data_categories: [user.device.cookie_id], subject_regions: [US-CA],
                      data_use: marketing.advertising, ccpa_share: true, processing_started: 2026-01-01 }
                """),
            RuleExample(
                "a risk assessment dated after the as-of date is not on file yet", failing: ["organization:Shop Inc."],
                asOf: "2026-06-01",
                """
                version: 1
                organization: { name: Shop Inc., annual_gross_revenue_usd: 90000000, ccpa_risk_assessment_on: 2026-09-30 }
                systems: [{ id: shop, name: Shop, system_type: ecommerce }, { id: ads, name: Ads, system_type: ad_platform }]
                flows:
                  - { id: f, from: shop, to: ads, data_categories: [user.device.cookie_id], subject_regions: [US-CA],
                      data_use: marketing.advertising, ccpa_share: true }
                """),
            RuleExample(
                "a business below every threshold is not in scope (boundary)",
                """
                version: 1
                organization: { name: Corner Shop, annual_gross_revenue_usd: 26625000, ca_consumers_per_year: 99999 }
                systems: [{ id: shop, name: Shop, system_type: ecommerce }, { id: esp, name: ESP, system_type: esp }]
                flows:
                  - { id: f, from: shop, to: esp, data_categories: [user.location.precise], subject_regions: [US-CA],
                      data_use: marketing.communications.email, ccpa_share: true }
                """),
            RuleExample(
                "revenue of $26,625,001 is above the threshold (boundary)",
                failing: ["flow:f", "organization:Corner Shop"],
                """
                version: 1
                organization: { name: Corner Shop, annual_gross_revenue_usd: 26625001, ca_consumers_per_year: 99999 }
                systems: [{ id: shop, name: Shop, system_type: ecommerce }, { id: esp, name: ESP, system_type: esp }]
                flows:
                  - { id: f, from: shop, to: esp, data_categories: [user.location.precise], subject_regions: [US-CA],
                      data_use: marketing.communications.email, ccpa_share: true }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let p = context.parameters
        let organization = context.inventory.organization
        guard CCPAScope.isBusiness(organization, p) else { return [] }
        let lineage = context.lineage
        let sensitive = p.strings("sensitive_categories")
        let limitedUses = p.strings("limited_uses")
        var evaluations: [Evaluation] = []
        // The flows using Californians' sensitive personal information beyond §7027(m), with the
        // sensitive categories each carries.
        var beyond: [(flow: Flow, categories: [String])] = []
        var sensitiveFlows: Set<ObjectIdentifier> = []
        for flow in context.inventory.flows {
            let categories = sensitiveCategories(flow, sensitive)
            guard !categories.isEmpty, CCPAScope.carriesCalifornianPersonalData(flow, lineage) else { continue }
            sensitiveFlows.insert(ObjectIdentifier(flow))
            if let use = flow.dataUse, Taxonomy.matchesAny(use, limitedUses) {
                beyond.append((flow, categories))
            } else {
                evaluations.append(Evaluation(.flow(flow)))
            }
        }
        if !beyond.isEmpty {
            // The properties Californians use: for the US or California, or for no declared audience.
            let properties = context.inventory.webProperties.filter {
                $0.audienceRegions.isEmpty || PrivacyScope.isUS($0.audienceRegions)
            }
            func offersLimit(_ property: WebProperty) -> Bool {
                property.ccpaLinks?.limitSensitive == true || property.ccpaLinks?.alternativeLink == true
            }
            let offered = properties.contains(where: offersLimit)
            for (flow, categories) in beyond {
                evaluations.append(
                    Evaluation(
                        .flow(flow),
                        offered
                            ? []
                            : [
                                Violation(
                                    "uses sensitive personal information of California consumers (\(PrivacyScope.list(categories))) for \(flow.dataUse ?? ""), beyond the purposes 11 CCR §7027(m) allows, and no web property offers a \"Limit the Use of My Sensitive Personal Information\" link",
                                    at: flow.origin.location("data_categories"), key: "limit_spi")
                            ]))
            }
            let more = beyond.count > 1 ? " and \(beyond.count - 1) more" : ""
            for property in properties {
                let links = property.ccpaLinks
                evaluations.append(
                    Evaluation(
                        .webProperty(property),
                        offersLimit(property)
                            ? []
                            : [
                                Violation(
                                    "sensitive personal information is used beyond the purposes 11 CCR §7027(m) allows (flow '\(beyond[0].flow.id)'\(more)) but the property has no \"Limit the Use of My Sensitive Personal Information\" or alternative opt-out link",
                                    at: links?.origin.location("limit_spi") ?? property.origin.location("ccpa_links"),
                                    key: "limit_spi")
                            ]))
            }
        }
        // The risk assessment is the organisation's record; without an organisation there is
        // nowhere to declare it.
        let from = PrivacyScope.day(
            p.string("risk_assessment_from"), fallback: Day(year: 2026, month: 1, day: 1)!)
        let existingDeadline = PrivacyScope.day(
            p.string("existing_processing_deadline"), fallback: Day(year: 2027, month: 12, day: 31)!)
        guard let organization, context.asOf >= from else { return evaluations }
        // The activities that need an assessment, and the flows for which one is due by now: new
        // processing from the day it begins (not before `from`), processing begun before `from`
        // after `existingDeadline`; a flow that does not say when it began counts as new.
        var sells = false
        var processesSensitive = false
        var due: [(flow: Flow, sells: Bool, sensitive: Bool)] = []
        for flow in context.inventory.flows {
            let flowSells = (flow.ccpaSale || flow.ccpaShare) && CCPAScope.concernsCalifornia(flow, lineage)
            let flowSensitive = sensitiveFlows.contains(ObjectIdentifier(flow))
            guard flowSells || flowSensitive else { continue }
            sells = sells || flowSells
            processesSensitive = processesSensitive || flowSensitive
            let dueFrom = flow.processingStarted.map { $0 < from ? existingDeadline.adding(days: 1) : $0 } ?? from
            if context.asOf >= dueFrom { due.append((flow, flowSells, flowSensitive)) }
        }
        guard sells || processesSensitive else { return evaluations }
        var violations: [Violation] = []
        if let first = due.first, organization.ccpaRiskAssessmentOn.map({ $0 > context.asOf }) ?? true {
            let dueSells = due.contains(where: \.sells)
            let dueSensitive = due.contains(where: \.sensitive)
            let activity =
                dueSells && dueSensitive
                ? "sells or shares personal information and processes sensitive personal information"
                : dueSells ? "sells or shares personal information" : "processes sensitive personal information"
            let more = due.count > 1 ? " and \(due.count - 1) more" : ""
            let deadline: String
            if let started = first.flow.processingStarted, started < from {
                deadline = "flow '\(first.flow.id)'\(more) began on \(started) and had until \(existingDeadline)"
            } else if let started = first.flow.processingStarted {
                deadline = "required before processing begins: flow '\(first.flow.id)'\(more) began on \(started)"
            } else {
                deadline =
                    "required from \(from) for flow '\(first.flow.id)'\(more); processing begun before \(from) has until \(existingDeadline), declared with `processing_started`"
            }
            let state =
                organization.ccpaRiskAssessmentOn.map {
                    AssessmentGap.notYetOnRecord("its CPPA risk assessment", dated: $0, asOf: context.asOf)
                }
                ?? "no CPPA risk assessment is on file"
            violations.append(
                Violation(
                    "the business \(activity) of California consumers but \(state) (\(deadline))",
                    at: organization.origin.location("ccpa_risk_assessment_on"), key: "ccpa_risk_assessment_on"))
        }
        evaluations.append(Evaluation(.organization(organization), violations))
        return evaluations
    }

    /// The sensitive categories `flow` carries; credentials only with the log-in or financial
    /// account they open (§1798.140(ae)(1)(B)).
    private func sensitiveCategories(_ flow: Flow, _ sensitive: [String]) -> [String] {
        let opensAccount = flow.dataCategories.contains {
            Taxonomy.matchesAny($0, ["user.account.username", "user.financial"])
        }
        return flow.dataCategories.filter { category in
            Taxonomy.matchesAny(category, sensitive)
                && (opensAccount || !Taxonomy.matches(category, ancestor: "user.authorization"))
        }
    }
}
