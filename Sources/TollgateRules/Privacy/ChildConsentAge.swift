import TollgateKit

/// PRIV-035: children below their member state's age of digital consent do not consent alone.
public struct ChildConsentAge: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "PRIV-035", slug: "child-consent-age", domain: .privacy,
        title: "GDPR child consent age",
        rationale: """
            Where an information-society service relies on consent, a child below the age of digital consent — 16, \
            or as low as 13 where the member state chose so — can consent only with the authorisation of the holder \
            of parental responsibility (GDPR Art. 8(1)). The GDPR applies where the subjects are in the EEA, and to \
            an organisation established in the EEA wherever they are (Art. 3). The age differs by country, so a \
            flow must meet the highest (strictest) age among the EEA regions of its subjects, or, where its \
            subjects are outside the EEA, among the member states the organisation is established in.
            """,
        severity: .high,
        references: ["GDPR Art. 8(1)", "GDPR Recital 38"],
        controls: ControlMapping(iso27001: ["A.5.31", "A.5.34"], soc2: ["P3.2", "P4.2"], nistCSF: ["GV.OC-03"]),
        remediation:
            "obtain or verify parental authorisation (`parental_consent: true`), or raise the minimum age of users",
        parameters: [
            RuleParameter(
                "child_consent_age", .strings(ChildConsentAges.parameterDefault),
                "age of digital consent per EEA state, as CC=age (reference version \(ChildConsentAges.version))",
                values: .pairs(.countries, .wholeNumbers, form: "country=age", example: "DE=16")),
            RuleParameter(
                "default_age", .int(ChildConsentAges.defaultAge), "age where the state is unknown (Art. 8(1))"),
        ],
        examples: [
            RuleExample(
                "13-year-olds in Belgium consent themselves (boundary: age 13 in BE)",
                """
                version: 1
                systems: [{ id: app, name: App, system_type: other }, { id: crm, name: CRM, system_type: crm }]
                flows:
                  - { id: f, from: app, to: crm, data_categories: [user.contact.email], data_subjects: [child],
                      subject_regions: [BE], youngest_subject_age: 13, data_use: marketing, legal_basis: consent }
                """),
            RuleExample(
                "15-year-olds in Germany without parental consent (boundary: age 16 in DE)", failing: ["flow:f"],
                """
                version: 1
                systems: [{ id: app, name: App, system_type: other }, { id: crm, name: CRM, system_type: crm }]
                flows:
                  - { id: f, from: app, to: crm, data_categories: [user.contact.email], data_subjects: [child],
                      subject_regions: [DE], youngest_subject_age: 15, data_use: marketing, legal_basis: consent }
                """),
            RuleExample(
                "12-year-olds in Belgium without parental consent (boundary: age 13 in BE)", failing: ["flow:f"],
                """
                version: 1
                systems: [{ id: app, name: App, system_type: other }, { id: crm, name: CRM, system_type: crm }]
                flows:
                  - { id: f, from: app, to: crm, data_categories: [user.contact.email], data_subjects: [child],
                      subject_regions: [BE], youngest_subject_age: 12, data_use: marketing, legal_basis: consent }
                """),
            RuleExample(
                "16-year-olds in Germany consent themselves (boundary: age 16 in DE)",
                """
                version: 1
                systems: [{ id: app, name: App, system_type: other }, { id: crm, name: CRM, system_type: crm }]
                flows:
                  - { id: f, from: app, to: crm, data_categories: [user.contact.email], data_subjects: [child],
                      subject_regions: [DE], youngest_subject_age: 16, data_use: marketing, legal_basis: consent }
                """),
            RuleExample(
                "children across the EEA with parental consent",
                """
                version: 1
                systems: [{ id: app, name: App, system_type: other }, { id: crm, name: CRM, system_type: crm }]
                flows:
                  - { id: f, from: app, to: crm, data_categories: [user.contact.email], data_subjects: [child],
                      subject_regions: [EEA], youngest_subject_age: 10, parental_consent: true, data_use: marketing,
                      legal_basis: consent }
                """),
            RuleExample(
                "an organisation established in Germany, 15-year-olds in the US without parental consent",
                failing: ["flow:f"],
                """
                version: 1
                organization: { name: App Ltd, establishments: [DE] }
                systems: [{ id: app, name: App, system_type: other }, { id: crm, name: CRM, system_type: crm }]
                flows:
                  - { id: f, from: app, to: crm, data_categories: [user.contact.email], data_subjects: [child],
                      subject_regions: [US], youngest_subject_age: 15, data_use: marketing, legal_basis: consent }
                """),
            RuleExample(
                "an organisation established in Belgium, 13-year-olds in the US (boundary: age 13 in BE)",
                """
                version: 1
                organization: { name: App Ltd, establishments: [BE] }
                systems: [{ id: app, name: App, system_type: other }, { id: crm, name: CRM, system_type: crm }]
                flows:
                  - { id: f, from: app, to: crm, data_categories: [user.contact.email], data_subjects: [child],
                      subject_regions: [US], youngest_subject_age: 13, data_use: marketing, legal_basis: consent }
                """),
            RuleExample(
                "an organisation established only in the US, children in the US: not in EU scope (boundary)",
                """
                version: 1
                organization: { name: App Ltd, establishments: [US] }
                systems: [{ id: app, name: App, system_type: other }, { id: crm, name: CRM, system_type: crm }]
                flows:
                  - { id: f, from: app, to: crm, data_categories: [user.contact.email], data_subjects: [child],
                      subject_regions: [US], youngest_subject_age: 10, data_use: marketing, legal_basis: consent }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let table = PrivacyScope.table(context.parameters.strings("child_consent_age")).compactMapValues { Int($0) }
        let fallback = context.parameters.int("default_age")
        let establishments = PrivacyScope.eeaEstablishments(context.inventory.organization)
        return context.inventory.flows.compactMap { flow in
            let regions = flow.subjectRegions.filter(EEA.coversRegion)
            guard flow.legalBasis == .consent, !regions.isEmpty || !establishments.isEmpty,
                flow.dataSubjects.contains(PrivacyCategorySets.childSubject)
                    || PrivacyScope.matching(flow.dataCategories, PrivacyCategorySets.childCategories).count > 0
            else { return nil }
            // A flow of several states must meet the strictest (highest) age among them; subjects
            // outside the EEA, those of the states the organisation is established in.
            let ages = (regions.isEmpty ? establishments : regions).map { table[$0] ?? fallback }
            let required = ages.max() ?? fallback
            guard flow.parentalConsent != true else { return Evaluation(.flow(flow)) }
            guard let youngest = flow.youngestSubjectAge else {
                return Evaluation(
                    .flow(flow),
                    [
                        Violation(
                            "children consent to this processing but neither their youngest age nor parental consent is declared",
                            at: flow.origin.location("youngest_subject_age"), key: "age")
                    ])
            }
            return Evaluation(
                .flow(flow),
                youngest >= required
                    ? []
                    : [
                        Violation(
                            "children from \(youngest) consent alone where the age of digital consent is \(required)",
                            at: flow.origin.location("parental_consent"), key: "age")
                    ])
        }
    }
}
