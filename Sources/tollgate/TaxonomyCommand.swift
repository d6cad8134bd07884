import ArgumentParser
import Foundation
import TollgateKit

struct TaxonomyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "taxonomy",
        abstract: "List the data categories, data uses and data subjects declarations may use.",
        discussion: """
            The vocabulary is the Fides taxonomy (© Ethyca, CC BY 4.0) plus Tollgate's extensions. \
            Keys match by ancestor on dot boundaries: a rule about user.contact covers \
            user.contact.email but not user.contactless.
            """
    )

    enum Vocabulary: String, ExpressibleByArgument, CaseIterable {
        case categories, uses, subjects

        var kind: Taxonomy.Kind {
            switch self {
            case .categories: return .dataCategory
            case .uses: return .dataUse
            case .subjects: return .dataSubject
            }
        }
    }

    @Argument(help: "Which vocabulary (default: all three).")
    var vocabulary: Vocabulary?

    func run() throws {
        let taxonomy = Taxonomy.standard
        var out = ""
        for vocabulary in vocabulary.map({ [$0] }) ?? Vocabulary.allCases {
            out += "# data \(vocabulary.rawValue)\n"
            for key in taxonomy.keys(vocabulary.kind) {
                guard let entry = taxonomy.entry(key, vocabulary.kind) else { continue }
                let depth = key.split(separator: ".").count - 1
                var line = String(repeating: "  ", count: depth) + key + "  (" + entry.name + ")"
                if entry.isDeprecated { line += "  deprecated" + (entry.replacedBy.map { ", use \($0)" } ?? "") }
                out += line + "\n"
            }
        }
        try Console.write(Data(out.utf8))
    }
}
