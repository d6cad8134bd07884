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
            the later one wins. Dates in rules are evaluated as of --as-of (default: today, UTC), \
            so a pipeline can pin it for reproducible results.
            """
    )

    @OptionGroup var input: InputOptions

    @Option(
        name: .customLong("policy"), help: ArgumentHelp("A policy pack (YAML). Repeat for several.", valueName: "file"))
    var policies: [String] = []

    @Option(help: "Output format: text, json or junit.")
    var format: ReportFormat = .text

    @Option(
        help: ArgumentHelp("Write the report to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Option(
        name: .customLong("fail-on"),
        help: "Exit 1 when a finding is at or above this severity: info, low, medium, high, critical.")
    var failOn: Severity = .medium

    @Option(
        name: .customLong("as-of"), help: ArgumentHelp("Evaluate dates as of this day (YYYY-MM-DD).", valueName: "date")
    )
    var asOf: String?

    func validate() throws {
        _ = try AsOf.resolve(asOf)
    }

    func run() throws {
        let day = try AsOf.resolve(asOf)
        let report = CheckRunner(
            rules: BuiltInRules.all, limits: input.limits, importers: BuiltInImporters.all(limits: input.limits)
        )
        .run(paths: input.paths, policyPaths: policies, asOf: day, failOn: failOn)
        try Output.emit(report, format: format, to: output)
        if output != nil || format != .text {
            // Keep the human summary on stderr when the report itself goes elsewhere.
            FileHandle.standardError.write(Data(Output.summaryLine(report).utf8))
        }
        throw ExitCode(report.exitCode.rawValue)
    }
}

/// Writing reports to files or standard output.
enum Output {
    static func emit(_ report: Report, format: ReportFormat, to path: String?) throws {
        let color =
            path == nil && format == .text && isatty(STDOUT_FILENO) == 1
            && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
        let data = try format.reporter(color: color).render(report)
        if let path {
            do {
                try OutputFile.write(data, to: path)
            } catch {
                throw ValidationError("cannot write \(path): \(error.localizedDescription)")
            }
        } else {
            FileHandle.standardOutput.write(data)
        }
    }

    static func summaryLine(_ report: Report) -> String {
        if report.isInvalidInput {
            let text = String(decoding: (try? TextReporter().render(report)) ?? Data(), as: UTF8.self)
            return text
        }
        return TextReporter().summary(report) + "\n"
    }
}
