import Foundation

/// Masks known secrets in text that is about to leave the process (diagnostics, finding
/// messages, evidence), so that a message quoting a field's value never prints a credential.
public struct SecretRedactor: Sendable {
    /// One form of a secret: its UTF-8 bytes, the bytes of its mask, and how many of its first
    /// bytes the mask shows anyway (the preview's public prefix, `ghp_`; 0 for `[redacted …]`).
    private struct Replacement {
        let value: [UInt8]
        let mask: [UInt8]
        let publicPrefix: Int
    }

    /// The forms of every secret, longest first, then by bytes.
    private let replacements: [Replacement]

    public init(_ secrets: [ExposedSecret]) {
        // Keyed by bytes, as `redact` compares: keyed by `String`, which compares by canonical
        // equivalence, an NFC and an NFD sighting of one password were one entry, and a message
        // quoting the other form was printed unmasked.
        var byValue: [[UInt8]: Replacement] = [:]
        for secret in secrets {
            let mask = Array((secret.preview.isEmpty ? "[redacted \(secret.kind.rawValue)]" : secret.preview).utf8)
            let publicPrefix = secret.preview.isEmpty ? 0 : mask.count - Self.marker.count
            for form in Self.forms(of: secret.value) where !form.isEmpty {
                // Two kinds of sighting of the same bytes: the least mask, whatever the order
                // of the sightings.
                if let kept = byValue[form], !mask.lexicographicallyPrecedes(kept.mask) { continue }
                byValue[form] = Replacement(value: form, mask: mask, publicPrefix: publicPrefix)
            }
        }
        // An order that depends on nothing but the secrets (the dictionary's order changes from
        // one process to the next): the longest first, so that where two overlap the mask of
        // the one that contains the other is used, and equal lengths by their bytes.
        replacements = byValue.values.sorted {
            $0.value.count != $1.value.count
                ? $0.value.count > $1.value.count : $0.value.lexicographicallyPrecedes($1.value)
        }
    }

    /// The byte forms of `value` to mask: its own; the value without leading and trailing white
    /// space and control characters; and the NFC and NFD forms of both.
    ///
    /// A credential field's value is the whole string, so it can end in NUL (YAML's "\0"), a
    /// line break (a `|` block), a tab or a space, and a reader that trims text (XML text, tag
    /// and value lines) or a tool that cut the junk off quotes the rest: nearly all of the
    /// credential. The trimmed form is inside every partly trimmed one, so masking it covers
    /// them all. A message can also quote a canonically equivalent form of a secret (another
    /// file, or a tool, normalised it), which Foundation's search, used for masking before it
    /// compared bytes, matched.
    private static func forms(of value: String) -> Set<[UInt8]> {
        let scalars = value.unicodeScalars
        let isJunk = { (scalar: Unicode.Scalar) in
            scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
        }
        let end = scalars.lastIndex { !isJunk($0) }.map { scalars.index(after: $0) } ?? scalars.startIndex
        let start = scalars[..<end].firstIndex { !isJunk($0) } ?? end
        let trimmed = String(scalars[start..<end])
        var forms: Set<[UInt8]> = []
        for text in [value, trimmed] {
            forms.insert(Array(text.utf8))
            // ASCII is its own NFC and NFD form (and nearly every secret is ASCII).
            if text.utf8.allSatisfy({ $0 < 0x80 }) { continue }
            forms.insert(Array(text.precomposedStringWithCanonicalMapping.utf8))
            forms.insert(Array(text.decomposedStringWithCanonicalMapping.utf8))
        }
        return forms
    }

    /// Whether there is anything to mask.
    public var isEmpty: Bool { replacements.isEmpty }

    /// `text` with every occurrence of a secret masked. The search compares UTF-8 bytes (the
    /// scanner found the secret as bytes, and a quoted secret is the same bytes), which cannot
    /// trap: Foundation's `contains` and `replacingOccurrences` trapped on a secret ending in NUL
    /// (YAML's "\0") and a non-ASCII text ending in the rest of it. Between valid UTF-8 texts a
    /// byte match starts and ends on scalar boundaries, so the result is valid UTF-8.
    ///
    /// A secret's head cut off by `Suggestion.shown` (a value longer than 60 characters is
    /// shown as its first 60 and `…`, so the secret never appears whole) is masked too, with the
    /// marker: a run of bytes just before a `…` that the secret starts with. Not a head of
    /// fewer than `shortestHead` bytes, nor one the mask shows anyway (`ghp_` of `ghp_…`): such a
    /// fragment says next to nothing of the secret, and text that ends in `…`, such as another
    /// secret's preview (`(AKIA…)` in ACC-018's message), would be masked for it.
    ///
    /// Every occurrence is found in the text as given, and occurrences that overlap are masked
    /// as one, with the mask of the one that starts first (of those, the longest). Replacing one
    /// secret after another left the part of a secret that stuck out of another's occurrence
    /// (`abcd` of `abcd1234` in `abcd1234wxyz` once `1234wxyz` was masked), and a later secret
    /// could match inside an earlier one's mask.
    public func redact(_ text: String) -> String {
        guard !isEmpty else { return text }
        let bytes = Array(text.utf8)
        var found: [(range: Range<Int>, replacement: Int)] = []
        for (index, replacement) in replacements.enumerated() {
            var from = 0
            while let range = bytes[from...].firstRange(of: replacement.value) {
                found.append((range, index))
                from = range.lowerBound + 1
            }
        }
        var from = 0
        while let marker = bytes[from...].firstRange(of: Self.marker) {
            for (index, replacement) in replacements.enumerated() {
                if let start = Self.head(of: replacement, endingAt: marker.lowerBound, in: bytes) {
                    found.append((start..<marker.upperBound, index))
                }
            }
            from = marker.upperBound
        }
        guard !found.isEmpty else { return text }
        found.sort { ($0.range.lowerBound, $0.replacement) < ($1.range.lowerBound, $1.replacement) }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var next = 0
        var index = 0
        while index < found.count {
            let (range, replacement) = found[index]
            var end = range.upperBound
            index += 1
            while index < found.count, found[index].range.lowerBound < end {
                end = max(end, found[index].range.upperBound)
                index += 1
            }
            result += bytes[next..<range.lowerBound]
            result += replacements[replacement].mask
            next = end
        }
        result += bytes[next...]
        return String(decoding: result, as: UTF8.self)
    }

    /// The marker `Suggestion.shown` puts after a value it cut.
    private static let marker = Array("…".utf8)

    /// The shortest head of a secret before a marker that is masked.
    static let shortestHead = 4

    /// Where the longest head of `replacement`'s secret that ends at `end` in `bytes` starts,
    /// when it is long enough to mask.
    private static func head(of replacement: Replacement, endingAt end: Int, in bytes: [UInt8]) -> Int? {
        let shortest = max(shortestHead, replacement.publicPrefix + 1)
        let value = replacement.value
        guard end >= shortest, value.count >= shortest else { return nil }
        // The earliest start is the longest head.
        for start in max(0, end - value.count)...(end - shortest)
        where bytes[start] == value[0] && bytes[start..<end].elementsEqual(value[..<(end - start)]) {
            return start
        }
        return nil
    }

    /// `diagnostics` about the document `root` of `file` (a policy pack, a waiver or baseline
    /// file), with every credential pasted anywhere in the document masked, as the declarations'
    /// diagnostics are. The document is scanned only when there is a diagnostic: a baseline of
    /// a large stack holds hundreds of thousands of strings.
    static func redact(_ diagnostics: [Diagnostic], of root: Node, file: String) -> [Diagnostic] {
        guard !diagnostics.isEmpty else { return diagnostics }
        let redactor = SecretRedactor(SecretScanner().scan(root, file: file))
        return diagnostics.map(redactor.redact)
    }

    public func redact(_ diagnostic: Diagnostic) -> Diagnostic {
        guard !isEmpty else { return diagnostic }
        return Diagnostic(
            diagnostic.level, at: diagnostic.location, redact(diagnostic.message), hint: diagnostic.hint.map(redact))
    }

    public func redact(_ violation: Violation) -> Violation {
        guard !isEmpty else { return violation }
        return Violation(
            redact(violation.message), at: violation.location, severity: violation.severity,
            evidence: violation.evidence.map(redact), key: redact(violation.key))
    }
}
