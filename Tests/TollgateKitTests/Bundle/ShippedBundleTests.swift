import Foundation
import Testing
import TollgateKit
import TollgateRules

/// The shipped policy packs, bundled and signed with the committed test key, verify against the
/// committed test trust file and check the example stack exactly as the unbundled packs do.
@Suite("Shipped policy bundle")
struct ShippedBundleTests {
    static let fixtures = TestSupport.packageRoot.appendingPathComponent("fixtures/bundles")
    static let key = fixtures.appendingPathComponent("test-key-DO-NOT-USE.ed25519.pem")
    static let trust = fixtures.appendingPathComponent("trust-test-DO-NOT-USE.yaml")

    /// Whatever `policies/*.yaml` this checkout ships, sorted as the bundle orders them.
    static func shippedPacks() throws -> [URL] {
        let directory = TestSupport.packageRoot.appendingPathComponent("policies")
        return try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".yaml") }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            .map { directory.appendingPathComponent($0) }
    }

    @Test func theShippedPacksBundleVerifyAndCheckLikeTheUnbundledPacks() throws {
        let packs = try Self.shippedPacks()
        try #require(!packs.isEmpty, "policies/ holds no pack")
        let work = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let directory = work.appendingPathComponent("shipped")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for pack in packs {
            try FileManager.default.copyItem(at: pack, to: directory.appendingPathComponent(pack.lastPathComponent))
        }
        let now = Timestamp.now()
        _ = try BundleBuilder.writeManifest(
            directory: directory.path, name: "tollgate-shipped-policy", version: 1, created: now.adding(seconds: -60),
            expires: now.adding(seconds: 86_400))
        _ = try BundleBuilder.sign(
            directory: directory.path, privateKeyPEM: [UInt8](try Data(contentsOf: Self.key)),
            keyID: "test-key-DO-NOT-USE")
        let packed = work.appendingPathComponent("shipped.bundle.tar").path
        _ = try BundleBuilder.pack(directory: directory.path, output: packed)

        let trust = try TrustStore.load(path: Self.trust.path)
        let verified = try UnverifiedBundle(contentsOf: packed).verify(
            trust: trust, statePath: work.appendingPathComponent("state.json").path)
        #expect(verified.policyFiles == packs.map(\.lastPathComponent))

        let stack = TestSupport.packageRoot.appendingPathComponent("fixtures/retail-stack").path
        let asOf = Day(iso: "2026-11-23")!
        let runner = CheckRunner(rules: BuiltInRules.all)
        let bundled = runner.run(
            paths: [stack], policyPaths: [], bundle: verified, asOf: asOf, failOn: .atOrAbove(.medium))
        let plain = runner.run(paths: [stack], policyPaths: packs.map(\.path), asOf: asOf, failOn: .atOrAbove(.medium))
        #expect(bundled.diagnostics.isEmpty, "\(bundled.diagnostics)")
        #expect(!plain.findings.isEmpty, "the retail stack has deliberate violations")
        #expect(bundled.findings.map(Self.identity) == plain.findings.map(Self.identity))
        #expect(bundled.evaluationCount == plain.evaluationCount)
        #expect(bundled.exitCode == plain.exitCode)
        #expect(bundled.policy.map(\.digest) == plain.policy.map(\.digest), "the same pack bytes ran")
    }

    @Test func theCommittedTrustFileTrustsOnlyTheTestKeyForTheShippedName() throws {
        let trust = try TrustStore.load(path: Self.trust.path)
        #expect(trust.keys.map(\.id) == ["test-key-DO-NOT-USE"])
        #expect(trust.names == ["tollgate-shipped-policy"])
        let described = try BundleBuilder.describeKey(pem: [UInt8](try Data(contentsOf: Self.key)))
        #expect(described.fingerprint == trust.keys.first?.fingerprint)
    }

    static func identity(_ finding: Finding) -> String {
        "\(finding.ruleID)|\(finding.severity)|\(finding.subject)|\(finding.location)|\(finding.message)|\(finding.fingerprint)"
    }
}
