extension CheckRunner {
    /// The exceptions a run honours: waiver files, a baseline file, and how early to warn
    /// about expiring waivers.
    public struct Exceptions: Sendable {
        public var waiverFiles: [String]
        public var baselineFile: String?
        public var warningDays: Int

        public init(
            waiverFiles: [String] = [], baselineFile: String? = nil, warningDays: Int = Triage.defaultWarningDays
        ) {
            self.waiverFiles = waiverFiles
            self.baselineFile = baselineFile
            self.warningDays = warningDays
        }

        /// Loads the files into a `Triage`, with every problem found in them.
        func load(catalog: [RuleDescription], limits: LoadLimits) -> (Triage, [Diagnostic]) {
            let waivers = WaiverLoader(catalog: catalog, limits: limits).load(paths: waiverFiles)
            var diagnostics = waivers.diagnostics
            var baseline: Baseline?
            if let baselineFile {
                let loaded = BaselineLoader(limits: limits).load(path: baselineFile)
                baseline = loaded.baseline
                diagnostics += loaded.diagnostics
            }
            return (
                Triage(
                    waivers: waivers.waivers, waiverFiles: waivers.files, baseline: baseline, warningDays: warningDays),
                diagnostics
            )
        }
    }
}
