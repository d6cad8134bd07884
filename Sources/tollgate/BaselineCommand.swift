import ArgumentParser
import Foundation
import TollgateKit
import TollgateRules

/// `tollgate baseline …`: record the findings a team already knows about.
struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Record current findings so that `check --baseline` fails only on new ones.",
        subcommands: [BaselineCreateCommand.self]
    )
}

struct BaselineCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Write the fingerprints of the current findings to a baseline file.",
        discussion: """
            The baseline is JSON, sorted by rule, subject and fingerprint, with the rule id and subject \
            of each finding for reviewers. Fingerprints survive reordering and unrelated edits and \
            change when a finding's subject changes. Findings covered by a current waiver (--waivers) \
            are left out, so that the waiver's expiry keeps its force. Give the same --policy or \
            --bundle/--trust as the `check` that will use the baseline. Exits 0 when the baseline was \
            written, 2 when the input is invalid or the file cannot be written, 3 when the policy \
            bundle is not trusted or signed policy is required and none was given.
            """
    )

    @OptionGroup var input: InputOptions

    @Option(
        name: .customLong("policy"), help: ArgumentHelp("A policy pack (YAML). Repeat for several.", valueName: "file"))
    var policies: [String] = []

    /// The same signed-policy options as `check`, so a gate that runs a bundle can record a
    /// baseline of that bundle's rules, and a pipeline that requires signed policy gets no
    /// baseline from plain packs.
    @OptionGroup var signed: SignedPolicyOptions

    @Option(
        name: .customLong("as-of"), help: ArgumentHelp("Evaluate dates as of this day (YYYY-MM-DD).", valueName: "date")
    )
    var asOf: String?

    @OptionGroup var exceptions: ExceptionOptions

    @Option(
        help: ArgumentHelp("The baseline file to write (atomically).", valueName: "file"), transform: OutputPath.parse)
    var output: String

    /// Every mistake in the options, reported together (`UsageProblems`).
    func validate() throws {
        try UsageProblems.validate { problems in
            input.check(&problems)
            exceptions.check(&problems)
            problems.record { _ = try AsOf.resolve(asOf) }
            signed.check(policies: policies, &problems)
            problems.record {
                try CommandInputs(input, policies: policies, signed: signed, exceptions: exceptions)
                    .refuse(output: output, option: "--output \(output)", what: "baseline")
            }
        }
    }

    func run() throws {
        let sources = try input.sources
        let bundle = try signed.verifiedBundle(policies: policies)
        let report = CheckRunner(
            rules: BuiltInRules.all, limits: input.limits, importers: BuiltInImporters.all(limits: input.limits)
        )
        .run(
            paths: sources.paths, imports: sources.imports, policyPaths: policies, bundle: bundle,
            asOf: try AsOf.resolve(asOf), failOn: .atOrAbove(.info),
            exceptions: exceptions.exceptions())
        if report.isInvalidInput {
            FileHandle.standardError.write(Data(Output.summaryLine(report).utf8))
            throw ExitCode(TollgateKit.ExitCode.invalidInput.rawValue)
        }
        try Output.write(try Baseline.document(for: report), to: output)
        let count = Set(report.findings.filter { $0.status != .waived }.map(\.fingerprint)).count
        FileHandle.standardError.write(
            Data("baseline of \(count.counted("finding")) written to \(output)\n".utf8))
    }
}
