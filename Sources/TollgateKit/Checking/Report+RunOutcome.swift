extension Report {
    /// What a whole run came to, as every report states it. One decision for all formats, so the
    /// JSON, the XML, the HTML page and an evidence pack never disagree with each other, and the
    /// exit code is derived from it.
    public enum RunOutcome: Sendable, Hashable, CaseIterable {
        /// Checked; nothing open at or above `--fail-on` (exit 0).
        case passed
        /// Checked; open findings at or above `--fail-on` (exit 1).
        case failed
        /// Checked with `--fail-on none` (exit 0 whatever was found). Not `passed`: a report-only
        /// run with critical findings must not read as a clean one to someone who sees only the
        /// outcome (a green badge on the HTML page, an `outcome` field in a dashboard).
        case reportOnly
        /// Input errors stopped the check (exit 2).
        case invalidInput

        /// The spelling in the JSON report and evidence packs (snake_case, like its keys).
        public var jsonValue: String {
            switch self {
            case .passed: return "passed"
            case .failed: return "failed"
            case .reportOnly: return "report_only"
            case .invalidInput: return "invalid_input"
            }
        }

        /// The spelling in the native XML report (kebab-case, like its attribute values).
        public var xmlValue: String {
            switch self {
            case .passed: return "passed"
            case .failed: return "failed"
            case .reportOnly: return "report-only"
            case .invalidInput: return "invalid-input"
            }
        }

        /// The process exit code: the one decision `Report.exitCode` takes from.
        public var exitCode: ExitCode {
            switch self {
            case .passed, .reportOnly: return .passed
            case .failed: return .findings
            case .invalidInput: return .invalidInput
            }
        }

        /// The words on the HTML page.
        public var words: String {
            switch self {
            case .passed: return "passed"
            case .failed: return "failed"
            case .reportOnly: return "report only"
            case .invalidInput: return "could not check"
            }
        }
    }

    /// What this run came to.
    public var runOutcome: RunOutcome {
        if isInvalidInput { return .invalidInput }
        if failOn == .never { return .reportOnly }
        return hasBlockingFindings ? .failed : .passed
    }
}
