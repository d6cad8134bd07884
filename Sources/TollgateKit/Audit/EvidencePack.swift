import Foundation

/// An audit's evidence pack: a directory holding the report in every format, the record of
/// processing, the exact inputs, policy and waivers, and `audit.json` saying what ran — all
/// listed with SHA-256 digests in a manifest signed with the auditor's key.
///
/// The pack *is* a signed bundle in the format of `docs/bundles.md` (name `tollgate-evidence`),
/// made and checked by the same code, so `openssl pkeyutl -verify` and `tollgate bundle verify`
/// work on it too, and verification rejects any edited, added, removed or renamed file.
public enum EvidencePack {
    /// The bundle name every evidence pack carries, so a policy bundle is never taken for one.
    public static let name = "tollgate-evidence"
    /// How long the manifest stays valid. Evidence is kept for years (audits look back three to
    /// seven); verification of a pack is about integrity and signer, not freshness.
    public static let validitySeconds: Int64 = 100 * 366 * 86_400
    /// The file in the pack that says what ran.
    public static let auditFile = "audit.json"
    /// The signer's public key, for convenience: it proves nothing unless its fingerprint is
    /// compared with one published out of band (or a trust file is used).
    public static let publicKeyFile = "auditor-public-key.pem"

    /// A step that could not be done.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
        public init(_ description: String) { self.description = description }
    }

    /// What goes into a pack.
    public struct Contents: Sendable {
        /// A checked report (with its inventory).
        public let report: Report
        /// The verified policy bundle the report ran under, if any.
        public let bundle: VerifiedBundle?
        /// The auditor's private key (PEM) and the key id its signature is filed under.
        public let privateKeyPEM: [UInt8]
        public let keyID: String
        /// When the pack is made (the real clock): the manifest's `created`.
        public let created: Timestamp

        public init(report: Report, bundle: VerifiedBundle?, privateKeyPEM: [UInt8], keyID: String, created: Timestamp)
        {
            self.report = report
            self.bundle = bundle
            self.privateKeyPEM = privateKeyPEM
            self.keyID = keyID
            self.created = created
        }
    }

    /// What was written.
    public struct Written: Sendable {
        public let directory: String
        /// SHA-256 of the signed manifest: the pack's identity, recorded in the history.
        public let manifestSHA256: String
        public let fileCount: Int
        public let keyFingerprint: String
    }

    /// Writes the pack into `directory`, which must not exist yet (or be an empty directory).
    /// The pack is built beside it (`StagedDirectory`) and renamed into place only once signed
    /// and self-verified, so an interrupted audit leaves no half pack; nothing at `directory`
    /// is ever removed or written over, not even what appears there while the pack is built.
    public static func write(_ contents: Contents, to directory: String) throws(Failure) -> Written {
        let staging: StagedDirectory
        do {
            staging = try StagedDirectory(target: directory)
        } catch {
            throw Failure(error.description)
        }
        let interrupted = Failure("interrupted; no evidence pack was written to \(directory)")
        do throws(Failure) {
            let keyDescription = try describeKey(contents.privateKeyPEM)
            var files = try payload(
                contents, publicKeyPEM: keyDescription.publicPEM, fingerprint: keyDescription.fingerprint)
            files[publicKeyFile] = Data(keyDescription.publicPEM.utf8)
            let root = URL(fileURLWithPath: staging.path)
            // One file at a time, so an interruption is served between two files.
            for (path, data) in files.sorted(by: { $0.key < $1.key }) {
                let written: Void? = try staging.whileHeld { () throws(Failure) in
                    do {
                        try OutputFile.write(data, to: root.appendingPathComponent(path).path)
                    } catch {
                        throw Failure("cannot write \(path) into the pack: \(error.localizedDescription)")
                    }
                }
                guard written != nil else { throw interrupted }
            }
            let version = Int(contents.report.asOf.description.replacingOccurrences(of: "-", with: "")) ?? 1
            let manifest = try staging.whileHeld { () throws(Failure) -> BundleManifest in
                do throws(BundleBuilder.Failure) {
                    let manifest = try BundleBuilder.writeManifest(
                        directory: staging.path, name: name, version: version, created: contents.created,
                        expires: contents.created.adding(seconds: validitySeconds)
                    ).manifest
                    _ = try BundleBuilder.sign(
                        directory: staging.path, privateKeyPEM: contents.privateKeyPEM, keyID: contents.keyID)
                    return manifest
                } catch {
                    throw Failure(error.description)
                }
            }
            guard let manifest else { throw interrupted }
            do {
                try staging.commit()
            } catch {
                throw Failure(error.description)
            }
            return Written(
                directory: directory, manifestSHA256: SHA256.hex(manifest.encoded()), fileCount: manifest.files.count,
                keyFingerprint: keyDescription.fingerprint)
        } catch {
            staging.discard()
            throw error
        }
    }

    /// Verifies a pack against `trust`: signatures over the exact manifest, then every file's
    /// size and digest, nothing missing and nothing extra. Returns the verified pack.
    public static func verify(
        _ path: String, trust: TrustStore, limits: BundleLimits = packLimits
    ) throws(BundleRejection)
        -> VerifiedBundle
    {
        try named(UnverifiedBundle(contentsOf: path, limits: limits).verify(trust: trust, statePath: nil))
    }

    /// `verified`, if it is an evidence pack: a policy bundle presented as one is refused.
    private static func named(_ verified: VerifiedBundle) throws(BundleRejection) -> VerifiedBundle {
        guard verified.manifest.name == name else {
            throw BundleRejection(
                bundle: verified.location,
                .init(
                    .unexpectedName, "manifest.json",
                    "a bundle named '\(verified.manifest.name)', not an evidence pack ('\(name)')"))
        }
        return verified
    }

    /// Evidence packs carry whole stacks and reports: larger than policy bundles.
    public static let packLimits = BundleLimits(
        maximumFileBytes: 512 << 20, maximumTotalBytes: 2 << 30, maximumEntries: 100_000)

    /// Verifies a pack against one public key, `key` (`audit verify --key`, or the key stored in
    /// the pack), under whichever of the pack's key ids its signature is filed: a pack co-signed
    /// by others (docs/audits.md §2) verifies whatever their ids are. The key's algorithm comes
    /// from the key; its id is ignored. `keyFile` names where the key came from, for messages.
    public static func verify(
        _ path: String, key: TrustStore.Key, keyFile: String, limits: BundleLimits = packLimits
    ) throws(BundleRejection) -> VerifiedBundle {
        let bundle = try UnverifiedBundle(contentsOf: path, limits: limits)
        try requireManifest(bundle)
        let keyIDs = bundle.listing.signatures.map(\.keyID)
        func trusting(_ keyID: String) -> TrustStore {
            TrustStore(
                file: keyFile, threshold: 1,
                keys: [TrustStore.Key(id: keyID, algorithm: key.algorithm, publicKeyDER: key.publicKeyDER)])
        }
        // No signature file: the verification says so (missing signature, or CMS signers only).
        guard !keyIDs.isEmpty else { return try named(bundle.verify(trust: trusting(""), statePath: nil)) }
        for keyID in keyIDs {
            do {
                let verified = try named(bundle.verify(trust: trusting(keyID), statePath: nil))
                return onlyKey(verified, others: keyIDs.filter { $0 != keyID })
            } catch  where error.problems.contains(where: { $0.subject == BundlePath.signature(of: keyID) }) {
                // Not this key's signature (another signer's): try the next.
                continue
            }
        }
        throw BundleRejection(
            bundle: path,
            .init(
                .badSignature, BundlePath.signatures + "/",
                "no signature is by the key in \(keyFile) (\(key.fingerprint)); the pack is signed under "
                    + keyIDs.map { "'\($0)'" }.joined(separator: ", ")
                    + ": another key signed it, or manifest.json changed after signing"))
    }

    /// `verified` with the other signers' signatures named as not checked, instead of one
    /// "not in the trust file" warning each: one key was given, and theirs are not its business.
    private static func onlyKey(_ verified: VerifiedBundle, others: [String]) -> VerifiedBundle {
        guard !others.isEmpty else { return verified }
        let ignored = others.map { "signatures/\($0).sig: [\(RejectionReason.unknownKey.rawValue)]" }
        var warnings = verified.warnings.filter { warning in
            !ignored.contains { warning.hasPrefix("signature ignored (the threshold is met without it): " + $0) }
        }
        warnings.append(
            "not checked: the signature\(others.count == 1 ? "" : "s") of "
                + others.map { "'\($0)'" }.joined(separator: ", ")
                + " (one key was given; a trust file checks several signers)")
        var files: [String: [UInt8]] = [:]
        for file in verified.manifest.files { files[file.path] = verified.contents(of: file.path).map { [UInt8]($0) } }
        return VerifiedBundle(
            location: verified.location, manifest: verified.manifest, manifestSHA256: verified.manifestSHA256,
            signers: verified.signers, warnings: warnings, files: files)
    }

    /// The public key stored in the pack at `path`, read without trusting anything: for
    /// verifying against the pack's own key when the user has no trust file, which proves only
    /// that the pack is unchanged since that key signed it.
    public static func embeddedKey(_ path: String) throws(BundleRejection) -> [UInt8] {
        try requireManifest(UnverifiedBundle(contentsOf: path, limits: packLimits))
        let file = URL(fileURLWithPath: path).appendingPathComponent(publicKeyFile).path
        switch FileAccess.read(file, maxBytes: 64 << 10) {
        case .success(let pem): return [UInt8](pem)
        case .failure(.unreadable(.missing)):
            throw BundleRejection(
                bundle: path, .init(.missingFile, publicKeyFile, "the pack holds no public key; pass --trust or --key"))
        case .failure(let failure):
            throw BundleRejection(
                bundle: path,
                .init(
                    .missingFile, publicKeyFile,
                    "the pack's public key cannot be read: \(failure.reason(limit: 64 << 10)); pass --trust or --key"))
        }
    }

    /// A directory without a manifest is no pack at all (a stack, a folder of reports): say
    /// that, rather than naming the first file a pack would have.
    private static func requireManifest(_ bundle: UnverifiedBundle) throws(BundleRejection) {
        guard bundle.listing.manifestSHA256 == nil else { return }
        throw BundleRejection(
            bundle: bundle.location,
            .init(
                .missingManifest, BundlePath.manifest,
                "'\(bundle.location)' is not an evidence pack: it has no manifest.json (`tollgate audit --output` writes packs)"
            ))
    }

    // MARK: - Checking the signer first

    /// What is wrong with `keyID` as the id a pack's signature is filed under
    /// (`signatures/ID.sig`), or nil: checked before an audit runs, so that a bad `--key-id`
    /// does not wait for the whole check.
    public static func keyIDProblem(_ keyID: String) -> String? {
        guard !BundlePath.isSignerID(keyID) else { return nil }
        return "the key id '\(ControlCharacters.escaped(keyID))' \(BundlePath.signerIDRule); it names signatures/ID.sig"
    }

    /// Why a pack cannot be written at `directory` (it is a file, a directory that is not
    /// empty, or below a file: a pack never overwrites anything), or nil. Asked before an audit
    /// runs; `write` checks again.
    public static func targetProblem(_ directory: String) -> String? {
        StagedDirectory.refusal(of: directory)
    }

    /// Checks that `privateKeyPEM` is a private key Tollgate can sign with, before an audit runs:
    /// a public key or an unreadable one stops it before anything is checked or staged.
    public static func checkSigningKey(_ privateKeyPEM: [UInt8]) throws(Failure) {
        _ = try describeKey(privateKeyPEM)
    }

    // MARK: - Building the payload

    private static func describeKey(_ pem: [UInt8]) throws(Failure) -> (publicPEM: String, fingerprint: String) {
        guard String(decoding: pem, as: UTF8.self).contains("PRIVATE KEY") else {
            throw Failure("the signing key must be a PEM private key (tollgate bundle keygen writes one)")
        }
        do {
            let described = try BundleBuilder.describeKey(pem: pem)
            return (described.publicPEM, described.fingerprint)
        } catch {
            throw Failure(error.description)
        }
    }

    /// Every file of the pack but the manifest, signature and public key, by path.
    static func payload(
        _ contents: Contents, publicKeyPEM: String, fingerprint: String
    ) throws(Failure) -> [String: Data] {
        let report = contents.report
        var files: [String: Data] = [:]
        for format in ReportFormat.allCases {
            do {
                files["reports/" + fileName(format)] = try format.reporter().render(report)
            } catch {
                throw Failure("cannot render the \(format.rawValue) report: \(error)")
            }
        }
        if let inventory = report.inventory {
            files["reports/record-of-processing.csv"] = Data(RecordOfProcessing(inventory).csv().utf8)
        }
        var used = Set<String>()
        func place(_ source: String, under folder: String, expectedDigest: String?) throws(Failure) -> [String: String]
        {
            guard let data = FileManager.default.contents(atPath: source) else {
                throw Failure("cannot read \(source) to copy it into the pack")
            }
            let digest = SHA256.hex(data)
            if let expectedDigest, !expectedDigest.isEmpty, expectedDigest != digest {
                throw Failure(
                    "\(source) changed while the audit ran (sha256 \(digest), checked \(expectedDigest)); run it again")
            }
            let path = packPath(for: source, under: folder, used: &used)
            files[path] = data
            return ["source": source, "path": path, "sha256": digest]
        }
        var inputs: [[String: String]] = []
        for input in report.inputs {
            inputs.append(try place(input, under: "inputs", expectedDigest: report.inputDigests[input]))
        }
        var policy: [String: Any] = [:]
        if let bundle = contents.bundle {
            policy["bundle"] = [
                "location": bundle.location, "name": bundle.manifest.name, "version": bundle.manifest.version,
                "manifest_sha256": bundle.manifestSHA256, "signers": bundle.signers,
                "created": bundle.manifest.created.description, "expires": bundle.manifest.expires.description,
            ]
            for file in bundle.manifest.files {
                if let data = bundle.contents(of: file.path) { files["policy/bundle/" + file.path] = data }
            }
        }
        var packs: [[String: String]] = []
        for source in report.policy {
            var entry = ["name": source.name, "file": source.file, "sha256": source.digest]
            if contents.bundle == nil, !source.file.isEmpty {
                entry["path"] = try place(source.file, under: "policy", expectedDigest: source.digest)["path"]
            }
            packs.append(entry)
        }
        policy["packs"] = packs
        var waivers: [[String: Any]] = []
        var triageFiles: [[String: String]] = []
        var baselineEntry: Any = NSNull()
        if let triage = report.triage {
            for file in triage.waiverFiles {
                triageFiles.append(try place(file.path, under: "waivers", expectedDigest: file.sha256))
            }
            if let baseline = triage.baseline {
                let placed = try place(baseline.file.path, under: "waivers", expectedDigest: baseline.file.sha256)
                triageFiles.append(placed)
                baselineEntry = baselineReview(baseline, placed: placed)
            }
            for review in triage.waivers {
                waivers.append([
                    "rule": review.waiver.rule.description, "subject": review.waiver.subject,
                    "status": review.status.rawValue, "expires": review.waiver.expires.description,
                    "owner": review.waiver.owner, "approver": review.waiver.approver, "ticket": review.waiver.ticket,
                    "justification": review.waiver.justification, "findings": review.matched,
                ])
            }
        }
        let tally = report.tally
        let audit: [String: Any] = [
            "format": "tollgate-evidence/1",
            "tool": ["name": "tollgate", "version": report.toolVersion],
            "as_of": report.asOf.description,
            "created": contents.created.description,
            "fail_on": report.failOn.rawValue,
            "outcome": report.runOutcome.jsonValue,
            "organization": report.inventory?.organization?.name ?? NSNull(),
            "dpo": report.inventory?.organization?.dpo ?? NSNull(),
            "inputs": inputs,
            "policy": policy,
            "waiver_files": triageFiles,
            "waivers": waivers,
            "baseline": baselineEntry,
            "summary": [
                "checks": report.evaluationCount, "rules": report.results.count, "findings": report.findings.count,
                "blocking": tally.blocking,
                "waived": tally.waived,
                "baselined": tally.baselined,
            ],
            "signer": ["key_id": contents.keyID, "fingerprint": fingerprint, "public_key": publicKeyFile],
            "reports": files.keys.filter { $0.hasPrefix("reports/") }.sorted(),
        ]
        do {
            var data = try JSONSerialization.data(
                withJSONObject: audit, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            data.append(0x0A)
            files[auditFile] = data
        } catch {
            throw Failure("cannot write audit.json: \(error)")
        }
        files["README.txt"] = Data(readme(keyID: contents.keyID, fingerprint: fingerprint).utf8)
        return files
    }

    /// How the baseline fared, as report.json's `baseline` says it, with the file's place in the
    /// pack and the matched count: an auditor reading audit.json sees why baselined findings do
    /// not count, and which entries no longer occur (`missing`) or were not checked (`unchecked`:
    /// their rule did not run).
    static func baselineReview(_ review: BaselineReview, placed: [String: String]) -> [String: Any] {
        [
            "file": placed,
            "entries": review.entryCount,
            "matched": review.matchedCount,
            "missing": review.missing.map { entry -> [String: Any] in
                [
                    "fingerprint": entry.fingerprint, "rule": entry.rule, "subject": entry.subject,
                    "location": [
                        "file": entry.location.file, "line": entry.location.line, "column": entry.location.column,
                        "pointer": entry.location.pointer,
                    ],
                ]
            },
            "unchecked": review.unchecked.count,
        ]
    }

    /// A path inside the pack for a copied file: its own relative path when that is safe, with
    /// characters outside the portable set replaced; files outside the working directory go to
    /// `<folder>/external/`. Collisions get a numbered prefix.
    static func packPath(for source: String, under folder: String, used: inout Set<String>) -> String {
        // An absolute path inside the working directory keeps its relative structure.
        let workingDirectory = FileManager.default.currentDirectoryPath + "/"
        let relative = source.hasPrefix(workingDirectory) ? String(source.dropFirst(workingDirectory.count)) : source
        let segments = relative.split(separator: "/").map(String.init).filter { $0 != "." }
        let outside = relative.hasPrefix("/") || segments.contains("..") || segments.isEmpty
        let kept = outside ? ["external", segments.last ?? "file"] : segments
        let cleaned = kept.map { segment in
            let portable = String(
                segment.unicodeScalars.map { scalar -> Character in
                    scalar.isASCII
                        && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                            || ".-_".unicodeScalars.contains(scalar))
                        ? Character(scalar) : "_"
                })
            return portable.hasPrefix(".") ? "_" + portable.dropFirst() : portable
        }
        var path = ([folder] + cleaned).joined(separator: "/")
        var counter = 2
        while !used.insert(path.lowercased()).inserted {
            var parts = ([folder] + cleaned)
            parts[parts.count - 1] = "\(counter)-" + parts[parts.count - 1]
            path = parts.joined(separator: "/")
            counter += 1
        }
        return path
    }

    /// The report's file name in the pack, saying what it is for.
    static func fileName(_ format: ReportFormat) -> String {
        switch format {
        case .text: return "report.txt"
        case .json: return "report.json"
        case .junit: return "junit.xml"
        case .sarif: return "report.sarif"
        case .xml: return "report.xml"
        case .github: return "github-annotations.txt"
        case .gitlab: return "gitlab-code-quality.json"
        case .html: return "report.html"
        }
    }

    private static func readme(keyID: String, fingerprint: String) -> String {
        """
        Tollgate evidence pack
        ======================

        audit.json       what ran: tool version, as-of date, inputs and their SHA-256, policy
                         (bundle identity and signers, or plain packs), waivers in force, summary
        reports/         the report in every format (HTML for people; XML, JSON, SARIF, JUnit, ...)
                         and the Art. 30 record of processing as CSV
        inputs/          the exact declaration files that were checked
        policy/          the policy packs or bundle that ran (none when the built-in defaults ran:
                         audit.json names them, with the tool version that holds them)
        waivers/         the waiver and baseline files, when the audit used any
        manifest.json    every file above with its size and SHA-256
        signatures/      detached signature(s) over the exact bytes of manifest.json

        Signed with key '\(keyID)', fingerprint \(fingerprint).

        Verify (any edited, added or removed file is reported):
          tollgate audit verify PACK --key auditor-public-key.pem   (compare the fingerprint first)
          tollgate audit verify PACK --trust trust.yaml
          openssl pkeyutl -verify -rawin -pubin -inkey auditor-public-key.pem \\
            -in manifest.json -sigfile signatures/\(keyID).sig      (Ed25519; then compare digests)

        """
    }
}
