import ArgumentParser
import TollgateKit

/// Options of the commands that honour waivers.
struct ExceptionOptions: ParsableArguments {
    @Option(
        name: .customLong("waivers"),
        help: ArgumentHelp(
            "A waivers file (YAML): accepted exceptions with owner, approver, ticket and expiry. Repeat for several.",
            valueName: "file"))
    var waiverFiles: [String] = []

    @Option(
        name: .customLong("waiver-warning-days"), parsing: .unconditional,
        help: ArgumentHelp("Report waivers that expire within this many days of --as-of.", valueName: "days"))
    var warningDays: Int = Triage.defaultWarningDays

    /// Adds the mistakes in these options to `problems`; called from the `validate()` of every
    /// command holding them (`UsageProblems`).
    func check(_ problems: inout UsageProblems) {
        if warningDays < 0 { problems.add("--waiver-warning-days must be 0 or more") }
    }

    func exceptions(baseline: String? = nil) -> CheckRunner.Exceptions {
        CheckRunner.Exceptions(waiverFiles: waiverFiles, baselineFile: baseline, warningDays: warningDays)
    }
}
