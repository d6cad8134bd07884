/// A policy bundle as read from disk, before anything about it is trusted.
///
/// It exposes no file contents — only what the container itself shows (paths, sizes, digests,
/// which key ids signed) and, as `ManifestClaims`, what the manifest claims about itself, to be
/// shown marked unverified — and its one way forward is `verify`, which returns a
/// `VerifiedBundle`. So the compiler, not a code review, makes sure no policy is parsed from
/// bytes that were not verified.
public struct UnverifiedBundle: Sendable {
    /// What the container shows without trusting it, for `tollgate bundle inspect`.
    public struct Listing: Sendable, Hashable {
        /// Every file other than the manifest and signatures: path, size, SHA-256.
        public let files: [BundleManifest.File]
        /// Key ids that have a signature file, with the signature's size in bytes.
        public let signatures: [(keyID: String, size: Int)]
        /// Signer ids that have a CMS signature file (`signatures/<id>.p7s`), with its size in bytes.
        public let cmsSignatures: [(signerID: String, size: Int)]
        /// SHA-256 of `manifest.json`, if present.
        public let manifestSHA256: String?

        public static func == (lhs: Listing, rhs: Listing) -> Bool {
            lhs.files == rhs.files && lhs.manifestSHA256 == rhs.manifestSHA256
                && lhs.signatures.map(\.keyID) == rhs.signatures.map(\.keyID)
                && lhs.signatures.map(\.size) == rhs.signatures.map(\.size)
                && lhs.cmsSignatures.map(\.signerID) == rhs.cmsSignatures.map(\.signerID)
                && lhs.cmsSignatures.map(\.size) == rhs.cmsSignatures.map(\.size)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(files)
            hasher.combine(manifestSHA256)
        }
    }

    /// The bundle as the user named it.
    public let location: String
    /// Whether it is the packed (single-file) form.
    public let isPacked: Bool
    /// Things tolerated while reading (ignored macOS metadata files), to be shown to the user.
    public let warnings: [String]
    private var contents: BundleReader.Contents

    /// Reads a bundle directory or packed file. Throws for structural problems that no
    /// signature could excuse: unsafe paths, links, malformed archives, oversized input.
    public init(contentsOf path: String, limits: BundleLimits = .default) throws(BundleRejection) {
        let (contents, packed) = try BundleReader.read(path, limits: limits)
        self.location = path
        self.isPacked = packed
        self.contents = contents
        self.warnings = contents.warnings
    }

    /// A directory bundle already read (for the builder's own checks).
    init(directory: String, contents: BundleReader.Contents) {
        self.location = directory
        self.isPacked = false
        self.contents = contents
        self.warnings = contents.warnings
    }

    /// The manifest's bytes as read, if there is one (for signing them).
    var manifestBytes: [UInt8]? { contents.manifest }

    /// The same bundle with `signatures/<keyID>.sig` (or, with `cms`, `.p7s`) replaced in memory by
    /// `bytes`, so a new signature can be verified before it is written over an existing one.
    func replacingSignature(of id: String, cms: Bool = false, with bytes: [UInt8]) -> UnverifiedBundle {
        var copy = self
        if cms { copy.contents.cmsSignatures[id] = bytes } else { copy.contents.signatures[id] = bytes }
        return copy
    }

    /// The container's listing; nothing in it is vouched for.
    public var listing: Listing {
        Listing(
            files: contents.files.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.map {
                BundleManifest.File(path: $0, size: contents.files[$0]!.count, sha256: SHA256.hex(contents.files[$0]!))
            },
            signatures: contents.signatures.keys.sorted().map { ($0, contents.signatures[$0]!.count) },
            cmsSignatures: contents.cmsSignatures.keys.sorted().map { ($0, contents.cmsSignatures[$0]!.count) },
            manifestSHA256: contents.manifest.map { SHA256.hex($0) })
    }

    /// Verifies the bundle against `trust`, in this order, stopping at the first stage that fails:
    /// 1. signatures over the exact manifest bytes: at least `threshold` distinct trusted signers,
    ///    each unrevoked and within its validity dates — keys with the algorithm the trust file
    ///    gives them, CMS signers with a certificate that chains to their CA certificates at
    ///    `now` and carries their pinned identity;
    /// 2. the manifest (parsed only now): well-formed, a name the trust file accepts, not expired
    ///    and not created in the future, both judged by `now` — the real clock in the CLI;
    /// 3. the exact file set: every listed file present with its size and SHA-256, nothing extra;
    /// 4. rollback: with a `statePath`, the version is not below the highest accepted for the
    ///    name, and a newly accepted version is recorded there (atomically).
    public func verify(
        trust: TrustStore, statePath: String?, now: Timestamp = .now()
    ) throws(BundleRejection)
        -> VerifiedBundle
    {
        guard let manifestBytes = contents.manifest else {
            throw reject(
                .init(.missingManifest, BundlePath.manifest, "the bundle has no manifest.json at its root"))
        }
        let (signed, signers, signatureWarnings) = try checkSignatures(manifestBytes, trust: trust, now: now)
        let (parsed, manifestProblems) = BundleManifest.parse(signed)
        guard let manifest = parsed else {
            throw BundleRejection(bundle: location, reason: .invalidManifest, problems: manifestProblems)
        }
        try checkManifest(manifest, trust: trust, now: now)
        try checkFiles(manifest)
        let digest = SHA256.hex(manifestBytes)
        if let statePath {
            do throws(BundleRejection.Problem) {
                var state = try RollbackState.load(path: statePath)
                if let problem = state.problem(
                    name: manifest.name, version: manifest.version, digest: digest, statePath: statePath)
                {
                    throw problem
                }
                if state.record(name: manifest.name, version: manifest.version, digest: digest, at: now) {
                    try state.write(to: statePath)
                }
            } catch {
                throw reject(error)
            }
        }
        var files: [String: [UInt8]] = [:]
        for file in manifest.files { files[file.path] = contents.files[file.path] }
        return VerifiedBundle(
            location: location, manifest: manifest, manifestSHA256: digest, signers: signers,
            warnings: warnings + signatureWarnings, files: files)
    }

    /// For an author packing their own directory, not for trusting anything: the problems a
    /// verifier would find between the manifest and the files (invalid manifest, changed,
    /// missing, renamed or extra files), without checking signatures. Nothing read here is used
    /// beyond these messages; pipelines only ever see content through `verify`.
    func unsignedConsistencyProblems() -> [BundleRejection.Problem] {
        guard let (parsed, problems) = parseUnsigned(displayPath: BundlePath.manifest) else { return [] }
        guard let manifest = parsed else { return problems }
        do {
            try checkFiles(manifest)
            return []
        } catch {
            return error.problems
        }
    }

    /// What the manifest claims (name, version, created, expires), vouched for by nobody, for
    /// `tollgate bundle inspect` without a trust file: read with the verifier's parser, so a
    /// manifest that is not valid (not JSON, duplicate keys, a bad name or timestamp) is a
    /// rejection listing why, and nothing in it reaches a policy. Nil when there is no manifest.
    public func claims() -> Result<ManifestClaims, BundleRejection>? {
        guard let (parsed, problems) = parseUnsigned(displayPath: location + "/" + BundlePath.manifest) else {
            return nil
        }
        guard let manifest = parsed else {
            return .failure(BundleRejection(bundle: location, reason: .invalidManifest, problems: problems))
        }
        return .success(
            ManifestClaims(
                name: manifest.name, version: manifest.version, created: manifest.created, expires: manifest.expires))
    }

    /// The manifest parsed without its signatures checked, for the two callers that only show
    /// what it says (`unsignedConsistencyProblems`, `claims`); nil when there is none.
    private func parseUnsigned(displayPath: String) -> (BundleManifest?, [BundleRejection.Problem])? {
        guard let manifestBytes = contents.manifest else { return nil }
        return BundleManifest.parse(SignedManifest(bytes: manifestBytes, displayPath: displayPath))
    }

    // MARK: - Stages

    private func checkSignatures(
        _ manifest: [UInt8], trust: TrustStore, now: Timestamp
    ) throws(BundleRejection)
        -> (SignedManifest, signers: [String], warnings: [String])
    {
        guard !contents.signatures.isEmpty || !contents.cmsSignatures.isEmpty else {
            throw reject(
                .init(
                    .missingSignature, BundlePath.signatures + "/",
                    "no signature; sign with `tollgate bundle sign` or openssl (docs/bundles.md)"))
        }
        var problems: [BundleRejection.Problem] = []
        var signers = DistinctSigners()
        for keyID in contents.signatures.keys.sorted() {
            let signature = contents.signatures[keyID]!
            switch check(signature, keyID: keyID, manifest: manifest, trust: trust, now: now) {
            case .success(let key):
                signers.add(keyID, BundlePath.signature(of: keyID), tokens: ["key " + key.fingerprint])
            case .failure(let problem): problems.append(problem)
            }
        }
        for signerID in contents.cmsSignatures.keys.sorted() {
            let signature = contents.cmsSignatures[signerID]!
            switch checkCMS(signature, signerID: signerID, manifest: manifest, trust: trust, now: now) {
            case .success(let certificate):
                // The same key, the same certificate, or a certificate that another entry's
                // pinned identity also describes: one signer, however many files it signed.
                var tokens: Set<String> = ["key sha256:" + SHA256.hex(certificate.publicKeyDER)]
                tokens.insert("certificate " + certificate.fingerprint)
                for entry in trust.cmsSigners where entry.identity.mismatch(certificate) == nil {
                    tokens.insert("signer " + entry.id)
                }
                signers.add(signerID, BundlePath.cmsSignature(of: signerID), tokens: tokens)
            case .failure(let problem): problems.append(problem)
            }
        }
        if signers.count >= trust.threshold {
            let warnings =
                signers.duplicates
                + problems.map { "signature ignored (the threshold is met without it): \($0)" }
            return (
                SignedManifest(bytes: manifest, displayPath: location + "/" + BundlePath.manifest), signers.ids,
                warnings
            )
        }
        let reasons = Set(problems.map(\.reason))
        // No valid signature and one kind of problem: that problem is the reason.
        if signers.count == 0, reasons.count == 1, let only = reasons.first {
            throw BundleRejection(bundle: location, reason: only, problems: problems)
        }
        let summary = BundleRejection.Problem(
            .thresholdNotMet, "",
            "\(signers.count) valid signature\(signers.count == 1 ? "" : "s") by distinct trusted signers"
                + (signers.ids.isEmpty ? "" : " (\(signers.ids.joined(separator: ", ")))")
                + "; the trust file \(trust.file) requires \(trust.threshold)"
                + (signers.duplicates.isEmpty ? "" : "; " + signers.duplicates.joined(separator: "; ")))
        throw BundleRejection(bundle: location, reason: .thresholdNotMet, problems: [summary] + problems)
    }

    private func check(
        _ signature: [UInt8], keyID: String, manifest: [UInt8], trust: TrustStore, now: Timestamp
    ) -> Result<TrustStore.Key, BundleRejection.Problem> {
        let subject = BundlePath.signature(of: keyID)
        guard let key = trust.key(keyID) else {
            return .failure(.init(.unknownKey, subject, "key '\(keyID)' is not in the trust file \(trust.file)"))
        }
        if let revocation = trust.revocation(of: key) {
            return .failure(
                .init(
                    .revokedKey, subject,
                    "key '\(keyID)' is revoked in the trust file" + (revocation.reason.map { " (\($0))" } ?? "")))
        }
        if let notBefore = key.notBefore, now < notBefore {
            return .failure(.init(.keyNotYetValid, subject, "key '\(keyID)' is not valid before \(notBefore)"))
        }
        if let notAfter = key.notAfter, now >= notAfter {
            return .failure(
                .init(.keyExpired, subject, "key '\(keyID)' expired at \(notAfter); re-sign with a current key"))
        }
        do {
            let publicKey = try EVPKey(publicDER: key.publicKeyDER)
            if let (reason, message) = SignatureShape.problem(
                signature, algorithm: key.algorithm, maximumSize: publicKey.maximumSignatureSize)
            {
                return .failure(.init(reason, subject, message))
            }
            guard try publicKey.verify(signature, of: manifest, algorithm: key.algorithm) else {
                return .failure(
                    .init(
                        .badSignature, subject,
                        "the \(key.algorithm.summary) signature of key '\(keyID)' does not match manifest.json: the manifest changed after signing, or another key signed"
                    ))
            }
            return .success(key)
        } catch {
            return .failure(.init(.badSignature, subject, "cannot check the signature: \(error)"))
        }
    }

    private func checkCMS(
        _ signature: [UInt8], signerID: String, manifest: [UInt8], trust: TrustStore, now: Timestamp
    ) -> Result<X509Certificate, BundleRejection.Problem> {
        let subject = BundlePath.cmsSignature(of: signerID)
        guard let signer = trust.cmsSigner(signerID) else {
            if trust.key(signerID) != nil {
                return .failure(
                    .init(
                        .unknownKey, subject,
                        "'\(signerID)' is a key in the trust file \(trust.file), whose signatures are \(BundlePath.signature(of: signerID)); a CMS signature needs a cms_signers entry"
                    ))
            }
            return .failure(
                .init(.unknownKey, subject, "CMS signer '\(signerID)' is not in the trust file \(trust.file)"))
        }
        if let revocation = trust.revocation(ofSigner: signerID) {
            return .failure(
                .init(
                    .revokedKey, subject,
                    "signer '\(signerID)' is revoked in the trust file" + (revocation.reason.map { " (\($0))" } ?? "")))
        }
        if let notBefore = signer.notBefore, now < notBefore {
            return .failure(.init(.keyNotYetValid, subject, "signer '\(signerID)' is not valid before \(notBefore)"))
        }
        if let notAfter = signer.notAfter, now >= notAfter {
            return .failure(
                .init(
                    .keyExpired, subject,
                    "signer '\(signerID)' expired at \(notAfter) in the trust file; re-sign with a current signer"))
        }
        let parsed: CMSSignature.Parsed
        switch CMSSignature.parse(signature) {
        case .failure(let problem): return .failure(.init(problem.reason, subject, problem.message))
        case .success(let value): parsed = value
        }
        let certificate = parsed.signer
        let fingerprints = [certificate.fingerprint, "sha256:" + SHA256.hex(certificate.publicKeyDER)]
        if let revocation = trust.revocation(ofSigner: signerID, fingerprints: fingerprints) {
            return .failure(
                .init(
                    .revokedKey, subject,
                    "the signer certificate '\(certificate.subject)' (\(certificate.fingerprint)) or its key is revoked in the trust file"
                        + (revocation.reason.map { " (\($0))" } ?? "")))
        }
        var anchors: [X509Certificate] = []
        for der in signer.caCertificatesDER {
            guard let anchor = try? X509Certificate(der: der) else {
                return .failure(
                    .init(.invalidTrustFile, subject, "a CA certificate of signer '\(signerID)' cannot be read"))
            }
            anchors.append(anchor)
        }
        let result = parsed.verify(content: manifest, anchors: anchors, at: now) { certificate in
            signer.identity.mismatch(certificate).map {
                CMSSignature.Problem(
                    .identityMismatch,
                    "the signer certificate (\(certificate.fingerprint)) chains to a trusted CA but is not signer '\(signerID)': \($0)"
                )
            }
        }
        switch result {
        case .success(let verified): return .success(verified.signer)
        case .failure(let problem): return .failure(.init(problem.reason, subject, problem.message))
        }
    }

    private func checkManifest(_ manifest: BundleManifest, trust: TrustStore, now: Timestamp) throws(BundleRejection) {
        if !trust.names.isEmpty, !trust.names.contains(manifest.name) {
            throw reject(
                .init(
                    .unexpectedName, BundlePath.manifest,
                    "bundle '\(manifest.name)' is not one the trust file accepts (\(trust.names.joined(separator: ", ")))"
                ))
        }
        if now >= manifest.expires {
            throw reject(
                .init(
                    .expired, BundlePath.manifest,
                    "the bundle expired at \(manifest.expires) (now \(now), by this machine's clock); ask its signers for a fresh version"
                ))
        }
        // A few minutes of tolerance for runners whose clocks run slightly behind the signer's.
        if manifest.created > now.adding(seconds: 300) {
            throw reject(
                .init(
                    .notYetValid, BundlePath.manifest,
                    "the bundle was created at \(manifest.created), after now (\(now)); check the clocks"))
        }
    }

    private func checkFiles(_ manifest: BundleManifest) throws(BundleRejection) {
        var problems: [BundleRejection.Problem] = []
        var missing: [BundleManifest.File] = []
        var listed = Set<String>()
        for file in manifest.files {
            listed.insert(file.path)
            guard let bytes = contents.files[file.path] else {
                missing.append(file)
                continue
            }
            let digest = SHA256.hex(bytes)
            if bytes.count != file.size || digest != file.sha256 {
                problems.append(
                    .init(
                        .changedFile, file.path,
                        "content differs from the manifest (\(bytes.count) bytes, sha256 \(digest); signed: \(file.size) bytes, sha256 \(file.sha256))"
                    ))
            }
        }
        var extra = contents.files.keys.filter { !listed.contains($0) }.sorted()
        // Each unlisted file is hashed once, and only when something is missing.
        let extraDigests = missing.isEmpty ? [] : extra.map { SHA256.hex(contents.files[$0]!) }
        var claimed = Set<Int>()
        for file in missing {
            if let index = extraDigests.indices.first(where: {
                !claimed.contains($0) && extraDigests[$0] == file.sha256
            }) {
                claimed.insert(index)
                problems.append(
                    .init(
                        .renamedFile, extra[index],
                        "has exactly the content of '\(file.path)', which is missing: renamed?"))
            } else {
                problems.append(.init(.missingFile, file.path, "listed in the manifest but absent"))
            }
        }
        extra = extra.indices.filter { !claimed.contains($0) }.map { extra[$0] }
        for path in extra { problems.append(.init(.extraFile, path, "not listed in the manifest")) }
        // Directories (directory form only) must lead to a listed file or hold the signatures.
        var needed = BundlePath.directories(leadingTo: listed)
        if !contents.signatures.isEmpty || !contents.cmsSignatures.isEmpty { needed.insert(BundlePath.signatures) }
        for directory in contents.directories.subtracting(needed).sorted()
        where !contents.files.keys.contains(where: { $0.hasPrefix(directory + "/") }) {
            problems.append(.init(.extraFile, directory + "/", "a directory with no file listed in the manifest"))
        }
        guard !problems.isEmpty else { return }
        let order = Dictionary(uniqueKeysWithValues: RejectionReason.allCases.enumerated().map { ($1, $0) })
        problems.sort { (order[$0.reason]!, $0.subject) < (order[$1.reason]!, $1.subject) }
        throw BundleRejection(bundle: location, reason: problems[0].reason, problems: problems)
    }

    private func reject(_ problem: BundleRejection.Problem) -> BundleRejection {
        BundleRejection(bundle: location, problem)
    }
}

/// Valid signatures grouped by signer: two signatures that share a token (a key fingerprint, a
/// certificate fingerprint, a CMS signer entry whose pinned identity both certificates carry)
/// are one signer, so a threshold of m counts m different signers, never m files.
private struct DistinctSigners {
    private var groups: [(id: String, tokens: Set<String>)] = []
    /// One line per signature that counted as an earlier signer.
    private(set) var duplicates: [String] = []

    /// The number of distinct signers.
    var count: Int { groups.count }
    /// The id of each distinct signer, by its first valid signature.
    var ids: [String] { groups.map(\.id) }

    mutating func add(_ id: String, _ path: String, tokens: Set<String>) {
        let matching = groups.indices.filter { !groups[$0].tokens.isDisjoint(with: tokens) }
        guard let first = matching.first else {
            groups.append((id, tokens))
            return
        }
        duplicates.append(
            "\(path) counts as the same signer as '\(groups[first].id)' (the same key, certificate or pinned identity)")
        groups[first].tokens.formUnion(tokens)
        for index in matching.dropFirst().reversed() {
            duplicates.append("'\(groups[index].id)' counts as the same signer as '\(groups[first].id)'")
            groups[first].tokens.formUnion(groups[index].tokens)
            groups.remove(at: index)
        }
    }
}

/// Manifest bytes whose signatures met the trust threshold. Only `UnverifiedBundle` can make
/// one (the initialiser is `fileprivate`), and `BundleManifest.parse` accepts nothing else.
struct SignedManifest: Sendable {
    let bytes: [UInt8]
    let displayPath: String

    fileprivate init(bytes: [UInt8], displayPath: String) {
        self.bytes = bytes
        self.displayPath = displayPath
    }
}
