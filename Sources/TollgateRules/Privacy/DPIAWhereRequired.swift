import TollgateKit

/// PRIV-020: a system whose processing meets two or more WP248 criteria has a current DPIA.
public struct DPIAWhereRequired: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "PRIV-020", slug: "dpia-where-required", domain: .privacy,
        title: "DPIA where required (WP248 criteria)",
        rationale: """
            Processing likely to result in a high risk needs a data protection impact assessment before it starts \
            (GDPR Art. 35(1)); the EDPB-endorsed WP248 guidelines say two or more of nine criteria make a DPIA \
            likely required. A marketing CDP that combines CRM data, web behaviour and ad audiences usually meets \
            four. The finding lists the criteria met so the DPO sees why.
            """,
        severity: .high,
        references: ["GDPR Art. 35(1)", "GDPR Art. 35(3)", "GDPR Art. 35(11)", "WP248 rev.01"],
        controls: ControlMapping(
            iso27001: ["A.5.8", "A.5.34"], soc2: ["CC3.2", "CC3.4"], nistCSF: ["ID.RA-04", "ID.RA-05"]),
        remediation: "carry out (or review) the DPIA and record it: `dpia: { ref: …, date: … }`",
        parameters: [
            RuleParameter("dpia_criteria_threshold", .int(2), "WP248 criteria that make a DPIA required"),
            RuleParameter("dpia_review_months", .int(36), "age after which a DPIA must be reviewed"),
            RuleParameter(
                "large_scale_threshold", .int(100_000), "data subjects that count as large scale [heuristic]"),
            RuleParameter(
                "profiling_uses", .strings(PrivacyCategorySets.profilingUses),
                "uses that evaluate or score (criterion 1)", values: .taxonomy(.dataUse)),
            RuleParameter(
                "sensitive_categories",
                .strings(
                    PrivacyCategorySets.gdprArt9 + PrivacyCategorySets.gdprArt10 + [
                        "user.financial", "user.location.precise", "user.content.private",
                    ]), "sensitive or highly personal data (criterion 4)", values: .taxonomy(.dataCategory)),
            RuleParameter(
                "vulnerable_subjects", .strings([PrivacyCategorySets.childSubject, "employee", "patient"]),
                "data subjects that count as vulnerable (criterion 7)", values: .taxonomy(.dataSubject)),
        ],
        examples: [
            RuleExample(
                "a CDP profiling combined sources at scale with a current DPIA",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm }
                  - { id: site, name: Site, system_type: cms }
                  - { id: cdp, name: CDP, system_type: cdp, dpia: { ref: DPIA-7, date: 2025-01-15 } }
                flows:
                  - { id: crm-cdp, from: crm, to: cdp, data_categories: [user.contact.email], volume_subjects: 250000,
                      data_use: marketing.communications.email, legal_basis: consent }
                  - { id: site-cdp, from: site, to: cdp, data_categories: [user.behavior.browsing_history],
                      data_use: marketing.advertising.profiling, legal_basis: consent }
                """),
            RuleExample(
                "the same CDP without a DPIA", failing: ["system:cdp"],
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm }
                  - { id: site, name: Site, system_type: cms }
                  - { id: cdp, name: CDP, system_type: cdp }
                flows:
                  - { id: crm-cdp, from: crm, to: cdp, data_categories: [user.contact.email], volume_subjects: 250000,
                      data_use: marketing.communications.email, legal_basis: consent }
                  - { id: site-cdp, from: site, to: cdp, data_categories: [user.behavior.browsing_history],
                      data_use: marketing.advertising.profiling, legal_basis: consent }
                """),
            RuleExample(
                "one criterion only: large scale (boundary: 100,000 subjects, threshold 2)",
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }, { id: esp, name: ESP, system_type: esp }]
                flows:
                  - { id: f, from: crm, to: esp, data_categories: [user.contact.email], volume_subjects: 100000,
                      data_use: marketing.communications.email, legal_basis: consent }
                """),
            RuleExample(
                "DPIA exactly 36 months old (boundary)", asOf: "2026-06-01",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm }
                  - { id: cdp, name: CDP, system_type: cdp, dpia: { ref: DPIA-1, date: 2023-06-01 } }
                flows:
                  - { id: f, from: crm, to: cdp, data_categories: [user.health_and_medical], volume_subjects: 99999,
                      data_use: personalize.content.profiling, legal_basis: consent,
                      special_category_legal_basis: explicit_consent }
                """),
            RuleExample(
                "DPIA 36 months and one day old (boundary)", failing: ["system:cdp"], asOf: "2026-06-02",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm }
                  - { id: cdp, name: CDP, system_type: cdp, dpia: { ref: DPIA-1, date: 2023-06-01 } }
                flows:
                  - { id: f, from: crm, to: cdp, data_categories: [user.health_and_medical], volume_subjects: 99999,
                      data_use: personalize.content.profiling, legal_basis: consent,
                      special_category_legal_basis: explicit_consent }
                """),
            RuleExample(
                "a DPIA dated on the as-of date (boundary)",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm }
                  - { id: cdp, name: CDP, system_type: cdp, dpia: { ref: DPIA-1, date: 2026-06-01 } }
                flows:
                  - { id: f, from: crm, to: cdp, data_categories: [user.health_and_medical], volume_subjects: 99999,
                      data_use: personalize.content.profiling, legal_basis: consent,
                      special_category_legal_basis: explicit_consent }
                """),
            RuleExample(
                "a DPIA dated the day after the as-of date is not on record yet (boundary)", failing: ["system:cdp"],
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm }
                  - { id: cdp, name: CDP, system_type: cdp, dpia: { ref: DPIA-1, date: 2026-06-02 } }
                flows:
                  - { id: f, from: crm, to: cdp, data_categories: [user.health_and_medical], volume_subjects: 99999,
                      data_use: personalize.content.profiling, legal_basis: consent,
                      special_category_legal_basis: explicit_consent }
                """),
            RuleExample(
                "a DPIA reference of white space only records nothing", failing: ["system:cdp"],
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm }
                  - { id: cdp, name: CDP, system_type: cdp, dpia: { ref: "  ", date: 2026-01-15 } }
                flows:
                  - { id: f, from: crm, to: cdp, data_categories: [user.health_and_medical], volume_subjects: 99999,
                      data_use: personalize.content.profiling, legal_basis: consent,
                      special_category_legal_basis: explicit_consent }
                """),
            RuleExample(
                "a DPIA without a date cannot be shown to be current", failing: ["system:cdp"],
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm }
                  - { id: cdp, name: CDP, system_type: cdp, dpia: { ref: DPIA-1 } }
                flows:
                  - { id: f, from: crm, to: cdp, data_categories: [user.health_and_medical], volume_subjects: 99999,
                      data_use: personalize.content.profiling, legal_basis: consent,
                      special_category_legal_basis: explicit_consent }
                """),
            RuleExample(
                "staff signing in upstream are not vulnerable subjects at the next system (boundary: large scale only)",
                """
                version: 1
                systems:
                  - { id: idp, name: IdP, system_type: other }
                  - { id: shop, name: Shop, system_type: cms }
                  - { id: esp, name: ESP, system_type: esp }
                flows:
                  - { id: sso, from: idp, to: shop, data_categories: [user.contact.email], data_subjects: [employee],
                      data_use: essential.service.authentication, legal_basis: contract }
                  - { id: news, from: shop, to: esp, data_categories: [user.contact.email], data_subjects: [customer],
                      data_use: marketing.communications.email, volume_subjects: 100000, legal_basis: consent }
                """),
            RuleExample(
                "employee data collected for more than signing in still counts at the next system",
                failing: ["system:esp"],
                """
                version: 1
                systems:
                  - { id: hr, name: HR, system_type: other }
                  - { id: shop, name: Shop, system_type: cms }
                  - { id: esp, name: ESP, system_type: esp }
                flows:
                  - { id: staff, from: hr, to: shop, data_categories: [user.contact.email], data_subjects: [employee],
                      data_use: marketing.communications.email, legal_basis: consent }
                  - { id: news, from: shop, to: esp, data_categories: [user.contact.email], data_subjects: [customer],
                      data_use: marketing.communications.email, volume_subjects: 100000, legal_basis: consent }
                """),
            RuleExample(
                "automated decisions with legal effect, no Art. 22(2) basis recorded, at scale",
                failing: ["system:scoring"],
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm }
                  - { id: scoring, name: Scoring, system_type: other, uses_profiling: true }
                flows:
                  - { id: f, from: crm, to: scoring, data_categories: [user.contact.email], volume_subjects: 100000,
                      data_use: essential.service, legal_basis: contract }
                """),
            RuleExample(
                "an Art. 22(2) basis recorded without uses_profiling still says decisions are automated",
                failing: ["system:scoring"],
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm }
                  - { id: scoring, name: Scoring, system_type: other, legal_basis_for_profiling: [Contract] }
                flows:
                  - { id: f, from: crm, to: scoring, data_categories: [user.contact.email], volume_subjects: 100000,
                      data_use: essential.service, legal_basis: contract }
                """),
            RuleExample(
                "automated decisions alone meet one criterion: 99,999 subjects is not large scale (boundary: threshold 2)",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm }
                  - { id: scoring, name: Scoring, system_type: other, uses_profiling: true,
                      legal_basis_for_profiling: [Contract] }
                flows:
                  - { id: f, from: crm, to: scoring, data_categories: [user.contact.email], volume_subjects: 99999,
                      data_use: essential.service, legal_basis: contract }
                """),
            RuleExample(
                "automated decisions and 100,000 subjects meet two criteria (boundary: large scale)",
                failing: ["system:scoring"],
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm }
                  - { id: scoring, name: Scoring, system_type: other, uses_profiling: true,
                      legal_basis_for_profiling: [Contract] }
                flows:
                  - { id: f, from: crm, to: scoring, data_categories: [user.contact.email], volume_subjects: 100000,
                      data_use: essential.service, legal_basis: contract }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let p = context.parameters
        let threshold = p.int("dpia_criteria_threshold")
        let reviewMonths = p.int("dpia_review_months")
        let largeScale = p.int("large_scale_threshold")
        let profiling = p.strings("profiling_uses")
        let sensitive = p.strings("sensitive_categories")
        let essential = PrivacyCategorySets.essentialUses
        // Whether `use` is only running the service (staff signing in, delivering what was ordered).
        func isEssential(_ use: String?) -> Bool { use.map { Taxonomy.matchesAny($0, essential) } ?? false }
        let vulnerable = Set(p.strings("vulnerable_subjects"))
        // What the criteria ask of a category, as flags, worked out once per category and fact:
        // a hub holds hundreds of facts, and the same facts and categories reach thousands of
        // systems.
        var flagsByCategory: [String: CategoryFlags] = [:]
        func flags(_ category: String) -> CategoryFlags {
            if let known = flagsByCategory[category] { return known }
            let flags = newFlags(category)
            flagsByCategory[category] = flags
            return flags
        }
        func newFlags(_ category: String) -> CategoryFlags {
            var flags: CategoryFlags = []
            if Taxonomy.matches(category, ancestor: "user.behavior.browsing_history") { flags.insert(.browsing) }
            if Taxonomy.matches(category, ancestor: "user.location.precise") { flags.insert(.preciseLocation) }
            if Taxonomy.matchesAny(category, sensitive) { flags.insert(.sensitive) }
            if Taxonomy.matchesAny(category, PrivacyCategorySets.childCategories) { flags.insert(.children) }
            if Taxonomy.matchesAny(category, ["user.biometric", "user.authorization.biometric"]) {
                flags.insert(.biometric)
            }
            return flags
        }
        var purposes: [String: Int] = [:]
        var factSummaries: [FactSummary?] = Array(repeating: nil, count: context.lineage.factCount)
        func summary(_ id: Int) -> FactSummary {
            if let known = factSummaries[id] { return known }
            let fact = context.lineage.fact(id)
            // Combining: data from several sources, collected for several purposes that are
            // not merely running the service or honouring opt-outs.
            var purpose = -1
            let essentialCollection = isEssential(fact.collectedFor)
            if let collected = fact.collectedFor, !Taxonomy.matchesAny(fact.category, ["user.privacy_preferences"]),
                !essentialCollection
            {
                purpose = purposes[collected] ?? purposes.count
                purposes[collected] = purpose
            }
            // Subjects collected for an essential use (employees signing in) are not a
            // vulnerable-subject risk downstream either, as on the system's own flows below; a
            // later hop that uses them for more declares them and counts there.
            let summary = FactSummary(
                flags: flags(fact.category), purpose: purpose,
                vulnerable: !essentialCollection && fact.dataSubjects.contains(where: vulnerable.contains))
            factSummaries[id] = summary
            return summary
        }
        var evaluations: [Evaluation] = []
        for system in context.inventory.systems {
            let inbound = (context.index.flowsTo[system.id] ?? []).filter(PrivacyScope.isPersonal)
            guard !inbound.isEmpty || !system.privacyDeclarations.isEmpty else { continue }
            var categories = (inbound.flatMap(\.dataCategories) + system.privacyDeclarations.flatMap(\.dataCategories))
                .reduce(into: CategoryFlags()) { $0.formUnion(flags($1)) }
            // Whether two different purposes were combined (the first one seen, and whether another followed).
            var firstPurpose = -1
            var combinesPurposes = false
            var vulnerableArrived = false
            context.lineage.forEachFactID(at: system.id) { id in
                let fact = summary(id)
                categories.formUnion(fact.flags)
                vulnerableArrived = vulnerableArrived || fact.vulnerable
                if fact.purpose >= 0 {
                    if firstPurpose < 0 {
                        firstPurpose = fact.purpose
                    } else if fact.purpose != firstPurpose {
                        combinesPurposes = true
                    }
                }
            }
            let uses = inbound.compactMap(\.dataUse) + system.privacyDeclarations.compactMap(\.dataUse)
            var criteria: [String] = []
            if uses.contains(where: { Taxonomy.matchesAny($0, profiling) }) {
                criteria.append("1 evaluation or scoring")
            }
            // WP248 criterion 2 as §3.1.4 derives it: profiling declared to have legal or similarly
            // significant effects, or an Art. 22(2) basis recorded for it (either says so).
            if system.usesProfiling == true || system.legalBasisForProfiling.contains(where: { !$0.isBlank }) {
                criteria.append("2 automated decisions with significant effect")
            }
            if (system.systemType == .adPlatform && categories.contains(.browsing))
                || categories.contains(.preciseLocation)
            {
                criteria.append("3 systematic monitoring")
            }
            if categories.contains(.sensitive) {
                criteria.append("4 sensitive or highly personal data")
            }
            if inbound.contains(where: { ($0.volumeSubjects ?? 0) >= largeScale }) {
                criteria.append("5 large scale")
            }
            if Set(inbound.map(\.from)).count >= 2 && combinesPurposes {
                criteria.append("6 matching or combining datasets")
            }
            // Vulnerable subjects count where the processing goes beyond what is essential (staff
            // signing in to a tool is not a vulnerable-subject risk).
            let vulnerableSubjects = Set(
                inbound.filter { !isEssential($0.dataUse) }.flatMap(\.dataSubjects)
                    + system.privacyDeclarations.filter { !isEssential($0.dataUse) }.flatMap(\.dataSubjects))
            if categories.contains(.children) || vulnerableArrived || !vulnerableSubjects.isDisjoint(with: vulnerable) {
                criteria.append("7 vulnerable data subjects")
            }
            if uses.contains(where: { Taxonomy.matches($0, ancestor: "train_ai_system") })
                || categories.contains(.biometric)
            {
                criteria.append("8 innovative technology")
            }
            guard criteria.count >= threshold else {
                evaluations.append(Evaluation(.system(system)))
                continue
            }
            let met = "\(criteria.count) WP248 criteria met (\(criteria.joined(separator: "; ")))"
            // One key for every gap, so a baseline entry follows the system from one state to the next.
            let dpia = system.dpia
            var violations: [Violation] = []
            if let gap = AssessmentGap.of(dpia, maxAgeMonths: reviewMonths, asOf: context.asOf) {
                let message: String
                switch gap {
                case .missing: message = "\(met) but no DPIA is recorded"
                case .undated:
                    message =
                        "\(met) and the DPIA has no date, so whether it is within \(reviewMonths) months is unknown"
                case .outdated(let date):
                    message = "\(met) and the DPIA of \(date) is older than \(reviewMonths) months"
                case .future(let date):
                    message = "\(met) and " + AssessmentGap.notYetOnRecord("the DPIA", dated: date, asOf: context.asOf)
                }
                violations.append(
                    Violation(message, at: gap.location(of: dpia, in: system, field: "dpia"), key: "dpia"))
            }
            evaluations.append(Evaluation(.system(system), violations))
        }
        return evaluations
    }
}

/// What PRIV-020's criteria ask of a data category.
private struct CategoryFlags: OptionSet {
    let rawValue: UInt8
    static let browsing = CategoryFlags(rawValue: 1 << 0)
    static let preciseLocation = CategoryFlags(rawValue: 1 << 1)
    static let sensitive = CategoryFlags(rawValue: 1 << 2)
    static let children = CategoryFlags(rawValue: 1 << 3)
    static let biometric = CategoryFlags(rawValue: 1 << 4)
}

/// What PRIV-020 needs of one lineage fact: its category's flags, the purpose it was collected
/// for when that counts towards combining datasets (an index into the rule's purposes, or -1),
/// and whether it is about vulnerable subjects.
private struct FactSummary {
    let flags: CategoryFlags
    let purpose: Int
    let vulnerable: Bool
}
