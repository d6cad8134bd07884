import TollgateKit

/// PRIV-010: every purpose a system declares says what GDPR Art. 30(1) asks the record of
/// processing activities to say, and the organisation names who to contact about it.
public struct RecordOfProcessingComplete: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "PRIV-010", slug: "record-of-processing-complete", domain: .privacy,
        title: "Record of processing complete",
        rationale: """
            A controller keeps a record of its processing activities with, for each, the controller's and the \
            DPO's contact details, the purposes, the categories of data subjects and of personal data, the \
            recipients, transfers to third countries with their safeguards, the time limits for erasure and, where \
            possible, a description of the security measures (GDPR Art. 30(1)). The privacy declarations are that \
            record (`tollgate audit` exports it): the rule asks each declaration for its purpose, subjects, \
            categories and retention, for at least one recipient (the vendor, an `egress` system or a flow \
            onwards for the declaration's purpose or a narrower or broader one), and the organisation for its DPO or privacy contact. A system that declares no privacy \
            declaration at all but receives or sends personal data (`user.*` categories) by a declared flow is reported \
            too: its processing is missing from the record altogether, which is a larger gap than a declaration \
            with a field left out (PRIV-011 compares only systems that declare some). Transfers and their \
            safeguards are judged by PRIV-012 and PRIV-017, and the tools' security by the account rules, so they \
            are not reported twice here. Art. 30(5) spares organisations under 250 staff only for occasional processing \
            that is unlikely to be risky and involves no Art. 9 or 10 data; regular marketing is never \
            occasional, so the exemption applies only to the data uses a policy lists in `occasional_uses` \
            (none by default); it spares a declaration, or a flow into a system without one, whose `data_use` is \
            listed.
            """,
        severity: .medium,
        references: ["GDPR Art. 30(1)", "GDPR Art. 30(5)", "GDPR Art. 5(2)"],
        controls: ControlMapping(
            iso27001: ["A.5.9", "A.5.34"], soc2: ["CC2.1"], nistCSF: ["ID.AM-07", "GV.OC-03"], cis: ["3.2"]),
        remediation:
            "complete the privacy declaration (`data_use`, `data_subjects`, `data_categories`, `retention_days`, and `egress` or the system's `vendor_legal_entity` as recipient), add one per purpose to a system that receives personal data and declares none, and name the DPO or privacy contact in `organization.dpo`",
        parameters: [
            RuleParameter(
                "exemption_employee_threshold", .int(250),
                "Art. 30(5): organisations with fewer employees may omit records of occasional processing"),
            RuleParameter(
                "occasional_uses", .strings([]),
                "data uses the organisation processes only occasionally and without likely risk (Art. 30(5)); empty, because regular marketing is never occasional",
                values: .taxonomy(.dataUse)
            ),
        ],
        examples: [
            RuleExample(
                "a complete record: purpose, subjects, categories, retention, the vendor as recipient, a DPO",
                """
                version: 1
                organization: { name: Shop B.V., dpo: "Jan Smit, privacy@shop.example" }
                systems:
                  - id: esp
                    name: ESP
                    system_type: esp
                    vendor_legal_entity: ESP GmbH
                    privacy_declarations:
                      - { name: Newsletter, data_use: marketing.communications.email, data_categories: [user.contact.email],
                          data_subjects: [customer], legal_basis: consent, retention_days: 730 }
                """),
            RuleExample(
                "no retention period and no subjects", failing: ["system:esp"],
                """
                version: 1
                organization: { name: Shop B.V., dpo: "Jan Smit, privacy@shop.example" }
                systems:
                  - id: esp
                    name: ESP
                    system_type: esp
                    vendor_legal_entity: ESP GmbH
                    privacy_declarations:
                      - { name: Newsletter, data_use: marketing.communications.email, data_categories: [user.contact.email],
                          legal_basis: consent }
                """),
            RuleExample(
                "an in-house system with no vendor, no egress and no onward flow names no recipient",
                failing: ["system:warehouse"],
                """
                version: 1
                organization: { name: Shop B.V., dpo: "Jan Smit, privacy@shop.example" }
                systems:
                  - id: warehouse
                    name: Data warehouse
                    system_type: other
                    privacy_declarations:
                      - { data_use: analytics.reporting, data_categories: [user.behavior.purchase_history],
                          data_subjects: [customer], legal_basis: legitimate_interests, retention_days: 395 }
                """),
            RuleExample(
                "the same system with a flow onwards names its recipient",
                """
                version: 1
                organization: { name: Shop B.V., dpo: "Jan Smit, privacy@shop.example" }
                systems:
                  - id: warehouse
                    name: Data warehouse
                    system_type: other
                    privacy_declarations:
                      - { data_use: analytics.reporting, data_categories: [user.behavior.purchase_history],
                          data_subjects: [customer], legal_basis: legitimate_interests, retention_days: 395 }
                  - id: bi
                    name: BI
                    system_type: analytics
                    vendor: BI Co
                    privacy_declarations:
                      - { data_use: analytics.reporting, data_categories: [user.behavior.purchase_history],
                          data_subjects: [customer], legal_basis: legitimate_interests, retention_days: 395 }
                flows:
                  - { id: f, from: warehouse, to: bi, data_categories: [user.behavior.purchase_history],
                      data_use: analytics.reporting, legal_basis: legitimate_interests }
                """),
            RuleExample(
                "a flow onwards for another purpose names no recipient of this one (boundary)",
                failing: ["system:warehouse"],
                """
                version: 1
                organization: { name: Shop B.V., dpo: "Jan Smit, privacy@shop.example" }
                systems:
                  - id: warehouse
                    name: Data warehouse
                    system_type: other
                    privacy_declarations:
                      - { data_use: analytics.reporting, data_categories: [user.behavior.purchase_history],
                          data_subjects: [customer], legal_basis: legitimate_interests, retention_days: 395 }
                      - { data_use: marketing.advertising, data_categories: [user.contact.email],
                          data_subjects: [customer], legal_basis: consent, retention_days: 395 }
                  - id: ads
                    name: Ads
                    system_type: ad_platform
                    vendor: Ads Inc
                    privacy_declarations:
                      - { data_use: marketing.advertising, data_categories: [user.contact.email],
                          data_subjects: [customer], legal_basis: consent, retention_days: 395 }
                flows:
                  - { id: f, from: warehouse, to: ads, data_categories: [user.contact.email],
                      data_use: marketing.advertising.first_party, legal_basis: consent }
                """),
            RuleExample(
                "a system that receives personal data by a flow and declares no privacy declaration",
                failing: ["system:esp"],
                """
                version: 1
                organization: { name: Shop B.V., dpo: "Jan Smit, privacy@shop.example" }
                systems:
                  - id: crm
                    name: CRM
                    system_type: crm
                    vendor: CRM Co
                    privacy_declarations:
                      - { data_use: marketing.communications.email, data_categories: [user.contact.email],
                          data_subjects: [customer], legal_basis: consent, retention_days: 730 }
                  - { id: esp, name: ESP, system_type: esp, vendor: ESP GmbH }
                flows:
                  - { id: crm-esp, from: crm, to: esp, data_categories: [user.contact.email],
                      data_use: marketing.communications.email, legal_basis: consent }
                """),
            RuleExample(
                "a system that only sends personal data and declares no privacy declaration", failing: ["system:shop"],
                """
                version: 1
                organization: { name: Shop B.V., dpo: "Jan Smit, privacy@shop.example" }
                systems:
                  - { id: shop, name: Shop, system_type: ecommerce, vendor: Shop Co }
                  - id: crm
                    name: CRM
                    system_type: crm
                    vendor: CRM Co
                    privacy_declarations:
                      - { data_use: marketing.communications.email, data_categories: [user.contact.email],
                          data_subjects: [customer], legal_basis: consent, retention_days: 730 }
                flows:
                  - { id: shop-crm, from: shop, to: crm, data_categories: [user.contact.email],
                      data_use: marketing.communications.email, legal_basis: consent }
                """),
            RuleExample(
                "a system that receives only system data and declares no privacy declaration (boundary)",
                """
                version: 1
                organization: { name: Shop B.V. }
                systems:
                  - { id: shop, name: Shop, system_type: ecommerce }
                  - { id: monitoring, name: Monitoring, system_type: analytics }
                flows:
                  - { id: shop-monitoring, from: shop, to: monitoring, data_categories: [system.operations],
                      data_use: analytics.reporting.system }
                """),
            RuleExample(
                "an organisation without a DPO or privacy contact", failing: ["organization:Shop B.V."],
                """
                version: 1
                organization: { name: Shop B.V., dpo: "  " }
                systems:
                  - id: esp
                    name: ESP
                    system_type: esp
                    vendor: ESP
                    privacy_declarations:
                      - { data_use: marketing.communications.email, data_categories: [user.contact.email],
                          data_subjects: [customer], legal_basis: consent, retention_days: 730 }
                """),
            RuleExample(
                "system data only is not a processing of personal data (boundary)",
                """
                version: 1
                organization: { name: Shop B.V. }
                systems:
                  - id: bi
                    name: BI
                    system_type: analytics
                    privacy_declarations: [{ data_use: analytics.reporting.system, data_categories: [system.operations] }]
                """),
            RuleExample(
                "occasional processing by an organisation of 249 employees (boundary: exempt under Art. 30(5))",
                parameters: ["occasional_uses": .strings(["analytics.reporting"])],
                """
                version: 1
                organization: { name: Shop B.V., employee_count: 249, dpo: privacy@shop.example }
                systems:
                  - id: survey
                    name: Survey
                    system_type: survey
                    vendor: Survey Co
                    privacy_declarations:
                      - { data_use: analytics.reporting.campaign_insights, data_categories: [user.demographic.age_range] }
                """),
            RuleExample(
                "the same processing with 250 employees (boundary)", failing: ["system:survey"],
                parameters: ["occasional_uses": .strings(["analytics.reporting"])],
                """
                version: 1
                organization: { name: Shop B.V., employee_count: 250, dpo: privacy@shop.example }
                systems:
                  - id: survey
                    name: Survey
                    system_type: survey
                    vendor: Survey Co
                    privacy_declarations:
                      - { data_use: analytics.reporting.campaign_insights, data_categories: [user.demographic.age_range] }
                """),
            RuleExample(
                "an occasional flow into a system without declarations, 249 employees (boundary: exempt under Art. 30(5))",
                parameters: ["occasional_uses": .strings(["analytics.reporting"])],
                """
                version: 1
                organization: { name: Shop B.V., employee_count: 249, dpo: privacy@shop.example }
                systems:
                  - { id: survey, name: Survey, system_type: survey, vendor: Survey Co }
                flows:
                  - { id: quiz, from: data_subject, to: survey, data_categories: [user.demographic.age_range],
                      data_use: analytics.reporting.campaign_insights, legal_basis: consent }
                """),
            RuleExample(
                "the same flow with 250 employees (boundary)", failing: ["system:survey"],
                parameters: ["occasional_uses": .strings(["analytics.reporting"])],
                """
                version: 1
                organization: { name: Shop B.V., employee_count: 250, dpo: privacy@shop.example }
                systems:
                  - { id: survey, name: Survey, system_type: survey, vendor: Survey Co }
                flows:
                  - { id: quiz, from: data_subject, to: survey, data_categories: [user.demographic.age_range],
                      data_use: analytics.reporting.campaign_insights, legal_basis: consent }
                """),
            RuleExample(
                "occasional processing of health data by a small organisation is never exempt",
                failing: ["system:survey"], parameters: ["occasional_uses": .strings(["analytics.reporting"])],
                """
                version: 1
                organization: { name: Shop B.V., employee_count: 12, dpo: privacy@shop.example }
                systems:
                  - id: survey
                    name: Survey
                    system_type: survey
                    vendor: Survey Co
                    privacy_declarations:
                      - { data_use: analytics.reporting.campaign_insights, data_categories: [user.health_and_medical] }
                """),
            RuleExample(
                "marketing by a small organisation is not occasional: the record is required",
                failing: ["system:esp"],
                """
                version: 1
                organization: { name: Shop B.V., employee_count: 9, dpo: privacy@shop.example }
                systems:
                  - id: esp
                    name: ESP
                    system_type: esp
                    vendor: ESP
                    privacy_declarations:
                      - { data_use: marketing.communications.email, data_categories: [user.contact.email],
                          data_subjects: [customer], legal_basis: consent }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let p = context.parameters
        let organization = context.inventory.organization
        let occasional = p.strings("occasional_uses")
        let small = organization?.employeeCount.map { $0 < p.int("exemption_employee_threshold") } ?? false
        let art9and10 = PrivacyCategorySets.gdprArt9 + PrivacyCategorySets.gdprArt10
        // Art. 30(5): occasional, not risky (the policy says so by listing the use), no Art. 9/10 data.
        func exempt(_ use: String?, _ categories: [String]) -> Bool {
            guard small, let use, Taxonomy.matchesAny(use, occasional) else { return false }
            return !categories.contains { Taxonomy.matchesAny($0, art9and10) }
        }
        var evaluations: [Evaluation] = []
        var recorded = false
        for system in context.inventory.systems {
            if system.privacyDeclarations.isEmpty {
                // No declaration at all is the largest gap in the record, not a reason to skip
                // the system: what its flows bring it is processing the record must hold.
                guard let violation = unrecorded(system, context, exempt: exempt) else { continue }
                recorded = true
                evaluations.append(Evaluation(.system(system), [violation]))
                continue
            }
            let declarations = system.privacyDeclarations.enumerated().filter { _, declaration in
                (declaration.dataCategories.isEmpty
                    || declaration.dataCategories.contains(where: PrivacyScope.isPersonal))
                    && !exempt(declaration.dataUse, declaration.dataCategories)
            }
            guard !declarations.isEmpty else { continue }
            recorded = true
            // The vendor and the systems the data goes on to are the recipients (Art. 4(9)).
            let hasVendor = system.vendorLegalEntity.nonBlank != nil || system.vendor.nonBlank != nil
            let outgoing = context.index.flowsFrom[system.id] ?? []
            let violations = declarations.compactMap { index, declaration -> Violation? in
                var gaps: [(field: String, text: String)] = []
                if declaration.dataUse.nonBlank == nil {
                    gaps.append(("data_use", "the purpose (Art. 30(1)(b))"))
                }
                if declaration.dataSubjects.isEmpty {
                    gaps.append(("data_subjects", "the categories of data subjects (Art. 30(1)(c))"))
                }
                if declaration.dataCategories.isEmpty {
                    gaps.append(("data_categories", "the categories of personal data (Art. 30(1)(c))"))
                }
                // Recipients are the activity's own: flows onwards for another purpose name none.
                if !hasVendor && declaration.egress.isEmpty
                    && declaration.onwardFlows(outgoing, siblings: system.privacyDeclarations).isEmpty
                {
                    gaps.append(("egress", "any recipient: no vendor, egress or onward flow (Art. 30(1)(d))"))
                }
                if declaration.retentionDays == nil {
                    gaps.append(("retention_days", "the time limit for erasure, retention_days (Art. 30(1)(f))"))
                }
                guard let first = gaps.first else { return nil }
                let name = declaration.name ?? declaration.dataUse ?? "#\(index + 1)"
                let missing = gaps.map(\.text)
                let listed =
                    missing.count == 1
                    ? missing[0] : missing.dropLast().joined(separator: "; ") + "; and " + missing[missing.count - 1]
                return Violation(
                    "the record of processing for '\(name)' does not state \(listed)",
                    at: declaration.origin.location(first.field),
                    key: "privacy_declarations/\(declaration.name ?? declaration.dataUse ?? String(index))/record")
            }
            evaluations.append(Evaluation(.system(system), violations))
        }
        // Art. 30(1)(a): the controller and the DPO; the organisation's name is required, its contact is not.
        if recorded, let organization {
            evaluations.append(
                Evaluation(
                    .organization(organization),
                    organization.dpo.nonBlank == nil
                        ? [
                            Violation(
                                "the record of processing names no DPO or privacy contact (Art. 30(1)(a)): set organization.dpo",
                                at: organization.origin.location("dpo"), key: "dpo")
                        ] : []))
        }
        return evaluations
    }

    /// The finding for `system`, which declares no privacy declaration, when flows bring it or
    /// take from it personal data that no Art. 30(5) exemption covers: its processing is missing
    /// from the record. Reported where the declarations belong, as the rule's other gaps are.
    private func unrecorded(
        _ system: System, _ context: RuleContext, exempt: (String?, [String]) -> Bool
    ) -> Violation? {
        var categories: [String] = []
        // The flows that bring it personal data and those that take personal data from it: a
        // tool that only sends (a form, a shop) holds what it sends.
        func personalFlows(_ flows: [Flow]) -> [String] {
            var ids: [String] = []
            for flow in flows where !exempt(flow.dataUse, flow.dataCategories) {
                let personal = flow.dataCategories.filter(PrivacyScope.isPersonal)
                guard !personal.isEmpty else { continue }
                ids.append("'\(flow.id)'")
                for category in personal where !categories.contains(category) { categories.append(category) }
            }
            return ids
        }
        let received = personalFlows(context.index.flowsTo[system.id] ?? [])
        let sent = personalFlows(context.index.flowsFrom[system.id] ?? [])
        let flows = received + sent
        guard !flows.isEmpty else { return nil }
        let verb = sent.isEmpty ? "receives" : received.isEmpty ? "sends" : "receives and sends"
        return Violation(
            "\(verb) personal data (\(PrivacyScope.list(categories))) by \(flows.count == 1 ? "flow" : "flows") "
                + "\(PrivacyScope.list(flows)) but declares no privacy declaration, so its processing is missing "
                + "from the record",
            at: system.origin.location("privacy_declarations"), key: "privacy_declarations/record")
    }
}
