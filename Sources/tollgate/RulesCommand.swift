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

    @Argument(help: ArgumentHelp("A rule id, e.g. PRIV-001.", valueName: "id"))
    var id: String?

    @Flag(help: "Print the full rule reference as Markdown.")
    var markdown = false

    func validate() throws {
        if let id, !BuiltInRules.catalog.contains(where: { $0.id == id.uppercased() }) {
            let hint = BuiltInRules.catalog.map(\.id).filter { $0.hasPrefix(String(id.uppercased().prefix(4))) }.prefix(
                5)
            throw ValidationError(
                "unknown rule '\(id)'"
                    + (hint.isEmpty ? "" : "; rules of that domain include \(hint.joined(separator: ", "))"))
        }
    }

    func run() throws {
        let catalog = BuiltInRules.catalog
        if markdown {
            FileHandle.standardOutput.write(Data(RuleDocumentation.markdown(catalog).utf8))
        } else if let id, let rule = catalog.first(where: { $0.id == id.uppercased() }) {
            FileHandle.standardOutput.write(Data(RuleDocumentation.text(rule).utf8))
        } else {
            FileHandle.standardOutput.write(Data(RuleDocumentation.table(catalog).utf8))
        }
    }
}
