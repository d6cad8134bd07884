import Foundation

/// Runs the enabled rules of a policy over an inventory and assembles the report.
public struct Checker: Sendable {
    public let rules: [any Rule]
    public let policy: Policy
    /// Whether rules run on all cores (the report is the same either way).
    var parallel = true

    public init(rules: [any Rule], policy: Policy) {
        self.rules = rules
        self.policy = policy
    }

    /// Checks `inventory` as of `asOf`. Findings are sorted and fingerprinted; every evaluated
    /// (rule, subject) pair is kept so reports can show passes too. `timer` records the index,
    /// rules and report-assembly phases when enabled.
    public func check(
        _ inventory: Inventory, asOf: Day, failOn: FailThreshold = .atOrAbove(.medium), diagnostics: [Diagnostic] = [],
        timer: PhaseTimer = .disabled
    ) -> Report {
        // `rules.cpu`: the CPU of the index, the lineage and the rules, on all threads.
        let cpuStart = timer.isEnabled ? PhaseTimer.processCPUTime() : .zero
        let lineage = LineageStore(inventory, timer: timer)
        let enabled = rules.filter { policy.settings[$0.description.id] != nil }
        // The lineage is the longest single piece of work and needs only the inventory: started
        // first, on its own thread, it overlaps building the index and then the accounts and
        // licensing rules, instead of starting when the first flow rule asks (rules run in id
        // order, privacy last). Only when a privacy rule will want it.
        let lineageStarted = DispatchGroup()
        if parallel, !inventory.flows.isEmpty, enabled.contains(where: { $0.description.domain == .privacy }) {
            DispatchQueue.global().async(group: lineageStarted) { _ = lineage.lineage }
        }
        defer { lineageStarted.wait() }
        let index = timer.measure("index") { InventoryIndex(inventory) }
        let redactor = SecretRedactor(inventory.exposedSecrets)
        let subjectOrder = SubjectOrder(inventory)
        let exportedAfterAsOf = inventory.accountsExportedAfter(asOf)
        // Rules are independent and read only shared immutable state, so they run on all cores;
        // results keep the rules' order, and the report sorts them anyway.
        let rulesStart = ContinuousClock.now
        let results = enabled.concurrentMap(parallel: parallel) { rule in
            let description = rule.description
            let setting = policy.settings[description.id] ?? Policy.Setting()
            let context = RuleContext(
                inventory: inventory, index: index, asOf: asOf,
                parameters: Parameters(defaults: description.parameters, overrides: setting.parameters),
                lineage: lineage, accountsExportedAfterAsOf: exportedAfterAsOf)
            let severity = setting.severity ?? description.severity
            // Per-rule CPU time (rules run on several threads, so these add up to more than `rules`).
            let evaluations = timer.measure("rule.\(description.id)") { rule.evaluate(context) }
            let subjects = Report.SubjectResults(consume evaluations, order: subjectOrder) { violation, subject in
                // A policy override replaces the rule's own grading; otherwise graded rules keep theirs.
                Finding(
                    rule: description, severity: setting.severity ?? violation.severity ?? severity,
                    violation: redactor.redact(violation), subject: subject)
            }
            return Report.RuleResult(rule: description, severity: severity, subjects: subjects)
        }
        timer.add("rules", ContinuousClock.now - rulesStart)
        if timer.isEnabled {
            lineageStarted.wait()
            timer.add("rules.cpu", PhaseTimer.processCPUTime() - cpuStart)
        }
        // A user export newer than the as-of date is said once per export, where a rule judging
        // last activity (ACC-012) would otherwise judge each of its recent users by a day they
        // have no record of; only when such a rule runs, and only of the accounts it judges.
        let judging = enabled.map(\.description).filter { $0.activityScope != nil }
        let notices = judging.isEmpty ? [] : inventory.exportsAfterAsOf(asOf, exportedAfterAsOf, judgedBy: judging)
        var report = timer.measure("assemble") {
            Report(
                asOf: asOf, inputs: inventory.sourceFiles, policy: policy.sources, failOn: failOn,
                results: results, diagnostics: diagnostics + notices)
        }
        report.inventory = inventory
        return report
    }
}
