import TollgateKit

/// PRIV-028: commercial e-mail to US recipients meets CAN-SPAM's message requirements.
public struct CANSPAMRequirements: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "PRIV-028", slug: "can-spam-requirements", domain: .privacy,
        title: "CAN-SPAM message requirements",
        rationale: """
            Every commercial e-mail to US recipients must identify itself as an advertisement (unless the recipient \
            gave affirmative consent), carry a valid physical postal address, and offer an opt-out that works for at \
            least 30 days after sending and is honoured within 10 business days (15 U.S.C. §7704(a)(3)–(5)). \
            Penalties run per e-mail.
            """,
        severity: .high,
        references: ["15 U.S.C. §7704(a)(1)–(5)", "16 CFR 316.5"],
        controls: .directMarketing,
        remediation:
            "add the postal address, the advertisement notice and a working unsubscribe link to the template; process opt-outs within 10 business days",
        parameters: [
            RuleParameter("min_unsubscribe_valid_days", .int(30), "days the opt-out must keep working after sending"),
            RuleParameter("max_processing_business_days", .int(10), "business days to honour an opt-out"),
            RuleParameter(
                "us_federal_holidays", .strings(PublicHolidays.usFederal),
                "days that are not business days (5 U.S.C. §6103, observed)", values: .days),
        ],
        examples: [
            RuleExample(
                "compliant newsletter; an opt-out honoured in 10 business days over Thanksgiving (boundary)",
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp }]
                email_programs:
                  - { id: news-us, system: esp, recipient_regions: [US], physical_postal_address: true, unsubscribe_link: true,
                      ad_identification: true, unsubscribe_valid_days: 30,
                      opt_out_test: { requested_on: 2026-11-20, honoured_on: 2026-12-07 } }
                """),
            RuleExample(
                "the same opt-out honoured one business day later (boundary: 11 business days)",
                failing: ["email_program:news-us"],
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp }]
                email_programs:
                  - { id: news-us, system: esp, recipient_regions: [US], physical_postal_address: true, unsubscribe_link: true,
                      ad_identification: true, unsubscribe_valid_days: 30,
                      opt_out_test: { requested_on: 2026-11-20, honoured_on: 2026-12-08 } }
                """),
            RuleExample(
                "no postal address, opt-out valid 29 days (boundary)", failing: ["email_program:promo"],
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp }]
                email_programs:
                  - { id: promo, system: esp, recipient_regions: [US-CA], physical_postal_address: false, unsubscribe_link: true,
                      affirmative_consent: true, unsubscribe_valid_days: 29, unsubscribe_processing_business_days: 10 }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let minValid = context.parameters.int("min_unsubscribe_valid_days")
        let maxDays = context.parameters.int("max_processing_business_days")
        let holidays = PrivacyScope.days(context.parameters.strings("us_federal_holidays"))
        return context.inventory.emailPrograms.compactMap { program in
            guard PrivacyScope.isUS(program.recipientRegions) else { return nil }
            return Evaluation(
                .emailProgram(program),
                EmailLawChecks.optOut(
                    program, minValidDays: minValid, maxBusinessDays: maxDays, holidays: holidays, law: "CAN-SPAM")
                    + requirements(program))
        }
    }

    private func requirements(_ program: EmailProgram) -> [Violation] {
        var violations: [Violation] = []
        if program.physicalPostalAddress != true {
            violations.append(
                Violation(
                    "messages carry no valid physical postal address",
                    at: program.origin.location("physical_postal_address"),
                    key: "physical_postal_address"))
        }
        if program.adIdentification != true && program.affirmativeConsent != true {
            violations.append(
                Violation(
                    "messages are not identified as advertisements and recipients gave no affirmative consent",
                    at: program.origin.location("ad_identification"), key: "ad_identification"))
        }
        return violations
    }
}
