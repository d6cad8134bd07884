/// The whole `tollgate check` pipeline as a library call: policy, declarations, rules, report.
///
/// Kept out of the command-line target so that tests, and other programs embedding Tollgate,
/// run exactly what the CLI runs.
public struct CheckRunner: Sendable {
    public let rules: [any Rule]
    public let limits: LoadLimits
    public let importers: [any Importer]
    /// Whether files load and rules run on all cores (the report is the same either way).
    var parallel = true

    public init(rules: [any Rule], limits: LoadLimits = .default, importers: [any Importer] = []) {
        self.rules = rules
        self.limits = limits
        self.importers = importers
    }

    /// Loads the policy packs (or all rules with defaults when none are named), loads and
    /// validates the declarations, and checks them. Invalid input yields a report whose
    /// diagnostics say why, and no results.
    ///
    /// Waivers and a baseline, when given, are loaded with the policy (their problems are input
    /// errors too) and applied by `Triage` after checking. `timer` records the phases (loading,
    /// rules, …) when enabled; it never changes the report.
    public func run(
        paths: [String], policyPaths: [String], asOf: Day, failOn: Severity, exceptions: Exceptions = Exceptions(),
        timer: PhaseTimer = .disabled
    ) -> Report {
        let catalog = rules.map(\.description)
        var policy = Policy.allRules(catalog)
        var diagnostics: [Diagnostic] = []
        if !policyPaths.isEmpty {
            let loaded = PolicyLoader(catalog: catalog, limits: limits).load(paths: policyPaths)
            diagnostics += loaded.diagnostics
            if let loadedPolicy = loaded.policy { policy = loadedPolicy }
        }
        let (triage, triageProblems) = exceptions.load(catalog: catalog, limits: limits)
        diagnostics += triageProblems
        let outcome = timer.measure("load") {
            var loader = InventoryLoader(limits: limits, importers: importers)
            loader.parallel = parallel
            return loader.load(paths: paths, timer: timer)
        }
        diagnostics += outcome.diagnostics
        if diagnostics.contains(where: { $0.level == .error }) {
            var report = Report.invalidInput(
                asOf: asOf, inputs: outcome.files, policy: policy.sources, failOn: failOn,
                diagnostics: diagnostics)
            report.inputDigests = outcome.digests
            return report
        }
        var inventory = outcome.inventory
        inventory.sourceFiles = outcome.files
        var checker = Checker(rules: rules, policy: policy)
        checker.parallel = parallel
        var report = checker.check(
            inventory, asOf: asOf, failOn: failOn, diagnostics: diagnostics, timer: timer)
        report.inputDigests = outcome.digests
        return timer.measure("triage") { triage.apply(to: report) }
    }
}
