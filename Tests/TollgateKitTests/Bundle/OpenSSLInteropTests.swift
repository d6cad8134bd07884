import Foundation
import Testing
import TollgateTestSupport

@testable import TollgateKit

/// Interoperability with the `openssl` command line in both directions, for every algorithm:
/// signatures made by openssl verify in Tollgate, and Tollgate's verify with openssl. Skipped,
/// with a message, where no `openssl` binary is installed.
@Suite(
    "OpenSSL command-line interop",
    .enabled(
        if: BundleTestSupport.openssl != nil, "skipped: no `openssl` binary on PATH, so the interop tests cannot run"))
struct OpenSSLInteropTests {
    typealias Support = BundleTestSupport

    @discardableResult
    static func openssl(_ arguments: [String], in directory: URL) throws -> (status: Int32, output: String) {
        try OpenSSLCommand.run(arguments, in: directory)
    }

    /// How openssl makes a key and signs for each algorithm (as in docs/bundles.md).
    static func recipe(_ algorithm: KeyAlgorithm) -> (genpkey: [String], sign: [String], verify: [String]) {
        let pss = ["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:-1"]
        switch algorithm {
        case .ed25519:
            return (
                ["-algorithm", "ed25519"],
                ["pkeyutl", "-sign", "-rawin", "-inkey", "key.pem", "-in", "bundle/manifest.json", "-out", "SIG"],
                [
                    "pkeyutl", "-verify", "-rawin", "-pubin", "-inkey", "key.pub", "-in", "bundle/manifest.json",
                    "-sigfile", "SIG",
                ]
            )
        case .ecdsaP256SHA256:
            return (
                ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
                ["dgst", "-sha256", "-sign", "key.pem", "-out", "SIG", "bundle/manifest.json"],
                ["dgst", "-sha256", "-verify", "key.pub", "-signature", "SIG", "bundle/manifest.json"]
            )
        case .rsaPSSSHA256:
            return (
                ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:3072"],
                ["dgst", "-sha256", "-sign", "key.pem"] + pss + ["-out", "SIG", "bundle/manifest.json"],
                ["dgst", "-sha256", "-verify", "key.pub"] + pss + ["-signature", "SIG", "bundle/manifest.json"]
            )
        }
    }

    @Test(arguments: KeyAlgorithm.allCases)
    func aManifestSignedWithOpenSSLVerifiesInTollgate(_ algorithm: KeyAlgorithm) throws {
        let directory = try Support.bundle(signers: [])
        let work = directory.deletingLastPathComponent()
        let recipe = Self.recipe(algorithm)
        #expect(try Self.openssl(["genpkey"] + recipe.genpkey + ["-out", "key.pem"], in: work).status == 0)
        #expect(try Self.openssl(["pkey", "-in", "key.pem", "-pubout", "-out", "key.pub"], in: work).status == 0)
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("signatures"), withIntermediateDirectories: true)
        let signature = "bundle/signatures/ops.sig"
        let signed = try Self.openssl(recipe.sign.map { $0 == "SIG" ? signature : $0 }, in: work)
        #expect(signed.status == 0, "\(signed.output)")

        let trustYAML = """
            version: 1
            threshold: 1
            keys:
              - { id: ops, algorithm: \(algorithm.rawValue), public_key_file: key.pub }
            """
        try trustYAML.write(to: work.appendingPathComponent("trust.yaml"), atomically: true, encoding: .utf8)
        let trust = try TrustStore.load(path: work.appendingPathComponent("trust.yaml").path)
        let verified = try UnverifiedBundle(contentsOf: directory.path).verify(trust: trust, statePath: nil)
        #expect(verified.signers == ["ops"])

        // The revocation fingerprint computed by openssl matches Tollgate's.
        let der = try Self.openssl(
            ["pkey", "-pubin", "-in", "key.pub", "-outform", "DER", "-out", "key.der"], in: work)
        #expect(der.status == 0)
        let digest = SHA256.hex([UInt8](try Data(contentsOf: work.appendingPathComponent("key.der"))))
        #expect(trust.keys.first?.fingerprint == "sha256:" + digest)
    }

    @Test(arguments: KeyAlgorithm.allCases)
    func aTollgateSignatureVerifiesWithOpenSSL(_ algorithm: KeyAlgorithm) throws {
        let key: BundleBuilder.GeneratedKey? =
            switch algorithm {
            case .ed25519: Support.ed25519
            case .ecdsaP256SHA256: Support.ecdsa
            case .rsaPSSSHA256: Support.rsa
            }
        let directory = try Support.bundle(signers: [("tollgate", key)])
        let work = directory.deletingLastPathComponent()
        try #require(key).publicPEM.write(to: work.appendingPathComponent("key.pub"), atomically: true, encoding: .utf8)
        let recipe = Self.recipe(algorithm)
        let verify = try Self.openssl(
            recipe.verify.map { $0 == "SIG" ? "bundle/signatures/tollgate.sig" : $0 }, in: work)
        #expect(verify.status == 0, "\(verify.output)")
        // And openssl notices a changed manifest.
        let manifest = directory.appendingPathComponent("manifest.json")
        try (try String(contentsOf: manifest, encoding: .utf8) + " ").write(
            to: manifest, atomically: true, encoding: .utf8)
        let tampered = try Self.openssl(
            recipe.verify.map { $0 == "SIG" ? "bundle/signatures/tollgate.sig" : $0 }, in: work)
        #expect(tampered.status != 0)
    }

    @Test func keysWrittenByTollgateAreReadByOpenSSLAndTheReverse() throws {
        let work = try TestSupport.temporaryDirectory()
        let key = try #require(Support.ecdsa)
        try key.privatePEM.write(to: work.appendingPathComponent("t.pem"), atomically: true, encoding: .utf8)
        let text = try Self.openssl(["pkey", "-in", "t.pem", "-pubout"], in: work)
        #expect(text.status == 0 && text.output == key.publicPEM)
        #expect(try Self.openssl(["genpkey", "-algorithm", "ed25519", "-out", "o.pem"], in: work).status == 0)
        let described = try BundleBuilder.describeKey(
            pem: [UInt8](try Data(contentsOf: work.appendingPathComponent("o.pem"))))
        #expect(described.algorithm == .ed25519)
    }
}
