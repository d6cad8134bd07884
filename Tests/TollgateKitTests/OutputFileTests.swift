import Foundation
import Testing

@testable import TollgateKit

/// Reports are written as a set: all of them are put in place, or none.
@Suite struct OutputFileTests {
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
}
