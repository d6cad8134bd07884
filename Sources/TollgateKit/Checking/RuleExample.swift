/// A small declaration that shows a rule passing or failing. Examples are documentation and
/// tests at once: the test suite runs every example through the whole pipeline.
public struct RuleExample: Sendable {
    /// What the example shows, e.g. "14 characters without MFA (boundary)".
    public let name: String
    /// A complete declaration document (YAML, `version: 1`).
    public let declaration: String
    /// Subjects (`system:crm`) the rule must report; empty when the example must pass.
    public let failing: [String]
    /// The as-of date the example is evaluated on.
    public let asOf: Day
    /// Parameter overrides for this example.
    public let parameters: [String: ParameterValue]
    /// Other files loaded beside the declaration, for rules over imported tool exports (a GTM
    /// container, a TCF vendor list): name and content, read through the built-in importers.
    public let attachments: [Attachment]

    /// A file loaded beside an example's declaration.
    public struct Attachment: Sendable {
        public let name: String
        public let text: String

        public init(_ name: String, _ text: String) {
            self.name = name
            self.text = text
        }
    }

    /// Whether the example is meant to trigger the rule.
    public var triggers: Bool { !failing.isEmpty }

    public init(
        _ name: String, failing: [String] = [], asOf: String = "2026-06-01",
        parameters: [String: ParameterValue] = [:], attachments: [Attachment] = [], _ declaration: String
    ) {
        self.name = name
        self.declaration = declaration
        self.failing = failing
        self.asOf = Day(iso: asOf)!
        self.parameters = parameters
        self.attachments = attachments
    }
}
