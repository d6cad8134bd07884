import Foundation

/// An instant in whole seconds since 1970-01-01T00:00:00Z, written as RFC 3339 in UTC
/// (`2026-03-01T10:00:00Z`).
///
/// Bundle freshness is judged against the real clock, never against `--as-of`: `--as-of` is a
/// knob the caller turns for reproducible rule dates, and if it also moved expiry, anyone could
/// replay an expired bundle by passing an old date (TUF's "freeze attack").
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since the Unix epoch.
    public let seconds: Int64

    public init(seconds: Int64) {
        self.seconds = seconds
    }

    /// The real current time of this machine.
    public static func now() -> Timestamp {
        Timestamp(seconds: Int64(Date().timeIntervalSince1970.rounded(.down)))
    }

    /// Parses exactly `YYYY-MM-DDTHH:MM:SSZ`: one spelling per instant, so manifests written by
    /// different tools compare byte for byte and no time zone can be misread.
    public init?(rfc3339 text: String) {
        let chars = Array(text.utf8)
        guard chars.count == 20, chars[10] == UInt8(ascii: "T"), chars[13] == UInt8(ascii: ":"),
            chars[16] == UInt8(ascii: ":"), chars[19] == UInt8(ascii: "Z"),
            let day = Day(iso: String(decoding: chars[0..<10], as: UTF8.self)),
            let hour = Day.number(chars[11..<13]), let minute = Day.number(chars[14..<16]),
            let second = Day.number(chars[17..<19]), hour < 24, minute < 60, second < 60
        else { return nil }
        seconds = Int64(day.ordinal) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    /// The first second of a day (UTC).
    public init(startOf day: Day) {
        seconds = Int64(day.ordinal) * 86_400
    }

    /// The instant `count` seconds later.
    public func adding(seconds count: Int64) -> Timestamp { Timestamp(seconds: seconds + count) }

    /// The UTC day this instant falls on.
    public var day: Day { Day(ordinal: Int((Double(seconds) / 86_400).rounded(.down))) }

    /// `YYYY-MM-DDTHH:MM:SSZ`.
    public var description: String {
        let secondOfDay = Int(seconds - Int64(day.ordinal) * 86_400)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(day)T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))Z"
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.seconds < rhs.seconds }
}
