import TollgateKit

/// Dates declared later than the as-of date. `--as-of` reproduces an audit for a past day
/// (reference §0.3), so a review, report, sign-in or SBOM dated after that day was not on record
/// then; a freshness check must not count it as current (a negative age would pass every limit,
/// and a year typo such as 2062 would pass for decades). Used by the freshness checks of all three modules.
enum AsOfDates {
    /// `"<what> D, after the as-of date A, so it is not on record as of that day"` when `date`
    /// is after `asOf`, nil otherwise: `what` reads up to the date (`"the IT/security review is
    /// dated"`, `"key was last used on"`).
    static func afterAsOf(_ what: String, _ date: Day, _ asOf: Day) -> String? {
        asOf < date ? notOnRecord(what, date, asOf) : nil
    }

    /// The same words, for a caller that has already found `date` after `asOf`.
    static func notOnRecord(_ what: String, _ date: Day, _ asOf: Day) -> String {
        "\(what) \(date), after the as-of date \(asOf), so it is not on record as of that day"
    }
}
