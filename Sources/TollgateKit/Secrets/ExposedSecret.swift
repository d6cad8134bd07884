/// A credential found in plain text in an input file: where, what kind, and a masked preview.
///
/// The secret itself is kept only in memory (package-internal `value`) so that `SecretRedactor`
/// can mask it wherever a message would otherwise repeat it; nothing public exposes it, and no
/// reporter can print it.
public struct ExposedSecret: Sendable, Hashable, CustomStringConvertible {
    public let kind: SecretKind
    /// Where the string holding the secret starts.
    public let location: SourceLocation
    /// The mapping key the string sits under (`x-notes`, `password`), or the list's key.
    public let field: String
    /// The format's public prefix followed by "…" (`ghp_…`), or empty when nothing may be shown.
    public let preview: String
    /// Length of the secret in characters (safe to show; helps find it in the file).
    public let length: Int
    /// Shannon entropy in bits per character, for `highEntropy` findings (0 otherwise).
    public let entropy: Double
    /// The secret. Never rendered; used only to mask it in messages.
    let value: String

    init(kind: SecretKind, location: SourceLocation, field: String, value: String, entropy: Double = 0) {
        self.kind = kind
        self.location = location
        self.field = field
        self.value = value
        self.length = value.count
        self.entropy = entropy
        let prefix = value.prefix(kind.visiblePrefix)
        self.preview = prefix.isEmpty ? "" : prefix + "…"
    }

    /// "GitHub token (ghp_…)" or "credential value (12 characters)".
    public var description: String {
        preview.isEmpty ? "\(kind.title) (\(length) characters)" : "\(kind.title) (\(preview))"
    }

    public static func == (lhs: ExposedSecret, rhs: ExposedSecret) -> Bool {
        lhs.kind == rhs.kind && lhs.location == rhs.location && lhs.value == rhs.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(location)
    }
}

extension ExposedSecret {
    /// The rule that reports credentials found in the inputs.
    public static let ruleID = "ACC-018"

    /// The secret as a warning, for runs where ACC-018 cannot report it: input errors stopped
    /// the check, or `validate` ran no rule. A warning, not an error: the declarations are not
    /// malformed, and counting the secret among "N errors in the input" misled (review of the
    /// tenth round); the run that checks them fails on ACC-018 (critical).
    public var diagnostic: Diagnostic {
        Diagnostic(
            .warning, at: location, "plaintext \(self) under '\(field)' [ACC-018]",
            hint: Self.fix)
    }

    /// The secret as a warning for a run whose policy leaves ACC-018 out: the check goes on, and
    /// the warning says why the credential is not a finding.
    public var notCheckedDiagnostic: Diagnostic {
        Diagnostic(
            .warning, at: location,
            "plaintext \(self) under '\(field)' (not a finding: the policy does not include ACC-018)",
            hint: Self.fix + "; add ACC-018 to the policy to fail the check on it")
    }

    private static let fix = "remove it, rotate it, and reference it instead (vault://, op://, env:, ${VAR})"
}
