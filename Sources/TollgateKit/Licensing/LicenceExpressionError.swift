/// A problem with an SPDX licence expression, at a 1-based column of the expression text.
public struct LicenceExpressionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based column (in Unicode scalars) of the token at fault.
    public let column: Int
    /// Lowercase fragment, e.g. "unknown licence id 'MTI'".
    public let message: String
    /// What to write instead, when Tollgate can tell.
    public let hint: String?

    public init(column: Int, _ message: String, hint: String? = nil) {
        self.column = column
        self.message = message
        self.hint = hint
    }

    /// `column N: message; hint`.
    public var description: String {
        "column \(column): \(message)" + (hint.map { "; \($0)" } ?? "")
    }
}
