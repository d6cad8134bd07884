import Foundation
import Testing

@testable import TollgateKit

/// The packed form (ustar subset), hostile archives, and the directory form's tolerance of
/// macOS metadata.
@Suite("Bundle containers")
struct BundleContainerTests {
    typealias Support = BundleTestSupport

    func packed() throws -> (URL, TrustStore) {
        let directory = try Support.bundle(signers: [("a", Support.ed25519)])
        let file = directory.deletingLastPathComponent().appendingPathComponent("acme.bundle.tar")
        _ = try BundleBuilder.pack(directory: directory.path, output: file.path)
        return (file, try Support.trust([.init("a", Support.ed25519)]))
    }

    func reason(of bytes: [UInt8]) throws -> RejectionReason? {
        let file = try TestSupport.temporaryDirectory().appendingPathComponent("hostile.bundle.tar")
        try Data(bytes).write(to: file)
        return Support.reason(file, try Support.trust([.init("a", Support.ed25519)]))
    }

    @Test func aPackedBundleVerifiesAndPacksDeterministically() throws {
        let (file, trust) = try packed()
        #expect(Support.reason(file, trust) == nil)
        let again = file.deletingLastPathComponent().appendingPathComponent("again.bundle.tar")
        _ = try BundleBuilder.pack(
            directory: file.deletingLastPathComponent().appendingPathComponent("bundle").path, output: again.path)
        #expect(try Data(contentsOf: file) == Data(contentsOf: again))
        let entries = try TarArchive.read(
            [UInt8](try Data(contentsOf: file)), maximumEntries: 100, maximumFileBytes: 1 << 20)
        #expect(entries.map(\.path) == ["manifest.json", "signatures/a.sig", "baseline.yaml", "packs/accounts.yaml"])
    }

    static let tar = ["/usr/bin/tar", "/bin/tar"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: BundleContainerTests.tar != nil, "skipped: no tar binary to unpack with"))
    func theSystemTarReadsThePackedForm() throws {
        let tar = try #require(Self.tar)
        let (file, trust) = try packed()
        let unpacked = file.deletingLastPathComponent().appendingPathComponent("unpacked")
        try FileManager.default.createDirectory(at: unpacked, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tar)
        process.arguments = ["-xf", file.path, "-C", unpacked.path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(Support.reason(unpacked, trust) == nil, "the unpacked directory form verifies too")
    }

    @Test func longPathsUseTheUstarPrefix() throws {
        let path = String(repeating: "d", count: 120) + "/" + String(repeating: "f", count: 90) + ".yaml"
        let archive = TarArchive.write([.init(path: path, bytes: Array("x".utf8))])
        let entries = try TarArchive.read(archive, maximumEntries: 10, maximumFileBytes: 10)
        #expect(entries == [.init(path: path, bytes: Array("x".utf8))])
    }

    @Test func hostileArchivesAreRejectedWithTheirReason() throws {
        let (file, _) = try packed()
        let good = [UInt8](try Data(contentsOf: file))
        // A flipped byte in a header breaks its checksum.
        var corrupt = good
        corrupt[10] ^= 0x01
        #expect(try reason(of: corrupt) == .malformedContainer)
        // Truncated inside the data, or without the end marker.
        #expect(try reason(of: Array(good.prefix(700))) == .malformedContainer)
        #expect(try reason(of: Array(good.prefix(good.count - 1024))) == .malformedContainer)
        // Data hidden after the end marker.
        #expect(try reason(of: good + [0x41] + [UInt8](repeating: 0, count: 511)) == .malformedContainer)
        // Not a tar file at all, and an empty file.
        #expect(try reason(of: Array("hello".utf8)) == .malformedContainer)
        #expect(try reason(of: []) == .malformedContainer)
        // The same path twice.
        let twice = TarArchive.write([.init(path: "a.yaml", bytes: [0x61]), .init(path: "a.yaml", bytes: [0x62])])
        #expect(try reason(of: twice) == .duplicateEntry)
        // Entry types other than regular files.
        for (flag, expected) in [
            ("5", RejectionReason.unsupportedEntry), ("x", .unsupportedEntry), ("1", .symlink),
            ("3", .unsupportedEntry),
        ] {
            var archive = TarArchive.write([.init(path: "entry", bytes: [])])
            archive[156] = UInt8(ascii: Unicode.Scalar(flag)!)
            BundleTamperTests.fixChecksum(&archive)
            #expect(try reason(of: archive) == expected, "type flag \(flag)")
        }
        // A size that claims more than the archive holds.
        var huge = TarArchive.write([.init(path: "big", bytes: [0x61])])
        for (index, byte) in Array("77777777777".utf8).enumerated() { huge[124 + index] = byte }
        BundleTamperTests.fixChecksum(&huge)
        #expect(try reason(of: huge) == .tooLarge)
        // A GNU-format header (magic "ustar  ").
        var gnu = TarArchive.write([.init(path: "a.yaml", bytes: [])])
        for (index, byte) in Array("ustar  \0".utf8).enumerated() { gnu[257 + index] = byte }
        BundleTamperTests.fixChecksum(&gnu)
        #expect(try reason(of: gnu) == .malformedContainer)
    }

    /// The bundle is untrusted input read before anything is verified: a crafted entry name must
    /// not start a line of its own in a CI log (`::stop-commands::`) or reach a terminal as an
    /// escape sequence, in either form.
    @Test func controlCharactersFromTheBundleAreEscapedInRejections() throws {
        let name = "x\n::stop-commands::x\n\u{1B}[31m"
        let trust = try Support.trust([.init("a", Support.ed25519)])
        let (file, _) = try packed()
        let good = [UInt8](try Data(contentsOf: file))
        let hostile = TarArchive.write([.init(path: name, bytes: [])]).dropLast(2 * TarArchive.blockSize) + good
        let packedFile = file.deletingLastPathComponent().appendingPathComponent("hostile.bundle.tar")
        try Data(hostile).write(to: packedFile)
        let directory = try Support.bundle(signers: [("a", Support.ed25519)])
        try Data().write(to: directory.appendingPathComponent("a\u{1B}[31mb"))
        try Data().write(to: directory.appendingPathComponent("._\n::stop-commands::y"))
        for path in [packedFile.path, directory.path] {
            do {
                _ = try UnverifiedBundle(contentsOf: path).verify(trust: trust, statePath: nil)
                Issue.record("expected a rejection of \(path)")
            } catch {
                #expect(error.reason == .unsafePath)
                let text = error.description
                #expect(!text.contains("\u{1B}") && !text.contains("\r"), "\(text)")
                #expect(text.split(separator: "\n").count == 2, "a headline and one problem line: \(text)")
                #expect(!text.split(separator: "\n").contains { $0.hasPrefix("::") }, "\(text)")
                #expect(error.problems.allSatisfy { !$0.printableMessage.contains("\u{1B}") })
                if path == packedFile.path {
                    #expect(text.contains(#"x\n::stop-commands::x\n\u{1B}[31m: [unsafe-path]"#), "\(text)")
                }
            }
        }
        // A metadata file is skipped, and its warning is escaped too.
        try FileManager.default.removeItem(at: directory.appendingPathComponent("a\u{1B}[31mb"))
        let verified = try UnverifiedBundle(contentsOf: directory.path).verify(trust: trust, statePath: nil)
        #expect(verified.warnings.count == 1 && !verified.warnings[0].contains("\n"), "\(verified.warnings)")
    }

    @Test func macOSMetadataIsSkippedWithAWarningNeverSilently() throws {
        let directory = try Support.bundle(signers: [("a", Support.ed25519)])
        let trust = try Support.trust([.init("a", Support.ed25519)])
        try Data([0, 5, 22, 7]).write(to: directory.appendingPathComponent("._baseline.yaml"))
        try Data([0]).write(to: directory.appendingPathComponent("packs/.DS_Store"))
        let verified = try UnverifiedBundle(contentsOf: directory.path).verify(trust: trust, statePath: nil)
        #expect(verified.warnings.count == 2)
        #expect(verified.warnings.allSatisfy { $0.contains("ignored macOS metadata") })
        #expect(verified.policyFiles == ["baseline.yaml", "packs/accounts.yaml"])
        // Any other hidden file is content the manifest does not list.
        try Data([0]).write(to: directory.appendingPathComponent(".hidden.yaml"))
        #expect(Support.reason(directory, trust) == .extraFile)
    }

    @Test func fifosAndOversizedFilesInTheDirectoryFormAreRejectedBeforeReading() throws {
        let directory = try Support.bundle(signers: [("a", Support.ed25519)])
        do {
            _ = try UnverifiedBundle(contentsOf: directory.path, limits: BundleLimits(maximumFileBytes: 16))
            Issue.record("expected a rejection")
        } catch {
            #expect(error.reason == .tooLarge)
        }
        #expect(mkfifo(directory.appendingPathComponent("pipe.yaml").path, 0o600) == 0)
        #expect(Support.reason(directory, try Support.trust([.init("a", Support.ed25519)])) == .unsupportedEntry)
    }

    /// The size limit applies to what is read: a packed bundle reached through a symbolic link
    /// (`current.bundle.tar -> acme-42.bundle.tar`) is measured at its target, before reading.
    @Test func aSymlinkedPackedBundleIsLimitedByItsTarget() throws {
        let folder = try TestSupport.temporaryDirectory()
        let huge = folder.appendingPathComponent("huge.bundle.tar")
        let link = folder.appendingPathComponent("current.bundle.tar")
        #expect(FileManager.default.createFile(atPath: huge.path, contents: nil))
        let limit = BundleLimits.default.maximumTotalBytes
        #expect(truncate(huge.path, off_t(limit + 1)) == 0, "a sparse file just over the limit")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: huge)
        for path in [huge.path, link.path] {
            do {
                _ = try UnverifiedBundle(contentsOf: path)
                Issue.record("expected a rejection of \(path)")
            } catch {
                #expect(error.reason == .tooLarge, "\(error)")
                #expect(error.description.contains("bundle of \(limit + 1) bytes exceeds"), "\(error)")
            }
        }
        // A link to something that is neither a file nor a directory is refused without blocking.
        let fifo = folder.appendingPathComponent("pipe")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        try FileManager.default.createSymbolicLink(
            at: folder.appendingPathComponent("pipe.bundle.tar"), withDestinationURL: fifo)
        #expect(
            Support.reason(
                folder.appendingPathComponent("pipe.bundle.tar"), try Support.trust([.init("a", Support.ed25519)]))
                == .unreadable)
    }

    @Test func aManifestCannotListReservedOrMetadataPaths() throws {
        let now = Timestamp.now()
        for path in ["manifest.json", "signatures/x.sig", "._a.yaml", "sub/.DS_Store", "../a", "A.yaml|a.yaml"] {
            let paths = path.split(separator: "|").map(String.init)
            let problems = BundleManifest.problems(
                name: "n", version: 1, created: now, expires: now.adding(seconds: 1), paths: paths)
            #expect(!problems.isEmpty, "\(path)")
        }
    }

    /// `bundle manifest` says at once what would only fail later: a path `bundle pack` cannot
    /// store, a directory without a policy pack (which `check --bundle` refuses), a manifest that
    /// has already expired (which `bundle sign` refuses).
    @Test func theManifestStepCatchesWhatPackSignAndCheckWouldRefuse() throws {
        let now = Timestamp.now()
        let fits = String(repeating: "d", count: 150) + "/" + String(repeating: "f", count: 95) + ".yaml"
        let tooLong = "d/" + String(repeating: "f", count: 96) + ".yaml"
        func problems(_ path: String) -> [String] {
            BundleManifest.problems(name: "n", version: 1, created: now, expires: now.adding(seconds: 1), paths: [path])
        }
        #expect(problems(fits).isEmpty, "100-byte last segment under a 150-byte prefix")
        #expect(
            problems(tooLong) == [
                "\(tooLong): path does not fit a ustar header (its last segment is over 100 bytes, or no '/' splits it into at most 155 + 100 bytes)"
            ])

        let directory = try TestSupport.temporaryDirectory()
        try "# notes".write(to: directory.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        func write(expires: Timestamp) throws -> [String] {
            try BundleBuilder.writeManifest(
                directory: directory.path, name: "n", version: 1, created: now.adding(seconds: -7200),
                expires: expires
            ).warnings
        }
        #expect(throws: BundleBuilder.Failure.self) { try write(expires: now.adding(seconds: 3600)) }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("manifest.json").path))
        try "version: 1".write(to: directory.appendingPathComponent("base.yml"), atomically: true, encoding: .utf8)
        #expect(try write(expires: now.adding(seconds: 3600)).isEmpty)
        let expired = try write(expires: now.adding(seconds: -60))
        #expect(expired.count == 1 && expired[0].hasPrefix("the manifest expired at"))
    }

    /// A key id of 96 characters signs and packs; 97 is refused when signing, since
    /// `signatures/<id>.sig` could then be verified in a directory but never packed.
    @Test func keyIDsFitAPackedBundle() throws {
        let directory = try Support.bundle(signers: [(String(repeating: "k", count: 96), Support.ed25519)])
        let file = directory.deletingLastPathComponent().appendingPathComponent("long-id.bundle.tar")
        _ = try BundleBuilder.pack(directory: directory.path, output: file.path)
        let pem = Array(try #require(Support.ed25519).privatePEM.utf8)
        #expect(throws: BundleBuilder.Failure.self) {
            _ = try BundleBuilder.sign(
                directory: directory.path, privateKeyPEM: pem, keyID: String(repeating: "k", count: 97))
        }
        #expect(EvidencePack.keyIDProblem(String(repeating: "k", count: 97))?.contains("at most 96") == true)
        #expect(EvidencePack.keyIDProblem(String(repeating: "k", count: 96)) == nil)
    }

    /// The problems of a signed manifest, as printed.
    func manifestProblems(_ manifest: String) throws -> [String] {
        let directory = try TestSupport.temporaryDirectory()
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("signatures"), withIntermediateDirectories: true)
        try manifest.write(to: directory.appendingPathComponent("manifest.json"), atomically: true, encoding: .utf8)
        try Data(try Support.signature(Array(manifest.utf8), Support.ed25519)).write(
            to: directory.appendingPathComponent("signatures/a.sig"))
        let trust = try Support.trust([.init("a", Support.ed25519)])
        do {
            _ = try UnverifiedBundle(contentsOf: directory.path).verify(trust: trust, statePath: nil)
            return []
        } catch {
            #expect(error.reason == .invalidManifest)
            return error.problems.map { $0.description.replacingOccurrences(of: directory.path + "/", with: "") }
        }
    }

    /// Each rule of a signed manifest is reported at the value that breaks it, not at 1:1.
    @Test func signedManifestProblemsAreReportedAtTheirValue() throws {
        let empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        let manifest = """
            {
              "created": "2026-01-01T00:00:00Z",
              "expires": "2025-01-01T00:00:00Z",
              "files": [
                {"path": "A.yaml", "sha256": "\(empty)", "size": 0},
                {"path": "a.yaml", "sha256": "\(empty)", "size": 0},
                {"path": "manifest.json", "sha256": "\(empty)", "size": 0}
              ],
              "format": "tollgate-bundle/1",
              "name": "n",
              "version": 9007199254740992
            }

            """
        let found = try manifestProblems(manifest)
        #expect(
            found == [
                "manifest.json:3:14: [invalid-manifest] expires (2025-01-01T00:00:00Z) must be after created (2026-01-01T00:00:00Z)",
                "manifest.json:6:5: [invalid-manifest] a.yaml: differs from another path only in letter case",
                "manifest.json:7:5: [invalid-manifest] manifest.json: reserved for the bundle's manifest and signatures",
                "manifest.json:11:14: [invalid-manifest] version must be between 1 and 9007199254740991",
            ], "\(found)")
        let trailing = try manifestProblems("{\"a\": \"}{\"}\n {}\n")
        #expect(
            trailing == [
                "manifest.json:2:2: [invalid-manifest] data after the JSON object; the manifest must be exactly one UTF-8 JSON object"
            ], "\(trailing)")
    }

    @Test func signedButInvalidManifestsAreRejected() throws {
        let key = try #require(Support.ed25519)
        let trust = try Support.trust([.init("a", Support.ed25519)])
        let cases = [
            "not json",
            #"{"format": "tollgate-bundle/1", "name": "n", "name": "m", "version": 1, "created": "2026-01-01T00:00:00Z", "expires": "2999-01-01T00:00:00Z", "files": []}"#,
            #"{"format": "tollgate-bundle/2", "name": "n", "version": 1, "created": "2026-01-01T00:00:00Z", "expires": "2999-01-01T00:00:00Z", "files": []}"#,
            #"{"format": "tollgate-bundle/1", "name": "n", "version": 1, "created": "2026-01-01", "expires": "2999-01-01T00:00:00Z", "files": []}"#,
            #"{"format": "tollgate-bundle/1", "name": "n", "version": 1, "created": "2026-01-01T00:00:00Z", "expires": "2999-01-01T00:00:00Z", "files": [{"path": "b", "size": 0, "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}, {"path": "a", "size": 0, "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}]}"#,
            #"{"format": "tollgate-bundle/1", "name": "n", "version": 1, "created": "2026-01-01T00:00:00Z", "expires": "2999-01-01T00:00:00Z", "files": [], "extra": 1}"#,
            "format: tollgate-bundle/1\nname: n\n",
        ]
        for manifest in cases {
            let directory = try TestSupport.temporaryDirectory()
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent("signatures"), withIntermediateDirectories: true)
            try manifest.write(to: directory.appendingPathComponent("manifest.json"), atomically: true, encoding: .utf8)
            try Data(try Support.signature(Array(manifest.utf8), key)).write(
                to: directory.appendingPathComponent("signatures/a.sig"))
            #expect(Support.reason(directory, trust) == .invalidManifest, "\(manifest)")
        }
    }

    /// A manifest that cannot be written leaves the bundle as it was: its signatures were removed
    /// first, so a failed write left a bundle with no signature at all.
    @Test func aFailedManifestWriteKeepsTheSignatures() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let manager = FileManager.default
        try "version: 1\nname: p\ninclude: [PRIV-018]\n".write(
            to: directory.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        let signatures = directory.appendingPathComponent("signatures")
        try manager.createDirectory(at: signatures, withIntermediateDirectories: true)
        let signature = signatures.appendingPathComponent("manifest.json.sig")
        try Data("old".utf8).write(to: signature)
        // A directory where manifest.json goes: the rename onto it fails, even as root.
        let blocker = directory.appendingPathComponent("manifest.json")
        try manager.createDirectory(at: blocker, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: blocker.appendingPathComponent("keep"))
        let now = Timestamp.now()
        #expect(throws: BundleBuilder.Failure.self) {
            try BundleBuilder.writeManifest(
                directory: directory.path, name: "p", version: 1, created: now, expires: now.adding(seconds: 86_400))
        }
        #expect(manager.fileExists(atPath: signature.path), "the old signature is kept")
    }
}
