import Foundation
import Testing

/// How `--report`, `--format` and `--output` combine: what a pipeline asks for is what it gets,
/// or a usage error (exit 64) before anything is checked or written.
@Suite("Command line: report options")
struct ReportOptionsCLITests {
    @Test func outputBesideReportWithoutFormatIsAUsageError() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("report.json").path
        let run = try CLITests.run([
            "check", "fixtures/retail-stack", "--as-of", "2026-11-23", "--report", "json", "--output", target,
        ])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--report json=\(target)"))
        #expect(run.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test func outputWithFormatBesideReportWritesBoth() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let json = directory.appendingPathComponent("report.json").path
        let sarif = directory.appendingPathComponent("report.sarif").path
        let run = try CLITests.run([
            "check", "fixtures/retail-stack", "--as-of", "2026-11-23", "--report", "sarif=\(sarif)", "--format",
            "json", "--output", json,
        ])
        #expect(run.status == 1)
        let written = try String(contentsOfFile: json, encoding: .utf8)
        #expect(written.hasPrefix("{"))
        #expect(written.contains("\"findings\""))
        #expect(try String(contentsOfFile: sarif, encoding: .utf8).contains("\"runs\""))
    }

    @Test func outputAloneWritesTheTextReport() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("report.txt").path
        let run = try CLITests.run(["check", "fixtures/retail-stack", "--as-of", "2026-11-23", "--output", target])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains("[LIC-005]"))
    }
}
