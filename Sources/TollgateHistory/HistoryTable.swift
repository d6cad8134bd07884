import TollgateKit

/// The table `tollgate history` prints: every recorded audit, oldest first, with the trend of
/// open findings from the audit before.
public enum HistoryTable {
    /// One line per audit under a header, columns padded to their widest cell. Labels, stack and
    /// pack paths are escaped as line-based reports escape declaration text (docs/reports.md),
    /// so no label can start a line of its own or send escapes to a terminal.
    public static func text(_ audits: [AuditRecord]) -> String {
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
            rows.append(
                [
                    String(audit.id), audit.label ?? "", audit.asOf, String(audit.systems), String(audit.flows),
                    String(audit.openFindings), String(audit.seriousFindings), String(audit.waivedFindings), trend,
                    audit.pack ?? "",
                ].map(AuditDiff.escaped))
            previous = audit
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
        }.joined()
    }
}
