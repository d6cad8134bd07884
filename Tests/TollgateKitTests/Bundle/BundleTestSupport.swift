import Foundation
import Testing
import TollgateTestSupport

@testable import TollgateKit

/// Keys, trust files and bundle directories for the bundle tests. Keys are generated once per
/// test process (RSA-3072 generation takes a moment) and never written outside temporary folders.
enum BundleTestSupport {
    static let ed25519 = try? BundleBuilder.generateKey(.ed25519)
    static let ed25519Second = try? BundleBuilder.generateKey(.ed25519)
    static let ecdsa = try? BundleBuilder.generateKey(.ecdsaP256SHA256)
    static let rsa = try? BundleBuilder.generateKey(.rsaPSSSHA256)

    /// The `openssl` executable on PATH, if any.
    static let openssl = OpenSSLCommand.path

    static let policyA = """
        version: 1
        name: baseline
        include: [all]
        """
    static let policyB = """
        version: 1
        name: accounts-strict
        include: [accounts]
        rules:
          ACC-009: { severity: critical }
        """

    /// A trusted key entry for a trust file.
    struct TrustedKey {
        let id: String
        let key: BundleBuilder.GeneratedKey
        var notBefore: String?
        var notAfter: String?

        init(_ id: String, _ key: BundleBuilder.GeneratedKey?, notBefore: String? = nil, notAfter: String? = nil) {
            self.id = id
            self.key = key!
            self.notBefore = notBefore
            self.notAfter = notAfter
        }
    }

    /// A trust file's YAML with inline PEM keys.
    static func trustYAML(
        _ keys: [TrustedKey], threshold: Int = 1, revoked: [String] = [], names: [String] = []
    )
        -> String
    {
        var text = "version: 1\nthreshold: \(threshold)\n"
        if !names.isEmpty { text += "names: [\(names.joined(separator: ", "))]\n" }
        text += "keys:\n"
        for entry in keys {
            text += "  - id: \(entry.id)\n    algorithm: \(entry.key.algorithm.rawValue)\n"
            if let notBefore = entry.notBefore { text += "    not_before: \(notBefore)\n" }
            if let notAfter = entry.notAfter { text += "    not_after: \(notAfter)\n" }
            text += "    public_key: |\n"
            for line in entry.key.publicPEM.split(separator: "\n") { text += "      \(line)\n" }
        }
        if !revoked.isEmpty {
            text += "revoked:\n"
            for id in revoked { text += "  - { id: \(id), reason: key lost }\n" }
        }
        return text
    }

    static func trust(
        _ keys: [TrustedKey], threshold: Int = 1, revoked: [String] = [], names: [String] = []
    ) throws
        -> TrustStore
    {
        let yaml = trustYAML(keys, threshold: threshold, revoked: revoked, names: names)
        let (store, diagnostics) = TrustStore.parse(data: Data(yaml.utf8), file: "trust.yaml", baseDirectory: "/")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
        return try #require(store)
    }

    /// A bundle directory holding two policy packs, a manifest valid from a minute ago for 30
    /// days, and one signature per `signers` entry.
    static func bundle(
        signers: [(String, BundleBuilder.GeneratedKey?)], name: String = "acme-policy", version: Int = 3,
        created: Timestamp = Timestamp.now().adding(seconds: -60), validity: Int64 = 30 * 86_400
    ) throws -> URL {
        let directory = try TestSupport.temporaryDirectory().appendingPathComponent("bundle")
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("packs"), withIntermediateDirectories: true)
        try policyA.write(to: directory.appendingPathComponent("baseline.yaml"), atomically: true, encoding: .utf8)
        try policyB.write(
            to: directory.appendingPathComponent("packs/accounts.yaml"), atomically: true, encoding: .utf8)
        _ = try BundleBuilder.writeManifest(
            directory: directory.path, name: name, version: version, created: created,
            expires: created.adding(seconds: validity))
        for (id, key) in signers {
            _ = try BundleBuilder.sign(
                directory: directory.path, privateKeyPEM: Array(try #require(key).privatePEM.utf8), keyID: id)
        }
        return directory
    }

    /// Verifies and returns the rejection's reason, or `nil` when the bundle is accepted.
    static func reason(
        _ path: URL, _ trust: TrustStore, state: String? = nil, now: Timestamp = .now()
    ) -> RejectionReason? {
        do {
            _ = try UnverifiedBundle(contentsOf: path.path).verify(trust: trust, statePath: state, now: now)
            return nil
        } catch {
            return error.reason
        }
    }

    /// Signs `bytes` with `key` exactly as Tollgate does (for forging test signatures).
    static func signature(_ bytes: [UInt8], _ key: BundleBuilder.GeneratedKey?) throws -> [UInt8] {
        let key = try #require(key)
        let evp = try EVPKey(privatePEM: Array(key.privatePEM.utf8))
        return try evp.sign(bytes, algorithm: key.algorithm)
    }
}
