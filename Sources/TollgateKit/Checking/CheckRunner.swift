/// The whole `tollgate check` pipeline as a library call: policy, declarations, rules, report.
///
/// Kept out of the command-line target so that tests, and other programs embedding Tollgate,
/// run exactly what the CLI runs.
public struct CheckRunner: Sendable {
    public let rules: [any Rule]
    public let limits: LoadLimits
    public let importers: [any Importer]

    public init(rules: [any Rule], limits: LoadLimits = .default, importers: [any Importer] = BuiltInImporters.all) {
        self.rules = rules
        self.limits = limits
        self.importers = importers
    }

    /// Loads the policy packs (or all rules with defaults when none are named), loads and
    /// validates the declarations, and checks them. Invalid input yields a report whose
    /// diagnostics say why, and no results.
    public func run(paths: [String], policyPaths: [String], asOf: Day, failOn: Severity) -> Report {
        let catalog = rules.map(\.description)
        var policy = Policy.allRules(catalog)
        var diagnostics: [Diagnostic] = []
        if !policyPaths.isEmpty {
            let loaded = PolicyLoader(catalog: catalog, limits: limits).load(paths: policyPaths)
            diagnostics += loaded.diagnostics
            if let loadedPolicy = loaded.policy { policy = loadedPolicy }
        }
        let outcome = InventoryLoader(limits: limits, importers: importers).load(paths: paths)
        diagnostics += outcome.diagnostics
        if diagnostics.contains(where: { $0.level == .error }) {
            // ACC-018 cannot run on invalid input, but a pasted credential must still fail loudly.
            diagnostics += outcome.inventory.exposedSecrets.map(\.diagnostic)
            return Report.invalidInput(
                asOf: asOf, inputs: outcome.files, policy: policy.sources, failOn: failOn,
                diagnostics: diagnostics)
        }
        var inventory = outcome.inventory
        inventory.sourceFiles = outcome.files
        return Checker(rules: rules, policy: policy).check(
            inventory, asOf: asOf, failOn: failOn, diagnostics: diagnostics)
    }
}
