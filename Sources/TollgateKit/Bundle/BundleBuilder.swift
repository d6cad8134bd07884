import Foundation

/// The signer's side: key generation, writing a manifest for a directory of policy files,
/// signing it, and packing the directory into the single-file form.
///
/// Every step checks its result through the verifier's own door where it can (signing verifies
/// the new signature with a one-key trust store), so an author learns of a bundle that would be
/// rejected before any pipeline sees it.
public enum BundleBuilder {
    /// A step that could not be done, with what to do about it.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String

        public init(_ description: String) {
            self.description = description
        }
    }

    /// A freshly generated key pair.
    public struct GeneratedKey: Sendable {
        public let algorithm: KeyAlgorithm
        /// Unencrypted PKCS#8 PEM: keep it secret (the CLI writes it with mode 0600).
        public let privatePEM: String
        /// SubjectPublicKeyInfo PEM, for the trust file.
        public let publicPEM: String
        /// `sha256:` + SHA-256 of the DER public key.
        public let fingerprint: String
    }

    /// Generates a key pair (RSA keys get `rsaBits`, at least 3072).
    public static func generateKey(
        _ algorithm: KeyAlgorithm, rsaBits: Int = KeyAlgorithm.minimumRSABits
    ) throws(Failure)
        -> GeneratedKey
    {
        guard algorithm != .rsaPSSSHA256 || rsaBits >= KeyAlgorithm.minimumRSABits else {
            throw Failure("RSA keys need at least \(KeyAlgorithm.minimumRSABits) bits")
        }
        do {
            let key = try EVPKey.generate(algorithm, rsaBits: rsaBits)
            return GeneratedKey(
                algorithm: algorithm, privatePEM: try key.privatePEM(), publicPEM: try key.publicPEM(),
                fingerprint: "sha256:" + SHA256.hex(try key.publicDER()))
        } catch {
            throw Failure("cannot generate the key: \(error)")
        }
    }

    /// The algorithm, public PEM and fingerprint of a PEM public or private key.
    public static func describeKey(
        pem: [UInt8]
    ) throws(Failure) -> (
        algorithm: KeyAlgorithm, publicPEM: String, fingerprint: String
    ) {
        let isPrivate = String(decoding: pem, as: UTF8.self).contains("PRIVATE KEY")
        do {
            let key = isPrivate ? try EVPKey(privatePEM: pem) : try EVPKey(publicPEM: pem)
            switch key.algorithm() {
            case .failure(let problem): throw Failure("the key is \(problem)")
            case .success(let algorithm):
                return (algorithm, try key.publicPEM(), "sha256:" + SHA256.hex(try key.publicDER()))
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure("cannot read the key: \(error)")
        }
    }

    /// Writes `manifest.json` for the files in `directory` and deletes signatures of any earlier
    /// manifest (they no longer match). Returns the manifest, warnings, and the removed signatures.
    public static func writeManifest(
        directory: String, name: String, version: Int, created: Timestamp, expires: Timestamp
    ) throws(Failure) -> (manifest: BundleManifest, warnings: [String], removedSignatures: [String]) {
        let contents = try read(directory)
        let paths = contents.files.keys.sorted()
        let problems = BundleManifest.problems(
            name: name, version: version, created: created, expires: expires, paths: paths)
        guard problems.isEmpty else { throw Failure(problems.joined(separator: "\n")) }
        // `check --bundle` refuses a bundle without a pack; say so before it is signed and shipped.
        guard paths.contains(where: VerifiedBundle.isPolicyPack) else {
            throw Failure(
                "\(directory) holds no policy pack (.yaml or .yml file) to bundle; `check --bundle` refuses a bundle without one"
            )
        }
        let needed = BundlePath.directories(leadingTo: paths)
        if let empty = contents.directories.subtracting(needed).subtracting([BundlePath.signatures]).sorted().first {
            throw Failure("\(directory)/\(empty) is a directory with no files; remove it")
        }
        let manifest = BundleManifest(
            name: name, version: version, created: created, expires: expires,
            files: paths.map {
                BundleManifest.File(path: $0, size: contents.files[$0]!.count, sha256: SHA256.hex(contents.files[$0]!))
            })
        // The manifest first: if it cannot be written, the old manifest and its signatures are
        // left as they were (still a verifiable bundle); the signatures it no longer matches go after.
        do {
            try OutputFile.write(Data(manifest.encoded()), to: directory + "/" + BundlePath.manifest)
        } catch {
            throw Failure("cannot write \(directory)/\(BundlePath.manifest): \(error.localizedDescription)")
        }
        var removed: [String] = []
        let stale =
            contents.signatures.keys.sorted().map(BundlePath.signature(of:))
            + contents.cmsSignatures.keys.sorted().map(BundlePath.cmsSignature(of:))
        for relative in stale {
            let path = directory + "/" + relative
            do {
                try FileManager.default.removeItem(atPath: path)
            } catch {
                throw Failure("cannot remove the stale signature \(path): \(error.localizedDescription)")
            }
            removed.append(relative)
        }
        var warnings = contents.warnings
        let now = Timestamp.now()
        if expires <= now {
            warnings.append(
                "the manifest expired at \(expires), before now (\(now)): `bundle sign` and `check --bundle` will refuse it; give a later --expires or --valid-days"
            )
        }
        return (manifest, warnings, removed)
    }

    /// Signs `directory`'s `manifest.json` with a private key and verifies the bundle with the new
    /// signature and that key alone (real clock, no rollback state) before writing
    /// `signatures/<keyID>.sig` (atomically). If it would not verify — files changed since the
    /// manifest was written, manifest expired — nothing is written, so an existing signature by
    /// that id is kept, and the rejection explains why.
    public static func sign(
        directory: String, privateKeyPEM: [UInt8], keyID: String
    ) throws(Failure) -> (
        algorithm: KeyAlgorithm, signaturePath: String
    ) {
        guard BundlePath.isSignerID(keyID) else { throw Failure("key id '\(keyID)' \(BundlePath.signerIDRule)") }
        let (bundle, manifest) = try bundleToSign(directory)
        let key: EVPKey
        let algorithm: KeyAlgorithm
        let signature: [UInt8]
        let publicDER: [UInt8]
        do {
            key = try signingKey(privateKeyPEM)
            switch key.algorithm() {
            case .failure(let problem): throw Failure("the signing key is \(problem)")
            case .success(let value): algorithm = value
            }
            signature = try key.sign(manifest, algorithm: algorithm)
            publicDER = try key.publicDER()
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure("cannot sign: \(error)")
        }
        let selfTrust = TrustStore(
            file: "(the signing key)", threshold: 1,
            keys: [TrustStore.Key(id: keyID, algorithm: algorithm, publicKeyDER: publicDER)])
        let relative = BundlePath.signature(of: keyID)
        try writeIfVerified(
            bundle.replacingSignature(of: keyID, with: signature), selfTrust, signature, directory, relative, "key")
        return (algorithm, relative)
    }

    /// Signs `directory`'s `manifest.json` with CMS, as
    /// `openssl cms -sign -binary -outform DER -signer CERT -inkey KEY -certfile CHAIN` does,
    /// writing `signatures/<signerID>.p7s` (detached SignedData, DER, embedding the certificate
    /// and `chainPEM`'s intermediates; certificates after the first in `certificatePEM` are
    /// embedded too). The signature is then verified through the verifier's
    /// own door, with the signer's certificate pinned and, when `caPEM` is given, chaining to
    /// it (otherwise to the top of the given chain, or to the certificate itself), at the real
    /// clock, before it is written; if that fails, nothing is written (an existing signature by
    /// that id is kept) and the rejection explains why.
    public static func signCMS(
        directory: String, certificatePEM: [UInt8], privateKeyPEM: [UInt8], chainPEM: [UInt8]?, caPEM: [UInt8]?,
        signerID: String
    ) throws(Failure) -> (subject: String, fingerprint: String, signaturePath: String) {
        guard BundlePath.isSignerID(signerID) else {
            throw Failure("signer id '\(signerID)' \(BundlePath.signerIDRule)")
        }
        let (bundle, manifest) = try bundleToSign(directory)
        func certificates(_ pem: [UInt8], _ what: String) throws(Failure) -> [X509Certificate] {
            do {
                return try X509Certificate.readPEM(pem)
            } catch {
                throw Failure("the \(what) \(error)")
            }
        }
        // A "full chain" file is accepted: its first certificate is the signer's, the rest are
        // embedded like the chain's.
        let certificateList = try certificates(certificatePEM, "certificate")
        guard let certificate = certificateList.first else {
            throw Failure("the certificate file holds no certificate")
        }
        let chain =
            Array(certificateList.dropFirst())
            + (try chainPEM.map { pem throws(Failure) in try certificates(pem, "chain") } ?? [])
        let anchors = try caPEM.map { pem throws(Failure) in try certificates(pem, "CA file") } ?? []
        let signature: [UInt8]
        do {
            let key = try signingKey(privateKeyPEM)
            switch key.algorithm() {
            case .failure(let problem): throw Failure("the signing key is \(problem)")
            case .success(.ed25519):
                throw Failure(
                    "Ed25519 keys cannot make CMS signatures with OpenSSL 3.0; use an ECDSA P-256 (or RSA 3072+) key and certificate, or sign with --key-id alone for a raw Ed25519 signature"
                )
            case .success: break
            }
            guard try key.publicDER() == certificate.publicKeyDER else {
                throw Failure("the private key does not belong to the certificate '\(certificate.subject)'")
            }
            signature = try CMSSignature.sign(manifest, certificate: certificate, key: key, chain: chain)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure("cannot sign: \(error)")
        }
        let selfAnchors = !anchors.isEmpty ? anchors : [chain.last ?? certificate]
        let selfTrust = TrustStore(
            file: "(the signing certificate)", threshold: 1, keys: [],
            cmsSigners: [
                TrustStore.CMSSigner(
                    id: signerID, caCertificatesDER: selfAnchors.map(\.der),
                    identity: .init(certificateFingerprint: certificate.fingerprint))
            ])
        let relative = BundlePath.cmsSignature(of: signerID)
        try writeIfVerified(
            bundle.replacingSignature(of: signerID, cms: true, with: signature), selfTrust, signature, directory,
            relative, "certificate")
        return (certificate.subject, certificate.fingerprint, relative)
    }

    /// Packs `directory` into the single-file form at `output` (atomically): `manifest.json`,
    /// then `signatures/*.sig` by key id, then `signatures/*.p7s` by signer id, then the files
    /// by path. Same directory, same bytes.
    public static func pack(directory: String, output: String) throws(Failure) -> (entries: Int, warnings: [String]) {
        // Compared with symbolic links resolved (the output's folder, since the file may not
        // exist yet), so `dist-link/x.tar` with `dist-link -> dist` is caught too.
        let outputURL = URL(fileURLWithPath: output).standardizedFileURL
        let outputPath =
            outputURL.deletingLastPathComponent().resolvingSymlinksInPath().appendingPathComponent(
                outputURL.lastPathComponent
            ).path
        let directoryPath = URL(fileURLWithPath: directory).standardizedFileURL.resolvingSymlinksInPath().path
        if outputPath.hasPrefix(directoryPath + "/") {
            throw Failure("write the packed bundle outside \(directory), or it would pack itself next time")
        }
        let contents = try read(directory)
        guard let manifest = contents.manifest else {
            throw Failure("\(directory) has no \(BundlePath.manifest); write one with `tollgate bundle manifest`")
        }
        var entries = [TarArchive.Entry(path: BundlePath.manifest, bytes: manifest)]
        for keyID in contents.signatures.keys.sorted() {
            entries.append(TarArchive.Entry(path: BundlePath.signature(of: keyID), bytes: contents.signatures[keyID]!))
        }
        for signerID in contents.cmsSignatures.keys.sorted() {
            entries.append(
                TarArchive.Entry(
                    path: BundlePath.cmsSignature(of: signerID), bytes: contents.cmsSignatures[signerID]!))
        }
        for path in contents.files.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            guard TarArchive.split(path) != nil else { throw Failure("\(path): path too long for the packed form") }
            entries.append(TarArchive.Entry(path: path, bytes: contents.files[path]!))
        }
        do {
            try OutputFile.write(Data(TarArchive.write(entries)), to: output)
        } catch {
            throw Failure("cannot write \(output): \(error.localizedDescription)")
        }
        var warnings = contents.warnings
        if contents.signatures.isEmpty, contents.cmsSignatures.isEmpty {
            warnings.append("the packed bundle has no signature yet")
        }
        // Packed anyway (a warning, not a refusal): packing a work in progress to hand over or
        // inspect is legitimate, and every verifier rejects the result with the same reasons,
        // so nothing unsafe can come of it; the author just learns now rather than from a pipeline.
        for problem in UnverifiedBundle(directory: directory, contents: contents).unsignedConsistencyProblems() {
            warnings.append("the directory does not match its manifest, so the bundle will not verify: \(problem)")
        }
        return (entries.count, warnings)
    }

    /// The private key in `pem`. A public key or a certificate where the private key belongs is
    /// named as such, rather than reported as an unreadable (or encrypted) private key.
    private static func signingKey(_ pem: [UInt8]) throws -> EVPKey {
        let text = String(decoding: pem, as: UTF8.self)
        if !text.contains("PRIVATE KEY") {
            if text.contains("-----BEGIN PUBLIC KEY-----") {
                throw Failure(
                    "the signing key is a public key; pass the private key (the .pem that `tollgate bundle keygen` wrote beside the .pub)"
                )
            }
            if text.contains("-----BEGIN CERTIFICATE-----") {
                throw Failure("the signing key is a certificate; pass the certificate's private key (.pem) as the key")
            }
        }
        return try EVPKey(privatePEM: pem)
    }

    /// The bundle directory to sign and its manifest's bytes (the exact bytes the verification
    /// of the new signature uses).
    private static func bundleToSign(_ directory: String) throws(Failure) -> (UnverifiedBundle, [UInt8]) {
        try requireDirectory(directory)
        let bundle: UnverifiedBundle
        do {
            bundle = try UnverifiedBundle(contentsOf: directory)
        } catch {
            throw Failure("not signed: the bundle would not verify\n\(error)")
        }
        guard let manifest = bundle.manifestBytes else {
            throw Failure("\(directory) has no \(BundlePath.manifest); write one with `tollgate bundle manifest`")
        }
        return (bundle, manifest)
    }

    /// Verifies `bundle` (the directory with the new signature in place, in memory) with the
    /// signer alone, and only then writes the signature to `relative` — atomically, so an
    /// existing signature by that id is replaced only by one that verifies, and kept otherwise.
    private static func writeIfVerified(
        _ bundle: UnverifiedBundle, _ trust: TrustStore, _ signature: [UInt8], _ directory: String, _ relative: String,
        _ signer: String
    ) throws(Failure) {
        do {
            _ = try bundle.verify(trust: trust, statePath: nil)
        } catch {
            throw Failure("not signed: the bundle would not verify with this \(signer); nothing was written\n\(error)")
        }
        let path = directory + "/" + relative
        do {
            try OutputFile.write(Data(signature), to: path)
        } catch {
            throw Failure("cannot write \(path): \(error.localizedDescription)")
        }
    }

    private static func requireDirectory(_ directory: String) throws(Failure) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure("\(directory) is not a directory; bundles are built in their directory form")
        }
    }

    private static func read(_ directory: String) throws(Failure) -> BundleReader.Contents {
        try requireDirectory(directory)
        do {
            return try BundleReader.read(directory, limits: .default).0
        } catch {
            throw Failure(error.problems.map(\.description).joined(separator: "\n"))
        }
    }
}
