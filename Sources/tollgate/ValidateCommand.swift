import ArgumentParser
import Foundation
import TollgateKit

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check that declarations are well-formed, without running any rule.",
        discussion:
            "Reports every problem at once as file:line:col. Exits 0 when the declarations are valid, 2 when not."
    )

    @OptionGroup var input: InputOptions

    func run() throws {
        let outcome = InventoryLoader(limits: input.limits, importers: BuiltInImporters.all(limits: input.limits)).load(
            paths: input.paths)
        var text = outcome.diagnostics.map { "\($0)\n" }.joined()
        let errors = outcome.errors.count
        if errors > 0 {
            text +=
                "\(errors) \(errors == 1 ? "error" : "errors") in \(outcome.files.count) file\(outcome.files.count == 1 ? "" : "s")\n"
            FileHandle.standardError.write(Data(text.utf8))
            throw ExitCode(TollgateKit.ExitCode.invalidInput.rawValue)
        }
        let inventory = outcome.inventory
        text +=
            "valid: \(outcome.files.count) file\(outcome.files.count == 1 ? "" : "s"), \(inventory.systems.count) systems, "
            + "\(inventory.flows.count) flows, \(inventory.accounts.count) accounts, \(inventory.apiKeys.count) API keys, "
            + "\(inventory.assets.count) assets, \(inventory.webProperties.count) web properties, "
            + "\(inventory.emailPrograms.count) e-mail programs\n"
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
