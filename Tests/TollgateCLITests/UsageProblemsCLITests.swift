import Foundation
import Testing

/// Tollgate's own checks of a command line report every mistake at once, one a line, exit 64:
/// `check x --as-of 2026-13-45 --repo-root /nope --trust x` said only the first.
@Suite("Command line: every usage problem at once")
struct UsageProblemsCLITests {
    /// The problems of a run, as the lines of standard error before the usage.
    static func problems(_ run: CLITests.Run) -> [String] {
        run.stderr.split(separator: "\n").map(String.init).prefix { !$0.hasPrefix("Usage: ") }
    }

    /// Runs `arguments` and expects exit 64 with one problem a line, each starting with the
    /// `expected` text at its place.
    static func expectProblems(_ arguments: [String], startingWith expected: [String]) throws {
        let run = try CLITests.run(arguments)
        #expect(run.status == 64, "\(run.stderr)")
        let problems = Self.problems(run)
        #expect(problems.count == expected.count, "\(run.stderr)")
        for (line, start) in zip(problems, expected) {
            #expect(line.hasPrefix("Error: " + start), "\(run.stderr)")
        }
    }

    @Test func checkReportsEveryProblemInAFixedOrder() throws {
        let run = try CLITests.run(["check", "x", "--as-of", "2026-13-45", "--repo-root", "/nope", "--trust", "x"])
        #expect(run.status == 64)
        #expect(run.stdout.isEmpty)
        let expected = [
            "Error: --as-of must be a date as YYYY-MM-DD, e.g. 2026-03-31; got '2026-13-45'",
            "Error: --trust applies only with --bundle PATH",
            "Error: --repo-root /nope does not exist; name the repository's root directory",
        ]
        #expect(Self.problems(run) == expected, "\(run.stderr)")
        #expect(run.stderr.contains("\nUsage: tollgate check "), "\(run.stderr)")
        // The order is the checks', not the command line's.
        let reordered = try CLITests.run([
            "check", "x", "--trust", "x", "--repo-root", "/nope", "--as-of", "2026-13-45",
        ])
        #expect(Self.problems(reordered) == expected, "\(reordered.stderr)")
    }

    /// The option groups' problems (`--import`, `--max-file-size`, `--waiver-warning-days`) come
    /// with the command's own, in every command that holds them.
    @Test(arguments: [
        (
            ["check", "fixtures/clean-stack", "--waiver-warning-days", "-1", "--as-of", "x"],
            ["--waiver-warning-days must be 0 or more", "--as-of must be a date as YYYY-MM-DD"]
        ),
        (
            [
                "baseline", "create", "fixtures/clean-stack", "--output", "/nonexistent/b.json", "--import", "bogus",
                "--max-file-size", "0", "--bundle-state", "s",
            ],
            [
                "--import takes KIND=PATH, got 'bogus'", "--max-file-size must be between 1 and ",
                "--bundle-state applies only with --bundle PATH",
            ]
        ),
        (
            ["validate", "fixtures/clean-stack", "--import", "nope=x", "--max-file-size", "0"],
            ["unknown import kind 'nope'", "--max-file-size must be between 1 and "]
        ),
        (
            ["export", "fides", "fixtures/clean-stack", "--import", "nope=x", "--max-file-size", "0"],
            ["unknown import kind 'nope'", "--max-file-size must be between 1 and "]
        ),
        (
            [
                "audit", "fixtures/clean-stack", "--output", "/nonexistent/p", "--key", "k.pem", "--key-id", "a b",
                "--max-file-size", "0", "--as-of", "x",
            ],
            ["--max-file-size must be between 1 and ", "--as-of must be a date", "--key-id: the key id 'a b' "]
        ),
    ])
    func optionGroupsReportWithTheCommand(arguments: [String], expected: [String]) throws {
        try Self.expectProblems(arguments, startingWith: expected)
    }

    /// The bundle commands that make and sign bundles report every problem too (they stopped at
    /// the first); an expiry is compared with the creation time only when both are valid.
    @Test(arguments: [
        (
            [
                "bundle", "manifest", "/nonexistent/b", "--name", "a b", "--version", "0", "--valid-days", "0",
                "--expires", "x",
            ],
            [
                "give --valid-days or --expires, not both", "--valid-days must be between 1 and ",
                "--expires must be YYYY-MM-DDTHH:MM:SSZ (UTC), got 'x'", "--version must be between 1 and ",
                "--name: ",
            ]
        ),
        (
            [
                "bundle", "manifest", "/nonexistent/b", "--name", "p", "--version", "0", "--created",
                "2026-02-01T00:00:00Z", "--expires", "2026-01-01T00:00:00Z",
            ],
            ["--version must be between 1 and ", "--expires (2026-01-01T00:00:00Z) must be after the creation time"]
        ),
        (
            ["bundle", "keygen", "--output", "/nonexistent/keys/", "--rsa-bits", "1"],
            ["--output /nonexistent/keys/ names a directory", "--rsa-bits must be between "]
        ),
        (
            ["bundle", "sign", "/nonexistent/b", "--key", "k.pem", "--key-id", "a b", "--ca", "ca.pem"],
            ["--key-id: the key id 'a b' ", "--chain and --ca apply only with --certificate FILE"]
        ),
    ])
    func bundleCommandsReportEveryProblem(arguments: [String], expected: [String]) throws {
        try Self.expectProblems(arguments, startingWith: expected)
    }

    /// One problem reads as it always has: one line, then the usage.
    @Test func oneProblemIsOneLine() throws {
        let run = try CLITests.run(["check", "fixtures/clean-stack", "--as-of", "2026-02-30"])
        #expect(run.status == 64)
        #expect(
            run.stderr.hasPrefix(
                "Error: --as-of must be a date as YYYY-MM-DD, e.g. 2026-03-31; got '2026-02-30'\nUsage: tollgate check "
            ),
            "\(run.stderr)")
    }

    /// The parser's own errors stop the parse before Tollgate's checks run, and read as before.
    @Test func parserErrorsStayAsTheyAre() throws {
        let run = try CLITests.run(["check", "x", "--fail-on", "severe", "--as-of", "2026-13-45"])
        #expect(run.status == 64)
        #expect(run.stderr.hasPrefix("Error: The value 'severe' is invalid for '--fail-on"), "\(run.stderr)")
        #expect(!run.stderr.contains("--as-of must be"), "\(run.stderr)")
    }
}
