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
///    GitLab, Slack, Stripe secret, Google API, SendGrid and Mailchimp keys, Meta access tokens,
///    Slack webhooks, JWTs, passwords inside URLs (`https://user:pass@host`), and values given
///    under a credential's name inside text: URL parameters (`?api_key=…`) and assignments in
///    code (`apiKey: '…'`), as pasted into tag-manager scripts and pixels;
/// 2. any non-placeholder value under a key that names a credential (`password`, `api_key`,
///    `client_secret`, `token`, …), including the value of a key/value pair object
///    (`{key: password, value: …}`, as tag-manager exports and AWS tags write fields);
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
///
/// This is the one credential detector: ACC-018 reports what the loader's scan found in every
/// file, and PRIV-105 asks the same scanner about each tag-manager parameter
/// (`scan(_:field:at:)`), so a credential is recognised, named and masked the same way by both.
public struct SecretScanner: Sendable {
    /// Shortest word considered by the high-entropy heuristic (ACC-018 may require more).
    public static let minimumCandidateLength = 20
    /// Lowest entropy (bits per character) reported as a candidate (ACC-018 may require more).
    public static let minimumCandidateEntropy = 3.0

    public init() {}

    /// Every secret in the document, in document order.
    public func scan(_ root: Node, file: String) -> [ExposedSecret] {
        var walk = Walk(file: file, root: root)
        walk.visit(root, field: "", kinds: (false, false))
        return walk.found
    }

    /// The secrets in one string an importer has already located, such as a tag-manager
    /// parameter's value: the same judgement the file scan makes of that string under `field`.
    public func scan(_ text: String, field: String, at location: SourceLocation) -> [ExposedSecret] {
        let secrets = Self.scanScalar(
            text, credentialKey: Self.isCredentialKey(field), digestKey: Self.isDigestKey(field))
        return secrets.map {
            ExposedSecret(
                kind: $0.match.kind, location: location, field: field, value: $0.match.value, entropy: $0.entropy)
        }
    }

    /// One traversal: the path to the current node as child positions (made into a JSON pointer
    /// only when something is found) and what is known about each key seen, since keys repeat on
    /// every entity. Children are read in place from the tree, and the path holds integers: a
    /// stack has millions of strings, and retaining each one on the way down cost more than
    /// scanning it.
    private struct Walk {
        typealias Kinds = (credential: Bool, digest: Bool)
        let file: String
        let root: Node
        var path: [Int] = []
        var found: [ExposedSecret] = []
        var keyKinds: [String: Kinds] = [:]
        /// The last key seen at each position of a mapping, and its kinds: entities list the
        /// same keys in the same order, so this answers most lookups with one comparison.
        var keyKindsByPosition: [(key: String, kinds: Kinds)] = []

        init(file: String, root: Node) {
            self.file = file
            self.root = root
        }

        /// The JSON pointer of the node `path` leads to.
        var pointer: String {
            var node = root
            var pointer = ""
            for position in path {
                switch node.kind {
                case .mapping(let entries):
                    pointer += "/" + SecretScanner.escape(entries[position].key)
                    node = entries[position].value
                case .sequence(let items):
                    pointer += "/\(position)"
                    node = items[position]
                case .scalar:
                    return pointer
                }
            }
            return pointer
        }

        mutating func visit(_ node: Node, field: String, kinds: Kinds) {
            switch node.kind {
            case .mapping(let entries):
                entries.withUnsafeBufferPointer { entries in visit(entries) }
            case .sequence(let items):
                items.withUnsafeBufferPointer { items in
                    for index in items.indices {
                        path.append(index)
                        visit(items[index], field: field, kinds: kinds)
                        path.removeLast()
                    }
                }
            case .scalar(let text, let isPlain):
                if node.isNull || text.isEmpty { return }
                if isPlain && (text == "true" || text == "false") { return }
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

        private mutating func visit(_ entries: UnsafeBufferPointer<Node.Entry>) {
            // In a key/value pair object (`{key: password, value: …}`) the value's field is the
            // pair's key, not the word `value`.
            var pairKey: String?
            // Lengths first: nearly no key is three letters long, and comparing strings is not free.
            for index in entries.indices
            where entries[index].key.utf8.count == 3 && (entries[index].key == "key" || entries[index].key == "Key") {
                if case .scalar(let text, _) = entries[index].value.kind { pairKey = text }
                break
            }
            for position in entries.indices {
                path.append(position)
                // Keys are strings too; only token formats are looked for in them.
                if entries[position].key.utf8.count >= 16 {
                    let matches = SecretScanner.knownFormats(in: entries[position].key)
                    if !matches.isEmpty {
                        let entry = entries[position]
                        let location = SourceLocation(
                            file: file, line: Int(entry.keyMark.line), column: Int(entry.keyMark.column),
                            pointer: pointer)
                        found += matches.map {
                            ExposedSecret(kind: $0.kind, location: location, field: entry.key, value: $0.value)
                        }
                    }
                }
                if let pairKey, entries[position].key.utf8.count == 5,
                    entries[position].key == "value" || entries[position].key == "Value"
                {
                    visit(entries[position].value, field: pairKey, kinds: keyKind(pairKey))
                } else {
                    let key = entries[position].key
                    visit(entries[position].value, field: key, kinds: keyKind(key, position: position))
                }
                path.removeLast()
            }
        }

        mutating func keyKind(_ key: String, position: Int) -> (credential: Bool, digest: Bool) {
            if position < keyKindsByPosition.count, keyKindsByPosition[position].key == key {
                return keyKindsByPosition[position].kinds
            }
            let kinds = keyKind(key)
            if position < keyKindsByPosition.count {
                keyKindsByPosition[position] = (key, kinds)
            } else if position == keyKindsByPosition.count {
                keyKindsByPosition.append((key, kinds))
            }
            return kinds
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
        return withBytes(text) { bytes in
            if isReference(bytes) { return [] }
            let known = knownFormats(in: bytes)
            if !known.isEmpty { return known.map { ($0, 0) } }
            if credentialKey {
                return isPlaceholder(text) ? [] : [(Match(kind: .credentialField, value: text), 0)]
            }
            if digestKey { return [] }
            if let (word, entropy) = highEntropyWord(in: bytes) {
                return [(Match(kind: .highEntropy, value: word), entropy)]
            }
            return []
        }
    }

    // MARK: - References and placeholders

    static let referencePrefixes: [StaticString] = [
        "vault://", "op://", "env:", "${", "{{", "secret://", "aws-sm://", "awssm://", "gcp-sm://", "gcpsm://",
        "azure-kv://", "keychain://", "arn:aws:secretsmanager:", "arn:aws:ssm:",
    ]

    /// Whether some reference prefix starts with the byte, indexed by byte.
    static let referenceFirstBytes: [Bool] = (0..<256).map { byte in
        referencePrefixes.contains { $0.utf8Start[0] == UInt8(byte) }
    }

    static func isReference(_ text: String) -> Bool {
        withBytes(text, isReference(_:))
    }

    static func isReference(_ bytes: Bytes) -> Bool {
        guard let first = bytes.first else { return false }
        // $VAR, as shells and CI systems write environment references (upper-case letters in
        // any script, digits, `_`).
        if first == UInt8(ascii: "$"), bytes.count > 1 {
            let name = bytes.dropFirst()
            if name.allSatisfy({ isUpper($0) || isDigit($0) || $0 == UInt8(ascii: "_") }) { return true }
            if name.contains(where: { $0 >= 0x80 }),
                String(decoding: name, as: UTF8.self).allSatisfy({ $0.isUppercase || $0.isNumber || $0 == "_" })
            {
                return true
            }
        }
        // Most values start with a byte no reference starts with.
        guard referenceFirstBytes[Int(lowercased(first))] else { return false }
        return referencePrefixes.contains { has(bytes, $0, at: 0, ignoringCase: true) }
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

    /// Names of credentials inside text (URL parameters, assignments in code), lower-cased
    /// without `_` and `-`; matched exactly (see `namedSecret(at:in:)`).
    static let embeddedCredentialNames: Set<String> = [
        "password", "passwd", "pwd", "pass", "secret", "clientsecret", "apisecret", "apikey", "token", "accesstoken",
        "authtoken", "auth", "privatekey", "secretkey", "sharedsecret",
    ]

    /// The last letters of `embeddedCredentialNames`, to skip other names without building them.
    static let embeddedCredentialNameEndings = Set(embeddedCredentialNames.compactMap(\.utf8.last))

    static func isCredentialKey(_ key: String) -> Bool {
        let normalised = normalise(key)
        // `pass` and `auth` only whole: as suffixes they would match `bypass` and `oauth`.
        return credentialKeySuffixes.contains { normalised.hasSuffix($0) } || normalised == "pass"
            || normalised == "auth"
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
