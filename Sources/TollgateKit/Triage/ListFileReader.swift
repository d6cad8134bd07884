import Foundation

/// Reads the versioned YAML/JSON files of the triage step (waivers, baselines): a mapping with
/// `version: 1` and one list of entries, each read strictly with its own `FieldReader`.
///
/// Shared so that both files report problems the same way: file:line:col, unknown keys with a
/// suggestion, every problem at once.
struct ListFileReader {
    let limits: LoadLimits
    /// The key of the list, e.g. `waivers`.
    let listKey: String
    /// What one entry is called in messages, e.g. `waiver`.
    let entryName: String
    /// The kind of file read, so that another kind given in its place is named (`TollgateFileKind`).
    let kind: TollgateFileKind
    /// Other top-level keys the format allows (read and otherwise ignored).
    var otherKeys: [String] = []

    /// Reads `path`, decoding each entry with `decode`; the file identity is `nil` when the
    /// file could not be read at all.
    func read<T>(
        path: String, decode: (inout FieldReader) -> T?
    ) -> (entries: [T], file: InputFile?, diagnostics: [Diagnostic]) {
        switch DocumentLoader(limits: limits).read(path: path) {
        case .failure(let diagnostic): return ([], nil, [diagnostic])
        case .success(let data): return read(data: data, path: path, decode: decode)
        }
    }

    /// Reads a file's bytes already in memory; `path` is how locations name it.
    func read<T>(
        data: Data, path: String, decode: (inout FieldReader) -> T?
    ) -> (entries: [T], file: InputFile?, diagnostics: [Diagnostic]) {
        let file = InputFile(path: path, sha256: SHA256.hex([UInt8](data)))
        let root: Node
        switch DocumentLoader(limits: limits).load(data: data, displayPath: path) {
        case .failure(let diagnostic): return ([], file, [diagnostic])
        case .success(let node): root = node
        }
        let (entries, diagnostics) = read(root, path: path, decode: decode)
        // A message may quote a value of the file (a rule that matches no rule, a subject, a
        // fingerprint): a credential pasted there is masked, as in declarations.
        return (entries, file, SecretRedactor.redact(diagnostics, of: root, file: path))
    }

    /// The entries of a parsed file, and its problems.
    private func read<T>(
        _ root: Node, path: String, decode: (inout FieldReader) -> T?
    ) -> (entries: [T], diagnostics: [Diagnostic]) {
        if let misplaced = TollgateFileKind.misplaced(root, file: path, expected: kind) {
            return ([], [misplaced])
        }
        var reader = FieldReader(node: root, file: path, pointer: "", context: "a \(entryName) file")
        guard reader.diagnostics.isEmpty else { return ([], reader.diagnostics) }
        if let version = reader.int("version", required: true), version != 1 {
            reader.report(
                "\(entryName) file format version \(version) is not supported", at: "version",
                hint: "this build reads version 1")
        }
        for key in otherKeys { _ = reader.value(key) }
        var entries: [T] = []
        if let list = reader.value(listKey) {
            if case .sequence(let items) = list.kind {
                for (index, item) in items.enumerated() {
                    var entryReader = FieldReader(
                        node: item, file: path, pointer: "/\(listKey)/\(index)", context: entryName)
                    if entryReader.diagnostics.isEmpty, let entry = decode(&entryReader) {
                        entries.append(entry)
                    }
                    entryReader.finish()
                    for diagnostic in entryReader.diagnostics { reader.absorb(diagnostic) }
                }
            } else {
                reader.report(
                    "expected a list for '\(listKey)', found \(list.typeDescription)", at: listKey,
                    hint: "write each \(entryName) as a `- ` item under `\(listKey):`")
            }
        } else {
            reader.report("missing required key '\(listKey)' in a \(entryName) file", hint: "add `\(listKey): []`")
        }
        reader.finish()
        return (entries, reader.diagnostics)
    }
}
