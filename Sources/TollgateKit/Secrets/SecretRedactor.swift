import Foundation

/// Masks known secrets in text that is about to leave the process (diagnostics, finding
/// messages, evidence), so that a message quoting a field's value never prints a credential.
public struct SecretRedactor: Sendable {
    /// Each secret's UTF-8 bytes and the bytes of its mask, longest first, then by bytes.
    private let replacements: [(value: [UInt8], mask: [UInt8])]

    public init(_ secrets: [ExposedSecret]) {
        // Keyed by bytes, as `redact` compares: keyed by `String`, which compares by canonical
        // equivalence, an NFC and an NFD sighting of one password were one entry, and a message
        // quoting the other form was printed unmasked.
        var masks: [[UInt8]: [UInt8]] = [:]
        for secret in secrets {
            let mask = Array((secret.preview.isEmpty ? "[redacted \(secret.kind.rawValue)]" : secret.preview).utf8)
            for form in Self.forms(of: secret.value) where !form.isEmpty {
                // Two kinds of sighting of the same bytes: the least mask, whatever the order
                // of the sightings.
                if let kept = masks[form], !mask.lexicographicallyPrecedes(kept) { continue }
                masks[form] = mask
            }
        }
        // An order that depends on nothing but the secrets (the dictionary's order changes from
        // one process to the next): the longest first, so that where two overlap the mask of
        // the one that contains the other is used, and equal lengths by their bytes.
        replacements = masks.map { (value: $0.key, mask: $0.value) }.sorted {
            $0.value.count != $1.value.count
                ? $0.value.count > $1.value.count : $0.value.lexicographicallyPrecedes($1.value)
        }
    }

    /// The byte forms of `value` to mask: its own, and its NFC and NFD forms. A message can
    /// quote a canonically equivalent form of a secret (another file, or a tool, normalised
    /// it), and Foundation's search, which masking used before it compared bytes, matched those.
    private static func forms(of value: String) -> Set<[UInt8]> {
        // ASCII is its own NFC and NFD form (and nearly every secret is ASCII).
        if value.utf8.allSatisfy({ $0 < 0x80 }) { return [Array(value.utf8)] }
        return [
            Array(value.utf8), Array(value.precomposedStringWithCanonicalMapping.utf8),
            Array(value.decomposedStringWithCanonicalMapping.utf8),
        ]
    }

    /// Whether there is anything to mask.
    public var isEmpty: Bool { replacements.isEmpty }

    /// `text` with every occurrence of a secret masked. The search compares UTF-8 bytes (the
    /// scanner found the secret as bytes, and a quoted secret is the same bytes), which cannot
    /// trap: Foundation's `contains` and `replacingOccurrences` trapped on a secret ending in NUL
    /// (YAML's "\0") and a non-ASCII text ending in the rest of it. Between valid UTF-8 texts a
    /// byte match starts and ends on scalar boundaries, so the result is valid UTF-8.
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
