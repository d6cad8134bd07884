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
        #expect(run.stderr.contains("would write a text report to \(target) and json to standard output"))
        #expect(run.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    /// `--output` beside reports that all name their file is the text report, as always.
    /// A second `--fail-on` used to win silently, so an appended `--fail-on critical` passed a
    /// gate that `--fail-on medium` fails; now it is a usage error, in `check` and `audit`.
    @Test func failOnGivenTwiceIsAUsageError() throws {
        let check = try CLITests.run([
            "check", "fixtures/clean-stack", "--as-of", "2026-11-23", "--fail-on", "medium", "--fail-on", "critical",
        ])
        #expect(check.status == 64)
        #expect(check.stderr.contains("--fail-on given twice (medium, critical); give it once"), "\(check.stderr)")
        #expect(check.stdout.isEmpty)
        let audit = try CLITests.run([
            "audit", "fixtures/clean-stack", "--fail-on", "low", "--fail-on", "low", "--output", "/nonexistent/pack",
            "--key", "k.pem", "--key-id", "a",
        ])
        #expect(audit.status == 64)
        #expect(audit.stderr.contains("--fail-on given twice (low, low)"), "\(audit.stderr)")
        let once = try CLITests.run(["check", "fixtures/clean-stack", "--as-of", "2026-11-23", "--fail-on", "critical"])
        #expect(once.status == 0, "\(once.stderr)")
    }

    /// `--fail-on none` is a report-only run: exit 0 with blocking-level findings, in `check` and
    /// `audit`, while invalid input is still exit 2 and a misspelt threshold still 64.
    @Test func failOnNoneReportsWithoutFailing() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let retail = ["fixtures/retail-stack", "--as-of", "2026-11-23"]
        #expect(try CLITests.run(["check"] + retail).status == 1)
        let check = try CLITests.run(["check"] + retail + ["--fail-on", "none", "--report", "json"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stderr.hasSuffix("; report only (--fail-on none)\n"), "\(check.stderr)")
        #expect(check.stdout.contains(#""fail_on" : "none""#))
        let invalid = try CLITests.write("version: 1\nsystems: [{ id: x }]\n", "invalid.yaml", in: directory)
        #expect(try CLITests.run(["check", invalid, "--fail-on", "none"]).status == 2)
        let misspelt = try CLITests.run(["check"] + retail + ["--fail-on", "nothing"])
        #expect(misspelt.status == 64 && misspelt.stderr.contains("none"), "\(misspelt.stderr)")
        let keys = directory.appendingPathComponent("auditor").path
        #expect(try CLITests.run(["bundle", "keygen", "--output", keys]).status == 0)
        let pack = directory.appendingPathComponent("pack")
        let audit = try CLITests.run(
            ["audit"] + retail + [
                "--fail-on", "none", "--output", pack.path, "--key", keys + ".pem", "--key-id", "auditor",
            ])
        #expect(audit.status == 0, "\(audit.stderr)")
        let auditJSON = try JSONSerialization.jsonObject(
            with: Data(contentsOf: pack.appendingPathComponent("audit.json")))
        #expect((auditJSON as? [String: Any])?["fail_on"] as? String == "none")
    }

    /// Every option that takes one value refuses a second (the parser kept the last silently: a
    /// second --as-of moved the day every date rule checks, a second --output or --baseline
    /// replaced the first), in every command; `--name=value` counts too. Repeatable options
    /// (--policy, --report, --waivers, --import) still repeat.
    @Test(arguments: [
        (
            ["check", "fixtures/clean-stack", "--as-of", "2026-11-23", "--as-of=2026-01-01"],
            "--as-of given twice (2026-11-23, 2026-01-01)"
        ),
        (
            ["check", "fixtures/clean-stack", "--output", "/nonexistent/a.txt", "--output", "/nonexistent/b.txt"],
            "--output given twice (/nonexistent/a.txt, /nonexistent/b.txt)"
        ),
        (
            ["check", "fixtures/clean-stack", "--baseline", "a.json", "--baseline", "b.json", "--baseline", "c.json"],
            "--baseline given 3 times (a.json, b.json, c.json)"
        ),
        (["check", "fixtures/clean-stack", "--format", "json", "--format", "sarif"], "--format given twice"),
        (
            ["check", "fixtures/clean-stack", "--bundle", "b1", "--trust", "t.yaml", "--bundle", "b2"],
            "--bundle given twice"
        ),
        (
            ["validate", "fixtures/clean-stack", "--max-file-size", "1", "--max-file-size", "64"],
            "--max-file-size given twice (1, 64)"
        ),
        (
            [
                "baseline", "create", "fixtures/clean-stack", "--output", "/nonexistent/a.json", "--output",
                "/nonexistent/b.json",
            ],
            "--output given twice"
        ),
        (
            [
                "export", "fides", "fixtures/clean-stack", "--output", "/nonexistent/a.yml", "--output",
                "/nonexistent/b.yml",
            ],
            "--output given twice"
        ),
        (
            [
                "audit", "fixtures/clean-stack", "--output", "/nonexistent/p", "--key", "a.pem", "--key", "b.pem",
                "--key-id", "a",
            ],
            "--key given twice"
        ),
        (["history", "--history", "a.sqlite", "--history", "b.sqlite"], "--history given twice"),
        (["bundle", "verify", "b", "--trust", "a.yaml", "--trust", "b.yaml"], "--trust given twice"),
        (["bundle", "keygen", "--output", "/nonexistent/k1", "--output", "/nonexistent/k2"], "--output given twice"),
    ])
    func aSingleValueOptionGivenTwiceIsAUsageError(arguments: [String], message: String) throws {
        let run = try CLITests.run(arguments)
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("Error: \(message)"), "\(run.stderr)")
        #expect(run.stderr.contains("; give it once\n"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func repeatableOptionsStillRepeat() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try CLITests.run([
            "check", "fixtures/clean-stack", "--as-of", "2026-11-23", "--policy", "policies/us-privacy.yaml",
            "--policy", "policies/ca-casl.yaml", "--report", "json=\(directory.path)/a.json", "--report",
            "sarif=\(directory.path)/a.sarif",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("a.sarif").path))
    }

    @Test func outputBesideReportsWithFilesWritesTheTextReport() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = directory.appendingPathComponent("report.txt").path
        let json = directory.appendingPathComponent("report.json").path
        let run = try CLITests.run([
            "check", "fixtures/retail-stack", "--as-of", "2026-11-23", "--output", text, "--report", "json=\(json)",
        ])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(try String(contentsOfFile: text, encoding: .utf8).contains("[LIC-005]"))
        #expect(try String(contentsOfFile: json, encoding: .utf8).hasPrefix("{"))
    }

    /// `/dev/stdout` is written through, also when standard output is a pipe (following its
    /// links by hand ended at `pipe:[N]`, no path, and the run failed with exit 2).
    @Test func aReportToDevStdoutReachesAPipe() throws {
        let run = try CLITests.run([
            "check", "fixtures/clean-stack", "--as-of", "2026-11-23", "--report", "json=/dev/stdout",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("{") && run.stdout.contains("\"findings\""))
    }

    /// An empty --baseline file says what an empty baseline means (it said "it could not be read").
    @Test func anEmptyBaselineFileSaysItIsEmpty() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let baseline = directory.appendingPathComponent("baseline.json").path
        #expect(FileManager.default.createFile(atPath: baseline, contents: Data()))
        let run = try CLITests.run(["check", "fixtures/clean-stack", "--as-of", "2026-11-23", "--baseline", baseline])
        #expect(run.status == 2)
        #expect(run.stdout.contains("the baseline file is empty"), "\(run.stdout)")
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

    /// `--output report.json` without `--format` wrote a text report into a .json file; a file
    /// named for another format is a usage error that names the formats it could mean.
    @Test(arguments: [
        ("report.json", "add --format json or --format gitlab"), ("out.SARIF", "add --format sarif"),
        ("r.xml", "add --format junit or --format xml"), ("r.html", "add --format html"),
    ])
    func outputNamedForAnotherFormatNeedsFormat(name: String, advice: String) throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent(name).path
        let run = try CLITests.run(["check", "fixtures/clean-stack", "--as-of", "2026-11-23", "--output", target])
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.contains("--output \(target) would get a text report (the default format); \(advice)"))
        #expect(!FileManager.default.fileExists(atPath: target))
        // With the format named, the file is written.
        let format = String(advice.split(separator: " ")[2])
        let named = try CLITests.run([
            "check", "fixtures/clean-stack", "--as-of", "2026-11-23", "--output", target, "--format", format,
        ])
        #expect(named.status == 0, "\(named.stderr)")
        #expect(FileManager.default.fileExists(atPath: target))
    }
}
