import Foundation

/// Finds credentials pasted into input files: every string of every document, declarations and
/// imported vendor exports alike, including strings no model field reads (`x-` notes, vendor
/// keys an importer ignores).
///
/// Design: secrets are a property of the *files*, not of the inventory model, so the scan runs
/// over the raw document, once per file, inside `InventoryLoader` — before decoding can drop
/// anything: over the `Node` tree for YAML, and for strict JSON in `JSONReader` while it reads
/// (`DocumentLoader.loadScanningSecrets`; `SecretSightings` keeps the two alike). The sightings
/// travel with the inventory (`Inventory.exposedSecrets`), where rule ACC-018 reports them like
/// any other finding (one subject per file, so passes are visible too), and the loader and checker use
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
/// An importer that recognised a file may waive the heuristics (2 and 3) for fields of its format
/// known to hold none, such as a Workspace user's photo URL (`FieldWithoutSecrets`); known token
/// formats are reported everywhere.
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
        var sightings = SecretSightings()
        sightings.visit(root, field: "", kinds: .plain)
        return sightings.secrets(in: root, file: file)
    }

    /// The secrets in one string an importer has already located, such as a tag-manager
    /// parameter's value: the same judgement the file scan makes of that string under `field`.
    public func scan(_ text: String, field: String, at location: SourceLocation) -> [ExposedSecret] {
        scan(text, field: field, kinds: Self.keyKinds(field), at: location)
    }

    /// The secrets in many strings, each judged as `scan(_:field:at:)` judges it. What a field
    /// says is worked out once per field, not once per string (for short strings it is most of
    /// the cost).
    func scan(_ values: [(text: String, field: String, location: SourceLocation)]) -> [ExposedSecret] {
        var kindsByField: [String: KeyKinds] = [:]
        return values.flatMap { value in
            let kinds = kindsByField[value.field] ?? Self.keyKinds(value.field)
            kindsByField[value.field] = kinds
            return scan(value.text, field: value.field, kinds: kinds, at: value.location)
        }
    }

    private func scan(_ text: String, field: String, kinds: KeyKinds, at location: SourceLocation) -> [ExposedSecret] {
        let secrets = Self.scanScalar(text, credentialKey: kinds.credential, digestKey: kinds.digest)
        return secrets.map {
            ExposedSecret(
                kind: $0.match.kind, location: location, field: field, value: $0.match.value, entropy: $0.entropy)
        }
    }

    /// What a key says about the values under it.
    struct KeyKinds {
        /// It names a credential: any value but a placeholder is one.
        let credential: Bool
        /// It names a digest: high-entropy words under it are expected.
        let digest: Bool

        static let plain = KeyKinds(credential: false, digest: false)
    }

    /// In a key/value pair object (`{key: password, value: …}`, as tag-manager exports and AWS
    /// tags write fields) the field of the `value` entries is the pair's key, not the word
    /// `value`: the text of the first `key` entry, when it is a scalar.
    static func pairKey<Entries: Collection<Node.Entry>>(in entries: Entries) -> String? {
        // Lengths first: nearly no key is three letters long, and comparing strings is not free.
        guard let entry = entries.first(where: { $0.key.utf8.count == 3 && ($0.key == "key" || $0.key == "Key") }),
            case .scalar(let text, _) = entry.value.kind
        else { return nil }
        return text
    }

    /// Whether an entry of a pair object holds the pair's value.
    static func isPairValue(_ key: String) -> Bool {
        key.utf8.count == 5 && (key == "value" || key == "Value")
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

    /// The key lower-cased, with only its letters and digits: `API-Key` → `apikey`.
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

    static let digestKeySuffixes = [
        "digest", "sha256", "sha1", "sha512", "hash", "checksum", "integrity", "fingerprint", "etag",
    ]

    static let credentialKeySuffixBytes = credentialKeySuffixes.map { Array($0.utf8) }
    static let digestKeySuffixBytes = digestKeySuffixes.map { Array($0.utf8) }

    /// What `key` says about the values under it, normalised once for both questions.
    static func keyKinds(_ key: String) -> KeyKinds {
        let length = key.utf8.count
        guard length <= 256, key.utf8.allSatisfy({ $0 < 0x80 }) else {
            let normalised = normalise(key)
            return keyKinds(
                endsWith: { suffix in normalised.hasSuffix(String(decoding: suffix, as: UTF8.self)) },
                equals: { normalised == $0 })
        }
        // ASCII keys, nearly all of them, normalised byte by byte on the stack: this runs for
        // every key the scan meets, and building strings made it the scan's costliest step.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(length, 1)) { buffer in
            var count = 0
            for byte in key.utf8 where isAlnum(byte) {
                buffer[count] = lowercased(byte)
                count += 1
            }
            let normalised = UnsafeBufferPointer(rebasing: buffer[..<count])
            return keyKinds(
                endsWith: { suffix in
                    suffix.count <= count && normalised[(count - suffix.count)...].elementsEqual(suffix)
                },
                equals: { normalised.elementsEqual($0.utf8) })
        }
    }

    private static func keyKinds(endsWith: ([UInt8]) -> Bool, equals: (String) -> Bool) -> KeyKinds {
        // `pass` and `auth` only whole: as suffixes they would match `bypass` and `oauth`.
        let credential =
            credentialKeySuffixBytes.contains(where: endsWith) || equals("pass") || equals("auth")
        return KeyKinds(credential: credential, digest: digestKeySuffixBytes.contains(where: endsWith))
    }

    /// JSON-pointer escaping of a key (RFC 6901).
    static func escape(_ key: String) -> String {
        guard key.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return key }
        return key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
