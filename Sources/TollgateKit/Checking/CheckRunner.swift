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

    /// `importers` defaults to every built-in importer, so embedding programs read the same
    /// exports and SBOMs as the command line.
    public init(rules: [any Rule], limits: LoadLimits = .default, importers: [any Importer]? = nil) {
        self.rules = rules
        self.limits = limits
        self.importers = importers ?? BuiltInImporters.all(limits: limits)
    }

    /// Loads the policy packs (or all rules with defaults when none are named), loads and
    /// validates the declarations, and checks them. Invalid input yields a report whose
    /// diagnostics say why, and no results.
    ///
    /// Waivers and a baseline, when given, are loaded with the policy (their problems are input
    /// errors too) and applied by `Triage` after checking. With a verified `bundle`, the policy
    /// comes from the bundle's packs alone; naming plain `policyPaths` as well is an error, so a
    /// signed policy cannot be quietly amended. `timer` records the phases (loading, rules, …)
    /// when enabled; it never changes the report.
    ///
    /// `inputFiles` is what `InventoryLoader.inputFiles(paths, imports:)` returned when the
    /// caller listed the declaration files already; the loader then does not list them again.
    public func run(
        paths: [String], imports: [ImportRequest] = [], inputFiles: ([String], [Diagnostic])? = nil,
        policyPaths: [String], bundle: VerifiedBundle? = nil, asOf: Day, failOn: FailThreshold,
        exceptions: Exceptions = Exceptions(), timer: PhaseTimer = .disabled
    ) -> Report {
        let catalog = rules.map(\.description)
        var policy = Policy.allRules(catalog)
        var diagnostics: [Diagnostic] = []
        if let bundle {
            let loaded = bundle.policy(loader: PolicyLoader(catalog: catalog, limits: limits))
            diagnostics += loaded.diagnostics
            if let loadedPolicy = loaded.policy { policy = loadedPolicy }
            if let extra = policyPaths.first {
                diagnostics.append(
                    Diagnostic(
                        at: SourceLocation(file: extra, line: 1, column: 1),
                        "plain policy packs cannot be combined with a signed bundle",
                        hint: "put every pack into the bundle"))
            }
        } else if !policyPaths.isEmpty {
            let loaded = PolicyLoader(catalog: catalog, limits: limits).load(paths: policyPaths)
            diagnostics += loaded.diagnostics
            if let loadedPolicy = loaded.policy { policy = loadedPolicy }
        }
        let (triage, triageProblems) = exceptions.load(catalog: catalog, limits: limits)
        diagnostics += triageProblems
        let outcome = timer.measure("load") {
            var loader = InventoryLoader(limits: limits, importers: importers)
            loader.parallel = parallel
            return loader.load(paths: paths, imports: imports, inputFiles: inputFiles, timer: timer)
        }
        diagnostics += outcome.diagnostics
        if diagnostics.contains(where: { $0.level == .error }) {
            // ACC-018 cannot run on invalid input, but a pasted credential must still be reported.
            diagnostics += outcome.inventory.exposedSecrets.map(\.diagnostic)
            var report = Report.invalidInput(
                asOf: asOf, inputs: outcome.files, policy: policy.sources, failOn: failOn,
                diagnostics: diagnostics)
            report.inputDigests = outcome.digests
            return report
        }
        if policy.settings[ExposedSecret.ruleID] == nil {
            // A pack that leaves ACC-018 out (the privacy packs do) must not hide a pasted
            // credential: it is reported as a warning, as `validate` does.
            diagnostics += outcome.inventory.exposedSecrets.map(\.notCheckedDiagnostic)
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
