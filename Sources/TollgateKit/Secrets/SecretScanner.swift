import Foundation

/// Finds credentials pasted into input files: every string of every document, declarations and
/// imported vendor exports alike, including strings no model field reads (`x-` notes, vendor
/// keys an importer ignores).
///
/// Design: secrets are a property of the *files*, not of the inventory model, so the scan runs
/// over the raw `Node` tree that `DocumentLoader` produced, once per file, inside
/// `InventoryLoader` — before decoding can drop anything. The sightings travel with the
/// inventory (`Inventory.exposedSecrets`), where rule ACC-018 reports them like any other
/// finding (one subject per file, so passes are visible too), and the loader and checker use
/// `SecretRedactor` to mask the values wherever a message would quote them. A policy can tune
/// the high-entropy heuristic through ACC-018's parameters because each sighting carries its
/// length and entropy; the value itself is never exposed.
///
/// What counts as a secret:
/// 1. known token formats anywhere in a string: PEM private keys, AWS access key ids, GitHub,
///    Slack, Stripe secret, Google API, SendGrid and Mailchimp keys, Slack webhooks, JWTs, and
///    passwords inside URLs (`https://user:pass@host`);
/// 2. any non-placeholder value under a key that names a credential (`password`, `api_key`,
///    `client_secret`, `token`, …);
/// 3. high-entropy words: at least `minimumCandidateLength` characters of base64/base62
///    alphabet with upper case, lower case and digits, frequent character-class changes (so
///    `CampaignSpring2024Newsletter` is not one), and Shannon entropy above a floor; hex-only
///    words and values under digest/hash/checksum keys are ignored, because declarations quote
///    SHA-256 digests and commit ids.
///
/// References are allowed and never reported: `vault://`, `op://`, `env:`, `${VAR}`, `$VAR`,
/// `{{ template }}`, `secret://`, `aws-sm://`, `gcp-sm://`, `azure-kv://`, `keychain://`,
/// `arn:aws:secretsmanager:…`, `arn:aws:ssm:…`, and obvious placeholders (`<token>`, `***`,
/// `xxxx`, `REDACTED`, `changeme-not-real`).
public struct SecretScanner: Sendable {
    /// Shortest word considered by the high-entropy heuristic (ACC-018 may require more).
    public static let minimumCandidateLength = 20
    /// Lowest entropy (bits per character) reported as a candidate (ACC-018 may require more).
    public static let minimumCandidateEntropy = 3.0

    public init() {}

    /// Every secret in the document, in document order.
    public func scan(_ root: Node, file: String) -> [ExposedSecret] {
        var walk = Walk(file: file)
        walk.visit(root, field: "")
        return walk.found
    }

    /// One traversal: the path to the current node (made into a JSON pointer only when something
    /// is found) and what is known about each key seen, since keys repeat on every entity.
    private struct Walk {
        let file: String
        var path: [String] = []
        var found: [ExposedSecret] = []
        var keyKinds: [String: (credential: Bool, digest: Bool)] = [:]

        init(file: String) { self.file = file }

        var pointer: String { path.map { "/" + SecretScanner.escape($0) }.joined() }

        mutating func visit(_ node: Node, field: String) {
            switch node.kind {
            case .mapping(let entries):
                for entry in entries {
                    path.append(entry.key)
                    // Keys are strings too; only token formats are looked for in them.
                    let matches = SecretScanner.knownFormats(in: entry.key)
                    if !matches.isEmpty {
                        let location = SourceLocation(
                            file: file, line: Int(entry.keyMark.line), column: Int(entry.keyMark.column),
                            pointer: pointer)
                        found += matches.map {
                            ExposedSecret(kind: $0.kind, location: location, field: entry.key, value: $0.value)
                        }
                    }
                    visit(entry.value, field: entry.key)
                    path.removeLast()
                }
            case .sequence(let items):
                for (index, item) in items.enumerated() {
                    path.append(String(index))
                    visit(item, field: field)
                    path.removeLast()
                }
            case .scalar(let text, let isPlain):
                if node.isNull || text.isEmpty { return }
                if isPlain && (text == "true" || text == "false") { return }
                let kinds = keyKind(field)
                let secrets = SecretScanner.scanScalar(text, credentialKey: kinds.credential, digestKey: kinds.digest)
                guard !secrets.isEmpty else { return }
                let location = SourceLocation(
                    file: file, line: Int(node.mark.line), column: Int(node.mark.column), pointer: pointer)
                found += secrets.map {
                    ExposedSecret(
                        kind: $0.match.kind, location: location, field: field, value: $0.match.value,
                        entropy: $0.entropy)
                }
            }
        }

        mutating func keyKind(_ key: String) -> (credential: Bool, digest: Bool) {
            if let known = keyKinds[key] { return known }
            let kinds = (SecretScanner.isCredentialKey(key), SecretScanner.isDigestKey(key))
            keyKinds[key] = kinds
            return kinds
        }
    }

    /// The secrets in one string: token formats first; otherwise a credential field's value;
    /// otherwise the first high-entropy word.
    static func scanScalar(
        _ text: String, credentialKey: Bool, digestKey: Bool
    ) -> [(match: Match, entropy: Double)] {
        // Nothing shorter than 16 bytes matches a format or the entropy heuristic.
        if text.utf8.count < 16 && !credentialKey { return [] }
        if isReference(text) { return [] }
        let known = knownFormats(in: text)
        if !known.isEmpty { return known.map { ($0, 0) } }
        if credentialKey {
            return isPlaceholder(text) ? [] : [(Match(kind: .credentialField, value: text), 0)]
        }
        if digestKey { return [] }
        if let (word, entropy) = highEntropyWord(in: text) {
            return [(Match(kind: .highEntropy, value: word), entropy)]
        }
        return []
    }

    // MARK: - References and placeholders

    static let referencePrefixes = [
        "vault://", "op://", "env:", "${", "{{", "secret://", "aws-sm://", "awssm://", "gcp-sm://", "gcpsm://",
        "azure-kv://", "keychain://", "arn:aws:secretsmanager:", "arn:aws:ssm:",
    ]

    static func isReference(_ text: String) -> Bool {
        let head = text.utf8.prefix(24).map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        if referencePrefixes.contains(where: { head.starts(with: $0.utf8) }) { return true }
        // $VAR, as shells and CI systems write environment references.
        if text.hasPrefix("$"), text.count > 1,
            text.dropFirst().allSatisfy({ $0.isUppercase || $0.isNumber || $0 == "_" })
        {
            return true
        }
        return false
    }

    static let placeholderWords: Set<String> = [
        "redacted", "[redacted]", "masked", "hidden", "none", "n/a", "na", "tbd", "todo", "placeholder", "unset",
        "not-set", "not_set", "example", "changeme-not-real", "secret", "password", "token",
    ]

    static func isPlaceholder(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return true }
        if placeholderWords.contains(trimmed.lowercased()) { return true }
        if trimmed.hasPrefix("<") && trimmed.hasSuffix(">") { return true }
        return trimmed.allSatisfy { "*xX•.-_#?".contains($0) }
    }

    // MARK: - Keys

    /// Normalised key endings that name a credential (`clientSecret`, `API-Key`, `db_password`).
    static let credentialKeySuffixes = [
        "password", "passwd", "passphrase", "pwd", "secret", "secretkey", "apikey", "apitoken", "accesstoken",
        "authtoken", "refreshtoken", "bearertoken", "token", "privatekey", "accesskey", "credential", "credentials",
        "authorization", "webhooksecret", "signingsecret", "clientsecret",
    ]

    static func normalise(_ key: String) -> String {
        String(key.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) })
    }

    static func isCredentialKey(_ key: String) -> Bool {
        let normalised = normalise(key)
        return credentialKeySuffixes.contains { normalised.hasSuffix($0) }
    }

    static func isDigestKey(_ key: String) -> Bool {
        let normalised = normalise(key)
        return ["digest", "sha256", "sha1", "sha512", "hash", "checksum", "integrity", "fingerprint", "etag"].contains {
            normalised.hasSuffix($0)
        }
    }

    /// JSON-pointer escaping of a key (RFC 6901).
    static func escape(_ key: String) -> String {
        guard key.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return key }
        return key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
