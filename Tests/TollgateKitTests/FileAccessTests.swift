import Foundation
import Testing

@testable import TollgateKit

/// Every "cannot read" message gives the reason: a missing file, a directory, a FIFO and a path
/// through a file are told apart, each with its own advice.
@Suite("Why a file cannot be read")
struct FileAccessTests {
    @Test func eachReasonIsToldApart() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("stack.yaml").path
        try Data("version: 1\n".utf8).write(to: URL(fileURLWithPath: file))
        let fifo = directory.appendingPathComponent("pipe.yaml").path
        #expect(mkfifo(fifo, 0o600) == 0)

        #expect(FileAccess.check(file) == .readable)
        #expect(FileAccess.check(directory.path + "/absent.yaml") == .missing)
        #expect(FileAccess.check(directory.path) == .directory)
        #expect(FileAccess.check(fifo) == .refused("it is not a regular file"))
        #expect(FileAccess.check(file + "/inner.yaml") == .refused("not a directory"))
    }

    @Test func loadersSayWhyTheyCouldNotRead() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = directory.appendingPathComponent("waivers.yaml").path

        guard case .failure(let absent) = DocumentLoader().read(path: missing, displayPath: "waivers.yaml") else {
            Issue.record("a missing file was read")
            return
        }
        #expect("\(absent)" == "waivers.yaml:1:1: error: cannot read file: no such file or directory; check the path")

        guard case .failure(let folder) = DocumentLoader().read(path: directory.path, displayPath: "out") else {
            Issue.record("a directory was read as a file")
            return
        }
        #expect(folder.message == "cannot read file: it is a directory")
        #expect(folder.hint == "name a file, not a directory")

        let policy = PolicyLoader(catalog: []).load(paths: [missing])
        #expect(policy.policy == nil)
        #expect(policy.diagnostics.map(\.message) == ["cannot read policy file: no such file or directory"])

        // A policy pack is held to the size limit too (it was read whatever its size).
        try Data(String(repeating: "# x\n", count: 1 << 19).utf8).write(to: URL(fileURLWithPath: missing))
        let large = PolicyLoader(catalog: [], limits: LoadLimits(maxFileBytes: 1 << 20)).load(paths: [missing])
        #expect(large.diagnostics.map(\.message) == ["file is 2.0 MiB, over the 1.0 MiB limit"])
        // Not "split the stack into several files": a policy or a tool export is read whole.
        #expect(
            large.diagnostics.map(\.hint) == [
                "raise --max-file-size; a declaration file can instead be split into several files in one directory"
            ])
    }

    /// An empty file is read as empty, so each loader can say what an empty file means (it was
    /// "it could not be read": the end of the file was taken for an error).
    @Test func anEmptyFileIsReadAsEmpty() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let empty = directory.appendingPathComponent("empty.yaml").path
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        #expect(FileAccess.read(empty, maxBytes: 10) == .success(Data()))
        guard case .failure(let diagnostic) = DocumentLoader().load(path: empty, displayPath: "empty.yaml") else {
            Issue.record("an empty declaration file loaded")
            return
        }
        #expect(diagnostic.message.hasPrefix("file is empty"), "\(diagnostic)")
    }

    /// The size limit measures what is read: a link to a file over the limit is refused before
    /// anything is read (it measured the link, then read the whole target).
    @Test(.timeLimit(.minutes(1))) func aLinkToAFileOverTheLimitIsRefusedUnread() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let huge = directory.appendingPathComponent("huge.yaml").path
        #expect(FileManager.default.createFile(atPath: huge, contents: nil))
        #expect(truncate(huge, 1 << 30) == 0)  // sparse: 1 GiB that takes no space
        let link = directory.appendingPathComponent("stack.yaml").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: huge)

        #expect(FileAccess.read(link, maxBytes: 1 << 20) == .failure(.tooLarge(size: 1 << 30)))
        guard case .failure(let diagnostic) = DocumentLoader().read(path: link, displayPath: "stack.yaml") else {
            Issue.record("a link to a 1 GiB file was read")
            return
        }
        #expect(diagnostic.message == "file is 1024 MiB, over the 32 MiB limit")

        try Data("version: 1\n".utf8).write(to: URL(fileURLWithPath: huge))
        #expect(FileAccess.read(link, maxBytes: 11) == .success(Data("version: 1\n".utf8)))
        #expect(FileAccess.read(link, maxBytes: 10) == .failure(.tooLarge(size: 11)))
    }
}
