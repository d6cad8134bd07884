import Foundation

extension String {
    /// Whether `needle` occurs in the string: the answer of Foundation's `contains(_:)`, which
    /// compares by Unicode canonical equivalence, found by a byte search when both texts are ASCII.
    ///
    /// ASCII characters have no decomposition and combine with nothing, so between ASCII texts
    /// canonical equivalence is byte equality; and a needle without CR or LF cannot end a match
    /// inside a character (CR LF is the one ASCII pair that forms one). Anything else, and the
    /// empty needle, goes to Foundation. Foundation bridges to `NSString` and searches through
    /// CFString, a few thousand instructions a call: the tag classifier, LIC-018 and PRIV-105's
    /// detector asked it 20,000 times at the M benchmark stack, 1.2 % of a whole check.
    public func containsPlainText(_ needle: String) -> Bool {
        var haystack = self
        var needle = needle
        let answer = haystack.withUTF8 { text in
            needle.withUTF8 { pattern in String.asciiSearch(pattern, in: text) }
        }
        return answer ?? contains(needle)
    }

    /// Whether `pattern` occurs in `text`, or `nil` when a byte search would not answer as
    /// Foundation does (a byte above ASCII, CR or LF in the pattern, or an empty pattern).
    private static func asciiSearch(
        _ pattern: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>
    )
        -> Bool?
    {
        guard let first = pattern.first,
            !pattern.contains(where: { $0 >= 0x80 || $0 == 0x0A || $0 == 0x0D }),
            !text.contains(where: { $0 >= 0x80 })
        else { return nil }
        guard text.count >= pattern.count else { return false }
        var start = 0
        while start <= text.count - pattern.count {
            if text[start] == first {
                var offset = 1
                while offset < pattern.count, text[start + offset] == pattern[offset] { offset += 1 }
                if offset == pattern.count { return true }
            }
            start += 1
        }
        return false
    }
}
