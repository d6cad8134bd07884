import Foundation
import Testing

@testable import TollgateKit

/// `containsPlainText` answers as a character search does (the needle's characters equal, by
/// canonical equivalence, a run of the text's characters; the empty needle found nowhere), by a
/// byte search where that is the same answer. The oracles are independent of the code: a naive
/// search over the two texts' characters, and Foundation's `contains` where its answer is the
/// character search's. (`firstRange(of:)`, the code's own fallback, would make every non-ASCII
/// case compare the function with itself.)
@Suite struct PlainTextSearchTests {
    /// The character search's answer, by trying every window of the text's characters.
    static func reference(_ text: String, _ needle: String) -> Bool {
        let text = Array(text)
        let needle = Array(needle)
        guard !needle.isEmpty, needle.count <= text.count else { return false }
        return (0...(text.count - needle.count)).contains { start in
            (0..<needle.count).allSatisfy { text[start + $0] == needle[$0] }
        }
    }

    /// Foundation's answer, or `nil` where it is not the character search's: a needle with NUL
    /// (CFString's search can trap on it), CR or LF (it finds "\n" inside CR LF and misses a line
    /// break followed by a combining mark), or one that starts with a combining mark (it finds
    /// one inside a character).
    static func foundation(_ text: String, _ needle: String) -> Bool? {
        guard let first = needle.unicodeScalars.first, !first.properties.isGraphemeExtend,
            !needle.unicodeScalars.contains(where: { $0 == "\u{0}" || $0 == "\r" || $0 == "\n" })
        else { return nil }
        return text.contains(needle)
    }

    /// Checks `containsPlainText` against both oracles.
    static func check(_ text: String, _ needle: String) {
        let answer = text.containsPlainText(needle)
        #expect(answer == reference(text, needle), "\(Array(text.utf8)) \(Array(needle.utf8))")
        if let foundation = foundation(text, needle) {
            #expect(answer == foundation, "Foundation: \(Array(text.utf8)) \(Array(needle.utf8))")
        }
    }

    /// Texts where a byte search and canonical equivalence could part: CR LF, combining marks,
    /// characters whose canonical decomposition is ASCII (K, ;, `), full-width letters.
    static let awkward = [
        "", "e", "email", "EMAIL", "e\u{301}mail", "emai\u{301}l", "email\u{301}", "\u{FF45}mail", "tel:\r\n",
        "\r\ntel:", "te\u{212A}", "tek", "a\u{037E}b", "a;b", "\u{1FEF}x", "`x", "{{", "{ {", "x{{y}}",
        "licenseref-", "licenseref\u{2010}", "lic\u{0}enseref-", "\u{0}",
    ]

    /// The needles Tollgate searches for, ASCII pieces that start or end on CR, LF or a character
    /// with an ASCII canonical equivalent, and needles with NUL, on which Foundation's search
    /// traps (policy markers are any text a pack writes, "\0" included).
    static let needles = [
        "email", "userdata", "user_data", "phone", "enhancedconversion", "enhanced_conversion", "licenseref-", "{{",
        "tel:", "mail", "ma", "e", "k", "K", ";", "`", "-", "\r", "\n", "\r\n", "a\r", "\nt", "", "K\u{0}",
        "k\u{0}", "\u{0}", "e\u{301}", "\u{301}",
    ]

    /// Foundation's `contains` traps on this pair (CFString matches "K" and returns a range one
    /// past the end); `containsPlainText` answers, and says no, as the text has no NUL.
    @Test func aNeedleEndingInNULDoesNotTrap() {
        #expect(!"-\n\u{301}\r-K".containsPlainText("K\u{0}"))
        #expect(!"zustimmung f\u{FC}r track".containsPlainText("k\u{0}"))
        #expect("-\u{301}K\u{0}".containsPlainText("K\u{0}"))
    }

    @Test func answersAsTheCharacterSearchOnAwkwardTexts() {
        for text in Self.awkward {
            for needle in Self.needles {
                Self.check(text, needle)
            }
        }
    }

    @Test func answersAsTheCharacterSearchOnRandomTexts() {
        let alphabet = [
            "e", "m", "a", "i", "l", "t", ":", "{", "-", "\r", "\n", "\r\n", "é", "e\u{301}", "\u{301}", "\u{0}", "K",
            "\u{212A}", "\u{308}", "ß", "İ",
        ]
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...14)).map { _ in alphabet.randomElement()! }.joined()
            let needle = Self.needles.randomElement()!
            Self.check(text, needle)
        }
    }
}
