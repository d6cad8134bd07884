/// Where something was declared: a file, a 1-based line and column, and the JSON-pointer-like
/// path of the value inside the document (`/flows/12/transfer_mechanism`).
///
/// Line and column come from the parser's marks, never from a search through the text, so a
/// finding points at the exact declaration even when the same value appears twice.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The file as the user named it (relative paths stay relative, for SARIF and annotations).
    public let file: String
    /// 1-based line number.
    public let line: Int
    /// 1-based column, counted in Unicode scalars as the YAML parser counts them.
    public let column: Int
    /// The JSON pointer of the value inside its document; empty for the document root.
    public let pointer: String

    public init(file: String, line: Int, column: Int, pointer: String = "") {
        self.file = file
        self.line = line
        self.column = column
        self.pointer = pointer
    }

    /// The position a parser's mark gives, in `file`.
    public init(file: String, mark: Mark, pointer: String = "") {
        self.init(file: file, line: Int(mark.line), column: Int(mark.column), pointer: pointer)
    }

    /// `file:line:col`, the compiler-style prefix that editors and CI logs turn into links.
    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column, lhs.pointer) < (rhs.file, rhs.line, rhs.column, rhs.pointer)
    }
}
