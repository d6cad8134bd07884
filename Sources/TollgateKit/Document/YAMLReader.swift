// libyaml as Yams compiles it in: Yams offers only its own node tree, and reading the events
// lets us build ours directly. Importing the module Yams links adds no second copy of libyaml.
import CYaml

/// Reads one YAML document into `Node`s from libyaml's event stream.
///
/// Until the tenth round Yams composed its own tree and `Converter` copied it into ours: two
/// trees per file, and Yams hashed every mapping's keys structurally to find duplicates. Built
/// from the events, the tree is made once, and a duplicate key becomes one problem among the
/// others instead of the end of the file: the later entry is dropped and reported at its own
/// line, and the document still loads, so the decoder can report everything else too.
///
/// Aliases are expanded by sharing the anchored node (copy-on-write, nothing is copied) and
/// count the nodes they stand for against the same budget `Converter` used, so an alias bomb is
/// refused as soon as it is read rather than when something walks it. Merge keys (`<<`) are
/// resolved here as there: explicit keys win over merged ones, earlier sources over later.
struct YAMLReader {

    /// What `read` returns for a document it could read.
    struct Document {
        /// The root, or `nil` when the stream holds no document at all.
        let root: Node?
        /// Duplicate keys, in document order; each later entry was dropped.
        let duplicates: [DocumentProblem]
    }

    /// A node with what an alias to it costs: how many nodes it stands for and how deep it goes.
    private struct Built {
        let node: Node
        let size: Int
        let height: Int
    }

    private let parser: UnsafeMutablePointer<yaml_parser_t>
    /// The text being read, to look at the character a syntax error points at.
    private let bytes: UnsafeBufferPointer<UInt8>
    private var remaining: Int
    private let maxDepth: Int
    private var anchors: [String: Built] = [:]
    private var duplicates: [DocumentProblem] = []

    /// Reads the single document in `bytes` (UTF-8, already through `Prescan`), expanding at
    /// most `budget` nodes and nesting at most `maxDepth` levels.
    static func read(
        _ bytes: UnsafeBufferPointer<UInt8>, budget: Int, maxDepth: Int
    ) -> Result<Document, DocumentProblem> {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        guard yaml_parser_initialize(parser) == 1 else {
            parser.deallocate()
            return .failure(
                DocumentProblem(mark: Mark(line: 1, column: 1), message: "cannot parse: out of memory", hint: nil))
        }
        defer {
            yaml_parser_delete(parser)
            parser.deallocate()
        }
        yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
        var reader = YAMLReader(parser: parser, bytes: bytes, remaining: budget, maxDepth: maxDepth)
        do {
            let root = try reader.document()
            return .success(Document(root: root, duplicates: reader.duplicates))
        } catch let failure as DocumentProblem {
            return .failure(failure)
        } catch {
            return .failure(
                DocumentProblem(mark: Mark(line: 1, column: 1), message: "cannot parse: \(error)", hint: nil))
        }
    }

    private init(
        parser: UnsafeMutablePointer<yaml_parser_t>, bytes: UnsafeBufferPointer<UInt8>, remaining: Int, maxDepth: Int
    ) {
        self.parser = parser
        self.bytes = bytes
        self.remaining = remaining
        self.maxDepth = maxDepth
    }

    // MARK: - Events

    /// One event, copied out of libyaml's (which is freed at once).
    private enum Event {
        case scalar(text: String, isPlain: Bool, anchor: String?, mark: Mark)
        case sequenceStart(anchor: String?, mark: Mark)
        case mappingStart(anchor: String?, mark: Mark)
        case alias(anchor: String, mark: Mark)
        case end
        case documentStart(mark: Mark)
        case streamEnd
        /// Stream start and document end, which carry nothing this reader needs.
        case other
    }

    private func next() throws -> Event {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else { throw syntaxDocumentProblem() }
        defer { yaml_event_delete(&event) }
        let mark = Mark(line: event.start_mark.line + 1, column: event.start_mark.column + 1)
        switch event.type {
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            return .scalar(
                text: text, isPlain: scalar.style == YAML_PLAIN_SCALAR_STYLE, anchor: Self.string(scalar.anchor),
                mark: mark)
        case YAML_SEQUENCE_START_EVENT:
            return .sequenceStart(anchor: Self.string(event.data.sequence_start.anchor), mark: mark)
        case YAML_MAPPING_START_EVENT:
            return .mappingStart(anchor: Self.string(event.data.mapping_start.anchor), mark: mark)
        case YAML_ALIAS_EVENT:
            return .alias(anchor: Self.string(event.data.alias.anchor) ?? "", mark: mark)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            return .end
        case YAML_DOCUMENT_START_EVENT:
            return .documentStart(mark: mark)
        case YAML_STREAM_END_EVENT:
            return .streamEnd
        default:
            return .other
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    /// libyaml's own description of what is wrong, where.
    private func syntaxDocumentProblem() -> DocumentProblem {
        let state = parser.pointee
        let problem = state.problem.map { String(cString: $0) } ?? "unknown problem"
        switch state.error {
        case YAML_MEMORY_ERROR:
            return DocumentProblem(mark: Mark(line: 1, column: 1), message: "cannot parse: out of memory", hint: nil)
        case YAML_READER_ERROR:
            return DocumentProblem(
                mark: Mark(line: 1, column: 1), message: "cannot read text: \(problem)", hint: "save the file as UTF-8")
        default:
            return Self.syntaxProblem(
                problem, at: Mark(line: state.problem_mark.line + 1, column: state.problem_mark.column + 1),
                context: state.context.map { String(cString: $0) },
                contextMark: Mark(line: state.context_mark.line + 1, column: state.context_mark.column + 1), in: bytes)
        }
    }

    // MARK: - Structure

    private mutating func document() throws -> Node? {
        _ = try next()  // stream start
        guard case .documentStart = try next() else { return nil }
        let root = try node(try next(), depth: 0).node
        _ = try next()  // document end
        if case .documentStart(let mark) = try next() {
            throw DocumentProblem(
                mark: mark, message: "file holds more than one YAML document",
                hint: "a declaration file is one document: remove the `---` line, or split the file in two")
        }
        return root
    }

    private mutating func node(_ event: Event, depth: Int) throws -> Built {
        switch event {
        case .scalar(let text, let isPlain, let anchor, let mark):
            try count(1, height: 0, depth: depth, at: mark)
            return register(
                Built(node: Node(.scalar(text: text, isPlain: isPlain), mark: mark), size: 1, height: 0), anchor)
        case .sequenceStart(let anchor, let mark):
            try count(1, height: 0, depth: depth, at: mark)
            var items: [Node] = []
            var size = 1
            var height = 0
            while true {
                let item = try next()
                if case .end = item { break }
                let built = try node(item, depth: depth + 1)
                items.append(built.node)
                size += built.size
                height = max(height, built.height + 1)
            }
            return register(Built(node: Node(.sequence(items), mark: mark), size: size, height: height), anchor)
        case .mappingStart(let anchor, let mark):
            try count(1, height: 0, depth: depth, at: mark)
            return register(try mapping(at: mark, depth: depth), anchor)
        case .alias(let anchor, let mark):
            guard let anchored = anchors[anchor] else {
                throw DocumentProblem(
                    mark: mark, message: "syntax error: found undefined alias",
                    hint: "define the anchor (`&\(anchor)`) before using it")
            }
            try count(anchored.size, height: anchored.height, depth: depth, at: mark)
            return anchored
        case .end, .documentStart, .streamEnd, .other:
            throw DocumentProblem(mark: Mark(line: 1, column: 1), message: "syntax error: unexpected event", hint: nil)
        }
    }

    /// A mapping's entries after its start event: duplicates dropped and reported, merge keys
    /// resolved.
    private mutating func mapping(at mark: Mark, depth: Int) throws -> Built {
        var entries: [Node.Entry] = []
        var merged: [Node.Entry] = []
        var size = 1
        var height = 0
        // Small mappings find a duplicate by looking along the entries; large ones by hashing.
        var positions: [String: Int]? = nil
        while true {
            let keyEvent = try next()
            if case .end = keyEvent { break }
            let (name, isPlain, keyMark) = try key(keyEvent)
            let value = try node(try next(), depth: depth + 1)
            size += value.size
            height = max(height, value.height + 1)
            if name == "<<" && isPlain {
                merged.append(contentsOf: try Node.entriesToMerge(from: value.node))
                continue
            }
            if positions == nil && entries.count == 16 {
                positions = Dictionary(
                    entries.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
            }
            let earlier = positions.map { $0[name] } ?? entries.firstIndex { $0.key == name }
            if let earlier {
                let first = entries[earlier].keyMark
                duplicates.append(
                    DocumentProblem(
                        mark: keyMark,
                        message:
                            "duplicate key '\(name)' in one mapping (first at line \(first.line), column \(first.column))",
                        hint: "each key may appear once; merge the two entries"))
                continue
            }
            positions?[name] = entries.count
            entries.append(Node.Entry(key: name, keyMark: keyMark, value: value.node))
        }
        if !merged.isEmpty {
            var seen = Set(entries.map(\.key))
            for entry in merged where seen.insert(entry.key).inserted { entries.append(entry) }
        }
        return Built(node: Node(.mapping(entries), mark: mark), size: size, height: height)
    }

    /// A mapping key: a scalar, or an alias to one (which `Prescan` has refused before here).
    private mutating func key(_ event: Event) throws -> (name: String, isPlain: Bool, mark: Mark) {
        switch event {
        case .scalar(let text, let isPlain, let anchor, let mark):
            _ = register(
                Built(node: Node(.scalar(text: text, isPlain: isPlain), mark: mark), size: 1, height: 0), anchor)
            return (text, isPlain, mark)
        case .alias(let anchor, let mark):
            if case .scalar(let text, let isPlain)? = anchors[anchor]?.node.kind { return (text, isPlain, mark) }
            throw DocumentProblem(
                mark: mark, message: "mapping keys must be strings", hint: "write the key as a plain or quoted string")
        case .sequenceStart(_, let mark), .mappingStart(_, let mark):
            throw DocumentProblem(
                mark: mark, message: "mapping keys must be strings", hint: "write the key as a plain or quoted string")
        case .end, .documentStart, .streamEnd, .other:
            throw DocumentProblem(mark: Mark(line: 1, column: 1), message: "syntax error: unexpected event", hint: nil)
        }
    }

    /// Counts `size` nodes against the budget and checks that a subtree `height` deep fits at
    /// `depth`.
    private mutating func count(_ size: Int, height: Int, depth: Int, at mark: Mark) throws {
        remaining -= size
        if remaining < 0 {
            throw DocumentProblem(
                mark: mark, message: "document expands to too many values (YAML alias bomb?)",
                hint: "aliases may repeat values, but not multiply them; write the values out")
        }
        if depth + height > maxDepth {
            throw DocumentProblem(
                mark: mark, message: "nesting is deeper than \(maxDepth) levels",
                hint: "declarations need only a few levels; check the structure of this value")
        }
    }

    private mutating func register(_ built: Built, _ anchor: String?) -> Built {
        if let anchor { anchors[anchor] = built }
        return built
    }
}
