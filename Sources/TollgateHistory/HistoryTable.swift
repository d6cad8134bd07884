import TollgateKit

/// The table `tollgate history` prints: every recorded audit, oldest first, with the number of
/// rules that ran and the trend of open findings from the audit before. A trend between audits
/// that ran other rules is no better or worse, and says so; one with an audit that did not
/// record its rules (an older Tollgate) says that instead of guessing.
public enum HistoryTable {
    /// One line per audit under a header, columns padded to their widest cell. Labels, stack and
    /// pack paths are escaped as line-based reports escape declaration text (docs/reports.md),
    /// so no label can start a line of its own or send escapes to a terminal.
    public static func text(_ audits: [AuditRecord]) -> String {
        var rows = [
            ["#", "label", "as of", "rules", "systems", "flows", "open", "critical+high", "waived", "trend", "pack"]
        ]
        var previous: AuditRecord?
        for audit in audits {
            rows.append(
                [
                    String(audit.id), audit.label ?? "", audit.asOf, audit.ruleIDs.map { String($0.count) } ?? "?",
                    String(audit.systems), String(audit.flows),
                    String(audit.openFindings), String(audit.seriousFindings), String(audit.waivedFindings),
                    previous.map { trend(from: $0, to: audit) } ?? "",
                    audit.pack ?? "",
                ].map(AuditDiff.escaped))
            previous = audit
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        let table = rows.map { row in
            row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
        }.joined()
        guard audits.contains(where: { $0.ruleIDs == nil }) else { return table }
        return table + "rules ?: recorded by an older Tollgate, which did not keep the rules that ran\n"
    }

    /// `+3 worse`, `-2 better`, `=`; with other rules, `-291 (rules differ: +0 -67)`, and with
    /// an audit whose rules are not recorded, `-3 (rules not recorded)`.
    static func trend(from previous: AuditRecord, to audit: AuditRecord) -> String {
        let change = audit.openFindings - previous.openFindings
        let signed = change > 0 ? "+\(change)" : "\(change)"
        guard let before = previous.ruleIDs.map(Set.init), let after = audit.ruleIDs.map(Set.init) else {
            return signed + " (rules not recorded)"
        }
        guard before == after else {
            return signed
                + " (rules differ: +\(after.subtracting(before).count) -\(before.subtracting(after).count))"
        }
        return change == 0 ? "=" : change > 0 ? signed + " worse" : signed + " better"
    }
}
