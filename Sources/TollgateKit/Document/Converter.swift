import Yams

/// Converts a Yams node tree into Tollgate's `Node`, counting nodes against a budget: the
/// reference path the tests compare `YAMLReader` with (`DocumentLoader(useYAMLReader: false)`).
///
/// Yams shares aliased subtrees, so a billion-laughs file is small in memory until something
/// walks it; this walk is where the expansion would happen, so it is where the budget applies.
/// YAML merge keys (`<<: *defaults`) are resolved here: explicit keys win over merged ones.
struct Converter {
    private var remaining: Int
    private let maxDepth: Int

    init(budget: Int, maxDepth: Int) {
        self.remaining = budget
        self.maxDepth = maxDepth
    }

    mutating func convert(_ node: Yams.Node, depth: Int) throws -> Node {
        let mark = Self.mark(node.mark)
        remaining -= 1
        if remaining < 0 {
            throw DocumentProblem(
                mark: mark, message: "document expands to too many values (YAML alias bomb?)",
                hint: "aliases may repeat values, but not multiply them; write the values out")
        }
        if depth > maxDepth {
            throw DocumentProblem(
                mark: mark, message: "nesting is deeper than \(maxDepth) levels",
                hint: "declarations need only a few levels; check the structure of this value")
        }
        switch node {
        case .scalar(let scalar):
            return Node(.scalar(text: scalar.string, isPlain: scalar.style == .plain), mark: mark)
        case .sequence(let sequence):
            var items: [Node] = []
            items.reserveCapacity(sequence.count)
            for item in sequence {
                items.append(try convert(item, depth: depth + 1))
            }
            return Node(.sequence(items), mark: mark)
        case .mapping(let mapping):
            var entries: [Node.Entry] = []
            var merged: [Node.Entry] = []
            entries.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw DocumentProblem(
                        mark: Self.mark(key.mark), message: "mapping keys must be strings",
                        hint: "write the key as a plain or quoted string")
                }
                if keyScalar.string == "<<" && keyScalar.style == .plain {
                    merged.append(contentsOf: try Node.entriesToMerge(from: convert(value, depth: depth)))
                    continue
                }
                let converted = try convert(value, depth: depth + 1)
                entries.append(Node.Entry(key: keyScalar.string, keyMark: Self.mark(key.mark), value: converted))
            }
            if !merged.isEmpty {
                let explicit = Set(entries.map(\.key))
                var seen = Set<String>()
                for entry in merged where !explicit.contains(entry.key) && seen.insert(entry.key).inserted {
                    entries.append(entry)
                }
            }
            return Node(.mapping(entries), mark: mark)
        case .alias(let alias):
            throw DocumentProblem(
                mark: Self.mark(alias.mark), message: "unresolved alias", hint: "define the anchor before using it")
        }
    }

    static func mark(_ mark: Yams.Mark?) -> Mark {
        Mark(line: mark?.line ?? 1, column: mark?.column ?? 1)
    }
}
