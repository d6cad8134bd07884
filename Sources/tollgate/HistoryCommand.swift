import ArgumentParser
import Foundation
import TollgateHistory
import TollgateKit

/// `tollgate history`: every recorded audit, oldest first, with the trend of findings.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List the recorded audits and the trend of systems, flows and findings.")

    @OptionGroup var history: HistoryOption

    func run() throws {
        let store = try history.openExisting()
        let audits: [AuditRecord]
        do {
            audits = try store?.audits() ?? []
        } catch {
            Console.error("error: \(error)")
            throw ExitCode(TollgateKit.ExitCode.invalidInput.rawValue)
        }
        guard !audits.isEmpty else {
            try Console.out("no audits recorded in \(history.path) yet; run `tollgate audit`")
            return
        }
        try Console.write(Data(HistoryTable.text(audits).utf8))
    }
}
