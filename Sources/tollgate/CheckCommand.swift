import ArgumentParser
import Foundation
import TollgateKit
import TollgateRules

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check declarations against policy and report the findings.",
        discussion: """
            Without --policy, every built-in rule runs with its default thresholds. With several \
            --policy packs, the rules of all of them run; where two packs configure the same rule, \
            the later one wins. Dates in rules are evaluated as of --as-of (default: today, UTC). \
            Leave it unset in a gate, so waivers expire and dates age; give it to reproduce an \
            earlier run or to report as of a day (an audit at quarter end).

            Several reports in one run: --report junit=out/junit.xml --report sarif=out/tollgate.sarif \
            --report text (a report without a file goes to standard output). Formats: text, json, junit, \
            sarif, xml, github, gitlab, html. Waived findings (--waivers) and findings in the baseline \
            (--baseline) are reported but do not fail the run.
            """
    )

    @OptionGroup var input: InputOptions

    @Option(
        name: .customLong("policy"), help: ArgumentHelp("A policy pack (YAML). Repeat for several.", valueName: "file"))
    var policies: [String] = []

    @OptionGroup var signed: SignedPolicyOptions

    @Option(help: "Output format of the single report (default: text).")
    var format: ReportFormat?

    @Option(
        help: ArgumentHelp(
            "Write the report to this file (atomically) instead of standard output; a file named .json, .sarif, .xml or .html needs --format.",
            valueName: "file"),
        transform: OutputPath.parse)
    var output: String?

    @OptionGroup var failOnOption: FailOnOption
    var failOn: FailThreshold { failOnOption.threshold }

    @Option(
        name: .customLong("as-of"), help: ArgumentHelp("Evaluate dates as of this day (YYYY-MM-DD).", valueName: "date")
    )
    var asOf: String?

    @Option(
        name: .customLong("report"),
        help: ArgumentHelp(
            "A report to write: FORMAT=PATH, or FORMAT for standard output. Repeat for several.",
            valueName: "format[=path]"),
        transform: ReportRequest.parse)
    var reports: [ReportRequest] = []

    @OptionGroup var exceptions: ExceptionOptions

    @Option(
        help: ArgumentHelp(
            "A baseline file from `tollgate baseline create`: fail only on findings not in it.", valueName: "file"))
    var baseline: String?

    @Option(
        name: .customLong("repo-root"),
        help: ArgumentHelp(
            "Repository root that SARIF, GitHub and GitLab paths are relative to (default: the current directory).",
            valueName: "dir"))
    var repoRoot: String?

    @Flag(
        help:
            "Print how long each phase and each rule took to standard error (the reports are unchanged). Also TOLLGATE_TIMINGS=1."
    )
    var timings = false

    /// Every mistake in the options, reported together (`UsageProblems`).
    func validate() throws {
        try UsageProblems.validate { problems in
            input.check(&problems)
            exceptions.check(&problems)
            problems.record { _ = try AsOf.resolve(asOf) }
            signed.check(policies: policies, &problems)
            if let output, format == nil, let unnamed = reports.first(where: { $0.path == nil }) {
                // `--output` names the file of the `--format` report (text by default). Beside a
                // `--report FORMAT` without a file, `--report json --output x.json` reads as "JSON
                // into x.json" but would write text there and the JSON to standard output.
                problems.add(
                    "--output \(output) beside --report \(unnamed.format.rawValue) would write a text report to \(output) and \(unnamed.format.rawValue) to standard output; give the file in the --report itself (--report \(unnamed.format.rawValue)=\(output)), or add --format to say which report --output is"
                )
            } else if let output, format == nil, reports.isEmpty, let meant = ReportRequest.formatsNamed(by: output) {
                // Text is the default format, but `--output report.json` reads as "JSON into
                // report.json": a JSON parser downstream would get a text report.
                problems.add(
                    "--output \(output) would get a text report (the default format); add \(meant.map { "--format \($0.rawValue)" }.joined(separator: " or ")), or name a .txt file for text"
                )
            }
            ReportRequest.check(requests, &problems)
            if let repoRoot {
                var isDirectory: ObjCBool = false
                if !FileManager.default.fileExists(atPath: repoRoot, isDirectory: &isDirectory) {
                    problems.add("--repo-root \(repoRoot) does not exist; name the repository's root directory")
                } else if !isDirectory.boolValue {
                    problems.add("--repo-root \(repoRoot) is not a directory; name the repository's root directory")
                }
            }
        }
    }

    /// `--report` requests plus the classic `--format`/`--output` pair; text on standard output
    /// when nothing is asked for.
    var requests: [ReportRequest] {
        var all = reports
        if format != nil || output != nil || reports.isEmpty {
            all.append(ReportRequest(format: format ?? .text, path: output))
        }
        return all
    }

    func run() throws {
        let sources = try input.sources
        // Phase durations on stderr for the benchmark (`--timings` or TOLLGATE_TIMINGS=1).
        let timer = PhaseTimer(enabled: timings || PhaseTimer.enabledByEnvironment())
        let started = ContinuousClock.now
        // The declaration directories are listed once, here rather than in `validate()`: the
        // list refuses a report that would replace an input (exit 64, before anything is read
        // or written), and the loader reads the same list.
        let inputFiles = timer.measure("load.list") {
            InventoryLoader.inputFiles(sources.paths, imports: sources.imports)
        }
        if requests.contains(where: { $0.path != nil }) {
            try CommandInputs(
                input, declarations: inputFiles.0, policies: policies, signed: signed, exceptions: exceptions,
                baseline: baseline
            )
            .refuse(requests, output: output)
        }
        let day = try AsOf.resolve(asOf)
        let bundle = try signed.verifiedBundle(policies: policies)
        let report = CheckRunner(
            rules: BuiltInRules.all, limits: input.limits, importers: BuiltInImporters.all(limits: input.limits)
        )
        .run(
            paths: sources.paths, imports: sources.imports, inputFiles: inputFiles, policyPaths: policies,
            bundle: bundle, asOf: day, failOn: failOn, exceptions: exceptions.exceptions(baseline: baseline),
            timer: timer)
        let paths = RepositoryPaths(
            root: repoRoot ?? ".", workingDirectory: FileManager.default.currentDirectoryPath)
        try Output.emit(report, requests: requests, paths: paths, timer: timer)
        timer.add("total", ContinuousClock.now - started)
        if timer.isEnabled { FileHandle.standardError.write(Data(timer.render().utf8)) }
        // The report holds the inventory too (`Report.inventory`): both stay until exit.
        ProcessLifetime.keep(report)
        throw ExitCode(report.exitCode.rawValue)
    }
}
