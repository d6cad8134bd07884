import ArgumentParser
import Foundation
import TollgateKit

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the declared stack in another tool's format.",
        discussion: """
            `tollgate export fides STACK --output manifest.yml` writes the systems, their privacy \
            declarations and the flows between them as a Fides manifest; Tollgate's own system fields \
            go under meta.tollgate, so importing the manifest gives the same systems back. What Fides \
            cannot hold is listed on standard error. Exits 0 when the manifest was written, 2 when the \
            declarations are invalid or the file cannot be written.
            """
    )

    /// The formats `export` writes.
    enum Target: String, ExpressibleByArgument, CaseIterable {
        case fides
    }

    @Argument(help: "The format to write.")
    var target: Target

    @OptionGroup var input: InputOptions

    /// Every mistake in the options, reported together (`UsageProblems`).
    func validate() throws {
        try UsageProblems.validate { input.check(&$0) }
    }

    @Option(
        help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "file"),
        transform: OutputPath.parse)
    var output: String?

    func run() throws {
        let sources = try input.sources
        if let output {
            try CommandInputs(paths: sources.paths, imports: sources.imports)
                .refuse(output: output, option: "--output \(output)", what: "manifest")
        }
        let outcome = input.loader.load(paths: sources.paths, imports: sources.imports)
        if outcome.hasErrors {
            FileHandle.standardError.write(Data(outcome.diagnostics.map { "\($0)\n" }.joined().utf8))
            throw ExitCode(TollgateKit.ExitCode.invalidInput.rawValue)
        }
        let (text, notes) = try FidesManifestExporter().export(outcome.inventory)
        if let output {
            try Output.write(Data(text.utf8), to: output)
        } else {
            try Console.write(Data(text.utf8))
        }
        if !notes.isEmpty { FileHandle.standardError.write(Data(notes.map { "note: \($0)\n" }.joined().utf8)) }
    }
}
