import Foundation
import Testing
import TollgateKit

/// `replacingASCII` says what Foundation's `replacingOccurrences` says for one ASCII character.
@Suite struct StringASCIIReplacementTests {
    @Test func agreesWithFoundation() {
        let texts = ["Full-Access", "full_access", "", "-", "--a--", "no dashes", "Zoë-Müller-日本-😀", "a-b_c d"]
        for text in texts {
            for (target, replacement) in [("-", "_"), ("_", " "), (" ", ""), ("-", " ")] {
                let expected = text.replacingOccurrences(of: target, with: replacement)
                let actual = text.replacingASCII(
                    Unicode.Scalar(target)!, with: replacement.isEmpty ? nil : Unicode.Scalar(replacement)!)
                #expect(actual == expected, "\(text.debugDescription): \(target) → \(replacement)")
            }
        }
    }

    @Test func removingEveryCharacterLeavesTheRest() {
        #expect("a b  c ".replacingASCII(" ", with: nil) == "abc")
        #expect("   ".replacingASCII(" ", with: nil) == "")
    }
}
