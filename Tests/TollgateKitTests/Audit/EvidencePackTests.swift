import Foundation
import Testing
import TollgateRules

@testable import TollgateKit

/// Evidence packs: written, signed, and any edit, addition or removal detected.
@Suite("Evidence packs")
struct EvidencePackTests {
    struct Fixture {
        let directory: URL
        let pack: String
        let trust: TrustStore
        let key: BundleBuilder.GeneratedKey
    }

    static func makePack() throws -> Fixture {
        let directory = try TestSupport.temporaryDirectory()
        let key = try BundleBuilder.generateKey(.ed25519)
        let pack = directory.appendingPathComponent("pack").path
        _ = try EvidencePack.write(
            EvidencePack.Contents(
                report: AuditTestSupport.retailReport(), bundle: nil, privateKeyPEM: Array(key.privatePEM.utf8),
                keyID: "auditor", created: .now()),
            to: pack)
        let trust = try TrustStore.single(keyID: "auditor", publicKeyPEM: Array(key.publicPEM.utf8), file: "test")
        return Fixture(directory: directory, pack: pack, trust: trust, key: key)
    }

    static func rejection(_ fixture: Fixture) -> BundleRejection? {
        do {
            _ = try EvidencePack.verify(fixture.pack, trust: fixture.trust)
            return nil
        } catch {
            return error
        }
    }

    @Test func aFreshPackVerifiesAndHoldsEverything() throws {
        let fixture = try Self.makePack()
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        let verified = try EvidencePack.verify(fixture.pack, trust: fixture.trust)
        #expect(verified.signers == ["auditor"])
        let paths = Set(verified.manifest.files.map(\.path))
        for format in ReportFormat.allCases {
            #expect(paths.contains("reports/" + EvidencePack.fileName(format)), "\(format)")
        }
        for path in ["audit.json", "README.txt", "auditor-public-key.pem", "reports/record-of-processing.csv"] {
            #expect(paths.contains(path), "\(path)")
        }
        #expect(paths.contains { $0.hasPrefix("inputs/") && $0.hasSuffix("/flows.yaml") })
        #expect(paths.contains { $0.hasPrefix("waivers/") && $0.hasSuffix("/retail-waivers.yaml") })
        // Built-in defaults ran: no policy file to copy, and the README says why there is none.
        #expect(!paths.contains { $0.hasPrefix("policy/") })
        let readme = String(decoding: try #require(verified.contents(of: "README.txt")), as: UTF8.self)
        #expect(readme.contains("none when the built-in defaults ran"))
        let auditData = try #require(verified.contents(of: "audit.json"))
        let audit = try #require(try JSONSerialization.jsonObject(with: auditData) as? [String: Any])
        #expect(audit["as_of"] as? String == "2026-11-23")
        #expect(audit["organization"] as? String == "Northwind Apparel Group")
        #expect(audit["dpo"] as? String == "Francesca Rossi, Data Protection Officer, dpo@northwind-apparel.example")
        let record = String(
            decoding: try #require(verified.contents(of: "reports/record-of-processing.csv")), as: UTF8.self)
        #expect(record.hasPrefix("controller,dpo,representatives,system_id,"))
        #expect(
            record.contains(
                "\r\nNorthwind Apparel Group,\"Francesca Rossi, Data Protection Officer, dpo@northwind-apparel.example\","
                    + "\"EU: not required (established in the EEA); UK: Westgate Privacy Representatives Ltd, London (fictional)\","
            ))
        #expect((audit["tool"] as? [String: String])?["version"] == TollgateVersion.current)
        #expect((audit["waivers"] as? [[String: Any]])?.count == 2)
        let inputs = try #require(audit["inputs"] as? [[String: String]])
        #expect(inputs.count == AuditTestSupport.retailReport().inputs.count && inputs.count >= 13)
        // Every copied input is byte for byte the file that was checked.
        for input in inputs {
            let path = try #require(input["path"])
            let copy = try #require(verified.contents(of: path))
            #expect(SHA256.hex(copy) == input["sha256"])
        }
    }

    /// With a baseline, audit.json counts the baselined findings in its summary and says how the
    /// baseline fared (file, entries, matched, missing, unchecked), as report.json does: an
    /// auditor sees why findings that are there do not count.
    @Test func auditJSONAccountsForTheBaseline() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let full = AuditTestSupport.retailReport()
        // The baseline of the full run, plus an entry that no longer occurs.
        var document = try #require(
            try JSONSerialization.jsonObject(with: Baseline.document(for: full)) as? [String: Any])
        var entries = try #require(document["findings"] as? [[String: Any]])
        entries.append(["fingerprint": String(repeating: "0", count: 32), "rule": "ACC-009", "subject": "account:gone"])
        document["findings"] = entries
        let baseline = directory.appendingPathComponent("baseline.json")
        try JSONSerialization.data(withJSONObject: document).write(to: baseline)
        let report = CheckRunner(rules: BuiltInRules.all).run(
            paths: [AuditTestSupport.retailStack], policyPaths: [], asOf: AuditTestSupport.asOf,
            failOn: .atOrAbove(.medium),
            exceptions: CheckRunner.Exceptions(
                waiverFiles: [AuditTestSupport.retailWaivers], baselineFile: baseline.path))
        #expect(!report.isInvalidInput, "\(report.diagnostics.map(\.description))")
        let files = try EvidencePack.payload(
            EvidencePack.Contents(report: report, bundle: nil, privateKeyPEM: [], keyID: "a", created: .now()),
            publicKeyPEM: "", fingerprint: "sha256:x")
        let auditData = try #require(files["audit.json"])
        let audit = try #require(try JSONSerialization.jsonObject(with: auditData) as? [String: Any])
        let summary = try #require(audit["summary"] as? [String: Any])
        let baselined = report.tally.baselined
        #expect(baselined > 300 && summary["baselined"] as? Int == baselined)
        #expect(audit["outcome"] as? String == "passed")
        let review = try #require(audit["baseline"] as? [String: Any])
        #expect(review["entries"] as? Int == entries.count)
        #expect(review["matched"] as? Int == entries.count - 1)
        #expect(review["unchecked"] as? Int == 0)
        let missing = try #require(review["missing"] as? [[String: Any]])
        #expect(missing.map { $0["subject"] as? String } == ["account:gone"])
        let file = try #require(review["file"] as? [String: String])
        #expect(file["source"] == baseline.path && file["path"]?.hasPrefix("waivers/") == true)
        let placed = try #require(file["path"])
        #expect(files[placed] == (try Data(contentsOf: baseline)))
        // Without a baseline: none, and nothing baselined.
        let plain = try EvidencePack.payload(
            EvidencePack.Contents(report: full, bundle: nil, privateKeyPEM: [], keyID: "a", created: .now()),
            publicKeyPEM: "", fingerprint: "sha256:x")
        let plainData = try #require(plain["audit.json"])
        let plainAudit = try #require(try JSONSerialization.jsonObject(with: plainData) as? [String: Any])
        #expect(plainAudit["baseline"] is NSNull)
        #expect((plainAudit["summary"] as? [String: Any])?["baselined"] as? Int == 0)
    }

    /// A report-only audit (`--fail-on none`) says so in audit.json: `report_only` as its outcome,
    /// nothing blocking, every finding counted.
    @Test func auditJSONRecordsAReportOnlyRun() throws {
        let report = CheckRunner(rules: BuiltInRules.all).run(
            paths: [AuditTestSupport.retailStack], policyPaths: [], asOf: AuditTestSupport.asOf, failOn: .never)
        let files = try EvidencePack.payload(
            EvidencePack.Contents(report: report, bundle: nil, privateKeyPEM: [], keyID: "a", created: .now()),
            publicKeyPEM: "", fingerprint: "sha256:x")
        let auditData = try #require(files["audit.json"])
        let audit = try #require(try JSONSerialization.jsonObject(with: auditData) as? [String: Any])
        #expect(audit["fail_on"] as? String == "none")
        #expect(audit["outcome"] as? String == "report_only")
        let summary = try #require(audit["summary"] as? [String: Any])
        #expect(summary["blocking"] as? Int == 0 && (summary["findings"] as? Int ?? 0) > 300)
    }

    @Test func anEditedFileIsDetected() throws {
        let fixture = try Self.makePack()
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        let report = fixture.pack + "/reports/report.html"
        var html = try String(contentsOfFile: report, encoding: .utf8)
        html = html.replacingOccurrences(of: "failed", with: "passed")
        try html.write(toFile: report, atomically: true, encoding: .utf8)
        let rejection = try #require(Self.rejection(fixture))
        #expect(rejection.reason == .changedFile)
        #expect(rejection.problems.map(\.subject) == ["reports/report.html"])
    }

    @Test func anAddedFileIsDetected() throws {
        let fixture = try Self.makePack()
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        try "late addition".write(toFile: fixture.pack + "/inputs/extra.yaml", atomically: true, encoding: .utf8)
        let rejection = try #require(Self.rejection(fixture))
        #expect(rejection.reason == .extraFile)
        #expect(rejection.problems.map(\.subject) == ["inputs/extra.yaml"])
    }

    @Test func aRemovedFileIsDetected() throws {
        let fixture = try Self.makePack()
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        try FileManager.default.removeItem(atPath: fixture.pack + "/reports/record-of-processing.csv")
        let rejection = try #require(Self.rejection(fixture))
        #expect(rejection.reason == .missingFile)
        #expect(rejection.problems.map(\.subject) == ["reports/record-of-processing.csv"])
    }

    @Test func anEditedManifestOrMissingSignatureIsDetected() throws {
        let fixture = try Self.makePack()
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        let manifest = fixture.pack + "/manifest.json"
        let original = try Data(contentsOf: URL(fileURLWithPath: manifest))
        try (original + Data(" ".utf8)).write(to: URL(fileURLWithPath: manifest))
        #expect(Self.rejection(fixture)?.reason == .badSignature)
        try original.write(to: URL(fileURLWithPath: manifest))
        #expect(Self.rejection(fixture) == nil)
        try FileManager.default.removeItem(atPath: fixture.pack + "/signatures/auditor.sig")
        #expect(Self.rejection(fixture)?.reason == .missingSignature)
    }

    @Test func anotherKeyDoesNotVerify() throws {
        let fixture = try Self.makePack()
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        let other = try BundleBuilder.generateKey(.ed25519)
        let trust = try TrustStore.single(keyID: "auditor", publicKeyPEM: Array(other.publicPEM.utf8), file: "other")
        #expect(throws: BundleRejection.self) { try EvidencePack.verify(fixture.pack, trust: trust) }
    }

    @Test func aPolicyBundleIsNotAnEvidencePack() throws {
        let fixture = try Self.makePack()
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        let bundle = fixture.directory.appendingPathComponent("bundle")
        try FileManager.default.createDirectory(at: bundle, withIntermediateDirectories: true)
        try "version: 1\nname: p\ninclude: [all]\n".write(
            to: bundle.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        _ = try BundleBuilder.writeManifest(
            directory: bundle.path, name: "acme-policy", version: 1, created: .now(),
            expires: Timestamp.now().adding(seconds: 86_400))
        _ = try BundleBuilder.sign(
            directory: bundle.path, privateKeyPEM: Array(fixture.key.privatePEM.utf8), keyID: "auditor")
        #expect(throws: BundleRejection.self) { try EvidencePack.verify(bundle.path, trust: fixture.trust) }
    }

    @Test func neverOverwritesAnExistingPack() throws {
        let fixture = try Self.makePack()
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        #expect(throws: EvidencePack.Failure.self) {
            try EvidencePack.write(
                EvidencePack.Contents(
                    report: AuditTestSupport.retailReport(), bundle: nil,
                    privateKeyPEM: Array(fixture.key.privatePEM.utf8), keyID: "auditor", created: .now()),
                to: fixture.pack)
        }
        #expect(Self.rejection(fixture) == nil)
        // No staging directory is left behind.
        let left = try FileManager.default.contentsOfDirectory(atPath: fixture.directory.path)
        #expect(left == ["pack"])
    }

    @Test func recordsTheSignedPolicyBundleAndItsSigners() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = try BundleBuilder.generateKey(.ed25519)
        let bundle = directory.appendingPathComponent("bundle")
        try FileManager.default.createDirectory(at: bundle, withIntermediateDirectories: true)
        try "version: 1\nname: acme\ninclude: [PRIV-001, ACC-009]\n".write(
            to: bundle.appendingPathComponent("acme.yaml"), atomically: true, encoding: .utf8)
        _ = try BundleBuilder.writeManifest(
            directory: bundle.path, name: "acme-policy", version: 7, created: .now(),
            expires: Timestamp.now().adding(seconds: 86_400))
        _ = try BundleBuilder.sign(
            directory: bundle.path, privateKeyPEM: Array(key.privatePEM.utf8), keyID: "compliance")
        let trust = try TrustStore.single(keyID: "compliance", publicKeyPEM: Array(key.publicPEM.utf8), file: "t")
        let verified = try UnverifiedBundle(contentsOf: bundle.path).verify(trust: trust, statePath: nil)
        let report = CheckRunner(rules: BuiltInRules.all).run(
            paths: [AuditTestSupport.retailStack], policyPaths: [], bundle: verified, asOf: AuditTestSupport.asOf,
            failOn: .atOrAbove(.medium))
        #expect(Set(report.results.map(\.rule.id)) == ["PRIV-001", "ACC-009"])
        let pack = directory.appendingPathComponent("pack").path
        _ = try EvidencePack.write(
            EvidencePack.Contents(
                report: report, bundle: verified, privateKeyPEM: Array(key.privatePEM.utf8), keyID: "auditor",
                created: .now()),
            to: pack)
        let auditorTrust = try TrustStore.single(keyID: "auditor", publicKeyPEM: Array(key.publicPEM.utf8), file: "t")
        let evidence = try EvidencePack.verify(pack, trust: auditorTrust)
        #expect(evidence.contents(of: "policy/bundle/acme.yaml") != nil)
        let auditData = try #require(evidence.contents(of: "audit.json"))
        let audit = try #require(try JSONSerialization.jsonObject(with: auditData) as? [String: Any])
        let identity = try #require((audit["policy"] as? [String: Any])?["bundle"] as? [String: Any])
        #expect(identity["name"] as? String == "acme-policy")
        #expect(identity["version"] as? Int == 7)
        #expect(identity["signers"] as? [String] == ["compliance"])
        #expect(identity["manifest_sha256"] as? String == verified.manifestSHA256)
    }

    @Test func packPathsAreSafe() {
        var used = Set<String>()
        #expect(EvidencePack.packPath(for: "stack/a b.yaml", under: "inputs", used: &used) == "inputs/stack/a_b.yaml")
        #expect(EvidencePack.packPath(for: "/etc/x.yaml", under: "inputs", used: &used) == "inputs/external/x.yaml")
        #expect(EvidencePack.packPath(for: "../x.yaml", under: "inputs", used: &used) == "inputs/external/2-x.yaml")
        #expect(EvidencePack.packPath(for: "./.hidden.yaml", under: "inputs", used: &used) == "inputs/_hidden.yaml")
        #expect(EvidencePack.packPath(for: "stack/Ä.yaml", under: "inputs", used: &used) == "inputs/stack/_.yaml")
    }
}
