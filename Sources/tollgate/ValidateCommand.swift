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

    /// Every mistake in the options, reported together (`UsageProblems`).
    func validate() throws {
        try UsageProblems.validate { input.check(&$0) }
    }

    /// "3 errors in 1 of 2 files": how many of the files read have errors, so a user knows
    /// whether the rest are fine ("1 error in 2 files" read as if both were broken).
    static func errorSummary(_ errors: [Diagnostic], filesRead: [String]) -> String {
        // With no file read, "in 0 files" would hide why: nothing matched the paths.
        guard !filesRead.isEmpty else { return errors.count.counted("error") + "; no declaration files found" }
        let read = Set(filesRead)
        // Only files that were read count as broken ones: a path that could not be read (missing,
        // not a declaration file) is among the errors but not among the files.
        let named = Set(errors.map(\.location.file))
        let broken = named.intersection(read).count
        let unread = named.subtracting(read).count
        let notRead = unread.counted("path") + " could not be read"
        guard broken > 0 else { return errors.count.counted("error") + ": " + notRead }
        let files = broken < read.count ? "\(broken) of \(read.count.counted("file"))" : read.count.counted("file")
        return errors.count.counted("error") + " in " + files + (unread > 0 ? "; " + notRead : "")
    }

    func run() throws {
        let sources = try input.sources
        let outcome = input.loader.load(paths: sources.paths, imports: sources.imports)
        // A pasted credential does not make the declarations invalid, but `validate` is where a
        // user first looks: say so here rather than only when `check` runs ACC-018.
        let secrets = outcome.inventory.exposedSecrets.map(\.diagnostic)
        var text = (outcome.diagnostics + secrets).sorted().map { "\($0)\n" }.joined()
        let errors = outcome.errors
        if !errors.isEmpty {
            text += Self.errorSummary(errors, filesRead: outcome.files) + "\n"
            FileHandle.standardError.write(Data(text.utf8))
            throw ExitCode(TollgateKit.ExitCode.invalidInput.rawValue)
        }
        let inventory = outcome.inventory
        var counts = [
            outcome.files.count.counted("file"), inventory.systems.count.counted("system"),
            inventory.flows.count.counted("flow"), inventory.accounts.count.counted("account"),
            inventory.apiKeys.count.counted("API key"), inventory.assets.count.counted("asset"),
            inventory.webProperties.count.counted("web property", "web properties"),
            inventory.emailPrograms.count.counted("e-mail program"),
        ]
        if !inventory.tagManagerContainers.isEmpty {
            counts.append(inventory.tagManagerContainers.count.counted("tag-manager container"))
        }
        if !inventory.tcfVendorLists.isEmpty {
            counts.append(inventory.tcfVendorLists.count.counted("TCF vendor list"))
        }
        text += "valid: " + counts.joined(separator: ", ")
        if !secrets.isEmpty {
            text += "; " + secrets.count.counted("plaintext credential") + " (ACC-018 fails `tollgate check`)"
        }
        text += "\n"
        try Console.write(Data(text.utf8))
    }
}
