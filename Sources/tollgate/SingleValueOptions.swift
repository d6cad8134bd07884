import ArgumentParser
import Foundation

/// The options of a command that take one value, each of which may be given only once.
///
/// ArgumentParser keeps the last of several values silently, so a CI template that appends
/// `--fail-on critical`, `--as-of`, `--output` or `--baseline` to a job's own would change what
/// the job checks, or where its report goes, without a word. Which options take one value is
/// read from the parser's own description of the command (the JSON it prints for
/// `--experimental-dump-help`): an option added later is covered without a list to keep, and
/// the repeatable ones (`--policy`, `--report`, `--import`, `--waivers`) are left alone.
///
/// The description is asked for as a user would, by parsing `--experimental-dump-help` and
/// taking the message of what the parser throws (`parseAsRoot`, `fullMessage(for:)`): the same
/// JSON as the underscored `_dumpHelp()`, which is no public API. The flag is documented, if
/// experimental ("Experimental Features" in ArgumentParser's documentation); the CLI tests of
/// repeated options fail if it changes.
struct SingleValueOptions {
    let command: any ParsableCommand.Type

    init(of command: any ParsableCommand.Type) { self.command = command }

    /// The long names, without `--`, of the command's options that take one value. Read from
    /// the parser's description, which is built only when an option word does repeat, so an
    /// ordinary command line does not pay for it.
    private var names: Set<String> {
        let description = try? JSONDecoder().decode(CommandDescription.self, from: Data(dump.utf8))
        return Set(
            (description?.command.arguments ?? []).filter { $0.kind == "option" && !$0.isRepeating }
                .flatMap { $0.names ?? [] }.filter { $0.kind == "long" }.map(\.name))
    }

    /// The parser's JSON description of the command, or "" should it parse the flag after all.
    private var dump: String {
        do {
            _ = try command.parseAsRoot(["--experimental-dump-help"])
            return ""
        } catch {
            return command.fullMessage(for: error)
        }
    }

    /// "--as-of given twice (2026-01-01, 2026-02-02); give it once" for the first of these
    /// options that `arguments` (a command line that parsed) give more than once, or nil.
    ///
    /// After a successful parse every word before `--` that starts with `--` names an option or
    /// a flag: an option's value cannot look like one (the parser refuses it), except for the
    /// whole-number options read unconditionally, where such a word would not have parsed.
    func repeated(in arguments: [String]) -> String? {
        var values: [String: [String]] = [:]
        var order: [String] = []
        let words = Array(arguments.prefix { $0 != "--" })
        for (index, word) in words.enumerated() where word.hasPrefix("--") {
            let parts = word.dropFirst(2).split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            let value = parts.count == 2 ? String(parts[1]) : index + 1 < words.count ? words[index + 1] : ""
            if values[name] == nil { order.append(name) }
            values[name, default: []].append(value)
        }
        let repeatedWords = order.filter { values[$0]!.count > 1 }
        guard !repeatedWords.isEmpty else { return nil }
        let names = names
        guard let name = repeatedWords.first(where: names.contains), let given = values[name] else { return nil }
        let times = given.count == 2 ? "twice" : "\(given.count) times"
        return "--\(name) given \(times) (\(given.joined(separator: ", "))); give it once"
    }

    /// The part of the parser's description of a command read here.
    private struct CommandDescription: Decodable {
        struct Command: Decodable { let arguments: [Argument]? }
        struct Argument: Decodable {
            let kind: String
            let isRepeating: Bool
            let names: [Name]?
        }
        struct Name: Decodable {
            let kind: String
            let name: String
        }
        let command: Command
    }
}
