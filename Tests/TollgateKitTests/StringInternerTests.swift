import Testing

@testable import TollgateKit

/// The JSON reader's interner: equal byte runs give one shared string, and sharing never
/// changes what a string says.
@Suite struct StringInternerTests {
    /// Where a string's UTF-8 bytes live: the same address means one shared storage.
    private static func storage(_ text: String) -> UnsafePointer<UInt8>? {
        var copy = text
        return copy.withUTF8 { $0.baseAddress }
    }

    private static func intern(_ text: String, in interner: inout StringInterner) -> String {
        Array(text.utf8).withUnsafeBufferPointer { interner.string($0) }
    }

    @Test func equalBytesShareOneString() {
        var interner = StringInterner()
        let first = Self.intern("marketing.advertising.first_party.targeted", in: &interner)
        let second = Self.intern("marketing.advertising.first_party.targeted", in: &interner)
        let other = Self.intern("marketing.advertising.third_party.targeted", in: &interner)
        #expect(first == "marketing.advertising.first_party.targeted")
        #expect(other == "marketing.advertising.third_party.targeted")
        #expect(Self.storage(first) == Self.storage(second))
        #expect(Self.storage(first) != Self.storage(other))
    }

    /// Many distinct strings (the table grows several times), each read back twice: every one
    /// keeps its text, and the second reading shares the first's storage.
    @Test func growingKeepsEveryStringFindable() {
        var interner = StringInterner()
        let texts = (0..<5_000).map { "user.custom.category-\($0)" }
        let first = texts.map { Self.intern($0, in: &interner) }
        let again = texts.map { Self.intern($0, in: &interner) }
        #expect(first == texts)
        #expect(zip(first, again).allSatisfy { Self.storage($0) == Self.storage($1) })
    }

    /// Past the limit a string is still made correctly, only not shared: a hostile file with
    /// millions of distinct strings cannot make the table grow without bound.
    @Test func pastTheLimitStringsAreMadeButNotKept() {
        var interner = StringInterner()
        for index in 0..<StringInterner.capacityLimit {
            _ = Self.intern("distinct-string-number-\(index)", in: &interner)
        }
        let late = Self.intern("one more distinct string, over the limit", in: &interner)
        let lateAgain = Self.intern("one more distinct string, over the limit", in: &interner)
        #expect(late == "one more distinct string, over the limit" && lateAgain == late)
        #expect(Self.storage(late) != Self.storage(lateAgain))
        let early = Self.intern("distinct-string-number-7", in: &interner)
        #expect(Self.storage(early) == Self.storage(Self.intern("distinct-string-number-7", in: &interner)))
    }
}

/// The JSON reader's cache of short strings: whatever follows a run in the buffer, and whatever
/// else hashed to its slot before, the string given back is the run's own text.
@Suite struct ShortStringCacheTests {
    /// `text` followed by `padding`, read back through `cache`.
    private static func read(_ text: String, followedBy padding: String, in cache: inout ShortStringCache) -> String {
        let bytes = Array((text + padding).utf8)
        return bytes.withUnsafeBufferPointer { cache.string(at: $0.baseAddress!, count: text.utf8.count) }
    }

    /// Every length from 0 to 15 (the 7/8 boundary between the two packed words included),
    /// each run a prefix of the next, so only the length tells them apart.
    @Test func everyLengthKeepsItsText() {
        var cache = ShortStringCache()
        let alphabet = "abcdefghijklmnop"
        for _ in 0..<2 {
            for count in 0...ShortStringCache.maximumCount {
                let text = String(alphabet.prefix(count))
                #expect(Self.read(text, followedBy: "XXXXXXXXXXXXXXXX", in: &cache) == text)
                #expect(
                    Self.read(text, followedBy: "\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}abcdefgh", in: &cache) == text)
            }
        }
    }

    /// Runs that differ only by trailing NUL bytes pack to the same bytes; their lengths tell
    /// them apart.
    @Test func trailingNULsAreNotDropped() {
        var cache = ShortStringCache()
        for text in ["ab", "ab\u{0}", "ab\u{0}\u{0}", "abcdefgh", "abcdefgh\u{0}", "", "\u{0}"] {
            #expect(Self.read(text, followedBy: String(repeating: "\u{0}", count: 16), in: &cache) == text)
        }
    }

    /// More distinct strings than slots, read twice: collisions replace, never confuse.
    @Test func collisionsGiveTheRightString() {
        var cache = ShortStringCache()
        let texts = (0..<5_000).map { "id-\($0)" } + ["", "a", "crm", "2026-01-01"]
        for _ in 0..<2 {
            for text in texts {
                #expect(Self.read(text, followedBy: String(repeating: "z", count: 16), in: &cache) == text)
            }
        }
    }
}
