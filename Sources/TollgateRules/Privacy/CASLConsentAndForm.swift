import TollgateKit

/// PRIV-029: commercial electronic messages to Canada rest on valid consent and carry the
/// prescribed identification and unsubscribe mechanism.
public struct CASLConsentAndForm: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "PRIV-029", slug: "casl-consent-and-form", domain: .privacy,
        title: "CASL consent and form",
        rationale: """
            Canada's anti-spam law requires consent before sending a commercial electronic message (s. 6). Implied \
            consent from an existing business relationship lasts two years from the last purchase or contract, and \
            six months from an inquiry (s. 10(10)); every message identifies the sender and offers an unsubscribe \
            mechanism valid for 60 days, given effect within 10 business days (s. 11); the sender must prove consent \
            (s. 13). Penalties reach $10M per violation. The periods are counted in calendar years and months, as \
            the Act states them (a purchase on 28 February 2024 still counts on 28 February 2026, a day the \
            reference's 730-day count puts outside). s. 10(10) sets them as the period "immediately before the day \
            on which the message is sent", so they are counted back from the send day (Interpretation Act s. 28): \
            the period begins on the day with the send day's number, or on the last day of a month that has no \
            such day (six months before 31 October begin on 30 April; two years before 29 February 2028 begin on \
            28 February 2026).
            """,
        severity: .high,
        references: ["CASL S.C. 2010 c. 23 s. 6", "CASL s. 10(9)–(10)", "CASL s. 11", "CASL s. 13"],
        controls: .directMarketing,
        remediation:
            "obtain express consent (or stop mailing when implied consent lapses), keep consent records, and add sender identification and a working unsubscribe link",
        parameters: [
            RuleParameter(
                "implied_ebr_months", .int(24), "implied consent after a purchase or contract (s. 10(10): 2 years)"),
            RuleParameter("implied_inquiry_months", .int(6), "implied consent after an inquiry (s. 10(10): 6 months)"),
            RuleParameter("min_unsubscribe_valid_days", .int(60), "days the unsubscribe mechanism must keep working"),
            RuleParameter("max_processing_business_days", .int(10), "business days to give effect to an unsubscribe"),
            RuleParameter(
                "ca_federal_holidays", .strings(PublicHolidays.canadaFederal), "days that are not business days",
                values: .days),
        ],
        examples: [
            RuleExample(
                "a purchase exactly two years before sending, across a leap day (boundary: 731 days)",
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp }]
                email_programs:
                  - { id: ca-offers, system: esp, recipient_regions: [CA], consent_basis: implied_ebr,
                      last_purchase_or_contract: 2024-02-28, send_date: 2026-02-28, sender_identification: true,
                      unsubscribe_link: true, unsubscribe_valid_days: 60, consent_records_kept: true }
                """),
            RuleExample(
                "the same purchase one day further back (boundary)", failing: ["email_program:ca-offers"],
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp }]
                email_programs:
                  - { id: ca-offers, system: esp, recipient_regions: [CA], consent_basis: implied_ebr,
                      last_purchase_or_contract: 2024-02-27, send_date: 2026-02-28, sender_identification: true,
                      unsubscribe_link: true, unsubscribe_valid_days: 60, consent_records_kept: true }
                """),
            RuleExample(
                "a purchase on 29 February, sent on 28 February two years later: the period begins on 28 February (boundary, end of month)",
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp }]
                email_programs:
                  - { id: ca-offers, system: esp, recipient_regions: [CA], consent_basis: implied_ebr,
                      last_purchase_or_contract: 2024-02-29, send_date: 2026-02-28, sender_identification: true,
                      unsubscribe_link: true, unsubscribe_valid_days: 60, consent_records_kept: true }
                """),
            RuleExample(
                "a purchase on 29 February, sent on 1 March two years later (boundary)",
                failing: ["email_program:ca-offers"],
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp }]
                email_programs:
                  - { id: ca-offers, system: esp, recipient_regions: [CA], consent_basis: implied_ebr,
                      last_purchase_or_contract: 2024-02-29, send_date: 2026-03-01, sender_identification: true,
                      unsubscribe_link: true, unsubscribe_valid_days: 60, consent_records_kept: true }
                """),
            RuleExample(
                "no consent, no records, unsubscribe valid 59 days (boundary)", failing: ["email_program:ca-news"],
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp }]
                email_programs:
                  - { id: ca-news, system: esp, recipient_regions: [CA], consent_basis: none, sender_identification: true,
                      unsubscribe_link: true, unsubscribe_valid_days: 59, consent_records_kept: false }
                """),
            RuleExample(
                "an opt-out honoured in 10 business days across the National Day for Truth and Reconciliation and Thanksgiving (boundary)",
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp }]
                email_programs:
                  - { id: ca-news, system: esp, recipient_regions: [CA], consent_basis: express, sender_identification: true,
                      unsubscribe_link: true, unsubscribe_valid_days: 60, consent_records_kept: true,
                      opt_out_test: { requested_on: 2026-09-25, honoured_on: 2026-10-13 } }
                """),
            RuleExample(
                "the same opt-out honoured one business day later (boundary: 11 business days)",
                failing: ["email_program:ca-news"],
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp }]
                email_programs:
                  - { id: ca-news, system: esp, recipient_regions: [CA], consent_basis: express, sender_identification: true,
                      unsubscribe_link: true, unsubscribe_valid_days: 60, consent_records_kept: true,
                      opt_out_test: { requested_on: 2026-09-25, honoured_on: 2026-10-14 } }
                """),
            RuleExample(
                "an inquiry exactly six months before sending (boundary: 184 days)",
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp }]
                email_programs:
                  - { id: ca-leads, system: esp, recipient_regions: [CA], consent_basis: implied_inquiry,
                      last_inquiry: 2026-05-23, send_date: 2026-11-23, sender_identification: true, unsubscribe_link: true,
                      consent_records_kept: true }
                """),
            RuleExample(
                "an inquiry one day further back (boundary)", failing: ["email_program:ca-leads"],
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp }]
                email_programs:
                  - { id: ca-leads, system: esp, recipient_regions: [CA], consent_basis: implied_inquiry,
                      last_inquiry: 2026-05-22, send_date: 2026-11-23, sender_identification: true, unsubscribe_link: true,
                      consent_records_kept: true }
                """),
            RuleExample(
                "an inquiry on 31 August, sent on 28 February: the six months begin on 28 August (boundary, end of month)",
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp }]
                email_programs:
                  - { id: ca-leads, system: esp, recipient_regions: [CA], consent_basis: implied_inquiry,
                      last_inquiry: 2026-08-31, send_date: 2027-02-28, sender_identification: true, unsubscribe_link: true,
                      consent_records_kept: true }
                """),
            RuleExample(
                "an inquiry on 31 August, sent on 1 March (boundary)", failing: ["email_program:ca-leads"],
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp }]
                email_programs:
                  - { id: ca-leads, system: esp, recipient_regions: [CA], consent_basis: implied_inquiry,
                      last_inquiry: 2026-08-31, send_date: 2027-03-01, sender_identification: true, unsubscribe_link: true,
                      consent_records_kept: true }
                """),
            RuleExample(
                "an inquiry on 30 April, sent on 31 October: the six months begin on 30 April (boundary: Interpretation Act s. 28)",
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp }]
                email_programs:
                  - { id: ca-leads, system: esp, recipient_regions: [CA], consent_basis: implied_inquiry,
                      last_inquiry: 2026-04-30, send_date: 2026-10-31, sender_identification: true, unsubscribe_link: true,
                      consent_records_kept: true }
                """),
            RuleExample(
                "an inquiry on 29 April, sent on 31 October (boundary)", failing: ["email_program:ca-leads"],
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp }]
                email_programs:
                  - { id: ca-leads, system: esp, recipient_regions: [CA], consent_basis: implied_inquiry,
                      last_inquiry: 2026-04-29, send_date: 2026-10-31, sender_identification: true, unsubscribe_link: true,
                      consent_records_kept: true }
                """),
            RuleExample(
                "a purchase on 28 February 2026, sent on 29 February 2028: the two years begin on 28 February 2026 (boundary: Interpretation Act s. 28)",
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp }]
                email_programs:
                  - { id: ca-offers, system: esp, recipient_regions: [CA], consent_basis: implied_ebr,
                      last_purchase_or_contract: 2026-02-28, send_date: 2028-02-29, sender_identification: true,
                      unsubscribe_link: true, unsubscribe_valid_days: 60, consent_records_kept: true }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let p = context.parameters
        let holidays = PrivacyScope.days(p.strings("ca_federal_holidays"))
        return context.inventory.emailPrograms.compactMap { program in
            guard PrivacyScope.isCanada(program.recipientRegions) else { return nil }
            let send = program.sendDate ?? context.asOf
            var violations = EmailLawChecks.optOut(
                program, minValidDays: p.int("min_unsubscribe_valid_days"),
                maxBusinessDays: p.int("max_processing_business_days"), holidays: holidays, law: "CASL")
            // Implied consent covers the `months` calendar months immediately before the send day
            // (s. 10(10)), counted back from that day (Interpretation Act s. 28): the period begins
            // on the same day of the month, or on the month's last day when it is shorter.
            func window(_ last: Day?, _ months: Int, _ field: String, _ what: String) {
                guard let last else {
                    violations.append(
                        Violation(
                            "implied consent from \(what) relies on a date that is not declared",
                            at: program.origin.location(field),
                            key: "consent"))
                    return
                }
                let start = send.adding(months: -months)
                if last < start {
                    let (count, unit) = months % 12 == 0 ? (months / 12, "year") : (months, "month")
                    let period = "\(count)-\(unit)"
                    violations.append(
                        Violation(
                            "implied consent from \(what) on \(last) has lapsed: the \(period) period before the send on \(send) began on \(start)",
                            at: program.origin.location(field), key: "consent"))
                }
            }
            switch program.consentBasis {
            case .impliedEBR?:
                window(
                    program.lastPurchaseOrContract, p.int("implied_ebr_months"), "last_purchase_or_contract",
                    "a purchase or contract")
            case .impliedInquiry?:
                window(program.lastInquiry, p.int("implied_inquiry_months"), "last_inquiry", "an inquiry")
            case .none?, nil:
                violations.append(
                    Violation(
                        "commercial messages to Canada are sent without consent",
                        at: program.origin.location("consent_basis"),
                        key: "consent"))
            default: break
            }
            if program.senderIdentification != true {
                violations.append(
                    Violation(
                        "messages do not identify the sender", at: program.origin.location("sender_identification"),
                        key: "sender_identification"))
            }
            if program.consentRecordsKept != true {
                violations.append(
                    Violation(
                        "no consent records are kept to discharge the onus of proof (s. 13)",
                        at: program.origin.location("consent_records_kept"), key: "consent_records_kept"))
            }
            return Evaluation(.emailProgram(program), violations)
        }
    }
}
