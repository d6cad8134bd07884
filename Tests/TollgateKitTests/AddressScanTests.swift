import Testing

@testable import TollgateKit

/// PRIV-105's e-mail search is a hand-written scan (`AddressScan`) in place of two regexes that
/// backtracked: it must find the addresses the regexes found, and finish on long values.
@Suite("E-mail addresses in tag values")
struct AddressScanTests {
    /// Each value with whether it holds an address, as the regexes
    /// `[A-Za-z][A-Za-z0-9+.-]*://[^/\s@'"]*@` (removed first) and
    /// `[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.([A-Za-z]{2,})\b`
    /// answered, less file extensions.
    static let cases: [(value: String, holdsAddress: Bool)] = [
        ("write to jane.doe@example.com", true),
        ("mailto:jane.doe+news@example.co.uk?subject=hi", true),
        ("https://shop.test/track?u=1&email=jane@example.com&x=2", true),
        ("fetch('https://shop.test/t?e=' + 'jane_d%1@mail.example.org')", true),
        ("JANE@EXAMPLE.COM", true),
        ("a@b.cd", true),
        ("jane@example.com.", true),
        ("jane@example.com, john@example.org", true),
        ("jane@example.com-", true),
        ("jane@example.com/path", true),
        ("jane@sub-1.example.museum", true),
        ("jane@example.com\u{0E01}", true),  // Thai follows: a word boundary
        // A credential in a URL is not an address; an address after one still is.
        ("https://tester:TestPassw0rd@pixel.calls.test/p", false),
        ("https://tester:pw@pixel.calls.test/p?to=jane@example.com", true),
        ("git+ssh://git@example.com", false),
        ("ftp://u@example.com x@example.org", true),
        ("'https://u@' + 'example.com'", false),
        // File names and near misses.
        ("logo@2x.png", false),
        ("icons/logo@2X.PNG", false),
        ("logo@2x.png and jane@example.com", true),
        ("a@b.png@c.org", false),
        ("jane@example.com's", false),
        ("jane@example.com.x", false),
        ("jane@example.com:x", false),
        ("jane@example.com1", false),
        ("jane@example.com_x", false),
        ("jane@example.com\u{E9}", false),  // a letter follows: no word boundary
        ("jane@example.com\u{AD}", false),  // a soft hyphen is read past
        ("jane@example.c", false),
        ("jane@localhost", false),
        ("@example.com", false),
        ("jane@-example.com", false),
        ("jane@example-.com", false),
        ("jane@exa_mple.com", false),
        ("jane@.example.com", false),
        ("jane@example..com", false),
        ("e\u{301}@example.com", false),  // `e` with a combining accent is not `e`
        ("{{Email}}@example", false),
        ("", false),
    ]

    @Test func findsTheAddressesTheRegexesFound() {
        for (value, holdsAddress) in Self.cases {
            #expect(
                AddressScan.containsAddress(value, excluding: PersonalDataDetector.fileExtensions) == holdsAddress,
                "\(value.debugDescription)")
            #expect(
                PersonalDataDetector.scan(value).contains("e-mail address") == holdsAddress, "\(value.debugDescription)"
            )
        }
    }

    /// Values of a megabyte that made the regexes backtrack (a 20 KB run before an `@` took 38 s).
    /// A hang is caught by the time limit; what is asserted is the answer.
    @Test(.timeLimit(.minutes(1))) func hostileValuesOfAMegabyteAreScanned() {
        let megabyte = 1 << 20
        let cases: [(String, Bool)] = [
            (String(repeating: "a", count: megabyte) + "@", false),
            (String(repeating: "a.", count: megabyte / 2) + "@", false),
            ("x@" + String(repeating: "a.", count: megabyte / 2), false),
            ("x@" + String(repeating: "a.", count: megabyte / 2) + "io", true),
            (String(repeating: "a@", count: megabyte / 2), false),
            (String(repeating: "h://", count: megabyte / 4), false),
            (String(repeating: "h+", count: megabyte / 2) + "://u@example.com", false),
            (String(repeating: "h://u:p@", count: megabyte / 8) + "jane@example.com", true),
            ("\u{E9}" + String(repeating: "a", count: megabyte) + "@", false),
            (String(repeating: "a@b.cc\u{E9}", count: megabyte / 8), false),
            ("a@b.cc" + String(repeating: "\u{AD}", count: megabyte / 2), false),
            (String(repeating: "logo@2x.png ", count: megabyte / 12) + "jane@example.com", true),
        ]
        for (value, holdsAddress) in cases {
            #expect(
                PersonalDataDetector.scan(value).contains("e-mail address") == holdsAddress,
                "\(value.prefix(20).debugDescription)…")
        }
    }
}
