import Foundation
import Testing
import TollgateKit
import TollgateRules

/// One example of one rule, as a test argument.
struct ExampleCase: Sendable, CustomTestStringConvertible {
    let rule: any Rule
    let example: RuleExample

    var testDescription: String { "\(rule.description.id): \(example.name)" }

    static let all: [ExampleCase] = BuiltInRules.all.flatMap { rule in
        rule.description.examples.map { ExampleCase(rule: rule, example: $0) }
    }
}

/// Every rule example runs through the real pipeline: decode and validate the declaration,
/// check it with only that rule enabled, and compare the failing subjects.
@Test(arguments: ExampleCase.all)
func ruleExample(_ testCase: ExampleCase) throws {
    let rule = testCase.rule.description
    let example = testCase.example
    let outcome = InventoryLoader(importers: BuiltInImporters.all()).load(
        texts: [("example.yaml", example.declaration)] + example.attachments.map { ($0.name, $0.text) })
    #expect(outcome.errors.isEmpty, "the example's declaration must be valid: \(outcome.errors.map(\.description))")
    let policy = Policy(sources: [], settings: [rule.id: Policy.Setting(parameters: example.parameters)])
    let report = Checker(rules: [testCase.rule], policy: policy).check(outcome.inventory, asOf: example.asOf)
    let failing = Set(report.findings.map(\.subject.description))
    #expect(
        failing == Set(example.failing),
        "\(rule.id) '\(example.name)': found \(report.findings.map { "\($0.subject): \($0.message)" })")
    for finding in report.findings {
        #expect(finding.ruleID == rule.id)
        #expect(
            finding.message.first?.isUppercase != true && finding.message.last != ".",
            "messages are lowercase fragments: \(finding.message)")
        let files = ["example.yaml"] + example.attachments.map(\.name)
        #expect(files.contains(finding.location.file) && finding.location.line >= 1)
    }
}

@Suite("Rule catalogue")
struct RuleCatalogueTests {
    let catalog = BuiltInRules.catalog

    @Test func idsAreUniqueAndStable() {
        let ids = catalog.map(\.id)
        #expect(Set(ids).count == ids.count)
        for rule in catalog {
            let prefix = ["PRIV": Domain.privacy, "ACC": .accounts, "LIC": .licensing]
            let parts = rule.id.split(separator: "-")
            #expect(parts.count == 2 && parts[1].count == 3 && Int(parts[1]) != nil, "id \(rule.id) is PREFIX-nnn")
            #expect(prefix[String(parts[0])] == rule.domain, "\(rule.id) prefix matches its domain")
        }
    }

    @Test func everyRuleHasPassingAndFailingExamples() {
        for rule in catalog {
            #expect(rule.examples.contains { $0.triggers }, "\(rule.id) needs a failing example")
            #expect(rule.examples.contains { !$0.triggers }, "\(rule.id) needs a passing example")
            #expect(rule.examples.contains { $0.name.contains("boundary") }, "\(rule.id) needs a boundary example")
        }
    }

    @Test func everyRuleIsDocumented() {
        for rule in catalog {
            #expect(!rule.rationale.isEmpty && !rule.references.isEmpty && !rule.remediation.isEmpty, "\(rule.id)")
            #expect(!rule.controls.qualifiedIDs.isEmpty, "\(rule.id) maps to framework controls")
            #expect(
                rule.slug.allSatisfy { $0.isLowercase || $0 == "-" || $0.isNumber }, "\(rule.id) slug is kebab-case")
        }
    }

    @Test func exampleParametersAreDeclared() {
        for rule in catalog {
            let declared = Set(rule.parameters.map(\.name))
            for example in rule.examples {
                #expect(
                    Set(example.parameters.keys).isSubset(of: declared),
                    "\(rule.id) '\(example.name)' overrides undeclared parameters")
            }
        }
    }

    /// `docs/rules.md` is generated; this fails when a rule changed and the docs were not regenerated.
    @Test func ruleReferenceInDocsIsCurrent() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let committed = try String(contentsOf: root.appendingPathComponent("docs/rules.md"), encoding: .utf8)
        #expect(
            committed == RuleDocumentation.markdown(catalog),
            "docs/rules.md is stale: run `swift run tollgate rules --markdown > docs/rules.md`")
    }
}
