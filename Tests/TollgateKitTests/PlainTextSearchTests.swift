import Foundation
import Testing

@testable import TollgateKit

/// `containsPlainText` answers as Foundation's `contains` does, by a byte search where that is
/// the same answer.
@Suite struct PlainTextSearchTests {
    /// Texts where a byte search and canonical equivalence could part: CR LF, combining marks,
    /// characters whose canonical decomposition is ASCII (K, ;, `), full-width letters.
    static let awkward = [
        "", "e", "email", "EMAIL", "e\u{301}mail", "emai\u{301}l", "email\u{301}", "\u{FF45}mail", "tel:\r\n",
        "\r\ntel:", "te\u{212A}", "tek", "a\u{037E}b", "a;b", "\u{1FEF}x", "`x", "{{", "{ {", "x{{y}}",
        "licenseref-", "licenseref\u{2010}", "lic\u{0}enseref-", "\u{0}",
    ]

    /// The needles Tollgate searches for, and ASCII pieces that start or end on CR, LF or a
    /// character with an ASCII canonical equivalent. (Foundation's own search traps on some
    /// needles, such as "K\u{0}" in a text with a lone combining mark, so the needles stay ASCII
    /// text as the callers' are.)
    static let needles = [
        "email", "userdata", "user_data", "phone", "enhancedconversion", "enhanced_conversion", "licenseref-", "{{",
        "tel:", "mail", "ma", "e", "k", "K", ";", "`", "-", "\r", "\n", "\r\n", "a\r", "\nt",
    ]

    @Test func answersAsFoundationOnAwkwardTexts() {
        for text in Self.awkward {
            for needle in Self.needles {
                #expect(
                    text.containsPlainText(needle) == text.contains(needle), "\(Array(text.utf8)) \(Array(needle.utf8))"
                )
            }
        }
    }

    @Test func answersAsFoundationOnRandomTexts() {
        let alphabet = [
            "e", "m", "a", "i", "l", "t", ":", "{", "-", "\r", "\n", "\r\n", "é", "e\u{301}", "\u{301}", "\u{0}", "K",
            "\u{212A}", "\u{308}", "ß", "İ",
        ]
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...14)).map { _ in alphabet.randomElement()! }.joined()
            let needle = Self.needles.randomElement()!
            #expect(text.containsPlainText(needle) == text.contains(needle), "\(Array(text.utf8)) \(needle)")
        }
    }
}
