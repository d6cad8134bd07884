extension Day {
    /// Business days after `self` up to and including `end`: weekdays that are not in
    /// `holidays`. A request received on a Friday and honoured the next Monday took one
    /// business day. Zero when `end` is not later than `self`.
    public func businessDays(through end: Day, holidays: Set<Day>) -> Int {
        guard end > self else { return 0 }
        var count = 0
        var day = adding(days: 1)
        while day <= end {
            if day.isoWeekday <= 5 && !holidays.contains(day) { count += 1 }
            day = day.adding(days: 1)
        }
        return count
    }
}
