import Foundation

/// Masks known secrets in text that is about to leave the process (diagnostics, finding
/// messages, evidence), so that a message quoting a field's value never prints a credential.
public struct SecretRedactor: Sendable {
    private let replacements: [(value: String, mask: String)]

    public init(_ secrets: [ExposedSecret]) {
        // Longest first, so a secret containing another is masked whole.
        replacements = Set(secrets.map(\.value)).filter { !$0.isEmpty }.sorted { $0.count > $1.count }.map { value in
            let secret = secrets.first { $0.value == value }!
            return (value, secret.preview.isEmpty ? "[redacted \(secret.kind.rawValue)]" : secret.preview)
        }
    }

    /// Whether there is anything to mask.
    public var isEmpty: Bool { replacements.isEmpty }

    public func redact(_ text: String) -> String {
        guard !isEmpty else { return text }
        var result = text
        for (value, mask) in replacements where result.contains(value) {
            result = result.replacingOccurrences(of: value, with: mask)
        }
        return result
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
