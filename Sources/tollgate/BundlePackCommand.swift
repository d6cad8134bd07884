import ArgumentParser
import Foundation
import TollgateKit

struct BundlePackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pack",
        abstract: "Pack a bundle directory into one file (a deterministic POSIX ustar archive).",
        discussion:
            "The same directory always packs to the same bytes. `tar -xf` unpacks it into the directory form; `tar -tvf` lists it. Warns (and still packs) when the files no longer match manifest.json or nothing is signed yet."
    )

    @Argument(help: ArgumentHelp("The bundle directory.", valueName: "dir"))
    var directory: String

    @Option(
        help: ArgumentHelp("The packed file to write, e.g. acme-policy-7.bundle.tar.", valueName: "file"),
        transform: OutputPath.parse)
    var output: String

    func run() throws {
        let entries: Int
        do {
            let warnings: [String]
            (entries, warnings) = try BundleBuilder.pack(directory: directory, output: output)
            for warning in warnings { Console.error("warning: \(warning)") }
        } catch {
            throw BundleGate.failed(error)
        }
        try Console.out("wrote \(output) (\(entries) entries)")
    }
}
