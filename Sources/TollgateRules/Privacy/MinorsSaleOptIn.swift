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
            not the opt-out PRIV-030 checks.
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
                "12-year-olds' data sold with their own opt-in but no parent's (boundary)", failing: ["flow:f"],
                """
                version: 1
                systems: [{ id: app, name: App, system_type: ecommerce }, { id: broker, name: Broker, system_type: other }]
                flows:
                  - { id: f, from: app, to: broker, data_categories: [user.contact.email], subject_regions: [US-CA],
                      youngest_subject_age: 12, ccpa_sale: true, minors_opt_in: true, data_use: marketing }
                """),
            RuleExample(
                "children's data reaching a sold flow through a CDP (lineage)", failing: ["flow:out"],
                """
                version: 1
                systems:
                  - { id: app, name: App, system_type: ecommerce }
                  - { id: cdp, name: CDP, system_type: cdp }
                  - { id: broker, name: Broker, system_type: other }
                flows:
                  - { id: in, from: app, to: cdp, data_categories: [user.childrens], subject_regions: [US-CA],
                      data_use: personalize }
                  - { id: out, from: cdp, to: broker, data_categories: [user.childrens], ccpa_sale: true, data_use: marketing }
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
            // Minors by the flow's own age or subjects; when it names no subjects, by what the
            // lineage says reaches it (a CDP passing on a kids' club list).
            let young = flow.youngestSubjectAge.map { $0 < optInAge } ?? false
            let minors =
                young || flow.dataSubjects.contains(PrivacyCategorySets.childSubject)
                || PrivacyScope.matching(flow.dataCategories, PrivacyCategorySets.childCategories).count > 0
                || (flow.dataSubjects.isEmpty
                    && lineage.firstCarried(by: flow, where: PrivacyScope.isChildData) != nil)
            guard minors, CCPAScope.concernsCalifornia(flow, lineage) else { continue }
            let what = flow.ccpaSale ? "sold" : "shared"
            let who = flow.youngestSubjectAge.map { "consumers aged \($0)" } ?? "minors"
            var violations: [Violation] = []
            if flow.minorsOptIn != true {
                violations.append(
                    Violation(
                        "data of \(who) is \(what) without their recorded opt-in (under \(optInAge), §1798.120(c))",
                        at: flow.origin.location("minors_opt_in"), key: "minors_opt_in"))
            }
            if let age = flow.youngestSubjectAge, age < parentalAge, flow.parentalConsent != true {
                violations.append(
                    Violation(
                        "data of children aged \(age) is \(what) without a parent's or guardian's opt-in (under \(parentalAge))",
                        at: flow.origin.location("parental_consent"), key: "parental_consent"))
            }
            evaluations.append(Evaluation(.flow(flow), violations))
        }
        return evaluations
    }
}
