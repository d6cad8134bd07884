import Foundation

/// Masks known secrets in text that is about to leave the process (diagnostics, finding
/// messages, evidence), so that a message quoting a field's value never prints a credential.
public struct SecretRedactor: Sendable {
    /// Each secret's UTF-8 bytes and the bytes of its mask.
    private let replacements: [(value: [UInt8], mask: [UInt8])]

    public init(_ secrets: [ExposedSecret]) {
        // Longest first, so a secret containing another is masked whole.
        replacements = Set(secrets.map(\.value)).filter { !$0.isEmpty }.sorted { $0.count > $1.count }.map { value in
            let secret = secrets.first { $0.value == value }!
            let mask = secret.preview.isEmpty ? "[redacted \(secret.kind.rawValue)]" : secret.preview
            return (Array(value.utf8), Array(mask.utf8))
        }
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
