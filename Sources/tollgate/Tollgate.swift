import ArgumentParser
import Foundation
import TollgateKit

@main
struct Tollgate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tollgate",
        abstract: "Check a marketing technology stack against privacy, account-security and licensing policy.",
        discussion: """
            Tollgate reads declarations of a marketing stack (systems, data flows, accounts, API keys, \
            subscriptions, licensed assets, web properties, e-mail programs) in YAML or JSON and checks \
            them against policy packs. Findings come out as text, JSON, JUnit XML, SARIF, a native XML \
            report, a self-contained HTML report, GitHub Actions annotations or GitLab Code Quality JSON.

            Typical use:
              tollgate validate stack/            check the declarations only
              tollgate check stack/               check against every built-in rule
              tollgate check stack/ --policy policies/eu-gdpr-marketing.yaml \\
                --report junit=out/junit.xml --report text
              tollgate check stack/ exports/gtm.json    tool exports are detected
              tollgate check stack/ --bundle policy.bundle.tar --trust trust.yaml
              tollgate rules                      list the rules
              tollgate rules PRIV-001             explain one
              tollgate baseline create stack/ --output baseline.json
              tollgate export fides stack/ --output fides.yml
              tollgate audit stack/ --output evidence/q3 \\
                --key auditor.pem --key-id auditor  a signed evidence pack
              tollgate --version                  print the version

            Exit codes:
              0   checked; nothing at or above --fail-on (always with --fail-on none)
              1   checked; findings at or above --fail-on
              2   could not check: invalid declarations or policy (every problem
                  is listed), or a report could not be written
              3   policy bundle not trusted
              64  usage error
            """,
        subcommands: [
            CheckCommand.self, ValidateCommand.self, RulesCommand.self, TaxonomyCommand.self, BaselineCommand.self,
            BundleCommand.self,
            ExportCommand.self,
            LineageBenchmarkCommand.self,
            AuditCommand.self, HistoryCommand.self,
        ]
    )

    /// Parses and runs like `ParsableCommand.main()`, except that a single-value option given
    /// more than once is refused (`SingleValueOptions`) and that a `ValidationError` thrown while
    /// running (a check that waits until the parser has reported unknown options, or a file named
    /// by an option that cannot be read) is reported as the parser reports its own: with the usage
    /// of the command that ran rather than of `tollgate`, and exit 64.
    ///
    /// `tollgate --version` is answered here rather than by a `version:` in the configuration:
    /// ArgumentParser (1.8) then lists a "--version  Show the version." flag in the help of every
    /// subcommand, and `bundle manifest` has an option `--version <version>` of its own, which
    /// takes precedence, so its help named `--version` twice and the flag did not work there.
    static func main() {
        if CommandLine.arguments.dropFirst().elementsEqual(["--version"]) {
            do { try Console.out(TollgateVersion.current) } catch { exit(withError: error) }
            return
        }
        if let typo = mistypedSubcommand(Array(CommandLine.arguments.dropFirst())) {
            usageError(typo.message, for: typo.parent)
        }
        var command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(withError: error)
        }
        // The parser answers a request for help with its own `help` command.
        let arguments = Array(CommandLine.arguments.dropFirst())
        if type(of: command).configuration.commandName == "help", let word = helpInsideAWord(arguments) {
            usageError(
                "Unknown option '\(word)' (to name a path that starts with '-', put '--' before it or "
                    + "write ./\(word))", for: commandNamed(by: arguments))
        }
        if let repeated = SingleValueOptions(of: type(of: command)).repeated(in: arguments) {
            usageError(repeated, for: type(of: command))
        }
        do {
            try command.run()
        } catch let error as ValidationError {
            usageError(error.message, for: type(of: command))
        } catch {
            exit(withError: error)
        }
    }

    /// Reports a mistake in the arguments as the parser reports its own, with the usage of the
    /// command `ran`, and exits 64.
    static func usageError(_ message: String, for ran: any ParsableCommand.Type) -> Never {
        Console.error(
            "Error: \(message)\nUsage: \(usageString(for: ran))\n"
                + "  See '\(name(of: ran)) --help' for more information.")
        exit(withError: ArgumentParser.ExitCode.validationFailure)
    }

    /// The word that made the parser show help although no help was asked for: ArgumentParser
    /// reads `-shop.yaml` as the short flags `-s -h -o …` and answers the `-h` among them with
    /// the help and exit 0, so a CI gate passed on a path (or a glob's expansion) that starts with
    /// '-'. Tollgate has no short options but `-h`; `-h`, `-help`, `--help` and the words after
    /// `--` are left alone.
    static func helpInsideAWord(_ arguments: [String]) -> String? {
        let options = arguments.prefix { $0 != "--" }
        guard !options.contains(where: { ["-h", "-help", "--help"].contains($0) }) else { return nil }
        return options.first { $0.hasPrefix("-") && !$0.hasPrefix("--") && $0.count > 2 && $0.contains("h") }
    }

    /// A mistyped subcommand of a command that has a default one: `tollgate audit verfy PACK` ran
    /// `audit run` with a stack named "verfy". A first word that is no subcommand, is not a file
    /// or directory, and is one or two edits from a subcommand's name (one for names of up to
    /// four letters) is refused, naming the subcommands; any other word is the default's argument.
    static func mistypedSubcommand(_ arguments: [String]) -> (message: String, parent: any ParsableCommand.Type)? {
        let parent = commandNamed(by: arguments)
        guard parent.configuration.defaultSubcommand != nil else { return nil }
        let depth = name(of: parent).split(separator: " ").count - 1
        guard arguments.count > depth, !arguments[depth].hasPrefix("-") else { return nil }
        let word = arguments[depth]
        let names = parent.configuration.subcommands.compactMap { $0.configuration.commandName }
        guard !FileManager.default.fileExists(atPath: word) else { return nil }
        let near = names.filter { Suggestion.editDistance(word, $0, limit: 2) <= ($0.count <= 4 ? 1 : 2) }
        guard let guess = near.first else { return nil }
        return (
            "unknown subcommand '\(word)' of '\(name(of: parent))'; did you mean '\(guess)'? "
                + "(subcommands: \(names.joined(separator: ", ")))",
            parent
        )
    }

    /// The command the leading words name (`bundle sign`), or `tollgate` itself.
    static func commandNamed(by arguments: [String]) -> any ParsableCommand.Type {
        var command: any ParsableCommand.Type = Tollgate.self
        for word in arguments {
            guard
                let next = command.configuration.subcommands.first(where: { $0.configuration.commandName == word })
            else { break }
            command = next
        }
        return command
    }

    /// The words that name a command on the command line, e.g. "tollgate audit run".
    static func name(of target: any ParsableCommand.Type) -> String {
        func path(from command: any ParsableCommand.Type) -> [String]? {
            let name = command.configuration.commandName ?? ""
            if command == target { return [name] }
            for subcommand in command.configuration.subcommands {
                if let rest = path(from: subcommand) { return [name] + rest }
            }
            return nil
        }
        return (path(from: Tollgate.self) ?? ["tollgate"]).joined(separator: " ")
    }
}
