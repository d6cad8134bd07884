// Small read-only accessors for importers, which read other tools' formats leniently (unknown
// keys are the norm there) rather than through the strict `FieldReader`.
extension Node {
    /// The value of a mapping's key, unless absent or null.
    subscript(key: String) -> Node? {
        guard case .mapping(let entries) = kind, let value = entries.first(where: { $0.key == key })?.value,
            !value.isNull
        else { return nil }
        return value
    }

    /// The scalar's text, unless this is not a scalar, null or empty.
    var text: String? {
        guard case .scalar(let text, _) = kind, !isNull, !text.isEmpty else { return nil }
        return text
    }

    /// The items of a list (none for anything else).
    var items: [Node] {
        guard case .sequence(let items) = kind else { return [] }
        return items
    }
}
