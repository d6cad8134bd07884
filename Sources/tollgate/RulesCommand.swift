import ArgumentParser
import Foundation
import TollgateKit
import TollgateRules

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the built-in rules, or explain one.",
        discussion:
            "`tollgate rules` lists every rule; `tollgate rules ACC-009` shows its rationale, references, controls, parameters and examples; `--markdown` prints the rule reference of docs/rules.md."
    )

    @Argument(help: ArgumentHelp("A rule id or slug, e.g. PRIV-001, ACC9 or admin-mfa.", valueName: "id"))
    var id: String?

    @Flag(help: "Print the rule reference as Markdown (the one rule's section when an id is given).")
    var markdown = false

    func validate() throws {
        if let id, RuleLookup.rule(id, in: BuiltInRules.catalog) == nil {
            let near = RuleLookup.suggestion(for: id, in: BuiltInRules.catalog)
            throw ValidationError(
                "unknown rule '\(id)'" + (near.map { "; did you mean '\($0)'?" } ?? "; `tollgate rules` lists them all")
            )
        }
    }

    func run() throws {
        let catalog = BuiltInRules.catalog
        let rule = id.flatMap { RuleLookup.rule($0, in: catalog) }
        let text: String
        switch (rule, markdown) {
        case (let rule?, true): text = RuleDocumentation.markdown([rule])
        case (let rule?, false): text = RuleDocumentation.text(rule)
        case (nil, true): text = RuleDocumentation.markdown(catalog)
        case (nil, false): text = RuleDocumentation.table(catalog)
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
