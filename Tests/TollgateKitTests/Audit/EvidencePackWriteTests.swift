import Foundation
import Testing

@testable import TollgateKit

/// Where a pack is written: never over anything, with no staging directory or created parents
/// left behind, and stale staging directories of dead processes removed.
@Suite("Evidence packs: writing")
struct EvidencePackWriteTests {
    static let key = Result { try BundleBuilder.generateKey(.ed25519) }

    static func write(
        to path: String, privateKeyPEM: [UInt8]? = nil
    ) throws(EvidencePack.Failure)
        -> EvidencePack.Written
    {
        let pem = privateKeyPEM ?? Array(((try? key.get())?.privatePEM ?? "").utf8)
        return try EvidencePack.write(
            EvidencePack.Contents(
                report: AuditTestSupport.retailReport(), bundle: nil, privateKeyPEM: pem, keyID: "auditor",
                created: .now()),
            to: path)
    }

    /// What `body` failed with, as the CLI prints it; nil when it succeeded.
    static func failure(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return "\(error)"
        }
    }

    static func entries(_ url: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    /// A file at `--output` is refused and left as it is (it was replaced by the pack).
    @Test func aFileAtTheOutputIsRefusedAndKept() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let precious = directory.appendingPathComponent("precious.txt").path
        try "IMPORTANT DATA\n".write(toFile: precious, atomically: false, encoding: .utf8)
        let message = Self.failure { _ = try Self.write(to: precious) }
        #expect(message == "\(precious) exists and is not a directory; it is never overwritten")
        #expect(try String(contentsOfFile: precious, encoding: .utf8) == "IMPORTANT DATA\n")
        #expect(try Self.entries(directory) == ["precious.txt"])
    }

    /// An empty directory is replaced by the pack; a link to one is followed and stays a link.
    @Test func anEmptyDirectoryOrALinkToOneTakesThePack() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let empty = directory.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: false)
        _ = try Self.write(to: empty.path)
        #expect(FileManager.default.fileExists(atPath: empty.appendingPathComponent("manifest.json").path))
        let real = directory.appendingPathComponent("real")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: false)
        let link = directory.appendingPathComponent("link").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real")
        _ = try Self.write(to: link)
        #expect(FileManager.default.fileExists(atPath: real.appendingPathComponent("manifest.json").path))
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link)) == "real")
        #expect(try Self.entries(directory) == ["empty", "link", "real"])
    }

    /// What appears at the target while the pack is built is never removed: rename(2) fails on a
    /// directory with entries or a file, which is "appeared meanwhile", and the staging
    /// directory is removed. An empty directory that appears is replaced, as rename(2) does.
    @Test func whatAppearsMeanwhileIsLeftAsItIs() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("pack")
        for appears in ["a pack", "a file"] {
            let staged = try StagedDirectory(target: target.path)
            try "new".write(toFile: staged.path + "/audit.json", atomically: false, encoding: .utf8)
            if appears == "a pack" {
                try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
                try "other".write(to: target.appendingPathComponent("audit.json"), atomically: false, encoding: .utf8)
            } else {
                try "other".write(to: target, atomically: false, encoding: .utf8)
            }
            var message: String?
            do { try staged.commit() } catch { message = error.description }
            #expect(message?.contains("\(target.path) appeared meanwhile") == true, "\(appears): \(message ?? "")")
            staged.discard()
            let other = appears == "a pack" ? target.appendingPathComponent("audit.json") : target
            #expect(try String(contentsOf: other, encoding: .utf8) == "other", "\(appears)")
            #expect(try Self.entries(directory) == ["pack"], "\(appears): no staging directory left")
            try FileManager.default.removeItem(at: target)
        }
        let staged = try StagedDirectory(target: target.path)
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        try staged.commit()
        #expect(try Self.entries(directory) == ["pack"])
    }

    /// A failed audit removes its staging directory and the parents it created, not those
    /// that were there.
    @Test func aFailedWriteLeavesNoParentsItCreated() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("ev"), withIntermediateDirectories: false)
        let target = directory.appendingPathComponent("ev/new/deep/pack").path
        let message = Self.failure { _ = try Self.write(to: target, privateKeyPEM: Array("not a key".utf8)) }
        #expect(message?.contains("private key") == true, "\(message ?? "")")
        #expect(try Self.entries(directory) == ["ev"])
        #expect(try Self.entries(directory.appendingPathComponent("ev")) == [])
    }

    /// A pack directory that cannot be created names `--output` and says why, not the hidden
    /// staging path with a Cocoa error number.
    @Test func anUncreatableOutputIsNamedWithTheReason() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("afile").path
        try "x".write(toFile: file, atomically: false, encoding: .utf8)
        for target in [file + "/sub", file + "/sub/deeper"] {
            let message = Self.failure { _ = try Self.write(to: target) }
            #expect(message == "cannot create \(target): \(file) is not a directory")
        }
        #expect(try Self.entries(directory) == ["afile"])
    }

    /// Staging directories of processes that are gone (SIGKILL) are removed by the next write
    /// to the same target; one of a running process (PID 1) is kept, as are other names.
    @Test func staleStagingDirectoriesOfDeadProcessesAreRemoved() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let dead = try #require(
            stride(from: pid_t.max - 1, to: pid_t.max - 1000, by: -1).first { kill($0, 0) == -1 && errno == ESRCH })
        let kept = [".pack.tollgate-1.partial", ".other.tollgate-\(dead).partial", ".pack.tollgate-x1.partial"]
        for name in kept + [".pack.tollgate-\(dead).partial"] {
            let url = directory.appendingPathComponent(name + "/inputs")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            try "secret".write(to: url.appendingPathComponent("api-keys.yaml"), atomically: false, encoding: .utf8)
        }
        _ = try Self.write(to: directory.appendingPathComponent("pack").path)
        #expect(try Self.entries(directory) == (kept + ["pack"]).sorted())
    }
}
