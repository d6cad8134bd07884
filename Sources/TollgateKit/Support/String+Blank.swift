extension String {
    /// Whether the text is empty or only white space, line breaks included: a declared value
    /// like this records nothing. Rules and the audit exports decide it here, so a field the
    /// record of processing counts as missing is the field PRIV-010 reports.
    public var isBlank: Bool { unicodeScalars.allSatisfy(\.properties.isWhitespace) }
}

extension Optional where Wrapped == String {
    /// The text, or `nil` when it is missing or blank.
    public var nonBlank: String? {
        guard case .some(let text) = self, !text.isBlank else { return nil }
        return text
    }
}
