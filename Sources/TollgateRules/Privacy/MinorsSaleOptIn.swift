import TollgateKit

/// PRIV-033: Californians' data of consumers under 16 is sold or shared only with their recorded
/// opt-in, and of children under 13 only with a parent's.
public struct MinorsSaleOptIn: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "PRIV-033", slug: "minors-sale-opt-in", domain: .privacy,
        title: "No sale or share of minors' data without opt-in",
        rationale: """
            A business may not sell or share the personal information of a consumer it knows to be under 16 unless \
            the consumer (13 to 15) or a parent or guardian (under 13) has affirmatively authorised it (Cal. Civ. \
            Code §1798.120(c)); wilfully disregarding the age counts as knowing. The default for minors is opt-in, \
            not the opt-out PRIV-030 checks. Under 13 the parent's authorisation is what counts; children of no \
            declared age are held to it. Ages do not travel along the data-flow graph, so declare \
            `youngest_subject_age` on the flow that sells or shares.
            """,
        severity: .critical,
        references: ["Cal. Civ. Code §1798.120(c)", "Cal. Civ. Code §1798.120(d)", "11 CCR §7070", "11 CCR §7071"],
        controls: ControlMapping(
            iso27001: ["A.5.31", "A.5.34"], soc2: ["P2.1", "P3.2"], nistCSF: ["GV.OC-03"]),
        remediation:
            "stop selling or sharing the minors' data, or record the opt-in (`minors_opt_in: true`) and, under 13, the parent's authorisation (`parental_consent: true`)",
        parameters: CCPAScope.thresholdParameters + [
            RuleParameter("opt_in_age", .int(16), "consumers younger than this must opt in (§1798.120(c))"),
            RuleParameter("parental_age", .int(13), "consumers younger than this need a parent's opt-in"),
        ],
        examples: [
            RuleExample(
                "teenagers' data shared with their recorded opt-in (boundary: 13 needs no parent)",
                """
                version: 1
                systems: [{ id: app, name: App, system_type: ecommerce }, { id: ads, name: Ads, system_type: ad_platform }]
                flows:
                  - { id: f, from: app, to: ads, data_categories: [user.device.cookie_id], subject_regions: [US-CA],
                      youngest_subject_age: 13, ccpa_share: true, minors_opt_in: true, data_use: marketing.advertising }
                """),
            RuleExample(
                "15-year-olds' data shared without opt-in (boundary)", failing: ["flow:f"],
                """
                version: 1
                systems: [{ id: app, name: App, system_type: ecommerce }, { id: ads, name: Ads, system_type: ad_platform }]
                flows:
                  - { id: f, from: app, to: ads, data_categories: [user.device.cookie_id], subject_regions: [US-CA],
                      youngest_subject_age: 15, ccpa_share: true, data_use: marketing.advertising }
                """),
            RuleExample(
                "16-year-olds are adults for this rule (boundary)",
                """
                version: 1
                systems: [{ id: app, name: App, system_type: ecommerce }, { id: ads, name: Ads, system_type: ad_platform }]
                flows:
                  - { id: f, from: app, to: ads, data_categories: [user.device.cookie_id], subject_regions: [US-CA],
                      youngest_subject_age: 16, ccpa_share: true, data_use: marketing.advertising }
                """),
            RuleExample(
                "12-year-olds' data sold with their own opt-in but no parent's (boundary: under 13)",
                failing: ["flow:f"],
                """
                version: 1
                systems: [{ id: app, name: App, system_type: ecommerce }, { id: broker, name: Broker, system_type: other }]
                flows:
                  - { id: f, from: app, to: broker, data_categories: [user.contact.email], subject_regions: [US-CA],
                      youngest_subject_age: 12, ccpa_sale: true, minors_opt_in: true, data_use: marketing }
                """),
            RuleExample(
                "a kids' club list reaching a sold flow that declares no subjects (lineage)", failing: ["flow:out"],
                """
                version: 1
                systems:
                  - { id: app, name: App, system_type: ecommerce }
                  - { id: cdp, name: CDP, system_type: cdp }
                  - { id: broker, name: Broker, system_type: other }
                flows:
                  - { id: in, from: app, to: cdp, data_categories: [user.contact.email], data_subjects: [child],
                      subject_regions: [US-CA], data_use: personalize }
                  - { id: out, from: cdp, to: broker, data_categories: [user.contact.email], ccpa_sale: true, data_use: marketing }
                """),
            RuleExample(
                "EEA children and Californian adults meet in a CDP: the sale carries no Californian minors",
                """
                version: 1
                systems:
                  - { id: app, name: App, system_type: ecommerce }
                  - { id: cdp, name: CDP, system_type: cdp }
                  - { id: broker, name: Broker, system_type: other }
                flows:
                  - { id: eu-kids, from: app, to: cdp, data_categories: [user.contact.email], data_subjects: [child],
                      subject_regions: [EEA], data_use: personalize }
                  - { id: ca-adults, from: app, to: cdp, data_categories: [user.contact.email], data_subjects: [customer],
                      subject_regions: [US-CA], data_use: personalize }
                  - { id: out, from: cdp, to: broker, data_categories: [user.contact.email], ccpa_sale: true, data_use: marketing }
                """),
            RuleExample(
                "12-year-olds' data sold with their opt-in and a parent's (boundary)",
                """
                version: 1
                systems: [{ id: app, name: App, system_type: ecommerce }, { id: broker, name: Broker, system_type: other }]
                flows:
                  - { id: f, from: app, to: broker, data_categories: [user.contact.email], subject_regions: [US-CA],
                      youngest_subject_age: 12, ccpa_sale: true, minors_opt_in: true, parental_consent: true, data_use: marketing }
                """),
            RuleExample(
                "16- and 17-year-olds labelled child: the declared age decides (boundary)",
                """
                version: 1
                systems: [{ id: app, name: App, system_type: ecommerce }, { id: ads, name: Ads, system_type: ad_platform }]
                flows:
                  - { id: f, from: app, to: ads, data_categories: [user.device.cookie_id], data_subjects: [child],
                      subject_regions: [US-CA], youngest_subject_age: 16, ccpa_share: true, data_use: marketing.advertising }
                """),
            RuleExample(
                "children of undeclared age with only their own opt-in", failing: ["flow:f"],
                """
                version: 1
                systems: [{ id: app, name: App, system_type: ecommerce }, { id: ads, name: Ads, system_type: ad_platform }]
                flows:
                  - { id: f, from: app, to: ads, data_categories: [user.device.cookie_id], data_subjects: [child],
                      subject_regions: [US-CA], ccpa_share: true, minors_opt_in: true, data_use: marketing.advertising }
                """),
            RuleExample(
                "EEA teenagers' data shared: not California",
                """
                version: 1
                systems: [{ id: app, name: App, system_type: ecommerce }, { id: ads, name: Ads, system_type: ad_platform }]
                flows:
                  - { id: f, from: app, to: ads, data_categories: [user.device.cookie_id], subject_regions: [EEA],
                      youngest_subject_age: 14, ccpa_share: true, data_use: marketing.advertising }
                """),
            RuleExample(
                "a business under every threshold (boundary: 49.9 % of revenue from selling)",
                """
                version: 1
                organization: { name: Shop Inc., annual_gross_revenue_usd: 26625000, ca_consumers_per_year: 99999,
                                pct_revenue_from_selling_sharing: 49.9 }
                systems: [{ id: app, name: App, system_type: ecommerce }, { id: ads, name: Ads, system_type: ad_platform }]
                flows:
                  - { id: f, from: app, to: ads, data_categories: [user.device.cookie_id], subject_regions: [US-CA],
                      youngest_subject_age: 15, ccpa_share: true, data_use: marketing.advertising }
                """),
            RuleExample(
                "revenue of $26,625,001 is above the threshold (boundary)", failing: ["flow:f"],
                """
                version: 1
                organization: { name: Shop Inc., annual_gross_revenue_usd: 26625001, ca_consumers_per_year: 99999,
                                pct_revenue_from_selling_sharing: 49.9 }
                systems: [{ id: app, name: App, system_type: ecommerce }, { id: ads, name: Ads, system_type: ad_platform }]
                flows:
                  - { id: f, from: app, to: ads, data_categories: [user.device.cookie_id], subject_regions: [US-CA],
                      youngest_subject_age: 15, ccpa_share: true, data_use: marketing.advertising }
                """),
            RuleExample(
                "50 % of revenue from selling meets the threshold alone (boundary)", failing: ["flow:f"],
                """
                version: 1
                organization: { name: Shop Inc., annual_gross_revenue_usd: 1000000, ca_consumers_per_year: 5000,
                                pct_revenue_from_selling_sharing: 50 }
                systems: [{ id: app, name: App, system_type: ecommerce }, { id: ads, name: Ads, system_type: ad_platform }]
                flows:
                  - { id: f, from: app, to: ads, data_categories: [user.device.cookie_id], subject_regions: [US-CA],
                      youngest_subject_age: 15, ccpa_share: true, data_use: marketing.advertising }
                """),
            RuleExample(
                "49.9 % of revenue from selling alone is under it (boundary)",
                """
                version: 1
                organization: { name: Shop Inc., annual_gross_revenue_usd: 1000000, ca_consumers_per_year: 5000,
                                pct_revenue_from_selling_sharing: 49.9 }
                systems: [{ id: app, name: App, system_type: ecommerce }, { id: ads, name: Ads, system_type: ad_platform }]
                flows:
                  - { id: f, from: app, to: ads, data_categories: [user.device.cookie_id], subject_regions: [US-CA],
                      youngest_subject_age: 15, ccpa_share: true, data_use: marketing.advertising }
                """),
            RuleExample(
                "a flow that names only adult subjects, from a CDP that also holds children's data",
                """
                version: 1
                systems:
                  - { id: app, name: App, system_type: ecommerce }
                  - { id: cdp, name: CDP, system_type: cdp }
                  - { id: ads, name: Ads, system_type: ad_platform }
                flows:
                  - { id: kids, from: app, to: cdp, data_categories: [user.contact.email], data_subjects: [child],
                      subject_regions: [US-CA], data_use: personalize }
                  - { id: out, from: cdp, to: ads, data_categories: [user.contact.email], data_subjects: [customer],
                      subject_regions: [US-CA], ccpa_share: true, data_use: marketing.advertising }
                """),
            RuleExample(
                "minors' data kept in house: no sale or share",
                """
                version: 1
                systems: [{ id: app, name: App, system_type: ecommerce }, { id: crm, name: CRM, system_type: crm }]
                flows:
                  - { id: f, from: app, to: crm, data_categories: [user.contact.email], subject_regions: [US-CA],
                      youngest_subject_age: 14, data_use: essential.service }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let p = context.parameters
        guard CCPAScope.isBusiness(context.inventory.organization, p) else { return [] }
        let optInAge = p.int("opt_in_age")
        let parentalAge = p.int("parental_age")
        let lineage = context.lineage
        var evaluations: [Evaluation] = []
        for flow in context.inventory.flows where flow.ccpaSale || flow.ccpaShare {
            guard let minors = Self.californianMinors(flow, lineage, optInAge: optInAge) else { continue }
            let what = flow.ccpaSale ? "sold" : "shared"
            var violations: [Violation] = []
            if let age = minors.age, age >= parentalAge {
                if flow.minorsOptIn != true {
                    violations.append(
                        Violation(
                            "data of consumers aged \(age) is \(what) without their recorded opt-in (under \(optInAge), §1798.120(c))",
                            at: flow.origin.location("minors_opt_in"), key: "minors_opt_in"))
                }
            } else if flow.parentalConsent != true {
                // Under 13 the parent or guardian authorises; a child of undeclared age may be.
                let who = minors.age.map { "children aged \($0)" } ?? "children of undeclared age"
                let unknown =
                    minors == .ageUnknown
                    ? "; if all are \(parentalAge) or older, say so with youngest_subject_age" : ""
                violations.append(
                    Violation(
                        "data of \(who) is \(what) without a parent's or guardian's recorded opt-in (under \(parentalAge), §1798.120(c))\(unknown)",
                        at: flow.origin.location("parental_consent"), key: "parental_consent"))
            }
            evaluations.append(Evaluation(.flow(flow), violations))
        }
        return evaluations
    }

    /// Who the minors along a flow are, as far as the declarations say.
    enum Minors: Equatable {
        /// The flow declares the youngest subjects' age.
        case aged(Int)
        /// Children by subject or category, of no declared age.
        case ageUnknown

        var age: Int? {
            if case .aged(let age) = self { return age }
            return nil
        }
    }

    /// The Californian minors `flow` carries, or `nil` when it carries none. A declared
    /// `youngest_subject_age` decides (`child` subjects of 16 and 17 are adults here); otherwise
    /// the flow's own subjects and categories, and, when it names no subjects, a fact the
    /// lineage brings that is both children's data and Californian. Ages do not travel in the
    /// lineage: a teenager's age declared on the collecting flow is not known one hop on.
    static func californianMinors(_ flow: Flow, _ lineage: Lineage, optInAge: Int) -> Minors? {
        let californian: Bool
        let minors: Minors?
        if let age = flow.youngestSubjectAge {
            minors = age < optInAge ? .aged(age) : nil
            californian = CCPAScope.concernsCalifornia(flow, lineage)
        } else if flow.dataSubjects.contains(PrivacyCategorySets.childSubject)
            || !PrivacyScope.matching(flow.dataCategories, PrivacyCategorySets.childCategories).isEmpty
        {
            minors = .ageUnknown
            californian = CCPAScope.concernsCalifornia(flow, lineage)
        } else if flow.dataSubjects.isEmpty {
            // One fact must be both: EEA children and Californian adults meeting in a CDP do not
            // make Californian minors.
            let regionsDeclared = !flow.subjectRegions.isEmpty
            let fact = lineage.firstCarried(by: flow) { fact in
                PrivacyScope.isChildData(fact)
                    && (regionsDeclared || PrivacyScope.isCalifornia(fact.subjectRegions))
            }
            minors = fact == nil ? nil : .ageUnknown
            californian = regionsDeclared ? PrivacyScope.isCalifornia(flow.subjectRegions) : fact != nil
        } else {
            minors = nil
            californian = false
        }
        return californian ? minors : nil
    }
}
