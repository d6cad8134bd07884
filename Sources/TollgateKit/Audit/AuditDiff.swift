/// What changed between two audits: the answer to "what changed since last quarter?".
///
/// Findings are matched by fingerprint (rule, subject and violation key, no line numbers), so
/// moving a declaration to another file is no change; flows and systems by id.
public struct AuditDiff: Sendable {
    /// A flow present in both audits whose endpoints, categories, purpose or basis changed.
    public struct ChangedFlow: Sendable {
        public let before: AuditSnapshot.FlowEntry
        public let after: AuditSnapshot.FlowEntry

        /// What changed, as short phrases (`categories +user.contact.email`).
        public var changes: [String] {
            var result: [String] = []
            if before.from != after.from || before.to != after.to {
                result.append("route \(before.from) -> \(before.to) became \(after.from) -> \(after.to)")
            }
            let added = Set(after.categories).subtracting(before.categories).sorted()
            let removed = Set(before.categories).subtracting(after.categories).sorted()
            if !added.isEmpty || !removed.isEmpty {
                result.append(
                    "categories " + (added.map { "+" + $0 } + removed.map { "-" + $0 }).joined(separator: " "))
            }
            if before.dataUse != after.dataUse {
                result.append("data use \(before.dataUse ?? "none") -> \(after.dataUse ?? "none")")
            }
            if before.legalBasis != after.legalBasis {
                result.append("legal basis \(before.legalBasis ?? "none") -> \(after.legalBasis ?? "none")")
            }
            if before.toThirdParty != after.toThirdParty {
                result.append(after.toThirdParty ? "now to a third party" : "no longer to a third party")
            }
            return result
        }
    }

    /// A subscription whose seat counts changed (or that appeared or disappeared).
    public struct SeatChange: Sendable {
        public let system: String
        public let before: AuditSnapshot.SeatEntry?
        public let after: AuditSnapshot.SeatEntry?
    }

    public let before: AuditSnapshot
    public let after: AuditSnapshot
    public let addedSystems: [AuditSnapshot.SystemEntry]
    public let removedSystems: [AuditSnapshot.SystemEntry]
    public let addedFlows: [AuditSnapshot.FlowEntry]
    public let removedFlows: [AuditSnapshot.FlowEntry]
    public let changedFlows: [ChangedFlow]
    /// Categories now reaching a third party that did not before, and the reverse.
    public let newThirdPartyCategories: [AuditSnapshot.ThirdPartyCategory]
    public let removedThirdPartyCategories: [AuditSnapshot.ThirdPartyCategory]
    public let seatChanges: [SeatChange]
    /// Findings whose fingerprint is new, of rules that ran in both audits (or of any rule when
    /// either audit did not record its rules).
    public let newFindings: [AuditSnapshot.FindingEntry]
    /// Findings whose fingerprint is gone, of rules that ran in both audits (or of any rule when
    /// either audit did not record its rules).
    public let fixedFindings: [AuditSnapshot.FindingEntry]
    /// Findings waived now that were open (or absent) before.
    public let newlyWaivedFindings: [AuditSnapshot.FindingEntry]
    /// Findings waived before and still found, now open or baselined (the waiver expired or was
    /// removed): what came back since the last audit.
    public let noLongerWaivedFindings: [AuditSnapshot.FindingEntry]
    /// Rules that ran in the later audit only, and in the earlier only; empty when either audit
    /// did not record its rules (`rulesRecorded`).
    public let addedRules: [String]
    public let droppedRules: [String]
    /// Findings of `addedRules` (not new: nothing looked for them before) and of `droppedRules`
    /// (not fixed: nothing looked for them after).
    public let findingsOfAddedRules: [AuditSnapshot.FindingEntry]
    public let findingsOfDroppedRules: [AuditSnapshot.FindingEntry]

    public init(before: AuditSnapshot, after: AuditSnapshot) {
        self.before = before
        self.after = after
        let systemsBefore = Set(before.systems.map(\.id))
        let systemsAfter = Set(after.systems.map(\.id))
        addedSystems = after.systems.filter { !systemsBefore.contains($0.id) }
        removedSystems = before.systems.filter { !systemsAfter.contains($0.id) }
        let flowsBefore = Dictionary(before.flows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let flowsAfter = Dictionary(after.flows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        addedFlows = after.flows.filter { flowsBefore[$0.id] == nil }
        removedFlows = before.flows.filter { flowsAfter[$0.id] == nil }
        changedFlows = after.flows.compactMap { flow in
            guard let old = flowsBefore[flow.id], old != flow else { return nil }
            return ChangedFlow(before: old, after: flow)
        }
        newThirdPartyCategories = after.thirdPartyCategories.subtracting(before.thirdPartyCategories).sorted()
        removedThirdPartyCategories = before.thirdPartyCategories.subtracting(after.thirdPartyCategories).sorted()
        let seatsBefore = Dictionary(before.seats.map { ($0.system, $0) }, uniquingKeysWith: { first, _ in first })
        let seatsAfter = Dictionary(after.seats.map { ($0.system, $0) }, uniquingKeysWith: { first, _ in first })
        seatChanges = Set(seatsBefore.keys).union(seatsAfter.keys).sorted().compactMap { system in
            let old = seatsBefore[system]
            let new = seatsAfter[system]
            return old == new ? nil : SeatChange(system: system, before: old, after: new)
        }
        let findingsBefore = Dictionary(
            before.findings.map { ($0.fingerprint, $0) }, uniquingKeysWith: { first, _ in first })
        let findingsAfter = Set(after.findings.map(\.fingerprint))
        // A finding counts as new or fixed only where its rule ran in both audits: a rule that
        // did not run finds nothing, which is no fix (as triage calls such entries unchecked).
        let appeared = after.findings.filter { findingsBefore[$0.fingerprint] == nil }
        let disappeared = before.findings.filter { !findingsAfter.contains($0.fingerprint) }
        if let rulesBefore = before.rules.map(Set.init), let rulesAfter = after.rules.map(Set.init) {
            addedRules = rulesAfter.subtracting(rulesBefore).sorted()
            droppedRules = rulesBefore.subtracting(rulesAfter).sorted()
            newFindings = appeared.filter { rulesBefore.contains($0.ruleID) }
            findingsOfAddedRules = appeared.filter { !rulesBefore.contains($0.ruleID) }
            fixedFindings = disappeared.filter { rulesAfter.contains($0.ruleID) }
            findingsOfDroppedRules = disappeared.filter { !rulesAfter.contains($0.ruleID) }
        } else {
            (addedRules, droppedRules, findingsOfAddedRules, findingsOfDroppedRules) = ([], [], [], [])
            (newFindings, fixedFindings) = (appeared, disappeared)
        }
        let waived = Finding.Status.waived.rawValue
        newlyWaivedFindings = after.findings.filter {
            $0.status == waived && findingsBefore[$0.fingerprint]?.status != waived
        }
        noLongerWaivedFindings = after.findings.filter {
            $0.status != waived && findingsBefore[$0.fingerprint]?.status == waived
        }
    }

    /// Whether both audits recorded the rules that ran. Where one did not (recorded by an older
    /// Tollgate), a finding of a rule that ran in only one of them shows as new or fixed.
    public var rulesRecorded: Bool { before.rules != nil && after.rules != nil }

    /// Whether nothing that the diff looks at changed.
    public var isEmpty: Bool {
        addedSystems.isEmpty && removedSystems.isEmpty && addedFlows.isEmpty && removedFlows.isEmpty
            && changedFlows.isEmpty && newThirdPartyCategories.isEmpty && removedThirdPartyCategories.isEmpty
            && seatChanges.isEmpty && newFindings.isEmpty && fixedFindings.isEmpty && newlyWaivedFindings.isEmpty
            && noLongerWaivedFindings.isEmpty && addedRules.isEmpty && droppedRules.isEmpty
    }

    /// The diff as text: one section per kind of change, one line per item, stable order.
    /// Names, messages, subjects, tickets and the audits' names come from declarations and
    /// labels, so each line is escaped as the text reporter escapes them (docs/reports.md): no
    /// item can start a line of its own or send escapes to a terminal.
    public func text(beforeName: String, afterName: String) -> String {
        var lines = [
            Self.escaped("changes from \(beforeName) (as of \(before.asOf)) to \(afterName) (as of \(after.asOf))")
        ]
        func section(_ title: String, _ items: [String]) {
            guard !items.isEmpty else { return }
            lines.append("")
            lines.append("\(title) (\(items.count)):")
            lines += items.map { "  " + Self.escaped($0) }
        }
        if !rulesRecorded {
            let unrecorded = [(beforeName, before), (afterName, after)].filter { $0.1.rules == nil }.map(\.0)
            lines.append(
                Self.escaped(
                    "note: \(unrecorded.joined(separator: " and ")) did not record which rules ran (an older "
                        + "Tollgate), so a finding of a rule that ran in only one audit shows as new or fixed"))
        }
        section("new systems", addedSystems.map { "+ \($0.id) (\($0.name))" })
        section("removed systems", removedSystems.map { "- \($0.id) (\($0.name))" })
        section(
            "new flows",
            addedFlows.map { "+ \($0.id): \($0.from) -> \($0.to) [\($0.categories.joined(separator: ", "))]" })
        section("removed flows", removedFlows.map { "- \($0.id): \($0.from) -> \($0.to)" })
        section("changed flows", changedFlows.map { "~ \($0.after.id): \($0.changes.joined(separator: "; "))" })
        section("categories newly sent to third parties", newThirdPartyCategories.map { "+ \($0)" })
        section("categories no longer sent to third parties", removedThirdPartyCategories.map { "- \($0)" })
        section(
            "seat changes",
            seatChanges.map { change in
                func seats(_ entry: AuditSnapshot.SeatEntry?) -> String {
                    guard let entry else { return "none" }
                    return "\(entry.assigned.map(String.init) ?? "?")/\(entry.purchased.map(String.init) ?? "?")"
                }
                return "~ \(change.system): assigned/purchased \(seats(change.before)) -> \(seats(change.after))"
            })
        section(
            "rules run only in the later audit",
            addedRules.map { "+ \($0)" + Self.uncounted(findingsOfAddedRules, of: $0, "found, not counted as new") })
        section(
            "rules not run in the later audit",
            droppedRules.map {
                "- \($0)" + Self.uncounted(findingsOfDroppedRules, of: $0, "found before, not counted as fixed")
            })
        section("new findings", newFindings.map { "+ [\($0.ruleID)] \($0.subject): \($0.message) (\($0.severity))" })
        section("fixed findings", fixedFindings.map { "- [\($0.ruleID)] \($0.subject): \($0.message)" })
        section(
            "newly waived findings",
            newlyWaivedFindings.map {
                "! [\($0.ruleID)] \($0.subject): \($0.message)" + ($0.waiverTicket.map { " (waiver \($0))" } ?? "")
            })
        let waiversBefore = Dictionary(
            before.findings.map { ($0.fingerprint, $0.waiverTicket) }, uniquingKeysWith: { first, _ in first })
        section(
            "no longer waived findings",
            noLongerWaivedFindings.map { finding in
                let waiver = (waiversBefore[finding.fingerprint] ?? nil).map { "waiver \($0)" } ?? "waived"
                return "! [\(finding.ruleID)] \(finding.subject): \(finding.message) (\(finding.severity); "
                    + "\(waiver) before, now \(finding.status))"
            })
        if isEmpty {
            lines.append("")
            lines.append("no changes")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension AuditDiff {
    /// ` (N findings …)` for the findings of `rule` among `findings`, or nothing when it has none.
    private static func uncounted(
        _ findings: [AuditSnapshot.FindingEntry], of rule: String, _ what: String
    ) -> String {
        let count = findings.lazy.filter { $0.ruleID == rule }.count
        return count == 0 ? "" : " (\(count.counted("finding")) \(what))"
    }

    /// `text` with its control characters escaped as line-based reports print declaration text
    /// (`\n`, `\u{1B}`, …; docs/reports.md): for the history's labels, paths and names.
    public static func escaped(_ text: String) -> String { ControlCharacters.escaped(text) }
}
