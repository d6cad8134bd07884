import Foundation
import Yams

/// Reads one YAML or JSON file into a located `Node` tree, defending against hostile input.
///
/// Checks run before the YAML parser sees the bytes (size, NUL bytes, UTF-8, nesting depth,
/// aliases used as keys), because libyaml and Yams recurse per nesting level and hash mapping
/// keys structurally: a pathological file must be refused before it reaches them.
public struct DocumentLoader: Sendable {
    public let limits: LoadLimits
    /// Whether strict JSON takes `JSONReader` rather than the YAML path; off only to compare.
    let useJSONReader: Bool
    /// Whether YAML is read from libyaml's events (`YAMLReader`) rather than composed by Yams
    /// and copied by `Converter`; off only in tests, which keep Yams as the reference.
    let useYAMLReader: Bool

    public init(limits: LoadLimits = .default) {
        self.init(limits: limits, useJSONReader: true)
    }

    init(limits: LoadLimits, useJSONReader: Bool, useYAMLReader: Bool = true) {
        self.limits = limits
        self.useJSONReader = useJSONReader
        self.useYAMLReader = useYAMLReader
    }

    /// Loads the file at `path`; `displayPath` is how locations will name it.
    public func load(path: String, displayPath: String? = nil) -> Result<Node, Diagnostic> {
        read(path: path, displayPath: displayPath).flatMap { load(data: $0, displayPath: displayPath ?? path) }
    }

    /// Reads the bytes of the file at `path`, refusing files over the size limit before reading
    /// them; callers that also need the bytes (to digest them) read once and then `load(data:)`.
    /// `what` names the file in "cannot read …" messages ("policy file"); `whole` says that the
    /// file cannot be split (an export a system names), so a file over the limit is not told to be.
    public func read(
        path: String, displayPath: String? = nil, what: String = "file", whole: Bool = false
    ) -> Result<Data, Diagnostic> {
        let shown = displayPath ?? path
        let start = SourceLocation(file: shown, line: 1, column: 1)
        switch FileAccess.read(path, maxBytes: limits.maxFileBytes) {
        case .success(let data):
            return .success(data)
        case .failure(.tooLarge(let size)):
            return .failure(tooLarge(size, at: start, whole: whole))
        case .failure(.unreadable(let access)):
            return .failure(access.diagnostic(shown: shown, what: what))
        }
    }

    /// A file over the size limit. Declarations can be split; a tool export, policy or baseline is
    /// read whole, so the hint does not tell only to split.
    private func tooLarge(_ size: Int, at start: SourceLocation, whole: Bool = false) -> Diagnostic {
        // --max-file-size is in MiB: the smallest value that admits this file.
        let needed = "--max-file-size \((size + (1 << 20) - 1) >> 20)"
        return Diagnostic(
            at: start, "file is \(Self.megabytes(size)), over the \(Self.megabytes(limits.maxFileBytes)) limit",
            hint: whole
                ? "an export is read whole and cannot be split: raise the limit with \(needed) or more"
                : "raise --max-file-size; a declaration file can instead be split into several files in one directory")
    }

    /// Loads a document from bytes already in memory. A duplicate key fails the load (the
    /// first one found); `loadScanningSecrets` instead reports every one and goes on.
    public func load(data: Data, displayPath: String) -> Result<Node, Diagnostic> {
        parse(data: data, displayPath: displayPath, scanningSecrets: false).flatMap { parsed in
            parsed.problems.first.map { .failure($0) } ?? .success(parsed.root)
        }
    }

    /// Loads a document from bytes already in memory, with every credential pasted into it
    /// (what `SecretScanner.scan(_:file:)` finds in the tree). Strict JSON is scanned while it
    /// is read; other documents are walked once parsed.
    /// Its `problems` are the document's duplicate keys: errors, but the rest of the document
    /// loaded (without each later entry), so a caller can report them with everything else.
    func loadScanningSecrets(
        data: Data, displayPath: String
    ) -> Result<(root: Node, secrets: [ExposedSecret], problems: [Diagnostic]), Diagnostic> {
        parse(data: data, displayPath: displayPath, scanningSecrets: true).map { parsed in
            let secrets =
                parsed.sightings?.secrets(in: parsed.root, file: displayPath)
                ?? SecretScanner().scan(parsed.root, file: displayPath)
            return (parsed.root, secrets, parsed.problems)
        }
    }

    /// A parsed document: its tree, the secrets the JSON reader saw in it, and the problems
    /// that did not stop the parse.
    private struct Parsed {
        let root: Node
        var sightings: SecretSightings? = nil
        var problems: [Diagnostic] = []
    }

    private func parse(data: Data, displayPath: String, scanningSecrets: Bool) -> Result<Parsed, Diagnostic> {
        let start = SourceLocation(file: displayPath, line: 1, column: 1)
        if data.count > limits.maxFileBytes { return .failure(tooLarge(data.count, at: start)) }
        // Strict JSON is read where `Data` holds the bytes; only the YAML path copies them into
        // an array (the copy was 2.6 % of loading at L).
        switch data.withUnsafeBytes({ readStrictJSON($0.bindMemory(to: UInt8.self), scanningSecrets: scanningSecrets) })
        {
        case .read(let root, let sightings): return .success(Parsed(root: root, sightings: sightings))
        case .blank:
            return .failure(
                Diagnostic(
                    at: start, "file is empty",
                    hint: "a declaration file starts with `version: 1`; remove the file if it is not needed"))
        case .declined: break
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let prescan = Prescan(bytes: bytes)
        if let problem = prescan.firstProblem(limits: limits) { return .failure(problem.diagnostic(file: displayPath)) }
        // A `.json` file is strict JSON, which other tools read too; the YAML parser would take
        // trailing commas, comments and unquoted words. Only files the fast reader declined get here.
        if Self.isJSONFile(displayPath), let problem = JSONSyntaxCheck.firstProblem(in: bytes) {
            return .failure(problem.diagnostic(file: displayPath))
        }
        let budget = bytes.count + limits.aliasNodeAllowance
        if !useYAMLReader { return composeWithYams(bytes, displayPath: displayPath, budget: budget) }
        let read = bytes.withUnsafeBufferPointer { YAMLReader.read($0, budget: budget, maxDepth: limits.maxDepth) }
        switch read {
        case .failure(let problem): return .failure(problem.diagnostic(file: displayPath))
        case .success(let document):
            guard let root = document.root else {
                return .failure(
                    Diagnostic(at: start, "file holds no document", hint: "a declaration file starts with `version: 1`")
                )
            }
            return .success(Parsed(root: root, problems: document.duplicates.map { $0.diagnostic(file: displayPath) }))
        }
    }

    /// The reference path the tests compare `YAMLReader` with: Yams composes its tree, which
    /// `Converter` copies into ours.
    private func composeWithYams(_ bytes: [UInt8], displayPath: String, budget: Int) -> Result<Parsed, Diagnostic> {
        let start = SourceLocation(file: displayPath, line: 1, column: 1)
        let text = String(decoding: bytes, as: UTF8.self)
        let root: Yams.Node
        do {
            guard let composed = try Yams.compose(yaml: text) else {
                return .failure(
                    Diagnostic(at: start, "file holds no document", hint: "a declaration file starts with `version: 1`")
                )
            }
            root = composed
        } catch let error as YamlError {
            return .failure(Self.diagnostic(for: error, file: displayPath))
        } catch {
            return .failure(Diagnostic(at: start, "cannot parse: \(error)"))
        }
        var converter = Converter(budget: budget, maxDepth: limits.maxDepth)
        do {
            return .success(Parsed(root: try converter.convert(root, depth: 0)))
        } catch let problem as DocumentProblem {
            return .failure(problem.diagnostic(file: displayPath))
        } catch {
            return .failure(Diagnostic(at: start, "cannot read document: \(error)"))
        }
    }

    /// What the strict JSON reader made of a file.
    private enum StrictJSONRead {
        case read(Node, SecretSightings?)
        /// Nothing but whitespace (after a byte-order mark).
        case blank
        /// Not strict JSON: YAML, or JSON with a problem Yams and `Prescan` describe.
        case declined
    }

    /// Strict JSON takes the fast reader, which yields exactly the tree the YAML path would and
    /// enforces the same depth limit; it declines anything else (YAML, malformed JSON, invalid
    /// UTF-8, control characters, duplicate keys), which then goes through the checks (in a
    /// `.json` file, `JSONSyntaxCheck` too) and the YAML reader.
    /// Accepted JSON has nothing `Prescan` looks for: no aliases, no control characters outside
    /// whitespace, valid UTF-8, nesting within the limit.
    private func readStrictJSON(_ file: UnsafeBufferPointer<UInt8>, scanningSecrets: Bool) -> StrictJSONRead {
        let bytes = file.starts(with: [0xEF, 0xBB, 0xBF]) ? UnsafeBufferPointer(rebasing: file[3...]) : file
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return .blank }
        guard useJSONReader, let first = bytes.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D }),
            first == UInt8(ascii: "{") || first == UInt8(ascii: "["),
            let read = JSONReader.read(bytes, maxDepth: limits.maxDepth, scanningSecrets: scanningSecrets)
        else { return .declined }
        return .read(read.root, read.sightings)
    }

    /// Whether `path` names a `.json` file (any case), which must hold strict JSON.
    static func isJSONFile(_ path: String) -> Bool {
        path.lowercased().hasSuffix(".json")
    }

    static func megabytes(_ bytes: Int) -> String {
        let value = Double(bytes) / 1_048_576
        return value >= 10 ? "\(Int(value.rounded())) MiB" : String(format: "%.1f MiB", value)
    }

    /// Turns a Yams error into one diagnostic at the parser's own mark.
    static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
        func at(_ mark: Yams.Mark) -> SourceLocation {
            SourceLocation(file: file, line: mark.line, column: mark.column)
        }
        let start = SourceLocation(file: file, line: 1, column: 1)
        let hint = "fix the syntax; YAML and JSON are accepted"
        switch error {
        case .scanner(let context, let problem, let mark, let yaml),
            .parser(let context, let problem, let mark, let yaml),
            .composer(let context, let problem, let mark, let yaml):
            let syntaxProblem = Array(yaml.utf8).withUnsafeBufferPointer {
                YAMLReader.syntaxProblem(
                    problem, at: Mark(line: mark.line, column: mark.column), context: context?.text,
                    contextMark: Mark(line: context?.mark.line ?? 1, column: context?.mark.column ?? 1), in: $0)
            }
            return syntaxProblem.diagnostic(file: file)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return Diagnostic(
                at: at(context.mark),
                "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in one mapping",
                hint: "each key may appear once; merge the two entries")
        case .reader(let problem, _, _, _):
            return Diagnostic(at: start, "cannot read text: \(problem)", hint: "save the file as UTF-8")
        default:
            return Diagnostic(at: start, "cannot parse: \(error)", hint: hint)
        }
    }
}
