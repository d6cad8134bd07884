/// Lenient, located access to another tool's export.
///
/// Tollgate's own declarations are read strictly (`FieldReader` refuses unknown keys), but a
/// tool export carries dozens of keys Tollgate has no use for and gains new ones with every
/// release of the tool: importers read the keys they need through these helpers and ignore
/// the rest, while still reporting wrong types at the exact line and column.
extension Node {
    /// The value of `key` in a mapping, or `nil` when absent, null, or this is not a mapping.
    func field(_ key: String) -> Node? {
        guard case .mapping(let entries) = kind, let entry = entries.first(where: { $0.key == key }) else {
            return nil
        }
        return entry.value.isNull ? nil : entry.value
    }

    /// The scalar text of this node (numbers and booleans included), or `nil` for collections.
    var scalarText: String? {
        if case .scalar(let text, _) = kind, !isNull { return text }
        return nil
    }

    /// The elements of a list, or `nil` when this is not a list.
    var elements: [Node]? {
        if case .sequence(let items) = kind { return items }
        return nil
    }

    /// The entries of a mapping, or `nil` when this is not a mapping.
    var entries: [Entry]? {
        if case .mapping(let entries) = kind { return entries }
        return nil
    }

    /// Whether this is a mapping holding `key` (null values count).
    func has(_ key: String) -> Bool {
        entries?.contains(where: { $0.key == key }) ?? false
    }
}

/// Collects the diagnostics of one import and turns marks into locations of one file.
struct ExportProblems {
    let file: String
    /// What the file is, for messages: "GTM container export".
    let format: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String, format: String) {
        self.file = file
        self.format = format
    }

    func location(_ node: Node, _ pointer: String) -> SourceLocation {
        location(node.mark, pointer)
    }

    func location(_ mark: Mark, _ pointer: String) -> SourceLocation {
        SourceLocation(file: file, mark: mark, pointer: pointer)
    }

    mutating func error(_ node: Node, _ pointer: String, _ message: String, hint: String? = nil) {
        error(at: node.mark, pointer, message, hint: hint)
    }

    /// An error at `mark`: a mapping key's position, when the key is what is wrong.
    mutating func error(at mark: Mark, _ pointer: String, _ message: String, hint: String? = nil) {
        diagnostics.append(Diagnostic(at: location(mark, pointer), message, hint: hint))
    }

    mutating func warning(_ node: Node, _ pointer: String, _ message: String, hint: String? = nil) {
        diagnostics.append(Diagnostic(.warning, at: location(node, pointer), message, hint: hint))
    }

    /// A required string field; reports it missing or of the wrong type.
    mutating func requiredString(_ node: Node, _ key: String, _ pointer: String, in what: String) -> String? {
        guard let value = node.field(key) else {
            error(node, pointer, "\(what) has no '\(key)'", hint: "is this a complete \(format)?")
            return nil
        }
        guard let text = value.scalarText else {
            error(
                value, pointer + "/" + key, "expected a string for '\(key)' in \(what), found \(value.typeDescription)")
            return nil
        }
        return text
    }

    /// An optional string field; a collection in its place is reported.
    mutating func optionalString(_ node: Node, _ key: String, _ pointer: String) -> String? {
        guard let value = node.field(key) else { return nil }
        guard let text = value.scalarText else {
            error(value, pointer + "/" + key, "expected a string for '\(key)', found \(value.typeDescription)")
            return nil
        }
        return text
    }

    /// An optional list; anything else in its place is reported and read as empty.
    mutating func list(_ node: Node, _ key: String, _ pointer: String) -> [Node] {
        guard let value = node.field(key) else { return [] }
        guard let items = value.elements else {
            error(value, pointer + "/" + key, "expected a list for '\(key)', found \(value.typeDescription)")
            return []
        }
        return items
    }

    /// An optional list of objects, each with its pointer (`pointer/key/index`); an item that is
    /// not an object is reported ("expected a `what` object") and skipped.
    mutating func objects(_ node: Node, _ key: String, _ pointer: String, what: String) -> [(Node, String)] {
        list(node, key, pointer).enumerated().compactMap { index, item in
            let itemPointer = "\(pointer)/\(key)/\(index)"
            guard item.entries != nil else {
                error(item, itemPointer, "expected \(what) object, found \(item.typeDescription)")
                return nil
            }
            return (item, itemPointer)
        }
    }

    /// A list of strings (ids, names); non-scalars are reported and skipped.
    mutating func strings(_ node: Node, _ key: String, _ pointer: String) -> [(String, Node)] {
        list(node, key, pointer).enumerated().compactMap { index, item in
            guard let text = item.scalarText else {
                error(
                    item, "\(pointer)/\(key)/\(index)", "expected a string in '\(key)', found \(item.typeDescription)")
                return nil
            }
            return (text, item)
        }
    }

    /// The marks of the keys present in a mapping, for `Origin.fields`.
    static func fieldMarks(_ node: Node) -> [(key: String, mark: Mark)] {
        (node.entries ?? []).map { ($0.key, $0.value.mark) }
    }

    /// Absorbs diagnostics found elsewhere.
    mutating func append(_ other: [Diagnostic]) { diagnostics += other }
}
