import Foundation

/// The verifier's out-of-band configuration: which public keys and CMS signers (CA certificates
/// with a pinned identity) are trusted, for which bundle names, during which dates, which are
/// revoked, and how many distinct trusted signers must sign (m of n). Read from a YAML trust
/// file (format in `docs/bundles.md`); keys and certificates come inline as PEM or from files
/// relative to the trust file, never from the network.
public struct TrustStore: Sendable {
    /// A trusted public key.
    public struct Key: Sendable, Hashable {
        /// The id signatures name (`signatures/<id>.sig`).
        public let id: String
        /// The only algorithm this key is used with.
        public let algorithm: KeyAlgorithm
        /// DER SubjectPublicKeyInfo.
        public let publicKeyDER: [UInt8]
        /// `sha256:` and the SHA-256 of the DER SubjectPublicKeyInfo, the key's identity.
        public let fingerprint: String
        /// The first instant the key is valid, if limited.
        public let notBefore: Timestamp?
        /// The first instant the key is no longer valid, if limited.
        public let notAfter: Timestamp?

        public init(
            id: String, algorithm: KeyAlgorithm, publicKeyDER: [UInt8], notBefore: Timestamp? = nil,
            notAfter: Timestamp? = nil
        ) {
            self.id = id
            self.algorithm = algorithm
            self.publicKeyDER = publicKeyDER
            self.fingerprint = "sha256:" + SHA256.hex(publicKeyDER)
            self.notBefore = notBefore
            self.notAfter = notAfter
        }
    }

    /// A revoked key, named by id or by fingerprint (which also catches the key listed again
    /// under another id).
    public struct Revocation: Sendable, Hashable {
        public let id: String?
        public let fingerprint: String?
        public let reason: String?

        public init(id: String? = nil, fingerprint: String? = nil, reason: String? = nil) {
            self.id = id
            self.fingerprint = fingerprint
            self.reason = reason
        }
    }

    /// The trust file as the user named it.
    public let file: String
    /// How many distinct trusted signers (keys and CMS signers) must sign (m of n).
    public let threshold: Int
    /// The bundle names accepted; empty means any name (the trust file had no `names` key: a
    /// `names` key listing nothing is refused when the file is read).
    public let names: [String]
    public let keys: [Key]
    /// Signers of CMS signatures (`signatures/<id>.p7s`): CA certificates and a pinned identity.
    public let cmsSigners: [CMSSigner]
    public let revocations: [Revocation]

    public init(
        file: String, threshold: Int, names: [String] = [], keys: [Key], revocations: [Revocation] = [],
        cmsSigners: [CMSSigner] = []
    ) {
        self.file = file
        self.threshold = threshold
        self.names = names
        self.keys = keys
        self.cmsSigners = cmsSigners
        self.revocations = revocations
    }

    /// The key named `id`, if trusted (revoked keys are still found, so they can be reported as revoked).
    func key(_ id: String) -> Key? { keys.first { $0.id == id } }

    /// The CMS signer named `id`, if trusted (revoked ones are still found).
    func cmsSigner(_ id: String) -> CMSSigner? { cmsSigners.first { $0.id == id } }

    /// The revocation that applies to `key`, if any.
    func revocation(of key: Key) -> Revocation? {
        revocations.first { $0.id == key.id || $0.fingerprint == key.fingerprint }
    }

    /// The revocation that applies to CMS signer `id`, or to a signer certificate with one of
    /// `fingerprints` (its own and its key's), if any.
    func revocation(ofSigner id: String, fingerprints: [String] = []) -> Revocation? {
        revocations.first { revocation in
            revocation.id == id || revocation.fingerprint.map { fingerprints.contains($0) } == true
        }
    }

    // MARK: - Loading

    /// The largest trust file read.
    static let maximumFileBytes = 1 << 20

    /// Reads and validates a trust file; any problem rejects (`invalid-trust-file`), since a
    /// half-understood trust configuration cannot vouch for anything.
    public static func load(path: String) throws(BundleRejection) -> TrustStore {
        let data: Data
        switch FileAccess.read(path, maxBytes: maximumFileBytes) {
        case .success(let bytes): data = bytes
        case .failure(let failure):
            let hint = if case .unreadable(let access) = failure { access.hint } else { "name the trust file itself" }
            throw BundleRejection(
                bundle: path,
                BundleRejection.Problem(
                    .invalidTrustFile, path,
                    "cannot read the trust file: \(failure.reason(limit: maximumFileBytes)); \(hint)"))
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let (store, diagnostics) = parse(data: data, file: path, baseDirectory: directory)
        if let store { return store }
        throw BundleRejection(
            bundle: path, reason: .invalidTrustFile,
            problems: diagnostics.map {
                BundleRejection.Problem(.invalidTrustFile, $0.location.description, $0.text)
            })
    }

    /// Parses a trust file's bytes; `public_key_file` paths are resolved against `baseDirectory`.
    public static func parse(
        data: Data, file: String, baseDirectory: String
    ) -> (store: TrustStore?, diagnostics: [Diagnostic]) {
        guard data.count <= maximumFileBytes else {
            return (
                nil, [Diagnostic(at: SourceLocation(file: file, line: 1, column: 1), "trust file larger than 1 MiB")]
            )
        }
        let root: Node
        switch DocumentLoader().load(data: data, displayPath: file) {
        case .failure(let diagnostic): return (nil, [diagnostic])
        case .success(let node): root = node
        }
        var reader = FieldReader(node: root, file: file, pointer: "", context: "the trust file")
        guard reader.diagnostics.isEmpty else { return (nil, reader.diagnostics) }
        if let version = reader.int("version", required: true), version != 1 {
            reader.report("trust file version \(version) is not supported", at: "version", hint: "this build reads 1")
        }
        let threshold = reader.int("threshold", required: true, minimum: 1)
        let indexedNames = reader.indexedStrings("names")
        for (index, name) in indexedNames where !BundlePath.isIdentifier(name) {
            reader.report("'\(name)' is not a valid bundle name", at: "names/\(index)")
        }
        // An absent key accepts any name, but a present one that lists nothing (`names: []`,
        // `names: ~`, as a template with an empty list writes) must not quietly mean the same.
        if case .mapping(let fields) = root.kind, let field = fields.first(where: { $0.key == "names" }),
            Self.isEmptyList(field.value)
        {
            reader.report("'names' is empty; list the accepted bundle names or remove the key", at: "names")
        }
        let names = indexedNames.map(\.value)
        let entries = reader.objects("keys", KeyEntry.self, context: "a trusted key")
        let cmsEntries = reader.objects("cms_signers", CMSSignerEntry.self, context: "a CMS signer")
        if entries.isEmpty, cmsEntries.isEmpty, reader.diagnostics.isEmpty {
            reader.report("the trust file lists no keys and no cms_signers", hint: "add keys: or cms_signers:")
        }
        let revocations = reader.objects("revoked", RevocationEntry.self, context: "a revocation")
        reader.finish()
        var keys: [Key] = []
        for entry in entries {
            switch entry.resolve(baseDirectory: baseDirectory) {
            case nil: break
            case .success(let key):
                if keys.contains(where: { $0.id == key.id }) {
                    reader.absorb(Diagnostic(at: entry.location, "key id '\(key.id)' is listed twice"))
                } else if let other = keys.first(where: { $0.fingerprint == key.fingerprint }) {
                    reader.absorb(
                        Diagnostic(
                            at: entry.location, "key '\(key.id)' is the same key as '\(other.id)'",
                            hint: "list each key once, so that a threshold counts distinct keys"))
                } else {
                    keys.append(key)
                }
            case .failure(let diagnostic): reader.absorb(diagnostic)
            }
        }
        var cmsSigners: [CMSSigner] = []
        for entry in cmsEntries {
            switch entry.resolve(baseDirectory: baseDirectory) {
            case nil: break
            case .success(let signer):
                if keys.contains(where: { $0.id == signer.id }) || cmsSigners.contains(where: { $0.id == signer.id }) {
                    reader.absorb(Diagnostic(at: entry.location, "signer id '\(signer.id)' is listed twice"))
                } else if let other = cmsSigners.first(where: {
                    $0.identity == signer.identity && $0.caCertificatesDER == signer.caCertificatesDER
                }) {
                    reader.absorb(
                        Diagnostic(
                            at: entry.location, "CMS signer '\(signer.id)' is the same signer as '\(other.id)'",
                            hint: "list each signer once, so that a threshold counts distinct signers"))
                } else {
                    cmsSigners.append(signer)
                }
            case .failure(let diagnostic): reader.absorb(diagnostic)
            }
        }
        let revoked = revocations.map { Revocation(id: $0.id, fingerprint: $0.fingerprint, reason: $0.reason) }
        let usable =
            keys.filter { key in !revoked.contains { $0.id == key.id || $0.fingerprint == key.fingerprint } }.count
            + cmsSigners.filter { signer in
                !revoked.contains {
                    $0.id == signer.id
                        || ($0.fingerprint != nil && $0.fingerprint == signer.identity.certificateFingerprint)
                }
            }.count
        if let threshold, !keys.isEmpty || !cmsSigners.isEmpty, threshold > usable {
            reader.report(
                "threshold \(threshold) cannot be met: only \(usable) unrevoked keys and CMS signers are listed",
                at: "threshold")
        }
        guard reader.diagnostics.isEmpty, let threshold else { return (nil, reader.diagnostics.sorted()) }
        return (
            TrustStore(
                file: file, threshold: threshold, names: names, keys: keys, revocations: revoked,
                cmsSigners: cmsSigners),
            []
        )
    }

    /// One `keys` element as read.
    private struct KeyEntry: DeclarationDecodable {
        let id: String?
        let algorithm: KeyAlgorithm?
        let source: TrustFileSource
        let notBefore: Timestamp?
        let notAfter: Timestamp?
        let location: SourceLocation
        /// Whether the entry itself had no problem (its key is still read and checked otherwise).
        let isComplete: Bool

        init(reading reader: inout FieldReader) {
            let header = EntryHeader(reading: &reader)
            (id, notBefore, notAfter) = (header.id, header.notBefore, header.notAfter)
            algorithm = reader.enumValue("algorithm", required: true)
            source = TrustFileSource(inline: "public_key", file: "public_key_file", &reader)
            location = reader.origin.location
            header.check("key", &reader)
            isComplete = reader.diagnostics.isEmpty
        }

        /// The key, or the one problem with it; `nil` when there is no single key to read (the
        /// entry's own diagnostics say so) or the entry is incomplete. The key is read even then,
        /// so a bad PEM is reported beside a bad algorithm or a missing id, not hidden by them.
        func resolve(baseDirectory: String) -> Result<Key, Diagnostic>? {
            let named = id.map { "key '\($0)'" } ?? "the key"
            let pem: [UInt8]
            let source: String
            switch self.source.pem(baseDirectory: baseDirectory, limit: 64 << 10, at: location) {
            case nil: return nil
            case .failure(let diagnostic)?: return .failure(diagnostic)
            case .success(let read)?: (pem, source) = read
            }
            let text = String(decoding: pem, as: UTF8.self)
            if text.contains("PRIVATE KEY") {
                return .failure(
                    Diagnostic(
                        at: location, "\(source) of \(named) holds a private key",
                        hint: "put only the public key in the trust file (openssl pkey -in key.pem -pubout)"))
            }
            guard text.components(separatedBy: "-----BEGIN ").count == 2, text.contains("-----BEGIN PUBLIC KEY-----")
            else {
                return .failure(
                    Diagnostic(
                        at: location, "\(source) of \(named) is not exactly one PEM PUBLIC KEY block",
                        hint: "write the output of `openssl pkey -pubout`"))
            }
            do {
                let key = try EVPKey(publicPEM: pem)
                let actual: KeyAlgorithm
                switch key.algorithm() {
                case .failure(let problem): return .failure(Diagnostic(at: location, "\(named) is \(problem)"))
                case .success(let value): actual = value
                }
                guard isComplete, let id, let algorithm else { return nil }
                guard actual == algorithm else {
                    return .failure(
                        Diagnostic(
                            at: location,
                            "key '\(id)' is declared \(algorithm.rawValue) but \(source) holds an \(actual.summary) key",
                            hint: "set algorithm: \(actual.rawValue), or fix the key"))
                }
                return .success(
                    Key(
                        id: id, algorithm: algorithm, publicKeyDER: try key.publicDER(), notBefore: notBefore,
                        notAfter: notAfter))
            } catch {
                return .failure(Diagnostic(at: location, "\(source) of \(named) cannot be read: \(error)"))
            }
        }
    }

    /// Whether `node` is null or a list with no items.
    private static func isEmptyList(_ node: Node) -> Bool {
        if node.isNull { return true }
        if case .sequence(let items) = node.kind { return items.isEmpty }
        return false
    }

    /// What a `keys` entry and a `cms_signers` entry share, read and checked alike: the id,
    /// which names the entry's signature files, and the window in which the entry is trusted.
    struct EntryHeader {
        let id: String?
        let notBefore: Timestamp?
        let notAfter: Timestamp?

        /// Reads `id` (required), `not_before` and `not_after`.
        init(reading reader: inout FieldReader) {
            id = reader.string("id", required: true)
            notBefore = TrustStore.instant("not_before", endOfDay: false, &reader)
            notAfter = TrustStore.instant("not_after", endOfDay: true, &reader)
        }

        /// Reports an id that cannot name a signature file, and a window that ends before it
        /// begins; `what` names the entry ("key", "signer").
        func check(_ what: String, _ reader: inout FieldReader) {
            if let id, !BundlePath.isSignerID(id) {
                reader.report("\(what) id '\(Suggestion.shown(id))' \(BundlePath.signerIDRule)", at: "id")
            }
            if let notBefore, let notAfter, notAfter <= notBefore {
                reader.report("'not_after' must be later than 'not_before'", at: "not_after")
            }
        }
    }

    /// A date means the whole day (UTC): `not_after: 2027-12-31` is valid through that day.
    static func instant(_ key: String, endOfDay: Bool, _ reader: inout FieldReader) -> Timestamp? {
        guard let text = reader.string(key) else { return nil }
        if let instant = Timestamp(rfc3339: text) { return instant }
        if text.utf8.count == 10, let day = Day(iso: text) {
            return Timestamp(startOf: endOfDay ? day.adding(days: 1) : day)
        }
        reader.report(
            "'\(text)' is not a date for '\(key)'", at: key, hint: "write YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ")
        return nil
    }

    /// Whether `text` is `sha256:` and 64 lowercase hexadecimal digits.
    static func isFingerprint(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return text.hasPrefix("sha256:") && bytes.count == 71
            && bytes[7...].allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// One `revoked` element as read.
    private struct RevocationEntry: DeclarationDecodable {
        let id: String?
        let fingerprint: String?
        let reason: String?

        init(reading reader: inout FieldReader) {
            id = reader.string("id")
            fingerprint = reader.string("fingerprint")
            reason = reader.string("reason")
            if id == nil, fingerprint == nil { reader.report("a revocation names an 'id' or a 'fingerprint'") }
            if let fingerprint, !TrustStore.isFingerprint(fingerprint) {
                reader.report(
                    "'fingerprint' must be sha256: followed by 64 lowercase hexadecimal digits", at: "fingerprint",
                    hint:
                        "`tollgate bundle keygen` prints it; for an existing key: openssl pkey -pubin -in key.pub -outform DER | openssl dgst -sha256; for a certificate: openssl x509 -in cert.pem -outform DER | openssl dgst -sha256"
                )
            }
        }
    }
}
