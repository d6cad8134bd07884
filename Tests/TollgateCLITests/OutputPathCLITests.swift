import Foundation
import Testing

/// Output paths compared by the file they land on, not by how they are spelled.
@Suite("Command line: output paths")
struct OutputPathCLITests {
    /// `a.xml`, `./a.xml`, `$PWD/a.xml` and a link to `a.xml` are one file: two reports there
    /// are refused like an exact duplicate, and neither is written (once the last rename won and
    /// the other report was silently lost).
    @Test func twoReportsToOneFileUnderDifferentSpellingsAreRefused() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let stack = CLITests.packageRoot.appendingPathComponent("fixtures/clean-stack").path
        try FileManager.default.createSymbolicLink(
            atPath: directory.appendingPathComponent("b.xml").path,
            withDestinationPath: "a.xml")
        for second in ["./a.xml", directory.appendingPathComponent("a.xml").path, "b.xml", "sub/../a.xml"] {
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent("sub"), withIntermediateDirectories: true)
            let run = try CLITests.run(
                ["check", stack, "--as-of", "2026-11-23", "--report", "junit=a.xml", "--report", "sarif=\(second)"],
                in: directory)
            #expect(run.status == 64, "\(second): \(run.stderr)")
            #expect(run.stderr.contains("two reports would be written to a.xml"), "\(second): \(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("a.xml").path))
        }
        // Two different files are still fine.
        let run = try CLITests.run(
            ["check", stack, "--as-of", "2026-11-23", "--report", "junit=a.xml", "--report", "sarif=c.xml"],
            in: directory)
        #expect(run.status == 0, "\(run.stderr)")
    }
}
