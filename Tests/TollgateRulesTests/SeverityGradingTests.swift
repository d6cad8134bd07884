import Testing
import TollgateKit
import TollgateRules

/// A rule whose findings can come out at a severity other than its default says when, so that
/// `tollgate rules` and docs/rules.md match what a report shows.
@Suite("Severity grading")
struct SeverityGradingTests {
    /// The severities other than the rule's default that its examples produce.
    static func gradedSeverities(of rule: any Rule) -> Set<Severity> {
        var found: Set<Severity> = []
        for example in rule.description.examples {
            let outcome = InventoryLoader(importers: BuiltInImporters.all()).load(
                texts: [("example.yaml", example.declaration)] + example.attachments.map { ($0.name, $0.text) })
            let policy = Policy(
                sources: [], settings: [rule.description.id: Policy.Setting(parameters: example.parameters)])
            let report = Checker(rules: [rule], policy: policy).check(outcome.inventory, asOf: example.asOf)
            found.formUnion(report.findings.map(\.severity))
        }
        found.remove(rule.description.severity)
        return found
    }

    /// Privacy and licensing rules (the accounts rules word their grading their own way): the
    /// rationale has a "Graded:" sentence naming every other severity the examples produce.
    @Test(arguments: BuiltInRules.all.filter { $0.description.domain != .accounts }.map { RuleCase(rule: $0) })
    func gradingIsExplained(_ ruleCase: RuleCase) {
        let rule = ruleCase.rule.description
        let graded = Self.gradedSeverities(of: ruleCase.rule)
        guard !graded.isEmpty else { return }
        #expect(rule.rationale.contains("Graded:"), "\(rule.id) grades its findings but does not say when")
        for severity in graded {
            #expect(
                rule.rationale.contains(severity.rawValue),
                "\(rule.id) reports \(severity.rawValue) findings but its rationale does not say when")
        }
    }

    /// A policy `severity:` sets every finding of the rule to that severity, graded or not.
    @Test func policySeverityOverridesTheGrading() throws {
        let rule = RetentionBounded()
        let example = try #require(rule.description.examples.first { $0.name.hasPrefix("no retention declared") })
        let outcome = InventoryLoader().load(text: example.declaration, name: "stack.yaml")
        let graded = Checker(rules: [rule], policy: Policy(sources: [], settings: ["PRIV-018": Policy.Setting()]))
            .check(outcome.inventory, asOf: example.asOf).findings
        #expect(Set(graded.map(\.severity)) == [.high, .medium])
        let overridden = Checker(
            rules: [rule], policy: Policy(sources: [], settings: ["PRIV-018": Policy.Setting(severity: .low)])
        ).check(outcome.inventory, asOf: example.asOf).findings
        #expect(overridden.count == graded.count && overridden.allSatisfy { $0.severity == .low })
    }
}

/// One rule as a test argument, named by its id.
struct RuleCase: Sendable, CustomTestStringConvertible {
    let rule: any Rule
    var testDescription: String { rule.description.id }
}
