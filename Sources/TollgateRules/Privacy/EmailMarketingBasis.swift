import TollgateKit

/// PRIV-026: e-mail and SMS marketing to people in the EEA or the UK rests on prior consent, or
/// on a soft opt-in that meets all of its conditions.
public struct EmailMarketingBasis: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "PRIV-026", slug: "email-marketing-basis", domain: .privacy,
        title: "E-mail marketing basis (EU/UK)",
        rationale: """
            Electronic mail for direct marketing to natural persons needs their prior consent (ePrivacy Directive \
            Art. 13(1); UK PECR reg. 22(2)). The only exception is the soft opt-in: a business that obtained a \
            customer's address in the course of a sale may market its own similar products, if the customer was \
            given a free opt-out when the address was collected and is given one in every message (Art. 13(2); \
            reg. 22(3)). Legitimate interests (GDPR Recital 47) do not replace either, and implied consent as CASL \
            knows it does not exist there. E-mail programmes are checked on their `consent_basis`; flows of \
            e-mail or SMS marketing data on their `legal_basis`, where anything other than consent passes only for \
            customers' data going to a system that sends (or feeds) a programme on a valid soft opt-in.
            """,
        severity: .high,
        references: ["ePrivacy Directive Art. 13(1)–(2)", "UK PECR reg. 22", "GDPR Art. 21(2)–(3)"],
        controls: .directMarketing,
        remediation:
            "send only to people who consented (`consent_basis: express`, `legal_basis: consent`), or limit a soft opt-in to customers who were offered an opt-out at collection and in every message (`opt_out_at_collection: true`, `opt_out_in_each_message: true`)",
        parameters: [
            RuleParameter(
                "email_marketing_uses", .strings(["marketing.communications"]),
                "data uses that are electronic direct marketing (e-mail and SMS)", values: .taxonomy(.dataUse)),
            RuleParameter(
                "soft_opt_in_subjects", .strings(["customer"]),
                "data subjects a soft opt-in can cover: people whose address was obtained in a sale",
                values: .taxonomy(.dataSubject)),
        ],
        examples: [
            RuleExample(
                "a newsletter to EEA and UK subscribers who consented",
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp }]
                email_programs:
                  - { id: news, system: esp, recipient_regions: [EEA, UK], data_subjects: [customer, prospect],
                      consent_basis: express }
                """),
            RuleExample(
                "a soft opt-in to customers, opt-out at collection and in every message",
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp }]
                email_programs:
                  - { id: winback, system: esp, recipient_regions: [DE, FR], data_subjects: [customer],
                      consent_basis: soft_opt_in, opt_out_at_collection: true, opt_out_in_each_message: true }
                """),
            RuleExample(
                "a soft opt-in whose list holds prospects", failing: ["email_program:winback"],
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp }]
                email_programs:
                  - { id: winback, system: esp, recipient_regions: [EEA], data_subjects: [customer, prospect],
                      consent_basis: soft_opt_in, opt_out_at_collection: true, opt_out_in_each_message: true }
                """),
            RuleExample(
                "a soft opt-in that does not say every message offers an opt-out (boundary)",
                failing: ["email_program:winback"],
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp }]
                email_programs:
                  - { id: winback, system: esp, recipient_regions: [UK], data_subjects: [customer],
                      consent_basis: soft_opt_in, opt_out_at_collection: true }
                """),
            RuleExample(
                "implied consent from a purchase, which PECR does not know", failing: ["email_program:promo"],
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp }]
                email_programs:
                  - { id: promo, system: esp, recipient_regions: [UK], data_subjects: [customer], consent_basis: implied_ebr }
                """),
            RuleExample(
                "implied consent to Canadian recipients is CASL's question, not this rule's",
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp }]
                email_programs:
                  - { id: promo, system: esp, recipient_regions: [CA], data_subjects: [customer], consent_basis: implied_ebr }
                """),
            RuleExample(
                "e-mail marketing to EEA prospects on legitimate interests", failing: ["flow:crm-to-esp"],
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }, { id: esp, name: ESP, system_type: esp }]
                flows:
                  - { id: crm-to-esp, from: crm, to: esp, data_categories: [user.contact.email], data_subjects: [prospect],
                      subject_regions: [EEA], data_use: marketing.communications.email, legal_basis: legitimate_interests }
                """),
            RuleExample(
                "customers' data on legitimate interests into a CRM that feeds a soft opt-in programme",
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }, { id: esp, name: ESP, system_type: esp }]
                flows:
                  - { id: shop-to-crm, from: data_subject, to: crm, data_categories: [user.contact.email],
                      data_subjects: [customer], subject_regions: [NL], data_use: marketing.communications.email,
                      legal_basis: legitimate_interests }
                  - { id: crm-to-esp, from: crm, to: esp, data_categories: [user.contact.email], data_subjects: [customer],
                      subject_regions: [NL], data_use: marketing.communications.email, legal_basis: legitimate_interests }
                email_programs:
                  - { id: winback, system: esp, recipient_regions: [NL], data_subjects: [customer],
                      consent_basis: soft_opt_in, opt_out_at_collection: true, opt_out_in_each_message: true }
                """),
            RuleExample(
                "the same customers' data when the soft opt-in lacks the opt-out at collection (boundary)",
                failing: ["flow:shop-to-crm", "flow:crm-to-esp", "email_program:winback"],
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }, { id: esp, name: ESP, system_type: esp }]
                flows:
                  - { id: shop-to-crm, from: data_subject, to: crm, data_categories: [user.contact.email],
                      data_subjects: [customer], subject_regions: [NL], data_use: marketing.communications.email,
                      legal_basis: legitimate_interests }
                  - { id: crm-to-esp, from: crm, to: esp, data_categories: [user.contact.email], data_subjects: [customer],
                      subject_regions: [NL], data_use: marketing.communications.email, legal_basis: legitimate_interests }
                email_programs:
                  - { id: winback, system: esp, recipient_regions: [NL], data_subjects: [customer],
                      consent_basis: soft_opt_in, opt_out_at_collection: false, opt_out_in_each_message: true }
                """),
            RuleExample(
                "SMS marketing to UK customers who consented, and US customers on legitimate interests",
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }, { id: sms, name: SMS gateway, system_type: esp }]
                flows:
                  - { id: uk-sms, from: crm, to: sms, data_categories: [user.contact.phone_number], data_subjects: [customer],
                      subject_regions: [UK], data_use: marketing.communications.sms, legal_basis: consent }
                  - { id: us-sms, from: crm, to: sms, data_categories: [user.contact.phone_number], data_subjects: [customer],
                      subject_regions: [US], data_use: marketing.communications.sms, legal_basis: legitimate_interests }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let p = context.parameters
        let uses = p.strings("email_marketing_uses")
        let softSubjects = Set(p.strings("soft_opt_in_subjects"))
        func inScope(_ regions: [String]) -> Bool { PrivacyScope.isEEA(regions) || PrivacyScope.isUK(regions) }
        var evaluations: [Evaluation] = []
        var softOptInSenders: Set<String> = []
        for program in context.inventory.emailPrograms where inScope(program.recipientRegions) {
            let violations = problems(program, softSubjects)
            if violations.isEmpty && program.consentBasis == .softOptIn { softOptInSenders.insert(program.system) }
            evaluations.append(Evaluation(.emailProgram(program), violations))
        }
        // The senders of valid soft opt-in programmes and every system that feeds them, walked
        // once upstream: customers' data arriving there may be mailed under the soft opt-in.
        var feedsSoftOptIn = softOptInSenders
        var pending = Array(softOptInSenders)
        while let system = pending.popLast() {
            for flow in context.index.flowsTo[system] ?? [] where feedsSoftOptIn.insert(flow.from).inserted {
                pending.append(flow.from)
            }
        }
        for flow in context.inventory.flows {
            guard let use = flow.dataUse, Taxonomy.matchesAny(use, uses), PrivacyScope.isPersonal(flow) else {
                continue
            }
            // A flow that names its subjects' regions is taken at its word; one that names none
            // carries what the lineage says reaches it.
            let concerned =
                flow.subjectRegions.isEmpty
                ? context.lineage.firstCarried(by: flow) { inScope($0.subjectRegions) } != nil
                : inScope(flow.subjectRegions)
            guard concerned else { continue }
            guard flow.legalBasis != .consent else {
                evaluations.append(Evaluation(.flow(flow)))
                continue
            }
            let others = flow.dataSubjects.filter { !softSubjects.contains($0) }
            let reason: String?
            if flow.dataSubjects.isEmpty {
                reason = "the flow does not say whose data it is"
            } else if !others.isEmpty {
                reason =
                    "it concerns \(PrivacyScope.list(others)), not only \(softSubjects.sorted().joined(separator: ", "))"
            } else if !feedsSoftOptIn.contains(flow.to) {
                reason = "no e-mail programme on a valid soft opt-in receives it"
            } else {
                reason = nil
            }
            let basis = flow.legalBasis.map { "on \($0.rawValue) instead of consent" } ?? "with no legal basis"
            evaluations.append(
                Evaluation(
                    .flow(flow),
                    reason.map {
                        [
                            Violation(
                                "e-mail or SMS marketing to EEA/UK subjects \(basis), and no soft opt-in applies: \($0)",
                                at: flow.origin.location("legal_basis"), key: "email_marketing_basis")
                        ]
                    } ?? []))
        }
        return evaluations
    }

    /// Why a programme to EEA/UK recipients lacks a basis; empty when it has one.
    private func problems(_ program: EmailProgram, _ softSubjects: Set<String>) -> [Violation] {
        switch program.consentBasis {
        case .express?:
            return []
        case nil:
            return [
                Violation(
                    "the programme declares no consent_basis: e-mail marketing to EEA/UK recipients needs prior consent or a soft opt-in",
                    at: program.origin.location("consent_basis"), key: "consent_basis")
            ]
        case .softOptIn?:
            var gaps: [(field: String, text: String)] = []
            let others = program.dataSubjects.filter { !softSubjects.contains($0) }
            if program.dataSubjects.isEmpty {
                gaps.append(("data_subjects", "the programme does not say whose addresses it holds"))
            } else if !others.isEmpty {
                gaps.append(
                    (
                        "data_subjects",
                        "the list holds \(PrivacyScope.list(others)), and a soft opt-in covers only addresses obtained in a sale"
                    ))
            }
            if program.optOutAtCollection != true {
                gaps.append(("opt_out_at_collection", "no opt-out was offered when the addresses were collected"))
            }
            if program.optOutInEachMessage != true {
                gaps.append(("opt_out_in_each_message", "not every message offers an opt-out"))
            }
            guard let first = gaps.first else { return [] }
            return [
                Violation(
                    "the soft opt-in does not hold: \(gaps.map(\.text).joined(separator: "; "))",
                    at: program.origin.location(first.field), key: "soft_opt_in")
            ]
        case let basis?:
            return [
                Violation(
                    "the programme relies on \(basis.rawValue), which ePrivacy Art. 13 and PECR reg. 22 do not accept: e-mail marketing to EEA/UK recipients needs prior consent or a soft opt-in",
                    at: program.origin.location("consent_basis"), key: "consent_basis")
            ]
        }
    }
}
