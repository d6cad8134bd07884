import Foundation
import Testing
import TollgateRules

@testable import TollgateKit

/// Every way a bundle can be tampered with or go stale is rejected, each with its own reason.
@Suite("Bundle tamper matrix")
struct BundleTamperTests {
    typealias Support = BundleTestSupport
    let fm = FileManager.default

    func signedBundle(version: Int = 3) throws -> (URL, TrustStore) {
        let directory = try Support.bundle(signers: [("compliance-a", Support.ed25519)], version: version)
        return (directory, try Support.trust([.init("compliance-a", Support.ed25519)]))
    }

    @Test func anUntouchedBundleVerifiesAndYieldsItsPolicy() throws {
        let (directory, trust) = try signedBundle()
        let verified = try UnverifiedBundle(contentsOf: directory.path).verify(trust: trust, statePath: nil)
        #expect(verified.manifest.name == "acme-policy")
        #expect(verified.signers == ["compliance-a"])
        #expect(verified.policyFiles == ["baseline.yaml", "packs/accounts.yaml"])
        let (policy, diagnostics) = verified.policy(loader: PolicyLoader(catalog: BuiltInRules.catalog))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(policy?.settings["ACC-009"]?.severity == .critical)
        #expect(
            policy?.sources.map(\.file) == [directory.path + "/baseline.yaml", directory.path + "/packs/accounts.yaml"])
    }

    @Test func aChangedByteInAPolicyFile() throws {
        let (directory, trust) = try signedBundle()
        let file = directory.appendingPathComponent("baseline.yaml")
        var bytes = try Data(contentsOf: file)
        bytes[bytes.count - 1] ^= 0x01
        try bytes.write(to: file)
        #expect(Support.reason(directory, trust) == .changedFile)
    }

    @Test func anAddedFile() throws {
        let (directory, trust) = try signedBundle()
        try "version: 1\nname: x\ninclude: [all]\n".write(
            to: directory.appendingPathComponent("extra.yaml"), atomically: true, encoding: .utf8)
        #expect(Support.reason(directory, trust) == .extraFile)
    }

    @Test func anAddedEmptyDirectory() throws {
        let (directory, trust) = try signedBundle()
        try fm.createDirectory(at: directory.appendingPathComponent("stray"), withIntermediateDirectories: false)
        #expect(Support.reason(directory, trust) == .extraFile)
    }

    @Test func aRemovedFile() throws {
        let (directory, trust) = try signedBundle()
        try fm.removeItem(at: directory.appendingPathComponent("packs/accounts.yaml"))
        #expect(Support.reason(directory, trust) == .missingFile)
    }

    @Test func aRenamedFile() throws {
        let (directory, trust) = try signedBundle()
        try fm.moveItem(
            at: directory.appendingPathComponent("baseline.yaml"),
            to: directory.appendingPathComponent("zbaseline.yaml"))
        #expect(Support.reason(directory, trust) == .renamedFile)
    }

    @Test func aChangedManifest() throws {
        let (directory, trust) = try signedBundle()
        let manifest = directory.appendingPathComponent("manifest.json")
        let text = try String(contentsOf: manifest, encoding: .utf8).replacingOccurrences(
            of: "\"version\": 3", with: "\"version\": 4")
        try text.write(to: manifest, atomically: true, encoding: .utf8)
        #expect(Support.reason(directory, trust) == .badSignature)
    }

    @Test func aSignatureByAnUnknownKey() throws {
        let directory = try Support.bundle(signers: [("stranger", Support.ed25519Second)])
        let trust = try Support.trust([.init("compliance-a", Support.ed25519)])
        #expect(Support.reason(directory, trust) == .unknownKey)
    }

    @Test func aSignatureByARevokedKey() throws {
        let directory = try Support.bundle(signers: [("old", Support.ed25519)])
        let trust = try Support.trust(
            [.init("old", Support.ed25519), .init("new", Support.ed25519Second)], revoked: ["old"])
        #expect(Support.reason(directory, trust) == .revokedKey)
    }

    @Test func aSignatureByAnExpiredKey() throws {
        let directory = try Support.bundle(signers: [("old", Support.ed25519)])
        let trust = try Support.trust([.init("old", Support.ed25519, notBefore: "2020-01-01", notAfter: "2021-12-31")])
        #expect(Support.reason(directory, trust) == .keyExpired)
    }

    @Test func aKeyNotYetValid() throws {
        let directory = try Support.bundle(signers: [("next", Support.ed25519)])
        let trust = try Support.trust([.init("next", Support.ed25519, notBefore: "2999-01-01")])
        #expect(Support.reason(directory, trust) == .keyNotYetValid)
    }

    @Test func tooFewSignaturesForTheThreshold() throws {
        let directory = try Support.bundle(signers: [("a", Support.ed25519)])
        let trust = try Support.trust(
            [.init("a", Support.ed25519), .init("b", Support.ecdsa)], threshold: 2)
        #expect(Support.reason(directory, trust) == .thresholdNotMet)
        // Two signatures by distinct trusted keys meet it.
        _ = try BundleBuilder.sign(
            directory: directory.path, privateKeyPEM: Array(try #require(Support.ecdsa).privatePEM.utf8), keyID: "b")
        #expect(Support.reason(directory, trust) == nil)
    }

    @Test func aTruncatedSignature() throws {
        let (directory, trust) = try signedBundle()
        let signature = directory.appendingPathComponent("signatures/compliance-a.sig")
        try Data(try Data(contentsOf: signature).prefix(40)).write(to: signature)
        #expect(Support.reason(directory, trust) == .malformedSignature)
        // The message names the algorithm without an article that reads wrong ("a Ed25519").
        let rejection = #expect(throws: BundleRejection.self) {
            _ = try UnverifiedBundle(contentsOf: directory.path).verify(trust: trust, statePath: nil)
        }
        let messages = rejection?.problems.map(\.message) ?? []
        #expect(messages.contains { $0.contains("bytes that are not a signature of ") }, "\(messages)")
        #expect(!messages.contains { $0.contains("a Ed25519") || $0.contains("a ECDSA") })
    }

    @Test func anECDSASignaturePresentedForAnEd25519Key() throws {
        let (directory, trust) = try signedBundle()
        let manifest = try [UInt8](Data(contentsOf: directory.appendingPathComponent("manifest.json")))
        let forged = try Support.signature(manifest, Support.ecdsa)
        try Data(forged).write(to: directory.appendingPathComponent("signatures/compliance-a.sig"))
        #expect(Support.reason(directory, trust) == .algorithmMismatch)
    }

    @Test func anEd25519SignaturePresentedForAnECDSAKey() throws {
        let directory = try Support.bundle(signers: [("ec", Support.ecdsa)])
        let trust = try Support.trust([.init("ec", Support.ecdsa)])
        let manifest = try [UInt8](Data(contentsOf: directory.appendingPathComponent("manifest.json")))
        try Data(try Support.signature(manifest, Support.ed25519)).write(
            to: directory.appendingPathComponent("signatures/ec.sig"))
        #expect(Support.reason(directory, trust) == .algorithmMismatch)
    }

    @Test func aValidSignatureByAnotherKeyUnderATrustedID() throws {
        let directory = try Support.bundle(signers: [("compliance-a", Support.ed25519Second)])
        let trust = try Support.trust([.init("compliance-a", Support.ed25519)])
        #expect(Support.reason(directory, trust) == .badSignature)
    }

    /// A sign that fails its own check writes nothing: the signature already there under that id,
    /// here a valid one by the real key holder, is kept byte for byte.
    @Test func aFailedSignKeepsTheExistingSignature() throws {
        let (directory, trust) = try signedBundle()
        let signature = directory.appendingPathComponent("signatures/compliance-a.sig")
        let before = try Data(contentsOf: signature)
        // A file changed after the manifest was written, so no new signature can verify.
        let file = directory.appendingPathComponent("baseline.yaml")
        let original = try Data(contentsOf: file)
        try (original + Data("# other\n".utf8)).write(to: file)
        for key in [Support.ecdsa, Support.ed25519] {
            do {
                _ = try BundleBuilder.sign(
                    directory: directory.path, privateKeyPEM: Array(try #require(key).privatePEM.utf8),
                    keyID: "compliance-a")
                Issue.record("signed a bundle whose files changed")
            } catch {
                #expect("\(error)".contains("nothing was written") && "\(error)".contains("changed-file"), "\(error)")
            }
            #expect(try Data(contentsOf: signature) == before, "the existing signature is kept")
        }
        #expect(
            try fm.contentsOfDirectory(atPath: directory.appendingPathComponent("signatures").path) == [
                "compliance-a.sig"
            ])
        try original.write(to: file)
        #expect(Support.reason(directory, trust) == nil, "the kept signature still verifies")
    }

    @Test func anExpiredManifest() throws {
        let (directory, trust) = try signedBundle()
        #expect(Support.reason(directory, trust, now: Timestamp.now().adding(seconds: 31 * 86_400)) == .expired)
    }

    @Test func aManifestCreatedInTheFuture() throws {
        let (directory, trust) = try signedBundle()
        #expect(Support.reason(directory, trust, now: Timestamp.now().adding(seconds: -3600)) == .notYetValid)
    }

    @Test func aRolledBackVersion() throws {
        let state = try TestSupport.temporaryDirectory().appendingPathComponent(".tollgate/bundle-state.json").path
        let (newer, trust) = try signedBundle(version: 8)
        #expect(Support.reason(newer, trust, state: state) == nil)
        let (older, _) = try signedBundle(version: 7)
        #expect(Support.reason(older, trust, state: state) == .rolledBack)
        // Accepting the same version again is fine; the state keeps the highest.
        #expect(Support.reason(newer, trust, state: state) == nil)
        let recorded = try RollbackState.load(path: state)
        #expect(recorded.records["acme-policy"]?.version == 8)
    }

    @Test func oneVersionWithTwoContents() throws {
        let state = try TestSupport.temporaryDirectory().appendingPathComponent("state.json").path
        let (first, trust) = try signedBundle(version: 5)
        #expect(Support.reason(first, trust, state: state) == nil)
        let second = try Support.bundle(
            signers: [("compliance-a", Support.ed25519)], version: 5, created: Timestamp.now().adding(seconds: -120))
        #expect(Support.reason(second, trust, state: state) == .versionConflict)
    }

    @Test func anUnreadableStateFileIsNotTreatedAsEmpty() throws {
        let state = try TestSupport.temporaryDirectory().appendingPathComponent("state.json")
        try "{ not json".write(to: state, atomically: true, encoding: .utf8)
        let (directory, trust) = try signedBundle()
        #expect(Support.reason(directory, trust, state: state.path) == .stateUnusable)
    }

    /// A corrupt state file is named at `file:line:col` with what is wrong and how to recover,
    /// as Tollgate's own JSON file: not with the declarations' "YAML and JSON are accepted".
    @Test func aCorruptStateFileSaysWhereAndHowToRecover() throws {
        let directory = try TestSupport.temporaryDirectory()
        func problem(_ text: String) throws -> BundleRejection.Problem? {
            let file = directory.appendingPathComponent("state.json")
            try text.write(to: file, atomically: true, encoding: .utf8)
            do {
                _ = try RollbackState.load(path: file.path)
                return nil
            } catch {
                return error
            }
        }
        let path = directory.appendingPathComponent("state.json").path
        let truncated = try #require(try problem("{\n  \"bundles\": {\n    \"acme\": {\"version\": 3\n"))
        #expect(truncated.reason == .stateUnusable)
        #expect(truncated.subject.hasPrefix(path + ":4:"), "\(truncated)")
        #expect(truncated.message.hasPrefix("the rollback state file cannot be used: it is not valid JSON ("))
        #expect(!truncated.message.contains("YAML") && !truncated.message.contains("flow mapping"))
        #expect(truncated.message.contains("restore it from the pipeline's cache or a backup"))
        #expect(truncated.message.contains("Deleting it starts over"))
        #expect(truncated.message.contains("accepts any version of each bundle, older ones included"))

        let wrongRecord = try #require(
            try problem(
                """
                {"bundles": {"acme": {"accepted": "2026-11-23T09:19:06Z", "manifest_sha256": "ab", "version": "7"}},
                 "format": "tollgate-bundle-state/1"}
                """))
        #expect(wrongRecord.subject == path + ":1:95", "\(wrongRecord)")
        #expect(
            wrongRecord.message.hasPrefix(
                "the rollback state file cannot be used: expected a whole number for 'version'"))
        let wrongFormat = try #require(try problem("{\"bundles\": {}, \"format\": \"tollgate-bundle-state/9\"}"))
        #expect(wrongFormat.subject == path + ":1:27", "\(wrongFormat)")
        #expect(wrongFormat.message.contains("'format' is 'tollgate-bundle-state/9', not 'tollgate-bundle-state/1'"))
        #expect(try problem(String(decoding: RollbackState().encoded(), as: UTF8.self)) == nil)
    }

    @Test func aPathTraversalEntry() throws {
        let archive = TarArchive.write([
            .init(path: "manifest.json", bytes: Array("{}".utf8)), .init(path: "../evil.yaml", bytes: [0x61]),
        ])
        let file = try TestSupport.temporaryDirectory().appendingPathComponent("evil.bundle.tar")
        try Data(archive).write(to: file)
        let trust = try Support.trust([.init("a", Support.ed25519)])
        #expect(Support.reason(file, trust) == .unsafePath)
        for path in ["/etc/passwd", "a/../../b", "a//b", "./a", "a\\b", "white space.yaml"] {
            #expect(BundlePath.problem(path) != nil, "\(path)")
        }
    }

    @Test func aSymlink() throws {
        let (directory, trust) = try signedBundle()
        try fm.createSymbolicLink(
            atPath: directory.appendingPathComponent("link.yaml").path, withDestinationPath: "/etc/hostname")
        #expect(Support.reason(directory, trust) == .symlink)
        // A listed file replaced by a link to a copy of itself is still a link.
        let (second, _) = try signedBundle()
        let target = second.deletingLastPathComponent().appendingPathComponent("outside.yaml")
        try fm.moveItem(at: second.appendingPathComponent("baseline.yaml"), to: target)
        try fm.createSymbolicLink(
            atPath: second.appendingPathComponent("baseline.yaml").path, withDestinationPath: target.path)
        #expect(Support.reason(second, trust) == .symlink)
    }

    @Test func aSymlinkEntryInAPackedBundle() throws {
        var archive = TarArchive.write([.init(path: "link.yaml", bytes: [])])
        archive[156] = UInt8(ascii: "2")
        Self.fixChecksum(&archive)
        let file = try TestSupport.temporaryDirectory().appendingPathComponent("link.bundle.tar")
        try Data(archive).write(to: file)
        #expect(Support.reason(file, try Support.trust([.init("a", Support.ed25519)])) == .symlink)
    }

    @Test func noSignatureAndNoManifest() throws {
        let (directory, trust) = try signedBundle()
        try fm.removeItem(at: directory.appendingPathComponent("signatures/compliance-a.sig"))
        #expect(Support.reason(directory, trust) == .missingSignature)
        try fm.removeItem(at: directory.appendingPathComponent("manifest.json"))
        #expect(Support.reason(directory, trust) == .missingManifest)
    }

    @Test func aNameTheTrustFileDoesNotAccept() throws {
        let directory = try Support.bundle(signers: [("a", Support.ed25519)], name: "other-policy")
        let trust = try Support.trust([.init("a", Support.ed25519)], names: ["acme-policy"])
        #expect(Support.reason(directory, trust) == .unexpectedName)
    }

    @Test func everyReasonIsDocumented() throws {
        let doc = try String(
            contentsOf: TestSupport.packageRoot.appendingPathComponent("docs/bundles.md"), encoding: .utf8)
        for reason in RejectionReason.allCases {
            #expect(doc.contains("`\(reason.rawValue)`"), "docs/bundles.md does not document \(reason.rawValue)")
        }
    }

    /// Recomputes a ustar header checksum after a test edits the header.
    static func fixChecksum(_ archive: inout [UInt8], header offset: Int = 0) {
        var sum = 0
        for index in offset..<(offset + 512) {
            sum += (148..<156).contains(index - offset) ? 0x20 : Int(archive[index])
        }
        let text = Array(String(sum, radix: 8).utf8)
        let digits = [UInt8](repeating: UInt8(ascii: "0"), count: 6 - text.count) + text
        for (index, byte) in digits.enumerated() { archive[offset + 148 + index] = byte }
        archive[offset + 154] = 0
        archive[offset + 155] = UInt8(ascii: " ")
    }
}
