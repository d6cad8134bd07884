import Foundation

/// Byte-level matchers for known token formats and the high-entropy heuristic. Hand-written
/// rather than regular expressions so that scanning every string of a large stack stays linear
/// and cheap: each position is looked at once, and only a few bytes start a format.
extension SecretScanner {
    struct Match: Equatable {
        let kind: SecretKind
        let value: String
    }

    /// A string's UTF-8 bytes, borrowed in place: the matchers read every string of every file,
    /// so they never copy one.
    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// Calls `body` with the string's UTF-8 bytes, without copying a native string.
    static func withBytes<R>(_ text: String, _ body: (Bytes) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    static func knownFormats(in text: String) -> [Match] {
        // Length first: most keys and values are short.
        guard text.utf8.count >= 16 else { return [] }
        return withBytes(text, knownFormats(in:))
    }

    static func knownFormats(in bytes: Bytes) -> [Match] {
        guard bytes.count >= 16 else { return [] }
        var matches: [Match] = []
        var index = 0
        while index < bytes.count {
            // Most bytes start no format and are no `=` or `:`: skipped without a call.
            if !formatOrNameBytes[Int(bytes[index])] {
                index += 1
            } else if let (match, end) = format(at: index, in: bytes) {
                if !matches.contains(match) { matches.append(match) }
                index = end
            } else if let match = namedSecret(at: index, in: bytes) {
                // Keep scanning inside the value: a token format there names it better.
                if !matches.contains(match) { matches.append(match) }
                index += 1
            } else {
                index += 1
            }
        }
        // `apiKey: 'AKIA…'` is one AWS access key id, not also a secret assigned in code.
        let formats = matches.filter { !$0.kind.isNamedInText }
        return matches.filter { match in
            !match.kind.isNamedInText || !formats.contains { match.value.contains($0.value) }
        }
    }

    /// The bytes `format(at:in:)` has a case for, and the operators `namedSecret(at:in:)` looks
    /// behind, indexed by byte.
    static let formatOrNameBytes: [Bool] = (0..<256).map { byte in
        "AgxhsrSEe-:=".utf8.contains(UInt8(byte))
    }

    // MARK: - Character classes

    static func isUpper(_ b: UInt8) -> Bool { b >= 65 && b <= 90 }
    static func isLower(_ b: UInt8) -> Bool { b >= 97 && b <= 122 }
    static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    static func isAlnum(_ b: UInt8) -> Bool { isUpper(b) || isLower(b) || isDigit(b) }
    static func isBase64URL(_ b: UInt8) -> Bool { isAlnum(b) || b == 45 || b == 95 }  // - _
    static func isHex(_ b: UInt8) -> Bool { isDigit(b) || (b >= 97 && b <= 102) }

    /// Length of the run of bytes satisfying `predicate` starting at `start`.
    static func run(_ bytes: Bytes, _ start: Int, _ predicate: (UInt8) -> Bool) -> Int {
        var end = start
        while end < bytes.count && predicate(bytes[end]) { end += 1 }
        return end - start
    }

    /// The byte with ASCII capitals lower-cased.
    static func lowercased(_ b: UInt8) -> UInt8 { isUpper(b) ? b + 32 : b }

    /// Whether `prefix` (lower case when `ignoringCase`) starts at `index`.
    static func has(_ bytes: Bytes, _ prefix: StaticString, at index: Int, ignoringCase: Bool = false) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let start = prefix.utf8Start
        for offset in 0..<count {
            let byte = bytes[index + offset]
            if (ignoringCase ? lowercased(byte) : byte) != start[offset] { return false }
        }
        return true
    }

    static func string(_ bytes: Bytes, _ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }

    // MARK: - Formats

    /// The format starting at `index`, if any, and where it ends.
    static func format(at index: Int, in bytes: Bytes) -> (Match, Int)? {
        let leftBoundary = index == 0 || !isAlnum(bytes[index - 1])
        switch bytes[index] {
        case UInt8(ascii: "A") where leftBoundary:
            if has(bytes, "AKIA", at: index) || has(bytes, "ASIA", at: index) {
                let body = run(bytes, index + 4) { isUpper($0) || isDigit($0) }
                if body == 16 {
                    return (Match(kind: .awsAccessKeyID, value: string(bytes, index, index + 20)), index + 20)
                }
            }
            if has(bytes, "AIza", at: index) {
                let body = run(bytes, index + 4, isBase64URL)
                if body == 35 {
                    return (Match(kind: .googleAPIKey, value: string(bytes, index, index + 39)), index + 39)
                }
            }
        case UInt8(ascii: "g") where leftBoundary:
            for prefix: StaticString in ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"] where has(bytes, prefix, at: index) {
                let body = run(bytes, index + 4, isAlnum)
                if body >= 30 {
                    return (Match(kind: .githubToken, value: string(bytes, index, index + 4 + body)), index + 4 + body)
                }
            }
            if has(bytes, "glpat-", at: index) {
                let body = run(bytes, index + 6) { isBase64URL($0) }
                if body >= 20 {
                    return (Match(kind: .gitlabToken, value: string(bytes, index, index + 6 + body)), index + 6 + body)
                }
            }
            if has(bytes, "github_pat_", at: index) {
                let body = run(bytes, index + 11) { isAlnum($0) || $0 == 95 }
                if body >= 22 {
                    return (
                        Match(kind: .githubToken, value: string(bytes, index, index + 11 + body)), index + 11 + body
                    )
                }
            }
        case UInt8(ascii: "x") where leftBoundary:
            if has(bytes, "xox", at: index), index + 4 < bytes.count, "abposre".utf8.contains(bytes[index + 3]),
                bytes[index + 4] == UInt8(ascii: "-")
            {
                let body = run(bytes, index + 5) { isAlnum($0) || $0 == 45 }
                if body >= 10 {
                    return (Match(kind: .slackToken, value: string(bytes, index, index + 5 + body)), index + 5 + body)
                }
            }
        case UInt8(ascii: "h"):
            if has(bytes, "hooks.slack.com/services/", at: index) {
                let start = index + 25
                let body = run(bytes, start) { isAlnum($0) || $0 == 47 }
                if body >= 20 {
                    return (Match(kind: .slackWebhook, value: string(bytes, start, start + body)), start + body)
                }
            }
        case UInt8(ascii: "s") where leftBoundary, UInt8(ascii: "r") where leftBoundary:
            for prefix: StaticString in ["sk_live_", "sk_test_", "rk_live_", "rk_test_"]
            where has(bytes, prefix, at: index) {
                let body = run(bytes, index + 8, isAlnum)
                if body >= 16 {
                    return (
                        Match(kind: .stripeSecretKey, value: string(bytes, index, index + 8 + body)), index + 8 + body
                    )
                }
            }
        case UInt8(ascii: "S") where leftBoundary:
            if has(bytes, "SG.", at: index) {
                let first = run(bytes, index + 3, isBase64URL)
                let dot = index + 3 + first
                if first >= 16, dot < bytes.count, bytes[dot] == UInt8(ascii: ".") {
                    let second = run(bytes, dot + 1, isBase64URL)
                    if second >= 30 {
                        return (
                            Match(kind: .sendGridAPIKey, value: string(bytes, index, dot + 1 + second)),
                            dot + 1 + second
                        )
                    }
                }
            }
        case UInt8(ascii: "E") where leftBoundary:
            // Meta (Facebook) Graph API access tokens: `EAA` and a long alphanumeric body.
            if has(bytes, "EAA", at: index) {
                let body = run(bytes, index + 3, isAlnum)
                if body >= 60 {
                    return (
                        Match(kind: .metaAccessToken, value: string(bytes, index, index + 3 + body)), index + 3 + body
                    )
                }
            }
        case UInt8(ascii: "e") where leftBoundary:
            if has(bytes, "eyJ", at: index), let end = jwtEnd(bytes, index) {
                return (Match(kind: .jwt, value: string(bytes, index, end)), end)
            }
        case UInt8(ascii: "-"):
            // `-----BEGIN RSA PRIVATE KEY-----`: the whole string is the secret.
            if has(bytes, "-----BEGIN ", at: index) {
                let window = bytes[(index + 11)..<min(bytes.count, index + 11 + 36)]
                let marker = Array("PRIVATE KEY-----".utf8)
                if window.count >= marker.count,
                    (0...(window.count - marker.count)).contains(where: {
                        window.dropFirst($0).starts(with: marker)
                    })
                {
                    return (Match(kind: .privateKey, value: string(bytes, 0, bytes.count)), bytes.count)
                }
            }
            // Mailchimp: 32 lowercase hex digits, then -us and a data-centre number.
            if has(bytes, "-us", at: index), index >= 32 {
                let start = index - 32
                let hexOK = bytes[start..<index].allSatisfy(isHex) && (start == 0 || !isAlnum(bytes[start - 1]))
                let digits = run(bytes, index + 3, isDigit)
                if hexOK, digits >= 1, digits <= 2 {
                    return (
                        Match(kind: .mailchimpAPIKey, value: string(bytes, start, index + 3 + digits)),
                        index + 3 + digits
                    )
                }
            }
        case UInt8(ascii: ":"):
            if has(bytes, "://", at: index), let (password, end) = urlPassword(bytes, after: index + 3) {
                return (Match(kind: .urlCredentials, value: password), end)
            }
        default:
            break
        }
        return nil
    }

    /// `?api_key=…` in a URL, or `password: '…'` / `"apiKey": "…"` / `secret = "…"` in code: a
    /// value given under a name that is a credential's, as pasted into scripts and pixel URLs.
    /// Called at each `=` and `:`; the name is read backwards from there.
    ///
    /// Names are matched exactly against `embeddedCredentialNames`, not by suffix as mapping
    /// keys are: inside code a name is whatever the author chose, and suffix matching would
    /// read `credentials: 'same-origin'` (a `fetch` option) as a secret.
    static func namedSecret(at index: Int, in bytes: Bytes) -> Match? {
        let operatorByte = bytes[index]
        guard operatorByte == UInt8(ascii: "=") || operatorByte == UInt8(ascii: ":") else { return nil }
        func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 }
        func isQuote(_ b: UInt8) -> Bool { b == 34 || b == 39 }
        func isNameByte(_ b: UInt8) -> Bool { isUpper(b) || isLower(b) || b == 95 || b == 45 }
        // The name: optional spaces, an optional quote, then 3 to 24 letters, `_` or `-`.
        var nameEnd = index
        while nameEnd > 0 && isSpace(bytes[nameEnd - 1]) { nameEnd -= 1 }
        let quotedName = nameEnd > 0 && isQuote(bytes[nameEnd - 1])
        if quotedName { nameEnd -= 1 }
        var nameStart = nameEnd
        while nameStart > 0 && isNameByte(bytes[nameStart - 1]) && nameEnd - nameStart <= 24 { nameStart -= 1 }
        let nameLength = nameEnd - nameStart
        guard nameLength >= 3, nameLength <= 24, nameStart == 0 || !isNameByte(bytes[nameStart - 1]) else {
            return nil
        }
        // Cheap test first: most names (`https`, `utm_source`) cannot end a credential's name.
        guard embeddedCredentialNameEndings.contains(bytes[nameEnd - 1] | 0x20) else { return nil }
        let name = bytes[nameStart..<nameEnd].compactMap { b -> UInt8? in
            b == 95 || b == 45 ? nil : lowercased(b)
        }
        guard embeddedCredentialNames.contains(String(decoding: name, as: UTF8.self)) else { return nil }
        var start = index + 1
        while start < bytes.count && isSpace(bytes[start]) { start += 1 }
        let value: String
        let kind: SecretKind
        if start < bytes.count, isQuote(bytes[start]) {
            // Code: a quoted value of at least 8 characters with no spaces or template braces.
            let body = run(bytes, start + 1) {
                !isQuote($0) && !isSpace($0) && $0 != 10 && $0 != 13 && $0 != 123 && $0 != 125
            }
            let end = start + 1 + body
            guard body >= 8, end < bytes.count, isQuote(bytes[end]) else { return nil }
            value = string(bytes, start + 1, end)
            kind = .assignedInCode
        } else {
            // A URL query parameter: `?`, `&` or `;` right before the name, at least 6 characters.
            let before = nameStart > 0 ? bytes[nameStart - 1] : 0
            guard operatorByte == UInt8(ascii: "="), !quotedName, "?&;".utf8.contains(before) else { return nil }
            let body = run(bytes, start) {
                !isQuote($0) && !isSpace($0) && $0 != 10 && $0 != 13 && $0 != UInt8(ascii: "&")
                    && $0 != UInt8(ascii: "#")
            }
            guard body >= 6 else { return nil }
            value = string(bytes, start, start + body)
            kind = .urlParameter
        }
        if isReference(value) || isPlaceholder(value) { return nil }
        return Match(kind: kind, value: value)
    }

    /// A JWT: header and payload are base64url JSON objects (`eyJ…`), then a signature.
    static func jwtEnd(_ bytes: Bytes, _ start: Int) -> Int? {
        let header = run(bytes, start, isBase64URL)
        var position = start + header
        guard header >= 10, position < bytes.count, bytes[position] == UInt8(ascii: "."),
            has(bytes, "eyJ", at: position + 1)
        else { return nil }
        let payload = run(bytes, position + 1, isBase64URL)
        position += 1 + payload
        guard payload >= 10, position < bytes.count, bytes[position] == UInt8(ascii: ".") else { return nil }
        let signature = run(bytes, position + 1, isBase64URL)
        guard signature >= 16 else { return nil }
        return position + 1 + signature
    }

    /// The password of `scheme://user:password@host`, unless it is a reference or placeholder.
    static func urlPassword(_ bytes: Bytes, after start: Int) -> (String, Int)? {
        var index = start
        var colon: Int?
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "/") || b == UInt8(ascii: " ") || b == UInt8(ascii: "\n") { return nil }
            if b == UInt8(ascii: ":") && colon == nil { colon = index }
            if b == UInt8(ascii: "@") {
                guard let colon, colon + 1 < index else { return nil }
                let password = string(bytes, colon + 1, index)
                if isReference(password) || isPlaceholder(password) { return nil }
                return (password, index)
            }
            index += 1
        }
        return nil
    }

    // MARK: - High entropy

    /// The first word that looks random enough to be a key, with its entropy.
    static func highEntropyWord(in text: String) -> (String, Double)? {
        guard text.utf8.count >= minimumCandidateLength else { return nil }
        return withBytes(text, highEntropyWord(in:))
    }

    static func highEntropyWord(in bytes: Bytes) -> (String, Double)? {
        guard bytes.count >= minimumCandidateLength else { return nil }
        func wordByte(_ b: UInt8) -> Bool { isAlnum(b) || b == 43 || b == 47 || b == 61 || b == 95 || b == 45 }
        var index = 0
        while index < bytes.count {
            let length = run(bytes, index, wordByte)
            if length >= minimumCandidateLength {
                let word = Bytes(rebasing: bytes[index..<(index + length)])
                if let entropy = randomLooking(word), !isSPDXIdentifier(bytes, index, index + length) {
                    return (string(bytes, index, index + length), entropy)
                }
            }
            index += max(length, 1)
        }
        return nil
    }

    /// Whether the word at `start..<end` is part of an SPDX License List licence or exception id:
    /// the run of id characters (letters, digits, `-`, `.`, SPDX 2.3 Annex D `idstring`) around it,
    /// which a `+` or a space ends. Some listed ids mix classes like a key (`BSD-2-Clause-FreeBSD`,
    /// `PolyForm-Small-Business-1.0.0`), and a licence expression quoting one is no credential.
    static func isSPDXIdentifier(_ bytes: Bytes, _ start: Int, _ end: Int) -> Bool {
        func idByte(_ b: UInt8) -> Bool { isAlnum(b) || b == 45 || b == 46 }  // - .
        guard bytes[start..<end].allSatisfy(idByte) else { return false }
        var first = start
        while first > 0, idByte(bytes[first - 1]) { first -= 1 }
        let last = end + run(bytes, end, idByte)
        let id = string(bytes, first, last)
        let list = SPDXLicenseList.standard
        return list.licence(id) != nil || list.exception(id) != nil
    }

    /// The word's entropy if it mixes classes like a random string does, else `nil`.
    static func randomLooking(_ word: Bytes) -> Double? {
        guard word.contains(where: isUpper), word.contains(where: isLower), word.contains(where: isDigit),
            !word.allSatisfy({ isHex($0) || $0 == 45 })
        else { return nil }
        // Count changes between upper case, lower case and digits over the letters and digits
        // only, so hyphenated names (`LicenseRef-Commission-Agreement-2026-07`) read as the
        // few capitalised words they are.
        func kind(_ b: UInt8) -> Int { isUpper(b) ? 0 : isLower(b) ? 1 : 2 }
        let alphanumerics = word.filter(isAlnum)
        var changes = 0
        for (a, b) in zip(alphanumerics, alphanumerics.dropFirst()) where kind(a) != kind(b) { changes += 1 }
        guard changes * 3 >= alphanumerics.count else { return nil }
        let entropy = shannonEntropy(word)
        return entropy >= minimumCandidateEntropy ? entropy : nil
    }

    /// Shannon entropy in bits per byte.
    static func shannonEntropy(_ word: Bytes) -> Double {
        var counts = [Int](repeating: 0, count: 256)
        for b in word { counts[Int(b)] += 1 }
        let total = Double(word.count)
        return counts.reduce(0.0) { sum, count in
            guard count > 0 else { return sum }
            let p = Double(count) / total
            return sum - p * log2(p)
        }
    }
}
