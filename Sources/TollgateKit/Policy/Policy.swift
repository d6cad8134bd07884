/// What the organisation requires: which rules run, at what severity, with which thresholds.
///
/// Built by `PolicyLoader` from one or more policy packs, or `Policy.allRules` when none is
/// given. Thresholds live here, not in rules.
public struct Policy: Sendable {
    /// One policy pack the policy was assembled from.
    public struct Source: Sendable, Hashable {
        public let name: String
        public let file: String
        public let description: String?
        /// SHA-256 of the pack's bytes, so reports can say exactly which policy ran.
        public let digest: String

        public init(name: String, file: String, description: String?, digest: String) {
            self.name = name
            self.file = file
            self.description = description
            self.digest = digest
        }

        /// `name sha256:digest` (or the name alone when there is no digest), as one-line
        /// report formats name the pack.
        public var label: String { digest.isEmpty ? name : "\(name) sha256:\(digest)" }
    }

    /// How one enabled rule runs.
    public struct Setting: Sendable, Hashable {
        public var severity: Severity?
        public var parameters: [String: ParameterValue]

        public init(severity: Severity? = nil, parameters: [String: ParameterValue] = [:]) {
            self.severity = severity
            self.parameters = parameters
        }
    }

    public let sources: [Source]
    /// Enabled rules by id.
    public let settings: [String: Setting]

    public init(sources: [Source], settings: [String: Setting]) {
        self.sources = sources
        self.settings = settings
    }

    /// Every rule of the catalogue with its defaults: what `tollgate check` runs without `--policy`.
    public static func allRules(_ catalog: [RuleDescription]) -> Policy {
        Policy(
            sources: [
                Source(
                    name: "built-in defaults", file: "", description: "every built-in rule with its default thresholds",
                    digest: "")
            ],
            settings: Dictionary(catalog.map { ($0.id, Setting()) }, uniquingKeysWith: { first, _ in first }))
    }
}
