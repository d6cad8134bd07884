/// A problem that stops a document from being read, at the mark where it was found.
///
/// The pre-scan, the YAML reader and the Yams reference path report the same three things
/// (where, what, how to fix it); one type lets `DocumentLoader` turn each into a diagnostic the
/// same way.
struct DocumentProblem: Error {
    let mark: Mark
    let message: String
    let hint: String?

    /// The problem as a diagnostic in `file`.
    func diagnostic(file: String) -> Diagnostic {
        Diagnostic(
            at: SourceLocation(file: file, mark: mark), message, hint: hint)
    }
}

extension Node {
    /// The entries a YAML merge key (`<<`) contributes when its value is `value`: one mapping,
    /// or a list of mappings, in order (callers keep the first of each key, after explicit ones).
    static func entriesToMerge(from value: Node) throws(DocumentProblem) -> [Entry] {
        let sources: [Node]
        switch value.kind {
        case .mapping: sources = [value]
        case .sequence(let items): sources = items
        case .scalar: throw mergeProblem(at: value.mark)
        }
        var result: [Entry] = []
        for source in sources {
            guard case .mapping(let entries) = source.kind else { throw mergeProblem(at: source.mark) }
            result.append(contentsOf: entries)
        }
        return result
    }

    private static func mergeProblem(at mark: Mark) -> DocumentProblem {
        DocumentProblem(
            mark: mark, message: "a merge key (<<) needs a mapping or a list of mappings",
            hint: "point << at an anchored mapping, e.g. `<<: *defaults`")
    }
}
