import Foundation

/// One element of an XML document read by `SafeXMLReader`: its name, namespace, attributes,
/// direct text and child elements, and where its start tag is.
///
/// Comments, processing instructions and whitespace between elements are dropped; text and
/// CDATA directly inside the element are joined into `text`.
public struct XMLElementNode: Sendable {
    /// Local name, without prefix.
    public let name: String
    /// Namespace URI, empty when none.
    public let namespace: String
    public let attributes: [(name: String, value: String)]
    public internal(set) var text: String
    public internal(set) var children: [XMLElementNode]
    /// 1-based line and column of the start tag's `<`.
    public let line: Int
    public let column: Int

    public init(
        name: String, namespace: String = "", attributes: [(name: String, value: String)] = [], text: String = "",
        children: [XMLElementNode] = [], line: Int, column: Int = 1
    ) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
        self.text = text
        self.children = children
        self.line = line
        self.column = column
    }

    /// The value of an attribute (unprefixed name).
    public func attribute(_ name: String) -> String? {
        attributes.first(where: { $0.name == name })?.value
    }

    /// The first child element with this local name.
    public func child(_ name: String) -> XMLElementNode? {
        children.first(where: { $0.name == name })
    }

    /// Every child element with this local name, in document order.
    public func children(_ name: String) -> [XMLElementNode] {
        children.filter { $0.name == name }
    }

    /// The trimmed text of the first child with this name, if it is not empty.
    public func childText(_ name: String) -> String? {
        guard let text = child(name)?.text.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
            return nil
        }
        return text
    }
}
