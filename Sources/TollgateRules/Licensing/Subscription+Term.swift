import TollgateKit

extension Subscription {
    /// The term an auto-renewing subscription has rolled over into by `asOf`, once its declared
    /// `end` has passed: `end` rolled forward by whole terms as long as `start`…`end`, up to the
    /// first term end on or after `asOf`. `nil` without a `start` before `end` (the length is
    /// unknown), or when `end` has not passed. LIC-003 names the term's end; LIC-004 checks its
    /// notice deadline, so both read a lapsed end date the same way.
    ///
    /// A term of whole months (1 June to 31 May, or to 1 June) rolls by calendar months, so
    /// renewals keep their day of the month; any other term rolls by its length in days.
    func renewedTerm(asOf: Day) -> (start: Day, end: Day)? {
        guard let start, let end, start < end, end < asOf else { return nil }
        // Calendar terms up to ten years; the `- 1 day` form is the usual inclusive end date.
        for months in 1...120 {
            let next = start.adding(months: months)
            for inclusive in [true, false] where (inclusive ? next.subtracting(days: 1) : next) == end {
                // Term k runs from `(k - 1) * months` to `k * months` after the start: computed from
                // the start, not stepped from the previous end, so a 31st clamped to the 30th does not drift.
                var terms = 1
                var current = end
                while current < asOf {
                    terms += 1
                    let boundary = start.adding(months: terms * months)
                    current = inclusive ? boundary.subtracting(days: 1) : boundary
                }
                return (start.adding(months: (terms - 1) * months), current)
            }
        }
        let length = start.days(until: end) + 1
        let behind = end.days(until: asOf)
        let current = end.adding(days: (behind + length - 1) / length * length)
        return (current.subtracting(days: length - 1), current)
    }
}
