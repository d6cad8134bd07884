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
        let replacements = successors
        return expression.rendered { term in
            guard let replacement = replacements[term.licence] else { return term.description }
            return term.exception.map { "\(replacement) WITH \($0)" } ?? replacement
        }
    }

    /// Each deprecated licence term that has a single-licence successor, mapped to it:
    /// `GPL-2.0+` to `GPL-2.0-or-later`, `GPL-2.0-with-classpath-exception` to
    /// `GPL-2.0-only WITH Classpath-exception-2.0`. Deprecated ids "should map to -only/-or-later
    /// forms" (rules-reference §5.2), so policies categorise the successor. A
    /// term that already has an exception keeps it; one whose successor brings another keeps
    /// its own spelling (SPDX allows one exception per licence).
    public func replacementTerms(
        parser: LicenceExpressionParser = LicenceExpressionParser()
    ) -> [LicenceTerm:
        LicenceTerm]
    {
        let successors = successors
        guard !successors.isEmpty else { return [:] }
        var result: [LicenceTerm: LicenceTerm] = [:]
        for term in expression.terms where term.kind == .listed {
            guard let text = successors[term.licence], case .success(let parsed) = parser.parse(text),
                parsed.isValid, case .term(let successor) = parsed.expression,
                term.exception == nil || successor.exception == nil
            else { continue }
            result[term] = LicenceTerm(
                kind: successor.kind, id: successor.id, orLater: successor.orLater,
                exception: successor.exception ?? term.exception)
        }
        return result
    }

    /// Deprecated id → the text to write instead, for the ids that have a successor.
    private var successors: [String: String] {
        Dictionary(
            deprecations.compactMap { deprecation in deprecation.replacement.map { (deprecation.id, $0) } },
            uniquingKeysWith: { first, _ in first })
    }
}
