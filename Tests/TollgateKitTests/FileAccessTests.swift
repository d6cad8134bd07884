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
    }
}
