/// An explicit `--import KIND=PATH`: read `path` with the importer registered as `kind`, instead
/// of detecting the format from the content.
public struct ImportRequest: Sendable, Hashable {
    public let kind: String
    public let path: String

    public init(kind: String, path: String) {
        self.kind = kind
        self.path = path
    }

    /// Parses `KIND=PATH`, or says what is wrong with it.
    public static func parse(_ text: String, kinds: [String]) -> Result<ImportRequest, ImportRequestError> {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex,
            text.index(after: equals) != text.endIndex
        else {
            return .failure(.malformed(text, kinds: kinds))
        }
        let kind = String(text[..<equals])
        guard kinds.contains(kind) else { return .failure(.unknownKind(kind, kinds: kinds)) }
        return .success(ImportRequest(kind: kind, path: String(text[text.index(after: equals)...])))
    }
}

/// Why an `--import` argument cannot be used.
public enum ImportRequestError: Error, Sendable, CustomStringConvertible {
    case malformed(String, kinds: [String])
    case unknownKind(String, kinds: [String])

    public var description: String {
        switch self {
        case .malformed(let text, let kinds):
            return "--import takes KIND=PATH, got '\(text)'; kinds: \(kinds.joined(separator: ", "))"
        case .unknownKind(let kind, let kinds):
            let hint = Suggestion.closest(to: kind, in: kinds).map { "did you mean '\($0)'? " } ?? ""
            return "unknown import kind '\(kind)'; \(hint)kinds: \(kinds.joined(separator: ", "))"
        }
    }
}
