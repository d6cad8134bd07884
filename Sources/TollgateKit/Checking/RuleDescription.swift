/// Everything known about a rule besides its logic: identity, why it exists, what it cites,
/// its default severity and parameters, and examples that run as tests.
public struct RuleDescription: Sendable {
    /// Stable id, never reused: `PRIV-001`, `ACC-009`, `LIC-001`.
    public let id: String
    /// Short kebab-case name, e.g. `lawful-basis-declared`.
    public let slug: String
    public let domain: Domain
    public let title: String
    /// Why the rule exists, in a sentence or two a compliance officer can quote.
    public let rationale: String
    public let severity: Severity
    /// Legal and standard references, e.g. `GDPR Art. 6(1)`.
    public let references: [String]
    public let controls: ControlMapping
    /// What to do about a finding.
    public let remediation: String
    public let parameters: [RuleParameter]
    public let examples: [RuleExample]
    /// For a rule that judges accounts by their last activity as of the as-of date
    /// (`Account.lastActivity`, ACC-012): the accounts it judges. A check that runs such a rule
    /// says once per user export newer than the as-of date which of those accounts it holds,
    /// and how the rule took them (`Inventory.exportsAfterAsOf`); nil for every other rule.
    public let activityScope: (@Sendable (Account) -> Bool)?

    public init(
        id: String, slug: String, domain: Domain, title: String, rationale: String, severity: Severity,
        references: [String], controls: ControlMapping, remediation: String, parameters: [RuleParameter] = [],
        examples: [RuleExample], activityScope: (@Sendable (Account) -> Bool)? = nil
    ) {
        self.id = id
        self.slug = slug
        self.domain = domain
        self.title = title
        self.rationale = rationale
        self.severity = severity
        self.references = references
        self.controls = controls
        self.remediation = remediation
        self.parameters = parameters
        self.examples = examples
        self.activityScope = activityScope
    }
}
