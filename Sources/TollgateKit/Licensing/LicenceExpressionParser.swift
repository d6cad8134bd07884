/// Parses SPDX licence expressions (SPDX 2.3 Annex D, SPDX 3 "SPDX License Expressions").
///
/// Grammar and rules implemented:
/// - `+` binds tightest, then `WITH`, then `AND`, then `OR`; parentheses override
///   (`A OR B AND C` is `A OR (B AND C)`).
/// - Operators are all upper case or all lower case (`AND`/`and`); `And` is an error.
/// - Licence and exception ids match case-insensitively and come out in canonical case.
/// - `+` is written without a space and only after a listed licence id, never after one that
///   already says `-only` or `-or-later`.
/// - `WITH` follows a single licence (not a parenthesised expression) and is followed by an
///   exception id or an `AdditionRef-`; an exception id anywhere else is an error.
/// - `LicenseRef-x` and `DocumentRef-y:LicenseRef-x` need their prefixes spelt exactly.
/// - `NONE` and `NOASSERTION` stand alone or combine with `AND` only.
///
/// Syntax errors stop parsing (the result is a failure at a column); problems with single ids
/// are collected so that one run lists all of them.
public struct LicenceExpressionParser: Sendable {
    /// Longest expression accepted, in Unicode scalars.
    public static let maxLength = 8192
    /// Deepest nesting of parentheses accepted (the parser recurses per level).
    public static let maxDepth = 64

    public let list: SPDXLicenseList

    public init(list: SPDXLicenseList = .standard) {
        self.list = list
    }

    /// Parses `text`, or says at which column it stops being an expression.
    public func parse(_ text: String) -> Result<ParsedLicenceExpression, LicenceExpressionError> {
        let scalars = Array(text.unicodeScalars)
        if scalars.count > Self.maxLength {
            return .failure(
                LicenceExpressionError(
                    column: Self.maxLength + 1, "expression is longer than \(Self.maxLength) characters",
                    hint: "split the component, or use a LicenseRef- for a licence that has no SPDX id"))
        }
        var state = State(list: list)
        do {
            state.tokens = try Self.tokenize(scalars)
            guard !state.tokens.isEmpty else {
                throw LicenceExpressionError(
                    column: 1, "expression is empty", hint: "write an SPDX id such as MIT, or NOASSERTION if unknown")
            }
            let expression = try state.parseOr(depth: 0)
            if state.position < state.tokens.count {
                let token = state.tokens[state.position]
                guard token.kind != .close else {
                    throw LicenceExpressionError(
                        column: token.column, "unbalanced ')'", hint: "remove it or add the matching '('")
                }
                throw state.missingOperator(
                    LicenceExpressionError(
                        column: token.column, "expected AND, OR or WITH before '\(token.text)'",
                        hint: "join licences with AND or OR"))
            }
            state.checkSpecialValues(expression, insideOr: false)
            return .success(
                ParsedLicenceExpression(
                    expression: expression, errors: state.errors, deprecations: state.deprecations))
        } catch let error as LicenceExpressionError {
            return .failure(error)
        } catch {
            return .failure(LicenceExpressionError(column: 1, "cannot parse: \(error)"))
        }
    }

    // MARK: - Tokens

    struct Token: Sendable {
        enum Kind: Sendable { case open, close, word }
        let kind: Kind
        let text: String
        let column: Int
    }

    /// Characters of an SPDX `idstring`, plus `:` (DocumentRef) and `+` (checked later).
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-", ".", "+", ":": return true
        default: return false
        }
    }

    static func tokenize(_ scalars: [Unicode.Scalar]) throws -> [Token] {
        var tokens: [Token] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let column = index + 1
            switch scalar {
            case " ", "\t":
                index += 1
            case "(":
                tokens.append(Token(kind: .open, text: "(", column: column))
                index += 1
            case ")":
                tokens.append(Token(kind: .close, text: ")", column: column))
                index += 1
            case "\n", "\r":
                throw LicenceExpressionError(column: column, "line break in expression", hint: "write it on one line")
            default:
                guard isWordScalar(scalar) else {
                    throw LicenceExpressionError(
                        column: column, "unexpected character '\(Character(scalar))'",
                        hint: "ids use letters, digits, '.', '-' and a final '+'; join them with AND, OR, WITH")
                }
                var end = index
                while end < scalars.count, isWordScalar(scalars[end]) { end += 1 }
                var word = String.UnicodeScalarView()
                word.append(contentsOf: scalars[index..<end])
                tokens.append(Token(kind: .word, text: String(word), column: column))
                index = end
            }
        }
        return tokens
    }

    // MARK: - Parsing state

    struct State {
        let list: SPDXLicenseList
        var tokens: [Token] = []
        var position = 0
        var errors: [LicenceExpressionError] = []
        var deprecations: [ParsedLicenceExpression.Deprecation] = []
        /// Columns of NONE/NOASSERTION terms, for the operator check after parsing.
        var specialColumns: [LicenceTerm: Int] = [:]

        init(list: SPDXLicenseList) {
            self.list = list
        }

        var current: Token? { position < tokens.count ? tokens[position] : nil }

        /// `error`, for a word where an operator was expected, unless the words around it are not
        /// all ids: two ids with only a space between them lack an operator (`MIT ISC`), but a run
        /// of words such as `Acme EULA v2` or `Apache 2.0` is a licence's name, which SPDX ids never
        /// are. Then the error says so, and what to write: the listed id the name spells with
        /// hyphens, or a `LicenseRef-` (SPDX 2.3 Annex D.2) for a licence the list lacks.
        func missingOperator(_ error: LicenceExpressionError) -> LicenceExpressionError {
            func isWord(_ token: Token) -> Bool {
                token.kind == .word && !["AND", "OR", "WITH"].contains(token.text.uppercased())
            }
            guard position < tokens.count, isWord(tokens[position]) else { return error }
            var first = position
            while first > 0, isWord(tokens[first - 1]) { first -= 1 }
            var last = position
            while last + 1 < tokens.count, isWord(tokens[last + 1]) { last += 1 }
            let words = tokens[first...last].map(\.text)
            let known = words.allSatisfy { word in
                list.licence(word) != nil || list.licence(String(word.dropLast())) != nil
                    || list.exception(word) != nil || word.lowercased().hasPrefix("licenseref-")
                    || word.contains(":")
            }
            // A stray `+` or `-` is a typo, not part of a name.
            let alphanumeric = words.allSatisfy { word in
                word.unicodeScalars.contains {
                    ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                }
            }
            guard !known, alphanumeric else { return error }
            let name = words.joined(separator: " ")
            let spelt = words.joined(separator: "-")
            let reference =
                spelt.count <= 60
                ? "LicenseRef-"
                    + String(String.UnicodeScalarView(spelt.unicodeScalars.map { $0 == "+" || $0 == ":" ? "-" : $0 }))
                : "a LicenseRef-… id"
            let hint =
                list.licence(spelt).map { "write its SPDX id, \($0.id)" }
                ?? "use its SPDX id if it has one, or declare it as \(reference) for a licence the SPDX list lacks"
            return LicenceExpressionError(
                column: tokens[first].column, "'\(Suggestion.shown(name))' is a licence name, not an SPDX id",
                hint: hint)
        }

        /// The operator a word spells, if it is one; mixed case (`And`) is an error.
        func operatorName(_ token: Token) throws -> String? {
            guard token.kind == .word else { return nil }
            let upper = token.text.uppercased()
            guard upper == "AND" || upper == "OR" || upper == "WITH" else { return nil }
            guard token.text == upper || token.text == upper.lowercased() else {
                throw LicenceExpressionError(
                    column: token.column, "operator '\(token.text)' must be all upper or all lower case",
                    hint: "write \(upper) or \(upper.lowercased())")
            }
            return upper
        }

        mutating func parseOr(depth: Int) throws -> LicenceExpression {
            var operands = [try parseAnd(depth: depth)]
            while let token = current, try operatorName(token) == "OR" {
                position += 1
                operands.append(try parseAnd(depth: depth))
            }
            return operands.count == 1 ? operands[0] : .or(operands)
        }

        mutating func parseAnd(depth: Int) throws -> LicenceExpression {
            var operands = [try parseWith(depth: depth)]
            while let token = current, try operatorName(token) == "AND" {
                position += 1
                operands.append(try parseWith(depth: depth))
            }
            return operands.count == 1 ? operands[0] : .and(operands)
        }

        mutating func parseWith(depth: Int) throws -> LicenceExpression {
            guard let token = current else {
                let column = tokens.last.map { $0.column + $0.text.unicodeScalars.count } ?? 1
                throw LicenceExpressionError(
                    column: column, "expression ends where a licence was expected",
                    hint: "add a licence id after the last operator, or remove the operator")
            }
            if token.kind == .open {
                guard depth < LicenceExpressionParser.maxDepth else {
                    throw LicenceExpressionError(
                        column: token.column,
                        "parentheses nested deeper than \(LicenceExpressionParser.maxDepth) levels")
                }
                position += 1
                let inner = try parseOr(depth: depth + 1)
                guard let close = current, close.kind == .close else {
                    let error = LicenceExpressionError(
                        column: current?.column ?? token.column,
                        current == nil ? "'(' is never closed" : "expected ')' before '\(current!.text)'",
                        hint: current == nil ? "add ')'" : "join licences with AND or OR")
                    throw current == nil ? error : missingOperator(error)
                }
                position += 1
                if let next = current, try operatorName(next) == "WITH" {
                    throw LicenceExpressionError(
                        column: next.column, "WITH must follow a single licence, not a parenthesised expression",
                        hint: "write the exception on the licence it modifies: (A WITH X) OR B")
                }
                return inner
            }
            if token.kind == .close {
                throw LicenceExpressionError(
                    column: token.column, "expected a licence before ')'", hint: "remove the empty parentheses")
            }
            if let name = try operatorName(token) {
                throw LicenceExpressionError(
                    column: token.column, "expected a licence before \(name)",
                    hint: "an operator needs a licence on each side")
            }
            position += 1
            var exception: (text: String, column: Int)?
            if let next = current, try operatorName(next) == "WITH" {
                position += 1
                guard let exceptionToken = current, exceptionToken.kind == .word,
                    try operatorName(exceptionToken) == nil
                else {
                    throw LicenceExpressionError(
                        column: current?.column ?? next.column + 4, "expected an exception id after WITH",
                        hint: "e.g. GPL-2.0-or-later WITH Classpath-exception-2.0")
                }
                position += 1
                exception = (exceptionToken.text, exceptionToken.column)
            }
            return .term(try term(token, exception: exception))
        }

        // MARK: - Terms

        mutating func term(_ token: Token, exception written: (text: String, column: Int)?) throws -> LicenceTerm {
            var text = token.text
            var orLater = false
            if text.hasSuffix("+") {
                orLater = true
                text.removeLast()
            }
            if text.contains("+") {
                throw LicenceExpressionError(
                    column: token.column, "'+' may only end a licence id",
                    hint: "write 'GPL-2.0-or-later' or 'Apache-2.0+'")
            }
            let exception = try written.map { try self.exception($0.text, column: $0.column) }
            if text == "NONE" || text == "NOASSERTION" {
                if orLater || written != nil {
                    throw LicenceExpressionError(
                        column: token.column, "\(text) cannot take '+' or WITH", hint: "write \(text) on its own")
                }
                let term = LicenceTerm(kind: text == "NONE" ? .none : .noAssertion, id: text)
                specialColumns[term] = specialColumns[term] ?? token.column
                return term
            }
            if text.contains(":") || text.lowercased().hasPrefix("licenseref-")
                || text.lowercased().hasPrefix("documentref-")
            {
                guard !orLater else {
                    throw LicenceExpressionError(
                        column: token.column, "'+' cannot follow a LicenseRef", hint: "remove the '+'")
                }
                try checkReference(text, prefix: "LicenseRef-", column: token.column)
                return LicenceTerm(kind: .reference, id: text, exception: exception)
            }
            guard let entry = list.licence(text) else {
                if let listedException = list.exception(text) {
                    errors.append(
                        LicenceExpressionError(
                            column: token.column,
                            "'\(listedException.id)' is a licence exception; it can only follow WITH",
                            hint: "write e.g. GPL-2.0-or-later WITH \(listedException.id)"))
                } else if text.uppercased() == "UNLICENSED" {
                    // npm's `UNLICENSED` withholds every right (proprietary code), the opposite of
                    // the Unlicense, which the nearest id would suggest.
                    errors.append(
                        LicenceExpressionError(
                            column: token.column, "unknown licence id '\(text)'",
                            hint: "npm's UNLICENSED grants no licence (proprietary code), unlike the Unlicense; "
                                + "write LicenseRef-… for the terms it is used under, or NONE"))
                } else {
                    let hint =
                        Suggestion.closest(to: text, in: list.licenceIDs).map { "did you mean '\($0)'?" }
                        ?? (text.uppercased() == "NONE" || text.uppercased() == "NOASSERTION"
                            ? "write \(text.uppercased()) in upper case"
                            : "use an SPDX License List id, or LicenseRef-\(text) for a licence that has none")
                    errors.append(
                        LicenceExpressionError(column: token.column, "unknown licence id '\(text)'", hint: hint))
                }
                return LicenceTerm(kind: .unknown, id: text, orLater: orLater, exception: exception)
            }
            if orLater && (entry.id.hasSuffix("-only") || entry.id.hasSuffix("-or-later")) {
                errors.append(
                    LicenceExpressionError(
                        column: token.column, "'+' cannot follow '\(entry.id)', which already states its versions",
                        hint: "write \(entry.id.replacingSuffix("-only", with: "-or-later"))"))
            }
            let term = LicenceTerm(kind: .listed, id: entry.id, orLater: orLater, exception: exception)
            // `GPL-2.0+` is itself a (deprecated) list entry; look that up before the bare id.
            let plusEntry = orLater ? list.licence(entry.id + "+") : nil
            if let deprecated = plusEntry ?? (entry.deprecated ? entry : nil), deprecated.deprecated {
                var replacement = deprecated.replacement
                if plusEntry == nil, orLater, let base = replacement, base.hasSuffix("-only") {
                    replacement = base.replacingSuffix("-only", with: "-or-later")
                }
                deprecations.append(.init(id: term.licence, column: token.column, replacement: replacement))
            }
            return term
        }

        mutating func exception(_ text: String, column: Int) throws -> String {
            if text.contains(":") || text.lowercased().hasPrefix("additionref-")
                || text.lowercased().hasPrefix("documentref-")
            {
                try checkReference(text, prefix: "AdditionRef-", column: column)
                return text
            }
            if let entry = list.exception(text) {
                if entry.deprecated {
                    deprecations.append(.init(id: entry.id, column: column, replacement: entry.replacement))
                }
                return entry.id
            }
            if let licence = list.licence(text) {
                errors.append(
                    LicenceExpressionError(
                        column: column, "'\(licence.id)' is a licence, not an exception; it cannot follow WITH",
                        hint: "combine licences with AND or OR"))
            } else {
                let hint =
                    Suggestion.closest(to: text, in: list.exceptionIDs).map { "did you mean '\($0)'?" }
                    ?? "use an SPDX exception id, or AdditionRef-\(text)"
                errors.append(LicenceExpressionError(column: column, "unknown exception id '\(text)'", hint: hint))
            }
            return text
        }

        /// `[DocumentRef-idstring:]<prefix>idstring`, prefixes spelt exactly (SPDX Annex D.2).
        func checkReference(_ text: String, prefix: String, column: Int) throws {
            var rest = Substring(text)
            var offset = 0
            if let colon = rest.firstIndex(of: ":") {
                let document = rest[..<colon]
                try checkPrefixed(document, prefix: "DocumentRef-", column: column, whole: text)
                offset = document.unicodeScalars.count + 1
                rest = rest[rest.index(after: colon)...]
                if rest.contains(":") {
                    throw LicenceExpressionError(
                        column: column + offset + rest.distance(from: rest.startIndex, to: rest.firstIndex(of: ":")!),
                        "a reference has at most one ':'", hint: "write DocumentRef-doc:\(prefix)name")
                }
            }
            try checkPrefixed(rest, prefix: prefix, column: column + offset, whole: text)
        }

        func checkPrefixed(_ part: Substring, prefix: String, column: Int, whole: String) throws {
            guard part.hasPrefix(prefix), part.count > prefix.count else {
                let lowered = part.lowercased()
                let hint: String
                if lowered.hasPrefix(prefix.lowercased()) && part.count > prefix.count {
                    hint = "write the prefix as '\(prefix)'"
                } else if prefix == "DocumentRef-" {
                    hint = "write DocumentRef-doc:LicenseRef-name"
                } else {
                    hint = "write \(prefix)name"
                }
                throw LicenceExpressionError(column: column, "malformed reference '\(whole)'", hint: hint)
            }
        }

        /// NONE and NOASSERTION may only be joined with AND (rules-reference §5.2).
        mutating func checkSpecialValues(_ expression: LicenceExpression, insideOr: Bool) {
            switch expression {
            case .term(let term):
                if insideOr, term.kind == .none || term.kind == .noAssertion {
                    errors.append(
                        LicenceExpressionError(
                            column: specialColumns[term] ?? 1, "\(term.id) cannot be combined with OR",
                            hint: term.kind == .none
                                ? "NONE means no licence at all; remove the alternative or NONE"
                                : "use NOASSERTION alone, or the licences that were determined"))
                }
            case .and(let operands):
                for operand in operands { checkSpecialValues(operand, insideOr: insideOr) }
            case .or(let operands):
                for operand in operands { checkSpecialValues(operand, insideOr: true) }
            }
        }
    }
}

extension String {
    /// The string with `suffix` replaced, or unchanged when it does not end with it.
    fileprivate func replacingSuffix(_ suffix: String, with replacement: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) + replacement : self
    }
}
