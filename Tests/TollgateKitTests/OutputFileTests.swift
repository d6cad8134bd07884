import Foundation
import Testing
import TollgateTestSupport

@testable import TollgateKit

/// Reports are written as a set: all of them are put in place, or none.
@Suite struct OutputFileTests {
    /// A file replaced keeps its permissions (a private report stayed 0644 after the next run);
    /// a staged private key is never widened by the file it replaces.
    @Test func aReplacedFileKeepsItsPermissions() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        func mode(_ path: String) throws -> Int {
            try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
        }
        let report = directory.appendingPathComponent("report.json").path
        try OutputFile.write(Data("old".utf8), to: report)
        chmod(report, 0o600)
        try OutputFile.write(Data("new".utf8), to: report)
        #expect(try mode(report) == 0o600)
        #expect(try String(contentsOfFile: report, encoding: .utf8) == "new")
        chmod(report, 0o640)
        try OutputFile.write(Data("newer".utf8), to: report)
        #expect(try mode(report) == 0o640)
        let key = directory.appendingPathComponent("k.pem").path
        try OutputFile.write(Data("old key".utf8), to: key)
        chmod(key, 0o644)
        let staged = try OutputFile.Staged(path: key, mode: 0o600)
        try staged.write(Data("new key".utf8))
        try OutputFile.commitAll([staged])
        #expect(try mode(key) == 0o600)
    }

    /// A rename failing after others succeeded puts the earlier targets back as they were: the
    /// old report restored, a report that did not exist removed, no temporary file or backup left.
    @Test func aFailedRenameUndoesTheEarlierOnes() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let existing = directory.appendingPathComponent("junit.xml").path
        let fresh = directory.appendingPathComponent("report.sarif").path
        let late = directory.appendingPathComponent("report.xml").path
        try OutputFile.write(Data("old junit".utf8), to: existing)
        let files = try [existing, fresh, late].map { try OutputFile.Staged(path: $0) }
        for file in files { try file.write(Data("new".utf8)) }
        // Something takes the last target's place after staging, as another process could.
        try FileManager.default.createDirectory(atPath: late, withIntermediateDirectories: false)

        #expect(throws: (any Error).self) { try OutputFile.commitAll(files) }
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "old junit")
        #expect(!FileManager.default.fileExists(atPath: fresh))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["junit.xml", "report.xml"])
    }

    /// When every rename succeeds, each target holds its new content and no backup is left.
    @Test func allRenamesSucceedingReplaceEveryTarget() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let paths = ["a.xml", "b.json"].map { directory.appendingPathComponent($0).path }
        try OutputFile.write(Data("old".utf8), to: paths[0])
        let files = try paths.map { try OutputFile.Staged(path: $0) }
        for (file, text) in zip(files, ["new a", "new b"]) { try file.write(Data(text.utf8)) }
        try OutputFile.commitAll(files)
        #expect(try paths.map { try String(contentsOfFile: $0, encoding: .utf8) } == ["new a", "new b"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["a.xml", "b.json"])
    }

    /// A target that is a directory is refused when the report is staged, before any work.
    @Test func aDirectoryTargetIsRefusedUpFront() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: (any Error).self) { try OutputFile.Staged(path: directory.path) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    /// A FIFO at the target is written directly, never renamed over: the reader gets the report
    /// and the FIFO is still a FIFO.
    @Test func aFIFOIsWrittenDirectly() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("pipe.json").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let link = directory.appendingPathComponent("link.json").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "pipe.json")
        for (target, text) in [(fifo, "through the fifo"), (link, "through the link")] {
            let received = Self.read(fifo)
            try OutputFile.write(Data(text.utf8), to: target)
            #expect(received.wait() == text)
            #expect(DeviceNode.kind(fifo) == S_IFIFO)
        }
        #expect(DeviceNode.kind(link) == S_IFLNK)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["link.json", "pipe.json"])
    }

    /// Standard output is written through the same loop as a staged file: all of the bytes,
    /// or an error that names the output and gives the system's reason, not Foundation's.
    @Test func writeAllGivesTheSystemsReason() throws {
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        defer { try? full.close() }
        let data = Data("report".utf8)
        #expect {
            try data.withUnsafeBytes { try OutputFile.writeAll($0, to: full.fileDescriptor, path: "standard output") }
        } throws: { error in
            (error as NSError).localizedDescription == String(cString: strerror(ENOSPC))
                && (error as NSError).userInfo[NSFilePathErrorKey] as? String == "standard output"
        }
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("out").path
        let large = Data((0..<3_000_000).map { UInt8($0 % 251) })
        let descriptor = open(path, O_WRONLY | O_CREAT, 0o600)
        #expect(descriptor >= 0)
        try large.withUnsafeBytes { try OutputFile.writeAll($0, to: descriptor, path: path) }
        close(descriptor)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == large)
    }

    /// A character device (our own null device, made in a temporary directory) is written
    /// directly, also as one of several reports committed together; it stays a device.
    @Test(.enabled(if: DeviceNode.canMake, "mknod is not permitted here"))
    func aDeviceIsWrittenDirectlyAndStaysADevice() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let device = directory.appendingPathComponent("null").path
        #expect(DeviceNode.makeNull(at: device))
        try OutputFile.write(Data("report".utf8), to: device)
        #expect(DeviceNode.kind(device) == S_IFCHR)
        let regular = directory.appendingPathComponent("report.json").path
        let files = try [device, regular].map { try OutputFile.Staged(path: $0) }
        for file in files { try file.write(Data("both".utf8)) }
        try OutputFile.commitAll(files)
        #expect(DeviceNode.kind(device) == S_IFCHR)
        #expect(try String(contentsOfFile: regular, encoding: .utf8) == "both")
        // A device whose write is discarded stays a device too.
        let discarded = try OutputFile.Staged(path: device)
        discarded.discard()
        #expect(DeviceNode.kind(device) == S_IFCHR)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["null", "report.json"])
    }

    /// A symbolic link to a regular file: the file it points to is replaced atomically (staged
    /// beside it, in its own directory), and the link stays a link. A link to nothing creates
    /// the file it names.
    @Test func aLinkIsWrittenThroughAndStaysALink() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let real = directory.appendingPathComponent("real")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        let target = real.appendingPathComponent("target.txt").path
        try "old".write(toFile: target, atomically: false, encoding: .utf8)
        let links = directory.appendingPathComponent("links")
        try FileManager.default.createDirectory(at: links, withIntermediateDirectories: true)
        let link = links.appendingPathComponent("link.json").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "../real/target.txt")
        // A link to the link: both are followed.
        let outer = directory.appendingPathComponent("outer.json").path
        try FileManager.default.createSymbolicLink(atPath: outer, withDestinationPath: "links/link.json")

        try OutputFile.write(Data("new".utf8), to: link)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "new")
        try OutputFile.write(Data("newer".utf8), to: outer)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "newer")
        #expect(
            DeviceNode.kind(link) == S_IFLNK && DeviceNode.kind(outer) == S_IFLNK && DeviceNode.kind(target) == S_IFREG)
        #expect(try FileManager.default.contentsOfDirectory(atPath: real.path) == ["target.txt"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: links.path) == ["link.json"])

        // Several reports, one behind a link, the last failing: the linked file is restored.
        let late = directory.appendingPathComponent("late.xml").path
        let files = try [link, late].map { try OutputFile.Staged(path: $0) }
        for file in files { try file.write(Data("newest".utf8)) }
        try FileManager.default.createDirectory(atPath: late, withIntermediateDirectories: false)
        #expect(throws: (any Error).self) { try OutputFile.commitAll(files) }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "newer")
        #expect(DeviceNode.kind(link) == S_IFLNK)
        #expect(try FileManager.default.contentsOfDirectory(atPath: real.path) == ["target.txt"])

        let dangling = directory.appendingPathComponent("dangling.json").path
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: "real/made.json")
        try OutputFile.write(Data("made".utf8), to: dangling)
        #expect(DeviceNode.kind(dangling) == S_IFLNK)
        #expect(try String(contentsOfFile: real.appendingPathComponent("made.json").path, encoding: .utf8) == "made")
    }

    /// A link to a directory is refused like a directory.
    @Test func aLinkToADirectoryIsRefused() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let link = directory.appendingPathComponent("dir.json").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: ".")
        #expect(throws: (any Error).self) { try OutputFile.Staged(path: link) }
        #expect(DeviceNode.kind(link) == S_IFLNK)
    }

    // MARK: - Helpers

    /// Reads `fifo` to its end on another thread.
    static func read(_ fifo: String) -> Reader {
        let reader = Reader()
        Thread.detachNewThread {
            let data = FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() ?? Data()
            reader.text = String(decoding: data, as: UTF8.self)
            reader.done.signal()
        }
        return reader
    }

    final class Reader: @unchecked Sendable {
        var text = ""
        let done = DispatchSemaphore(value: 0)
        /// The text read, or nil when nothing came within ten seconds (the FIFO was replaced).
        func wait() -> String? {
            done.wait(timeout: .now() + 10) == .success ? text : nil
        }
    }
}
