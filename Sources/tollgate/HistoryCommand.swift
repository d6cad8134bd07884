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
            Console.out("no audits recorded in \(history.path) yet; run `tollgate audit`")
            return
        }
        var rows = [["#", "label", "as of", "systems", "flows", "open", "critical+high", "waived", "trend", "pack"]]
        var previous: AuditRecord?
        for audit in audits {
            let trend: String
            if let previous {
                let change = audit.openFindings - previous.openFindings
                trend = change == 0 ? "=" : change > 0 ? "+\(change) worse" : "\(change) better"
            } else {
                trend = ""
            }
            rows.append([
                String(audit.id), audit.label ?? "", audit.asOf, String(audit.systems), String(audit.flows),
                String(audit.openFindings), String(audit.seriousFindings), String(audit.waivedFindings), trend,
                audit.pack ?? "",
            ])
            previous = audit
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            Console.out(
                row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                    .joined(separator: "  ").trimmingCharacters(in: .whitespaces))
        }
    }
}
