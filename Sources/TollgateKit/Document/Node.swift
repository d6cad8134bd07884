/// A parsed YAML or JSON value with the position it was read from.
///
/// Tollgate decodes declarations from this tree rather than through `Codable` so that it can
/// report every problem at once, each at its own line and column, and so that plain scalars are
/// typed by the field that reads them (the country code `NO` stays a string; YAML 1.1 would
/// have read it as `false`).
public struct Node: Sendable {
    /// The shape of a node.
    public enum Kind: Sendable {
        /// A scalar's text; `isPlain` is false for quoted and block scalars, which are always strings.
        case scalar(text: String, isPlain: Bool)
        case sequence([Node])
        case mapping([Entry])
    }

    /// One key/value pair of a mapping, in document order.
    public struct Entry: Sendable {
        public let key: String
        public let keyMark: Mark
        public let value: Node

        public init(key: String, keyMark: Mark, value: Node) {
            self.key = key
            self.keyMark = keyMark
            self.value = value
        }
    }

    public let kind: Kind
    public let mark: Mark

    public init(_ kind: Kind, mark: Mark) {
        self.kind = kind
        self.mark = mark
    }

    /// Whether this is the null scalar (`null`, `~`, or nothing at all) in YAML/JSON.
    public var isNull: Bool {
        if case .scalar(let text, true) = kind { return Self.isNull(text) }
        return false
    }

    /// Whether a plain scalar's text spells null.
    static func isNull(_ text: String) -> Bool {
        // The length first: most scalars are longer than any spelling of null.
        let length = text.utf8.count
        return length == 0 || (length == 1 && text == "~")
            || (length == 4 && (text == "null" || text == "Null" || text == "NULL"))
    }

    /// A short name of the node's type for error messages ("a mapping", "a list", "a string").
    public var typeDescription: String {
        switch kind {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let text, let isPlain):
            if isNull { return "null" }
            guard isPlain else { return "a string" }
            if text == "true" || text == "false" { return "a boolean" }
            if Int(text) != nil || Double(text) != nil { return "a number" }
            return "a string"
        }
    }
}
