import ArgumentParser
import Foundation
import TollgateKit

extension ReportFormat: ExpressibleByArgument {}
extension Severity: ExpressibleByArgument {}
extension FailThreshold: ExpressibleByArgument {}

/// Options shared by the commands that read declarations.
struct InputOptions: ParsableArguments {
    @Argument(
        help: ArgumentHelp(
            "Declaration files (.yaml, .yml, .json), tool exports, SBOMs (CycloneDX JSON/XML, SPDX JSON), or directories.",
            valueName: "path"))
    var paths: [String] = []

    /// Numeric options take the next word whatever it looks like (`.unconditional`), so that a
    /// negative number reaches validation (`--max-file-size -1`: "must be between 1 and …")
    /// instead of being taken for an option ("Missing value for '--max-file-size'").
    @Option(
        name: .customLong("max-file-size"), parsing: .unconditional,
        help: ArgumentHelp("Largest input file accepted, in MiB.", valueName: "MiB"))
    var maxFileSize: Int = 32

    /// The kinds are those of the built-in importers, so the help names every kind `--import`
    /// accepts (it once named three of seven).
    @Option(
        name: .customLong("import"),
        help: ArgumentHelp(
            "Read a tool export or SBOM as KIND (\(BuiltInImporters.all().map(\.kind).joined(separator: ", "))) instead of detecting it. Repeatable.",
            valueName: "KIND=PATH"))
    var imports: [String] = []

    /// Adds the mistakes in these options to `problems`. Not a `validate()`, which the parser
    /// would run on its own and stop at: every command holding these options calls this from its
    /// `validate()`, so they are reported with the command's own (`UsageProblems`).
    func check(_ problems: inout UsageProblems) {
        for text in imports {
            if case .failure(let error) = ImportRequest.parse(text, kinds: BuiltInImporters.all().map(\.kind)) {
                problems.add(error.description)
            }
        }
        // The limit is kept in bytes; a larger number of MiB would overflow.
        if maxFileSize < 1 || maxFileSize > Int.max >> 20 {
            problems.add("--max-file-size must be between 1 and \(Int.max >> 20) (MiB)")
        }
    }

    /// The paths and `--import`s to read. That there is something to read is checked here, when
    /// the command runs, and not in `validate()`: the parser validates before it reports unknown
    /// options, so `check --bogus` would say that no path was given instead of naming `--bogus`.
    var sources: (paths: [String], imports: [ImportRequest]) {
        get throws {
            if paths.isEmpty && imports.isEmpty {
                throw ValidationError("name at least one declaration file or directory")
            }
            return (paths, try importRequests)
        }
    }

    /// The parsed `--import` options.
    var importRequests: [ImportRequest] {
        get throws {
            try imports.map { text in
                switch ImportRequest.parse(text, kinds: BuiltInImporters.all().map(\.kind)) {
                case .success(let request): return request
                case .failure(let error): throw ValidationError(error.description)
                }
            }
        }
    }

    /// The loader for these options, with every built-in importer.
    var loader: InventoryLoader { InventoryLoader(limits: limits, importers: BuiltInImporters.all(limits: limits)) }

    var limits: LoadLimits {
        var limits = LoadLimits.default
        limits.maxFileBytes = maxFileSize << 20
        return limits
    }
}

/// `--fail-on`, shared by `check` and `audit`. Given twice, it is refused as every single-value
/// option is (`SingleValueOptions`): with the last winning, a CI template that appends
/// `--fail-on critical` to an organisation's `--fail-on medium` turned a failing gate into a
/// passing one without a word. `none` makes a report-only run: it exits 0 whatever it finds, so
/// a pipeline need not tell exit 1 from the errors (2, 3, 64) to keep an advisory job green.
struct FailOnOption: ParsableArguments {
    @Option(
        name: .customLong("fail-on"),
        help: ArgumentHelp(
            "Exit 1 when an open finding is at or above this severity; none reports only and exits 0 whatever is found.",
            valueName: "severity"))
    var threshold: FailThreshold = .atOrAbove(.medium)
}

/// The value of `--output`, `--history` or `--bundle-state`: a path to write. An empty one
/// (`--output ""`, or an unset shell variable) is a mistake in the arguments, refused before
/// anything runs, not a file named "" that cannot be written (for the history, SQLite takes ""
/// as a temporary database that it deletes on closing, so the audit would silently be lost).
enum OutputPath {
    static func parse(_ argument: String) throws -> String {
        guard !argument.isEmpty else { throw ValidationError("the path is empty") }
        return argument
    }
}

/// A file an option names (a key, say), read whole. One that cannot be read means the command
/// could not do its job: exit 2 with the path and the reason, as for a policy pack that cannot be
/// read (not 64, which is for mistakes in the arguments themselves).
enum NamedFile {
    /// The bytes of a key or certificate file; a device, FIFO or file over `maxBytes` is refused
    /// unread (a key file naming /dev/zero must not read forever).
    static func contents(of path: String, what: String, maxBytes: Int = 1 << 20) throws -> Data {
        switch FileAccess.read(path, maxBytes: maxBytes) {
        case .success(let data): return data
        case .failure(let failure):
            Console.error("error: cannot read \(what) \(path): \(failure.reason(limit: maxBytes))")
            throw ExitCode(TollgateKit.ExitCode.invalidInput.rawValue)
        }
    }

    /// The names in the directory at `path`; one that cannot be listed is exit 2 with the reason,
    /// as a file that cannot be read is: the command cannot do its job (not a usage mistake).
    static func directoryContents(of path: String, what: String) throws -> [String] {
        if let names = try? FileManager.default.contentsOfDirectory(atPath: path) { return names }
        let reason: String
        switch FileAccess.check(path) {
        case .readable: reason = "it is not a directory"
        case .directory: reason = "it could not be listed"
        case let access: reason = access.reason ?? "it could not be listed"
        }
        Console.error("error: cannot list \(what) \(path): \(reason)")
        throw ExitCode(TollgateKit.ExitCode.invalidInput.rawValue)
    }
}

/// Parses `--as-of`, defaulting to today in UTC.
enum AsOf {
    static func resolve(_ text: String?) throws -> Day {
        guard let text else { return today() }
        guard let day = Day(iso: text), text.count == 10 else {
            throw ValidationError("--as-of must be a date as YYYY-MM-DD, e.g. 2026-03-31; got '\(text)'")
        }
        return day
    }

    static func today() -> Day {
        Day(ordinal: Int((Double(time(nil)) / 86_400).rounded(.down)))
    }
}
