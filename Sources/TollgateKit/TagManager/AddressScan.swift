/// E-mail addresses in a text, found by hand in time linear in its length.
///
/// PRIV-105 used two regexes here, `[A-Za-z][A-Za-z0-9+.-]*://[^/\s@'"]*@` for the
/// `scheme://user:password@` part of a URL and
/// `[A-Za-z0-9._%+-]+@<label>(?:\.<label>)*\.([A-Za-z]{2,})\b` for an address. Swift's
/// backtracking engine tried them from every position of a run of address characters, so a
/// 20 KB value ending in `@` took 38 s. This scanner finds the same addresses: it removes the
/// credential parts first, then looks at each `@` once, at the one character before it (the
/// regex needs only one local-part character there) and at the domain after it, which ends at
/// the first character that is neither a label character nor a dot, so no two `@` read the
/// same domain.
///
/// It reads the text as Swift regexes do, one `Character` at a time (`a` with a combining
/// accent is not `a`). The top-level domain ends where the regex's `\b` (Unicode default word
/// boundaries, UAX #29) puts a boundary: `example.com.x` and `example.com's` are one word, so
/// `jane@example.com's` is not an address while `jane@example.com.` is. Where ASCII follows the
/// domain this is decided here; where other characters follow, the regex engine decides on
/// those few characters alone.
enum AddressScan {
    /// Whether `text` holds an address whose top-level domain, lower-cased, is not in
    /// `excluded`, once the `scheme://user:password@` parts of URLs are left out.
    static func containsAddress(_ text: String, excluding excluded: Set<String>) -> Bool {
        let text = Characters(text).removingURLCredentials()
        let codes = text.codes
        // Addresses do not overlap: after one, the next starts where it ends.
        var end = 0
        for at in codes.indices where codes[at] == UInt8(ascii: "@") {
            guard at > end, isLocal(codes[at - 1]), let tld = text.topLevelDomain(after: at) else { continue }
            let name = String(decoding: codes[tld], as: UTF8.self).lowercased()
            if !excluded.contains(name) { return true }
            end = tld.upperBound
        }
        return false
    }

    // MARK: Classes of codes

    /// The code of a character that is not ASCII and is white space (`\s` matches it).
    static let otherSpace: UInt8 = 0x81
    /// The code of any other character that is not ASCII.
    static let other: UInt8 = 0x80

    static func isLetter(_ code: UInt8) -> Bool {
        (code | 0x20) >= UInt8(ascii: "a") && (code | 0x20) <= UInt8(ascii: "z")
    }
    static func isDigit(_ code: UInt8) -> Bool { code >= UInt8(ascii: "0") && code <= UInt8(ascii: "9") }
    static func isAlphanumeric(_ code: UInt8) -> Bool { isLetter(code) || isDigit(code) }

    /// `[A-Za-z0-9._%+-]`
    static func isLocal(_ code: UInt8) -> Bool {
        isAlphanumeric(code) || code == UInt8(ascii: ".") || code == UInt8(ascii: "_") || code == UInt8(ascii: "%")
            || code == UInt8(ascii: "+") || code == UInt8(ascii: "-")
    }

    /// `[A-Za-z0-9+.-]`
    static func isScheme(_ code: UInt8) -> Bool {
        isAlphanumeric(code) || code == UInt8(ascii: "+") || code == UInt8(ascii: ".") || code == UInt8(ascii: "-")
    }

    /// `[A-Za-z0-9-]`
    static func isLabel(_ code: UInt8) -> Bool { isAlphanumeric(code) || code == UInt8(ascii: "-") }

    /// `[/\s@'"]`, what ends the user-information part of a URL.
    static func endsUserInformation(_ code: UInt8) -> Bool {
        switch code {
        case UInt8(ascii: "/"), UInt8(ascii: "@"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: " "),
            0x09...0x0D, otherSpace:
            true
        default: false
        }
    }

    /// A letter followed by a word boundary; run only on a few characters at a time.
    nonisolated(unsafe) static let letterThenBoundary = #/a\b/#
}

extension AddressScan {
    /// A text as one code a `Character`: its ASCII value, `other` or `otherSpace`.
    struct Characters {
        var codes: [UInt8]
        /// The characters themselves, where the text is not all ASCII. An all-ASCII text is
        /// read a byte a character: CR LF, one character, is two codes, but both are white
        /// space and in no other class used here.
        var characters: [Character]?

        init(_ text: String) {
            if text.utf8.allSatisfy({ $0 < 0x80 }) {
                codes = Array(text.utf8)
                return
            }
            let characters = Array(text)
            self.characters = characters
            codes = characters.map { $0.asciiValue ?? ($0.isWhitespace ? AddressScan.otherSpace : AddressScan.other) }
        }

        init(codes: [UInt8], characters: [Character]?) {
            self.codes = codes
            self.characters = characters
        }

        /// The text without each `scheme://user:password@`, matched as the regex did: leftmost
        /// first, a scheme starting at a letter, the user part running to the first `@`.
        func removingURLCredentials() -> Characters {
            var removed: [Range<Int>] = []
            var copied = 0
            var index = 0
            while index + 2 < codes.count {
                guard codes[index] == UInt8(ascii: ":"), codes[index + 1] == UInt8(ascii: "/"),
                    codes[index + 2] == UInt8(ascii: "/")
                else {
                    index += 1
                    continue
                }
                // The scheme is the run of scheme characters before `://`, from its first letter.
                // Runs before two `://` never overlap (`:` and `/` end them), nor do the user
                // parts after them (`/` ends those), so the scan reads each code a few times.
                var start = index
                while start > copied, AddressScan.isScheme(codes[start - 1]) { start -= 1 }
                while start < index, !AddressScan.isLetter(codes[start]) { start += 1 }
                var end = index + 3
                while end < codes.count, !AddressScan.endsUserInformation(codes[end]) { end += 1 }
                if start < index, end < codes.count, codes[end] == UInt8(ascii: "@") {
                    removed.append(start..<end + 1)
                    copied = end + 1
                    index = end + 1
                } else {
                    index += 1
                }
            }
            if removed.isEmpty { return self }
            return Characters(
                codes: keeping(codes, without: removed), characters: characters.map { keeping($0, without: removed) })
        }

        func keeping<Element>(_ elements: [Element], without removed: [Range<Int>]) -> [Element] {
            var kept: [Element] = []
            kept.reserveCapacity(elements.count)
            var copied = 0
            for range in removed {
                kept += elements[copied..<range.lowerBound]
                copied = range.upperBound
            }
            kept += elements[copied...]
            return kept
        }

        /// The top-level domain of the address whose `@` is at `at`, as the regex's
        /// `@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.<same>)*\.([A-Za-z]{2,})\b` finds it:
        /// labels that start and end with a letter or digit, then the last dot-separated part
        /// (the regex is greedy) that starts with two letters or more and ends there at a word
        /// boundary.
        func topLevelDomain(after at: Int) -> Range<Int>? {
            var found: Range<Int>?
            var part = at + 1
            var first = true
            while part < codes.count {
                var end = part
                while end < codes.count, AddressScan.isLabel(codes[end]) { end += 1 }
                if !first {
                    var letters = part
                    while letters < end, AddressScan.isLetter(codes[letters]) { letters += 1 }
                    if letters - part >= 2, wordEnds(at: letters) { found = part..<letters }
                }
                // A part that is not a whole label ends the name.
                guard end > part, AddressScan.isAlphanumeric(codes[part]), AddressScan.isAlphanumeric(codes[end - 1]),
                    end < codes.count, codes[end] == UInt8(ascii: ".")
                else { break }
                part = end + 1
                first = false
            }
            return found
        }

        /// Whether a word ends before `index`, which follows an ASCII letter. Before ASCII:
        /// not before a letter, digit or `_`, nor before `.`, `'` or `:` followed by a letter.
        func wordEnds(at index: Int) -> Bool {
            guard index < codes.count else { return true }
            let next = codes[index]
            if next < 0x80 {
                if AddressScan.isAlphanumeric(next) || next == UInt8(ascii: "_") { return false }
                let joins = next == UInt8(ascii: ".") || next == UInt8(ascii: "'") || next == UInt8(ascii: ":")
                guard joins, index + 1 < codes.count else { return true }
                if codes[index + 1] < 0x80 { return !AddressScan.isLetter(codes[index + 1]) }
            }
            return unicodeWordEnds(at: index)
        }

        /// `wordEnds` where a character that is not ASCII is involved, asked of the regex engine
        /// on a letter and the characters from `index` up to the second one that is not a
        /// format character or mark (UAX #29 reads past those, rule WB4). Only an `@` whose
        /// domain is followed by such characters comes here, and the characters read end
        /// before the next `@`'s domain, so the text is still read a few times at most.
        func unicodeWordEnds(at index: Int) -> Bool {
            guard let characters else { return true }
            var window = "a"
            var counted = 0
            var position = index
            while position < characters.count, counted < 2 {
                window.append(characters[position])
                if !Self.mayBeSkipped(characters[position]) { counted += 1 }
                position += 1
            }
            return window.prefixMatch(of: AddressScan.letterThenBoundary) != nil
        }

        /// Characters that word boundaries may read past: format characters, marks, emoji
        /// modifiers. Taking more than these into the window changes nothing but its length.
        static func mayBeSkipped(_ character: Character) -> Bool {
            guard let scalar = character.unicodeScalars.first else { return true }
            switch scalar.properties.generalCategory {
            case .format, .nonspacingMark, .enclosingMark, .spacingMark: return true
            default: return scalar.properties.isEmojiModifier
            }
        }
    }
}
