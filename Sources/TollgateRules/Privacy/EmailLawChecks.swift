import TollgateKit

/// The opt-out checks CAN-SPAM and CASL share: a link, how long it works, how fast it acts.
enum EmailLawChecks {
    static func optOut(
        _ program: EmailProgram, minValidDays: Int, maxBusinessDays: Int, holidays: Set<Day>, law: String
    ) -> [Violation] {
        var violations: [Violation] = []
        if program.unsubscribeLink != true {
            violations.append(
                Violation(
                    "messages offer no unsubscribe mechanism", at: program.origin.location("unsubscribe_link"),
                    key: "unsubscribe_link"))
        }
        if let days = program.unsubscribeValidDays, days < minValidDays {
            violations.append(
                Violation(
                    "the unsubscribe mechanism works \(days) days after sending; \(law) requires \(minValidDays)",
                    at: program.origin.location("unsubscribe_valid_days"), key: "unsubscribe_valid_days"))
        }
        if let days = program.unsubscribeProcessingBusinessDays, days > maxBusinessDays {
            violations.append(
                Violation(
                    "opt-outs take \(days) business days; \(law) allows \(maxBusinessDays)",
                    at: program.origin.location("unsubscribe_processing_business_days"),
                    key: "unsubscribe_processing_business_days"))
        }
        if let test = program.optOutTest, let requested = test.requestedOn {
            let end = test.honouredOn
            if end == nil {
                violations.append(
                    Violation(
                        "the recorded opt-out of \(requested) was never honoured",
                        at: test.origin.location("honoured_on"),
                        key: "opt_out_test"))
            } else if let end, requested.businessDays(through: end, holidays: holidays) > maxBusinessDays {
                let days = requested.businessDays(through: end, holidays: holidays)
                violations.append(
                    Violation(
                        "the opt-out requested on \(requested) took effect on \(end), \(days) business days later; \(law) allows \(maxBusinessDays)",
                        at: test.origin.location("honoured_on"), key: "opt_out_test"))
            }
        }
        return violations
    }
}
