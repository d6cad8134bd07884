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
        let sources = try input.sources
        let outcome = input.loader.load(paths: sources.paths, imports: sources.imports)
        // A pasted credential does not make the declarations invalid, but `validate` is where a
        // user first looks: say so here rather than only when `check` runs ACC-018.
        let secrets = outcome.inventory.exposedSecrets.map(\.diagnostic)
        var text = (outcome.diagnostics + secrets).sorted().map { "\($0)\n" }.joined()
        let errors = outcome.errors.count
        if errors > 0 {
            // With no file read, "in 0 files" would hide why: nothing matched the paths.
            let files =
                outcome.files.isEmpty ? "; no declaration files found" : " in " + counted(outcome.files.count, "file")
            text += counted(errors, "error") + files + "\n"
            FileHandle.standardError.write(Data(text.utf8))
            throw ExitCode(TollgateKit.ExitCode.invalidInput.rawValue)
        }
        let inventory = outcome.inventory
        var counts = [
            counted(outcome.files.count, "file"), counted(inventory.systems.count, "system"),
            counted(inventory.flows.count, "flow"), counted(inventory.accounts.count, "account"),
            counted(inventory.apiKeys.count, "API key"), counted(inventory.assets.count, "asset"),
            counted(inventory.webProperties.count, "web property", "web properties"),
            counted(inventory.emailPrograms.count, "e-mail program"),
        ]
        if !inventory.tagManagerContainers.isEmpty {
            counts.append(counted(inventory.tagManagerContainers.count, "tag-manager container"))
        }
        if !inventory.tcfVendorLists.isEmpty {
            counts.append(counted(inventory.tcfVendorLists.count, "TCF vendor list"))
        }
        text += "valid: " + counts.joined(separator: ", ")
        if !secrets.isEmpty {
            text += "; " + counted(secrets.count, "plaintext credential") + " (ACC-018 fails `tollgate check`)"
        }
        text += "\n"
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// "1 system", "2 systems"; `plural` where adding "s" is wrong.
    private func counted(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
    }
}
