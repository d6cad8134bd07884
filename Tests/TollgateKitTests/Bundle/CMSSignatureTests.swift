import Foundation
import Testing

@testable import TollgateKit

/// CMS signatures (`signatures/<id>.p7s`) checked against a trust file's CA certificates with
/// the signer's identity pinned — made and checked with the real `openssl cms` in both
/// directions, and every way a CMS signature can fail mapped to its reason.
@Suite(
    "CMS signatures",
    .enabled(
        if: BundleTestSupport.openssl != nil, "skipped: no `openssl` binary on PATH to make the test certificates"))
struct CMSSignatureTests {
    typealias Support = BundleTestSupport
    typealias Signer = CMSTestPKI.Signer

    var pki: CMSTestPKI { get throws { try #require(CMSTestPKI.shared, "the test PKI could not be made") } }

    /// A bundle signed with `openssl cms -sign -binary` by `signer` as `id`.
    func opensslSigned(id: String = "office", signer: String = "office", chain: Bool = true) throws -> URL {
        let bundle = try Support.bundle(signers: [])
        try pki.opensslSign(bundle, id: id, signer: signer, chain: chain)
        return bundle
    }

    /// Verifies and returns the rejection, or `nil` when the bundle is accepted.
    func rejection(_ bundle: URL, _ trust: TrustStore, now: Timestamp = .now()) -> BundleRejection? {
        do {
            _ = try UnverifiedBundle(contentsOf: bundle.path).verify(trust: trust, statePath: nil, now: now)
            return nil
        } catch {
            return error
        }
    }

    func signCMS(_ bundle: URL, id: String, signer: String = "office", ca: Bool = true) throws {
        _ = try BundleBuilder.signCMS(
            directory: bundle.path, certificatePEM: Array(try pki.text("\(signer).pem").utf8),
            privateKeyPEM: Array(try pki.text("\(signer).key").utf8), chainPEM: Array(try pki.text("int.pem").utf8),
            caPEM: ca ? Array(try pki.text("root.pem").utf8) : nil, signerID: id)
    }

    // MARK: - Accepted

    @Test func aSignatureMadeWithOpenSSLCMSVerifies() throws {
        let bundle = try opensslSigned()
        // The CA file relative to the trust file, as keys are given.
        let work = bundle.deletingLastPathComponent()
        try FileManager.default.copyItem(
            atPath: try pki.path("root.pem"), toPath: work.appendingPathComponent("ca.pem").path)
        let yaml = """
            version: 1
            threshold: 1
            names: [acme-policy]
            cms_signers:
              - id: office
                ca_certificates_file: ca.pem
                identity:
                  subject: "\(CMSTestPKI.officeSubject)"
                  email: \(CMSTestPKI.officeEmail)
                not_after: 2099-12-31
            """
        try yaml.write(to: work.appendingPathComponent("trust.yaml"), atomically: true, encoding: .utf8)
        let trust = try TrustStore.load(path: work.appendingPathComponent("trust.yaml").path)
        let verified = try UnverifiedBundle(contentsOf: bundle.path).verify(trust: trust, statePath: nil)
        #expect(verified.signers == ["office"])
        #expect(verified.warnings.isEmpty)
        #expect(verified.policyFiles == ["baseline.yaml", "packs/accounts.yaml"])
    }

    @Test func eachPinAloneIsEnoughAndASubCACanBeTheAnchor() throws {
        let bundle = try opensslSigned()
        let fingerprint = try pki.fingerprint("office.pem")
        for signer in [
            Signer(id: "office", subject: nil, email: CMSTestPKI.officeEmail),
            Signer(id: "office", subject: nil, certificateFingerprint: fingerprint),
            Signer(id: "office", ca: "int.pem"),
        ] {
            #expect(rejection(bundle, try pki.trust([signer])) == nil, "\(signer)")
        }
    }

    @Test func withoutEmbeddedIntermediatesTheTrustFileMayListThem() throws {
        let bundle = try opensslSigned(chain: false)
        #expect(rejection(bundle, try pki.trust([Signer(id: "office")]))?.reason == .untrustedCertificate)
        // Both CA certificates in one PEM file.
        let both = try pki.text("root.pem") + pki.text("int.pem")
        try both.write(toFile: try pki.path("root-and-int.pem"), atomically: true, encoding: .utf8)
        #expect(rejection(bundle, try pki.trust([Signer(id: "office", ca: "root-and-int.pem")])) == nil)
    }

    @Test func aTollgateCMSSignatureVerifiesWithOpenSSLAndWithTollgate() throws {
        let bundle = try Support.bundle(signers: [])
        try signCMS(bundle, id: "office")
        let signature = bundle.appendingPathComponent("signatures/office.p7s").path
        let manifest = bundle.appendingPathComponent("manifest.json").path
        let verify = [
            "cms", "-verify", "-binary", "-inform", "DER", "-in", signature, "-content", manifest, "-CAfile",
            try pki.path("root.pem"), "-out", "/dev/null",
        ]
        let checked = try OpenSSLInteropTests.openssl(verify, in: try pki.directory)
        #expect(checked.status == 0, "\(checked.output)")
        #expect(rejection(bundle, try pki.trust([Signer(id: "office")])) == nil)
        // openssl names the embedded signer; the intermediate travels in the signature.
        let signers = try OpenSSLInteropTests.openssl(
            [
                "cms", "-verify", "-binary", "-inform", "DER", "-in", signature, "-content", manifest, "-CAfile",
                try pki.path("root.pem"), "-out", "/dev/null", "-signer", "signer-out.pem",
            ], in: bundle.deletingLastPathComponent())
        #expect(signers.status == 0)
        let written = try String(
            contentsOf: bundle.deletingLastPathComponent().appendingPathComponent("signer-out.pem"), encoding: .utf8)
        #expect(written == (try pki.text("office.pem")))
        // And openssl notices a changed manifest.
        try (try String(contentsOfFile: manifest, encoding: .utf8) + " ").write(
            toFile: manifest, atomically: true, encoding: .utf8)
        #expect(try OpenSSLInteropTests.openssl(verify, in: try pki.directory).status != 0)
    }

    @Test func aFullChainCertificateFileEmbedsItsIntermediates() throws {
        let bundle = try Support.bundle(signers: [])
        let signed = try BundleBuilder.signCMS(
            directory: bundle.path, certificatePEM: Array((try pki.text("office.pem") + pki.text("int.pem")).utf8),
            privateKeyPEM: Array(try pki.text("office.key").utf8), chainPEM: nil,
            caPEM: Array(try pki.text("root.pem").utf8), signerID: "office")
        #expect(signed.subject == CMSTestPKI.officeSubject)
        #expect(signed.fingerprint == (try pki.fingerprint("office.pem")))
        #expect(rejection(bundle, try pki.trust([Signer(id: "office")])) == nil)
    }

    @Test func aPackedBundleCarriesItsCMSSignature() throws {
        let bundle = try opensslSigned()
        let packed = bundle.deletingLastPathComponent().appendingPathComponent("b.bundle.tar").path
        _ = try BundleBuilder.pack(directory: bundle.path, output: packed)
        let unverified = try UnverifiedBundle(contentsOf: packed)
        #expect(unverified.listing.cmsSignatures.map(\.signerID) == ["office"])
        #expect(unverified.listing.signatures.isEmpty)
        let verified = try unverified.verify(trust: try pki.trust([Signer(id: "office")]), statePath: nil)
        #expect(verified.signers == ["office"])
        // The entry order the documentation gives.
        let entries = try TarArchive.read(
            [UInt8](try Data(contentsOf: URL(fileURLWithPath: packed))), maximumEntries: 100,
            maximumFileBytes: 1 << 20
        ).map(\.path)
        #expect(entries == ["manifest.json", "signatures/office.p7s", "baseline.yaml", "packs/accounts.yaml"])
    }

    @Test func rewritingTheManifestRemovesCMSSignatures() throws {
        let bundle = try opensslSigned()
        let result = try BundleBuilder.writeManifest(
            directory: bundle.path, name: "acme-policy", version: 4, created: .now(),
            expires: Timestamp.now().adding(seconds: 86_400))
        #expect(result.removedSignatures == ["signatures/office.p7s"])
    }

    // MARK: - Rejected

    @Test func aSignerFromAnotherCAIsUntrusted() throws {
        // The impostor has the office's subject and e-mail, from a CA the trust file does not list.
        let bundle = try opensslSigned(signer: "impostor", chain: false)
        let found = try #require(
            rejection(bundle, try pki.trust([Signer(id: "office", email: CMSTestPKI.officeEmail)])))
        #expect(found.reason == .untrustedCertificate)
        #expect(found.description.contains("does not chain to the CA certificates"), "\(found)")
        // Trusting the other root instead rejects the genuine signer.
        let genuine = try opensslSigned()
        #expect(
            rejection(genuine, try pki.trust([Signer(id: "office", ca: "other-root.pem")]))?.reason
                == .untrustedCertificate)
    }

    @Test func anotherCertificateOfTheSameCAIsAnIdentityMismatch() throws {
        let bundle = try opensslSigned(signer: "mallory")
        let fingerprint = try pki.fingerprint("office.pem")
        for signer in [
            Signer(id: "office"),
            Signer(id: "office", subject: nil, email: CMSTestPKI.officeEmail),
            Signer(id: "office", subject: nil, certificateFingerprint: fingerprint),
        ] {
            let found = try #require(rejection(bundle, try pki.trust([signer])))
            #expect(found.reason == .identityMismatch, "\(found)")
            #expect(found.problems.first?.subject == "signatures/office.p7s")
        }
        let found = try #require(rejection(bundle, try pki.trust([Signer(id: "office")])))
        #expect(found.description.contains("its subject is 'CN=Mallory,O=Tollgate Tests'"), "\(found)")
        // All pins must match: the office's certificate with a wrong e-mail pin is refused too.
        let office = try opensslSigned()
        #expect(
            rejection(office, try pki.trust([Signer(id: "office", email: "someone@example.test")]))?.reason
                == .identityMismatch)
    }

    @Test func aChangedManifestIsABadSignature() throws {
        let bundle = try opensslSigned()
        let manifest = bundle.appendingPathComponent("manifest.json")
        var bytes = [UInt8](try Data(contentsOf: manifest))
        bytes.insert(UInt8(ascii: " "), at: bytes.count - 1)
        try Data(bytes).write(to: manifest)
        let found = try #require(rejection(bundle, try pki.trust([Signer(id: "office")])))
        #expect(found.reason == .badSignature, "\(found)")
        #expect(found.description.contains("does not match manifest.json"))
    }

    @Test func aTextModeSignatureOfCRLFContentDoesNotVerify() throws {
        // Without -binary, openssl signs the S/MIME canonical form (CRLF line ends), not the bytes.
        let bundle = try Support.bundle(signers: [])
        try pki.opensslSign(bundle, id: "office")
        let binary = try Data(contentsOf: bundle.appendingPathComponent("signatures/office.p7s"))
        try FileManager.default.removeItem(at: bundle.appendingPathComponent("signatures/office.p7s"))
        try CMSTestPKI.openssl(
            [
                "cms", "-sign", "-in", bundle.appendingPathComponent("manifest.json").path, "-signer",
                try pki.path("office.pem"), "-inkey", try pki.path("office.key"), "-certfile", try pki.path("int.pem"),
                "-outform", "DER", "-out", bundle.appendingPathComponent("signatures/office.p7s").path,
            ], in: try pki.directory)
        let text = try Data(contentsOf: bundle.appendingPathComponent("signatures/office.p7s"))
        #expect(binary != text)
        #expect(rejection(bundle, try pki.trust([Signer(id: "office")]))?.reason == .badSignature)
    }

    @Test func anExpiredOrNotYetValidCertificateIsRejectedAtTheVerificationTime() throws {
        let bundle = try opensslSigned(signer: "short")
        let trust = try pki.trust([Signer(id: "office")])
        #expect(rejection(bundle, trust) == nil, "valid now")
        let later = Timestamp.now().adding(seconds: 3 * 86_400)
        let expired = try #require(rejection(bundle, trust, now: later))
        #expect(expired.reason == .certificateExpired, "\(expired)")
        #expect(
            expired.description.contains("the signer certificate (CN=Compliance Office,O=Tollgate Tests) expired at"))
        let earlier = Timestamp.now().adding(seconds: -2 * 86_400)
        #expect(rejection(bundle, trust, now: earlier)?.reason == .certificateNotYetValid)
        // The trust file's own dates for the signer, like a key's.
        let ended = try pki.trust([Signer(id: "office", notAfter: "2020-01-01")])
        #expect(rejection(bundle, ended)?.reason == .keyExpired)
    }

    @Test func aCertificateThatMayNotSignForSMIMEIsUntrusted() throws {
        let bundle = try opensslSigned(signer: "codesign")
        let found = try #require(rejection(bundle, try pki.trust([Signer(id: "office")])))
        #expect(found.reason == .untrustedCertificate)
        #expect(found.description.contains("may not sign"), "\(found)")
    }

    @Test func weakAlgorithmsAreUnsupported() throws {
        let rsa = try opensslSigned(signer: "rsa2048")
        let found = try #require(rejection(rsa, try pki.trust([Signer(id: "office")])))
        #expect(found.reason == .unsupportedAlgorithm)
        #expect(found.description.contains("at least 3072"), "\(found)")
        let sha1 = try Support.bundle(signers: [])
        try pki.opensslSign(sha1, id: "office", extra: ["-md", "sha1"])
        let digest = try #require(rejection(sha1, try pki.trust([Signer(id: "office")])))
        #expect(digest.reason == .unsupportedAlgorithm)
        #expect(digest.description.contains("SHA1"), "\(digest)")
    }

    @Test func revokedSignersAndCertificatesAreRejected() throws {
        let bundle = try opensslSigned()
        let byID = try pki.trust(
            [Signer(id: "office"), Signer(id: "spare", subject: "CN=Spare")], revoked: ["{ id: office, reason: left }"])
        #expect(rejection(bundle, byID)?.reason == .revokedKey)
        let byCertificate = try pki.trust(
            [Signer(id: "office"), Signer(id: "spare", subject: "CN=Spare")],
            revoked: ["{ fingerprint: \(try pki.fingerprint("office.pem")), reason: certificate reissued }"])
        let found = try #require(rejection(bundle, byCertificate))
        #expect(found.reason == .revokedKey)
        #expect(found.description.contains("certificate reissued"))
    }

    @Test func malformedSignaturesAreRejectedWithAReasonNeverACrash() throws {
        let trust = try pki.trust([Signer(id: "office")])
        let good = try Data(contentsOf: try opensslSigned().appendingPathComponent("signatures/office.p7s"))
        let pem = try CMSTestPKI.openssl(
            [
                "cms", "-sign", "-binary", "-in", try pki.path("root.pem"), "-signer", try pki.path("office.pem"),
                "-inkey", try pki.path("office.key"), "-outform", "PEM",
            ], in: try pki.directory)
        var cases: [(String, [UInt8], String)] = [
            ("empty", [], "not one DER-encoded CMS structure"),
            ("garbage", Array("not a signature at all".utf8), "not one DER-encoded CMS structure"),
            ("truncated", Array(good.prefix(good.count / 2)), "not one DER-encoded CMS structure"),
            ("trailing bytes", Array(good) + [0], "not one DER-encoded CMS structure"),
            ("PEM instead of DER", Array(pem.utf8), "not one DER-encoded CMS structure"),
            ("a raw ECDSA signature", try Support.signature(Array("x".utf8), Support.ecdsa), "not one DER"),
        ]
        // Flipped bytes all over the structure: each is rejected somehow, none crashes.
        for offset in stride(from: 0, to: good.count, by: 97) {
            var bytes = Array(good)
            bytes[offset] ^= 0x5A
            cases.append(("flipped byte \(offset)", bytes, ""))
        }
        for (name, bytes, message) in cases {
            let bundle = try Support.bundle(signers: [])
            try FileManager.default.createDirectory(
                at: bundle.appendingPathComponent("signatures"), withIntermediateDirectories: true)
            try Data(bytes).write(to: bundle.appendingPathComponent("signatures/office.p7s"))
            let found = try #require(rejection(bundle, trust), "\(name) was accepted")
            #expect(found.reason != .thresholdNotMet, "\(name): \(found)")
            if !message.isEmpty {
                #expect(found.reason == .malformedSignature, "\(name): \(found)")
                #expect(found.description.contains(message), "\(name): \(found)")
            }
        }
    }

    @Test func cmsStructuresOfTheWrongShapeAreMalformed() throws {
        let trust = try pki.trust([Signer(id: "office")])
        let cases: [([String], String)] = [
            (["-nodetach"], "embeds its content"),
            (["-nocerts"], "does not embed its signer's certificate"),
            (
                ["-signer", try pki.path("mallory.pem"), "-inkey", try pki.path("mallory.key")],
                "has 2 signers"
            ),
        ]
        for (extra, message) in cases {
            let bundle = try Support.bundle(signers: [])
            try pki.opensslSign(bundle, id: "office", extra: extra)
            let found = try #require(rejection(bundle, trust))
            #expect(found.reason == .malformedSignature, "\(extra): \(found)")
            #expect(found.description.contains(message), "\(extra): \(found)")
        }
        // A CMS structure that is not SignedData at all.
        let bundle = try Support.bundle(signers: [])
        try FileManager.default.createDirectory(
            at: bundle.appendingPathComponent("signatures"), withIntermediateDirectories: true)
        try CMSTestPKI.openssl(
            [
                "cms", "-data_create", "-binary", "-in", bundle.appendingPathComponent("manifest.json").path,
                "-outform", "DER", "-out", bundle.appendingPathComponent("signatures/office.p7s").path,
            ], in: try pki.directory)
        let found = try #require(rejection(bundle, trust))
        #expect(found.reason == .malformedSignature)
        #expect(found.description.contains("not SignedData"), "\(found)")
    }

    @Test func aCMSSignatureUnderAnUnknownIdOrAKeysIdIsUnknown() throws {
        let bundle = try opensslSigned(id: "stranger")
        #expect(rejection(bundle, try pki.trust([Signer(id: "office")]))?.reason == .unknownKey)
        let keyID = try opensslSigned(id: "ops")
        let trust = try pki.trust([Signer(id: "office")], keys: [.init("ops", Support.ed25519)])
        let found = try #require(rejection(keyID, trust))
        #expect(found.reason == .unknownKey)
        #expect(found.description.contains("a CMS signature needs a cms_signers entry"), "\(found)")
    }

    @Test func anOversizedCMSSignatureIsTooLarge() throws {
        let bundle = try Support.bundle(signers: [])
        try FileManager.default.createDirectory(
            at: bundle.appendingPathComponent("signatures"), withIntermediateDirectories: true)
        try Data(count: (64 << 10) + 1).write(to: bundle.appendingPathComponent("signatures/office.p7s"))
        #expect(rejection(bundle, try pki.trust([Signer(id: "office")]))?.reason == .tooLarge)
    }

    // MARK: - Thresholds

    @Test func aCMSSignatureAndAKeySignatureMeetTwoOfN() throws {
        let bundle = try Support.bundle(signers: [("ops", Support.ed25519)])
        try pki.opensslSign(bundle, id: "office")
        let keys: [Support.TrustedKey] = [.init("ops", Support.ed25519), .init("spare", Support.ed25519Second)]
        let trust = try pki.trust([Signer(id: "office")], keys: keys, threshold: 2)
        let verified = try UnverifiedBundle(contentsOf: bundle.path).verify(trust: trust, statePath: nil)
        #expect(Set(verified.signers) == ["ops", "office"])
        // Either alone is one signer short.
        try FileManager.default.removeItem(at: bundle.appendingPathComponent("signatures/ops.sig"))
        let found = try #require(rejection(bundle, trust))
        #expect(found.reason == .thresholdNotMet)
        #expect(found.description.contains("1 valid signature by distinct trusted signers (office)"), "\(found)")
    }

    @Test func theSameSignerTwiceCountsOnce() throws {
        // Two entries whose pins both describe the office's certificate: one signer.
        let bundle = try opensslSigned(id: "office-by-subject")
        try pki.opensslSign(bundle, id: "office-by-email")
        let signers = [
            Signer(id: "office-by-subject"),
            Signer(id: "office-by-email", subject: nil, email: CMSTestPKI.officeEmail),
        ]
        let found = try #require(rejection(bundle, try pki.trust(signers, threshold: 2)))
        #expect(found.reason == .thresholdNotMet, "\(found)")
        #expect(found.description.contains("counts as the same signer as 'office-by-email'"), "\(found)")
        // With a threshold of 1 it verifies, and says which signature did not count.
        let verified = try UnverifiedBundle(contentsOf: bundle.path).verify(
            trust: try pki.trust(signers), statePath: nil)
        #expect(verified.signers == ["office-by-email"])
        #expect(verified.warnings.contains { $0.contains("same signer") })
        // Two certificates for one pinned identity (renewed certificate, new key): still one signer.
        let renewed = try opensslSigned(id: "office-by-subject")
        try pki.opensslSign(renewed, id: "office-by-email", signer: "short")
        #expect(rejection(renewed, try pki.trust(signers, threshold: 2))?.reason == .thresholdNotMet)
    }

    @Test func aKeyAndACertificateForTheSameKeyCountOnce() throws {
        // The office's EC key also listed as a bare key: its .sig and .p7s are one signer.
        let work = try TestSupport.temporaryDirectory()
        try CMSTestPKI.openssl(["pkey", "-in", try pki.path("office.key"), "-pubout", "-out", "office.pub"], in: work)
        let bundle = try Support.bundle(signers: [])
        try pki.opensslSign(bundle, id: "office")
        try CMSTestPKI.openssl(
            [
                "dgst", "-sha256", "-sign", try pki.path("office.key"), "-out",
                bundle.appendingPathComponent("signatures/office-key.sig").path,
                bundle.appendingPathComponent("manifest.json").path,
            ], in: work)
        var yaml = try pki.trustYAML([Signer(id: "office")], threshold: 2)
        yaml = yaml.replacingOccurrences(
            of: "cms_signers:\n",
            with:
                "keys:\n  - { id: office-key, algorithm: ecdsa-p256-sha256, public_key_file: \(work.path)/office.pub }\n  - { id: spare, algorithm: ed25519, public_key_file: \(work.path)/spare.pub }\ncms_signers:\n"
        )
        try Support.ed25519Second.map {
            try $0.publicPEM.write(to: work.appendingPathComponent("spare.pub"), atomically: true, encoding: .utf8)
        }
        let (store, diagnostics) = TrustStore.parse(data: Data(yaml.utf8), file: "trust.yaml", baseDirectory: "/")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let trust = try #require(store)
        let found = try #require(rejection(bundle, trust))
        #expect(found.reason == .thresholdNotMet, "\(found)")
    }

    // MARK: - Trust files and signing

    @Test func trustFileMistakesAboutCMSSignersAreReported() throws {
        func problems(_ yaml: String) -> [String] {
            TrustStore.parse(data: Data(yaml.utf8), file: "trust.yaml", baseDirectory: "/").diagnostics.map(
                \.description)
        }
        let good = try pki.trustYAML([Signer(id: "office")])
        #expect(problems(good).isEmpty)
        // The signer's own certificate is not a CA.
        #expect(
            problems(good.replacingOccurrences(of: "root.pem", with: "office.pem")).contains {
                $0.contains("is not a CA certificate")
            })
        // A private key where certificates belong.
        #expect(
            problems(good.replacingOccurrences(of: "root.pem", with: "root.key")).contains {
                $0.contains("holds a private key")
            })
        // No pin at all, or a malformed one.
        #expect(
            problems(try pki.trustYAML([Signer(id: "office", subject: nil)])).contains {
                $0.contains("missing 'identity': pin the signer with at least one of")
            })
        #expect(
            problems(
                good.replacingOccurrences(
                    of: "identity:\n      subject: \"\(CMSTestPKI.officeSubject)\"\n", with: "identity: {}\n")
            ).contains {
                $0.contains("pin the signer with at least one of")
            })
        #expect(
            problems(try pki.trustYAML([Signer(id: "office", certificateFingerprint: "SHA256:AB")])).contains {
                $0.contains("'certificate_fingerprint' must be sha256:")
            })
        // Ids are shared with keys, and the same signer may not be listed twice.
        #expect(
            problems(try pki.trustYAML([Signer(id: "ops")], keys: [.init("ops", Support.ed25519)])).contains {
                $0.contains("signer id 'ops' is listed twice")
            })
        #expect(
            problems(try pki.trustYAML([Signer(id: "a"), Signer(id: "b")])).contains {
                $0.contains("is the same signer as 'a'")
            })
        // The threshold counts CMS signers with keys.
        #expect(
            problems(try pki.trustYAML([Signer(id: "office")], threshold: 2)).contains {
                $0.contains("threshold 2 cannot be met: only 1 unrevoked keys and CMS signers")
            })
        // A typo in the identity mapping.
        #expect(
            problems(good.replacingOccurrences(of: "subject:", with: "subjet:")).contains {
                $0.contains("did you mean 'subject'")
            })
    }

    @Test func signingRefusesAMismatchedKeyAndAnUntrustedChain() throws {
        let bundle = try Support.bundle(signers: [])
        // A key that is not the certificate's.
        #expect(throws: BundleBuilder.Failure.self) {
            try BundleBuilder.signCMS(
                directory: bundle.path, certificatePEM: Array(try pki.text("office.pem").utf8),
                privateKeyPEM: Array(try pki.text("mallory.key").utf8), chainPEM: nil, caPEM: nil, signerID: "office")
        }
        // An Ed25519 key cannot sign CMS on OpenSSL 3.0.
        do {
            _ = try BundleBuilder.signCMS(
                directory: bundle.path, certificatePEM: Array(try pki.text("office.pem").utf8),
                privateKeyPEM: Array(try #require(Support.ed25519).privatePEM.utf8), chainPEM: nil, caPEM: nil,
                signerID: "office")
            Issue.record("an Ed25519 key signed")
        } catch {
            #expect("\(error)".contains("Ed25519 keys cannot make CMS signatures"), "\(error)")
        }
        // Checked against a CA that did not issue it: nothing is written.
        do {
            _ = try BundleBuilder.signCMS(
                directory: bundle.path, certificatePEM: Array(try pki.text("office.pem").utf8),
                privateKeyPEM: Array(try pki.text("office.key").utf8), chainPEM: Array(try pki.text("int.pem").utf8),
                caPEM: Array(try pki.text("other-root.pem").utf8), signerID: "office")
            Issue.record("signed against the wrong CA")
        } catch {
            #expect("\(error)".contains("untrusted-certificate"), "\(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: bundle.appendingPathComponent("signatures/office.p7s").path))
        // Without --ca the check anchors at the top of the given chain.
        try signCMS(bundle, id: "office", ca: false)
        #expect(rejection(bundle, try pki.trust([Signer(id: "office")])) == nil)
        // A failed re-sign keeps the signature that is there.
        let path = bundle.appendingPathComponent("signatures/office.p7s")
        let kept = try Data(contentsOf: path)
        #expect(throws: BundleBuilder.Failure.self) {
            try BundleBuilder.signCMS(
                directory: bundle.path, certificatePEM: Array(try pki.text("office.pem").utf8),
                privateKeyPEM: Array(try pki.text("office.key").utf8), chainPEM: Array(try pki.text("int.pem").utf8),
                caPEM: Array(try pki.text("other-root.pem").utf8), signerID: "office")
        }
        #expect(try Data(contentsOf: path) == kept)
        #expect(rejection(bundle, try pki.trust([Signer(id: "office")])) == nil)
    }
}
