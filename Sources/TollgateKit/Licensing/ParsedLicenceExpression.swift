/// A syntactically valid licence expression with what the SPDX License List says about its ids.
public struct ParsedLicenceExpression: Sendable, Hashable {
    /// A deprecated identifier in the expression and what to write instead.
    public struct Deprecation: Sendable, Hashable {
        public let id: String
        public let column: Int
        public let replacement: String?

        public init(id: String, column: Int, replacement: String?) {
            self.id = id
            self.column = column
            self.replacement = replacement
        }
    }

    public let expression: LicenceExpression
    /// Identifiers that are not on the list, exceptions used as licences and the like. An
    /// expression with errors is not a valid SPDX expression.
    public let errors: [LicenceExpressionError]
    /// Deprecated identifiers, in order of appearance. Valid, but should be updated.
    public let deprecations: [Deprecation]

    public init(expression: LicenceExpression, errors: [LicenceExpressionError], deprecations: [Deprecation]) {
        self.expression = expression
        self.errors = errors
        self.deprecations = deprecations
    }

    public var isValid: Bool { errors.isEmpty }

    /// The canonical text with every deprecated identifier replaced by its successor, where it
    /// has one: what the author should write.
    public var updated: String {
        let replacements = Dictionary(
            deprecations.compactMap { deprecation in deprecation.replacement.map { (deprecation.id, $0) } },
            uniquingKeysWith: { first, _ in first })
        return expression.rendered { term in
            guard let replacement = replacements[term.licence] else { return term.description }
            return term.exception.map { "\(replacement) WITH \($0)" } ?? replacement
        }
    }
}
