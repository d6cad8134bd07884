extension String {
    /// Whether `needle` occurs in the string as a run of whole characters, compared by Unicode
    /// canonical equivalence (the standard library's `firstRange(of:)`), found by a byte search
    /// when both texts are ASCII. The empty needle occurs nowhere.
    ///
    /// ASCII characters have no decomposition and combine with nothing, so between ASCII texts
    /// canonical equivalence is byte equality; and a needle without CR or LF cannot start or end
    /// a match inside a character (CR LF is the one ASCII pair that forms one). Anything else
    /// goes to the standard library's character search. Not to Foundation's `contains(_:)`:
    /// CFString's search takes a needle ending in NUL as matching without it, and for a
    /// non-ASCII text ending in the rest (`"-\n\u{301}\r-K"` and `"K\u{0}"`) returns a range past
    /// the end, which traps, so a policy marker `"k\0"` stopped a check. Foundation also cost a
    /// few thousand instructions a call (it bridges to `NSString`): the tag classifier, LIC-018
    /// and PRIV-105's detector asked it 20,000 times at the M benchmark stack, 1.2 % of a check.
    public func containsPlainText(_ needle: String) -> Bool {
        var haystack = self
        var needle = needle
        let answer = haystack.withUTF8 { text in
            needle.withUTF8 { pattern in String.asciiSearch(pattern, in: text) }
        }
        if let answer { return answer }
        return !needle.isEmpty && firstRange(of: needle) != nil
    }

    /// Whether `pattern` occurs in `text`, or `nil` when a byte search might not answer as a
    /// character search does (a byte above ASCII, CR or LF in the pattern, or an empty pattern).
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
