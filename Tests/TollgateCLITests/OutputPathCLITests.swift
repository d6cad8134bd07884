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

    /// An output that is one of the inputs would replace it (a declaration file, the baseline
    /// the run compares against): refused with exit 64 before anything is written, by any
    /// spelling of the path, and the input keeps its bytes.
    @Test func anOutputThatIsAnInputIsRefused() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let stack = directory.appendingPathComponent("cs")
        try FileManager.default.copyItem(
            at: CLITests.packageRoot.appendingPathComponent("fixtures/clean-stack"), to: stack)
        let access = stack.appendingPathComponent("access.yaml").path
        let systems = stack.appendingPathComponent("systems.yaml").path
        let baseline = directory.appendingPathComponent("bl.json").path
        #expect(try CLITests.run(["baseline", "create", stack.path, "--output", baseline]).status == 0)
        let before = try [access, systems, baseline].map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        let cases: [(arguments: [String], message: String)] = [
            (
                ["check", "cs", "--as-of", "2026-11-23", "--output", "cs/access.yaml"],
                "--output cs/access.yaml is one of the inputs; write the report elsewhere"
            ),
            (
                ["check", "cs", "--as-of", "2026-11-23", "--format", "json", "--output", "./cs/../cs/access.yaml"],
                "--output ./cs/../cs/access.yaml is one of the inputs"
            ),
            (
                ["check", "cs", "--as-of", "2026-11-23", "--baseline", "bl.json", "--report", "json=\(baseline)"],
                "--report json=\(baseline) is one of the inputs"
            ),
            (["baseline", "create", "cs", "--output", access], "--output \(access) is one of the inputs"),
            (
                ["export", "fides", "cs", "--output", "cs/systems.yaml"],
                "--output cs/systems.yaml is one of the inputs"
            ),
        ]
        for (arguments, message) in cases {
            let run = try CLITests.run(arguments, in: directory)
            #expect(run.status == 64, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
        }
        let after = try [access, systems, baseline].map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        #expect(after == before)
        // A link to an input is the input too; a file beside the inputs is fine.
        try FileManager.default.createSymbolicLink(
            atPath: directory.appendingPathComponent("link.yaml").path, withDestinationPath: access)
        #expect(
            try CLITests.run(["check", "cs", "--as-of", "2026-11-23", "--output", "link.yaml"], in: directory).status
                == 64)
        #expect(try Data(contentsOf: URL(fileURLWithPath: access)) == before[0])
        #expect(
            try CLITests.run(["check", "cs", "--as-of", "2026-11-23", "--output", "r.txt"], in: directory).status == 0)
    }

    /// The files below a named directory are inputs however deep they lie, and so is the file a
    /// link in it points to outside it: `check` compares the reports with the files it lists
    /// once and loads, so a report there is refused (exit 64) and the file keeps its bytes.
    @Test func aReportOverAFileReadFromANamedDirectoryIsRefused() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let stack = directory.appendingPathComponent("cs")
        try FileManager.default.copyItem(
            at: CLITests.packageRoot.appendingPathComponent("fixtures/clean-stack"), to: stack)
        let brand = stack.appendingPathComponent("brand")
        try FileManager.default.createDirectory(at: brand, withIntermediateDirectories: true)
        try FileManager.default.moveItem(
            at: stack.appendingPathComponent("access.yaml"), to: brand.appendingPathComponent("access.yaml"))
        try FileManager.default.moveItem(
            at: stack.appendingPathComponent("systems.yaml"), to: directory.appendingPathComponent("shared.yaml"))
        try FileManager.default.createSymbolicLink(
            atPath: stack.appendingPathComponent("systems.yaml").path, withDestinationPath: "../shared.yaml")
        let files = ["cs/brand/access.yaml", "shared.yaml"]
        let before = try files.map { try Data(contentsOf: directory.appendingPathComponent($0)) }
        for file in files {
            let run = try CLITests.run(
                ["check", "cs", "--as-of", "2026-11-23", "--report", "json=\(file)"], in: directory)
            #expect(run.status == 64, "\(file): \(run.stderr)")
            #expect(run.stderr.contains("--report json=\(file) is one of the inputs"), "\(file): \(run.stderr)")
        }
        #expect(try files.map { try Data(contentsOf: directory.appendingPathComponent($0)) } == before)
        // The stack still checks, and a report beside it is written.
        let run = try CLITests.run(
            ["check", "cs", "--as-of", "2026-11-23", "--report", "json=report.json"], in: directory)
        #expect(run.status == 0, "\(run.stderr)")
    }

    /// A JSON report written as a new file into the directory being checked was read as a
    /// declaration by the next run, which then stopped on it: refused (64) up front. Reports the
    /// loader does not read there (JUnit .xml, .sarif, a hidden folder) are still written.
    @Test func aReportTheNextRunWouldReadIsRefused() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let stack = directory.appendingPathComponent("stack")
        try FileManager.default.copyItem(
            at: CLITests.packageRoot.appendingPathComponent("fixtures/clean-stack"), to: stack)
        for (report, shown) in [
            ("json=stack/out/tollgate.json", "--report json=stack/out/tollgate.json"),
            ("gitlab=./stack/gl.json", "--report gitlab=./stack/gl.json"),
        ] {
            let run = try CLITests.run(["check", "stack", "--as-of", "2026-11-23", "--report", report], in: directory)
            #expect(run.status == 64, "\(run.stderr)")
            #expect(
                run.stderr.contains(
                    "\(shown) is inside the declaration directory stack, so the next check would read the report as declarations"
                ), "\(run.stderr)")
        }
        let baseline = try CLITests.run(
            ["baseline", "create", "stack", "--as-of", "2026-11-23", "--output", "stack/baseline.json"], in: directory)
        #expect(baseline.status == 64, "\(baseline.stderr)")
        #expect(baseline.stderr.contains("read the baseline as declarations"), "\(baseline.stderr)")
        let fine = try CLITests.run(
            [
                "check", "stack", "--as-of", "2026-11-23", "--report", "junit=stack/junit.xml", "--report",
                "sarif=stack/t.sarif", "--report", "json=stack/.reports/t.json",
            ], in: directory)
        #expect(fine.status == 0, "\(fine.stderr)")
        let again = try CLITests.run(["check", "stack", "--as-of", "2026-11-23"], in: directory)
        #expect(again.status == 0, "what was written is not read back: \(again.stdout)\(again.stderr)")
    }
}
