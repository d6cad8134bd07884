/// A compact 1-based line and column, as stored on every node of a parsed document.
///
/// Kept separate from `SourceLocation` so that a large inventory does not repeat its file name
/// and pointer on every field; a location is assembled only when something is reported.
public struct Mark: Sendable, Hashable, Comparable {
    public let line: Int32
    public let column: Int32

    public init(line: Int, column: Int) {
        self.line = Int32(clamping: line)
        self.column = Int32(clamping: column)
    }

    public static func < (lhs: Mark, rhs: Mark) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}
