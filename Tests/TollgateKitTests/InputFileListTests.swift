import Foundation
import Testing

@testable import TollgateKit

/// `tollgate check` lists the declaration directories once: the list it compares with the
/// report paths is the list the loader reads.
@Suite("Declaration files listed once")
struct InputFileListTests {
    /// A file that appears after the listing is not read: the loader took the list it was
    /// given and did not list the directory a second time.
    @Test func theLoaderReadsTheListItIsGiven() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let stack = directory.appendingPathComponent("stack")
        try FileManager.default.createDirectory(
            at: stack.appendingPathComponent("brand"), withIntermediateDirectories: true)
        for name in ["a.yaml", "brand/b.yaml"] {
            try Data("version: 1\n".utf8).write(to: stack.appendingPathComponent(name))
        }
        let listed = InventoryLoader.inputFiles([stack.path], imports: [])
        #expect(listed.0 == [stack.path + "/a.yaml", stack.path + "/brand/b.yaml"])
        try Data("version: 1\n".utf8).write(to: stack.appendingPathComponent("late.yaml"))

        let given = InventoryLoader(importers: []).load(paths: [stack.path], inputFiles: listed)
        #expect(given.files == listed.0)
        #expect(given.errors.isEmpty, "\(given.errors)")
        // Without a list the loader lists the directory itself and finds the new file.
        let own = InventoryLoader(importers: []).load(paths: [stack.path])
        #expect(own.files.contains(stack.path + "/late.yaml"))
    }
}
