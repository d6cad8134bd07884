import TollgateKit

/// What keeps a required assessment (a DPIA for PRIV-020, a transfer impact assessment for
/// PRIV-015) from counting as current. One judgement for both, so the two rules cannot drift
/// apart on what "recorded" means.
enum AssessmentGap {
    /// No record, or a reference of white space only, which records nothing.
    case missing
    /// A reference without a date: whether it is current cannot be shown.
    case undated
    /// Dated more than the allowed months before the as-of date.
    case outdated(Day)
    /// Dated after the as-of date: not on record on that day (an audit re-run for a past day, or
    /// a mistyped year, must not count it as current).
    case future(Day)

    /// The gap in `record`, or `nil` when it names an assessment dated within `maxAgeMonths`
    /// of `asOf` (a date exactly that many months back is still current, and so is one on `asOf`).
    static func of(_ record: AssessmentRecord?, maxAgeMonths: Int, asOf: Day) -> AssessmentGap? {
        guard let record, record.ref.nonBlank != nil else { return .missing }
        guard let date = record.date else { return .undated }
        if asOf < date { return .future(date) }
        return date.adding(months: maxAgeMonths) < asOf ? .outdated(date) : nil
    }

    /// How a finding says that `noun` ("the DPIA", "its transfer impact assessment") is dated
    /// after the as-of date.
    static func notYetOnRecord(_ noun: String, dated date: Day, asOf: Day) -> String {
        AsOfDates.notOnRecord("\(noun) is dated", date, asOf)
    }

    /// Where a finding about this gap points: the record's reference or date, or the system's
    /// `field` (`dpia`, `tia`) when there is no record at all.
    func location(of record: AssessmentRecord?, in system: System, field: String) -> SourceLocation {
        guard let record else { return system.origin.location(field) }
        if case .missing = self { return record.origin.location("ref") }
        return record.origin.location("date")
    }
}
