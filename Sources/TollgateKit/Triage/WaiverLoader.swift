import Foundation

/// Reads waiver files, strictly: every field of every waiver is required, rule ids must exist,
/// and every problem is reported at once with file:line:col (exit 2 in the CLI).
///
/// Format (version 1):
/// ```yaml
/// version: 1
/// waivers:
///   - rule: ACC-009                 # a rule id, or a glob such as ACC-*
///     subject: account:agency-*     # kind:id, a glob on the id, or a bare id
///     justification: agency logins move to SSO in Q1; until then IP-restricted
///     owner: marketing-ops@example.com
///     approver: ciso@example.com
///     ticket: RISK-142
///     expires: 2026-12-31           # the last day the waiver applies
/// ```
public struct WaiverLoader: Sendable {
    public let catalog: [RuleDescription]
    public let limits: LoadLimits

    public init(catalog: [RuleDescription], limits: LoadLimits = .default) {
        self.catalog = catalog
        self.limits = limits
    }

    /// Loads the waivers of every file, in order.
    public func load(paths: [String]) -> (waivers: [Waiver], files: [InputFile], diagnostics: [Diagnostic]) {
        var waivers: [Waiver] = []
        var files: [InputFile] = []
        var diagnostics: [Diagnostic] = []
        let reader = ListFileReader(limits: limits, listKey: "waivers", entryName: "waiver", kind: .waivers)
        for path in paths {
            let loaded = reader.read(path: path) { entry in decode(&entry) }
            waivers += loaded.entries
            if let file = loaded.file { files.append(file) }
            diagnostics += loaded.diagnostics
        }
        return (waivers, files, diagnostics.sorted())
    }

    /// Loads a waiver file held in memory; `file` is how locations name it.
    public func load(data: Data, file: String) -> (waivers: [Waiver], file: InputFile, diagnostics: [Diagnostic]) {
        let loaded = ListFileReader(limits: limits, listKey: "waivers", entryName: "waiver", kind: .waivers).read(
            data: data, path: file
        ) { entry in decode(&entry) }
        return (
            loaded.entries, loaded.file ?? InputFile(path: file, sha256: SHA256.hex([UInt8](data))),
            loaded.diagnostics.sorted()
        )
    }

    private func decode(_ reader: inout FieldReader) -> Waiver? {
        let rule = reader.string("rule", required: true)
        let subject = reader.string("subject", required: true)
        let justification = Self.named(reader.string("justification", required: true), "justification", &reader)
        let owner = Self.named(reader.string("owner", required: true), "owner", &reader)
        let approver = Self.named(reader.string("approver", required: true), "approver", &reader)
        let ticket = Self.named(reader.string("ticket", required: true), "ticket", &reader)
        let expires = reader.day("expires", required: true)
        if let rule, !catalog.contains(where: { Glob(rule).matches($0.id) }) {
            let hint =
                Suggestion.closest(to: rule, in: catalog.map(\.id)).map { "did you mean '\($0)'?" }
                ?? "`tollgate rules` lists the rule ids; a glob such as ACC-* is allowed"
            reader.report("rule '\(Suggestion.shown(rule))' matches no rule", at: "rule", hint: hint)
        }
        if let subject, let colon = subject.firstIndex(of: ":") {
            let kind = String(subject[..<colon])
            let kinds = Subject.Kind.allCases.map(\.rawValue)
            // A prefix that reads as a kind (lower-case letters and `_`) but names none is a
            // mistake, not a bare id: such a waiver would match nothing and only warn as stale.
            // An id that itself holds a colon is still reachable as `kind:id`.
            let looksLikeKind = !kind.isEmpty && kind.utf8.allSatisfy { (0x61...0x7A).contains($0) || $0 == 0x5F }
            if !kinds.contains(kind), looksLikeKind || Suggestion.closest(to: kind, in: kinds) != nil {
                let hint =
                    Suggestion.closest(to: kind, in: kinds).map { "did you mean '\($0)'?" }
                    ?? Self.kind(named: kind, among: kinds).map {
                        "did you mean '\(Suggestion.shown($0 + subject[colon...]))'?"
                    }
                    ?? "kinds are \(kinds.joined(separator: ", ")); for an id that holds a colon, write its kind first (account:\(Suggestion.shown(subject)))"
                reader.report("unknown subject kind '\(Suggestion.shown(kind))'", at: "subject", hint: hint)
            }
        }
        if let owner, let approver, Self.samePerson(owner, approver) {
            // Separation of duties: the person who carries the risk should not approve it alone.
            reader.absorb(
                Diagnostic(
                    .warning, at: reader.origin.location("approver"), "waiver is approved by its own owner",
                    hint: "have someone other than the owner approve the exception"))
        }
        guard let rule, let subject, let justification, let owner, let approver, let ticket, let expires else {
            return nil
        }
        return Waiver(
            rule: rule, subject: subject, justification: justification, owner: owner, approver: approver,
            ticket: ticket, expires: expires, location: reader.origin.location)
    }

    /// The kind of which `prefix` is one word, as people shorten them: `key` for `api_key`,
    /// `property` for `web_property` (no spelling is close enough for "did you mean").
    static func kind(named prefix: String, among kinds: [String]) -> String? {
        kinds.first { $0.split(separator: "_").contains { $0 == prefix } }
    }

    /// The text of a field that must say something: an accepted risk whose approver or ticket
    /// is only spaces has no one accountable and nothing to trace, so it is an error, as an
    /// empty one is. (Declarations keep blank text valid: there the rules report what it fails
    /// to record.)
    private static func named(_ text: String?, _ key: String, _ reader: inout FieldReader) -> String? {
        guard let text else { return nil }
        guard text.unicodeScalars.contains(where: { !Self.isInvisible($0) }) else {
            reader.report("'\(key)' is blank", at: key, hint: "give it a value; '\(key)' is required")
            return nil
        }
        return text
    }

    /// White space and the invisible format characters (zero-width space and joiners, word
    /// joiner, byte order mark): text made only of these shows nothing to a reader.
    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar.properties.generalCategory == .format
    }

    /// Owner and approver name the same person when they differ only in case or surrounding
    /// space or line breaks (`CISO@example.com` and `ciso@example.com ` or a folded block).
    static func samePerson(_ owner: String, _ approver: String) -> Bool {
        func normal(_ name: String) -> String { name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }
        return normal(owner) == normal(approver)
    }
}
