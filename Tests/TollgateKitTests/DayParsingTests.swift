import Foundation
import Testing

@testable import TollgateKit

/// `Day(iso:)` at the edges of the forms it reads: plain dates, date-times with and without
/// seconds, fractions and offsets, and everything one byte off them.
@Suite struct DayParsingTests {
    private static func day(_ year: Int, _ month: Int, _ day: Int) -> Day { Day(year: year, month: month, day: day)! }

    /// Each text and the day it names (`nil`: refused).
    static let cases: [(String, Day?)] = [
        ("2026-03-01", day(2026, 3, 1)),
        ("2024-02-29", day(2024, 2, 29)),
        ("2000-02-29", day(2000, 2, 29)),
        ("0000-01-01", day(0, 1, 1)),
        ("9999-12-31", day(9999, 12, 31)),
        ("2025-02-29", nil), ("1900-02-29", nil), ("2026-02-30", nil), ("2026-04-31", nil),
        ("2026-13-01", nil), ("2026-00-10", nil), ("2026-01-00", nil),
        ("", nil), ("2026-03-0", nil), ("2026-3-01", nil), ("202A-03-01", nil), ("2026/03/01", nil),
        ("+026-03-01", nil), ("2026-03-01x", nil), ("2026-03-01T", nil), ("2026-03-01T1", nil),
        ("２０２６-03-01", nil), ("2026-03-01T10:00:00Zé", nil), ("é2026-03-01", nil),
        // Date-times: the UTC day.
        ("2026-03-01T10:00", day(2026, 3, 1)),
        ("2026-03-01 10:00", day(2026, 3, 1)),
        ("2026-03-01T10:00Z", day(2026, 3, 1)),
        ("2026-03-01T10:00:00", day(2026, 3, 1)),
        ("2026-03-01T10:00:00Z", day(2026, 3, 1)),
        ("2026-03-01T23:59:60Z", day(2026, 3, 1)),
        ("2026-03-01T10:00:00.123456789Z", day(2026, 3, 1)),
        ("2026-03-01T23:30:00-01:00", day(2026, 3, 2)),
        ("2026-03-01T00:30:00+01:00", day(2026, 2, 28)),
        ("2024-03-01T00:30+01:00", day(2024, 2, 29)),
        ("2026-12-31T23:00:00-02:00", day(2027, 1, 1)),
        ("2026-03-01T10:00:00+99:99", day(2026, 2, 28)),
        ("2026-03-01t10:00:00Z", nil), ("2026-03-01T10:00:00z", nil), ("2026-03-01T24:00Z", nil),
        ("2026-03-01T10:60Z", nil), ("2026-03-01T10:00:61Z", nil), ("2026-03-01T10:00:0Z", nil),
        ("2026-03-01T10:00:00.Z", nil), ("2026-03-01T10:00:00ZZ", nil), ("2026-03-01T10:00:00+0100", nil),
        ("2026-03-01T10:00:00+01:00x", nil), ("2026-03-01T10:00:00+01-00", nil), ("2026-03-01T1:00Z", nil),
        ("2026-03-01T10:00.5Z", nil), ("2026-03-01T10", nil),
    ]

    @Test(arguments: cases) func readsTheDayItNames(text: String, expected: Day?) {
        #expect(Day(iso: text) == expected, "\(text)")
    }

    /// Short strings are stored inside the `String` value and long ones on the heap; a string
    /// made from a slice or from bytes must read the same.
    @Test func everyStorageReadsAlike() {
        for (text, expected) in Self.cases {
            let long = "x" + text + "x"
            let slice = String(long.dropFirst().dropLast())
            let decoded = String(decoding: Array(text.utf8), as: UTF8.self)
            let bridged = NSString(string: text).description
            #expect(Day(iso: slice) == expected && Day(iso: decoded) == expected && Day(iso: bridged) == expected)
        }
    }

    /// The hint for a refused date shares the digit reading.
    @Test func hintsNameWhatIsWrong() {
        #expect(Day.hint(forInvalid: "2026-02-30") == "that day does not exist: February 2026 has 28 days")
        #expect(
            Day.hint(forInvalid: "2026-13-01") == "there is no month 13; write dates as YYYY-MM-DD, e.g. 2026-03-31")
        #expect(Day.hint(forInvalid: "2026-3-1") == "write dates as YYYY-MM-DD, e.g. 2026-03-31")
    }
}
