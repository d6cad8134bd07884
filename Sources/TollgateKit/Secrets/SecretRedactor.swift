import Foundation

/// Masks known secrets in text that is about to leave the process (diagnostics, finding
/// messages, evidence), so that a message quoting a field's value never prints a credential.
public struct SecretRedactor: Sendable {
    /// Each secret's UTF-8 bytes and the bytes of its mask.
    private let replacements: [(value: [UInt8], mask: [UInt8])]

    public init(_ secrets: [ExposedSecret]) {
        // Keyed by bytes, as `redact` compares: keyed by `String`, which compares by canonical
        // equivalence, an NFC and an NFD sighting of one password were one entry, and a message
        // quoting the other form was printed unmasked.
        var masks: [[UInt8]: [UInt8]] = [:]
        for secret in secrets {
            let mask = Array((secret.preview.isEmpty ? "[redacted \(secret.kind.rawValue)]" : secret.preview).utf8)
            for form in Self.forms(of: secret.value) where !form.isEmpty && masks[form] == nil {
                masks[form] = mask
            }
        }
        // Longest first, so a secret containing another is masked whole.
        replacements = masks.map { (value: $0.key, mask: $0.value) }.sorted { $0.value.count > $1.value.count }
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
    public func redact(_ text: String) -> String {
        guard !isEmpty else { return text }
        var bytes = Array(text.utf8)
        var changed = false
        for (value, mask) in replacements where bytes.firstRange(of: value) != nil {
            bytes.replace(value, with: mask)
            changed = true
        }
        return changed ? String(decoding: bytes, as: UTF8.self) : text
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
