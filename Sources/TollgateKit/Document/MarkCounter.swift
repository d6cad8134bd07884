/// Lines and columns as libyaml counts them, for the readers that walk a document's UTF-8
/// bytes by index (`JSONReader`, `JSONSyntaxCheck`), so that both mark a place alike: 1-based,
/// columns counted in Unicode scalars, CR LF and a lone CR each ending one line.
struct MarkCounter {
    private var line = 1
    /// Byte offset where the current line starts.
    private var lineStart = 0
    /// Continuation bytes (UTF-8) between the line's start and the reader, so columns count
    /// scalars; the reader adds those it steps over.
    var continuationBytes = 0

    /// The mark of the byte at `index`.
    func mark(at index: Int) -> Mark {
        Mark(line: line, column: index - lineStart - continuationBytes + 1)
    }

    /// Steps `index` over the line break at it (LF, CR LF, or a lone CR) and starts the next line.
    mutating func skipLineBreak<Bytes: RandomAccessCollection<UInt8>>(in bytes: Bytes, at index: inout Int)
    where Bytes.Index == Int {
        let crlf = bytes[index] == 0x0D && index + 1 < bytes.endIndex && bytes[index + 1] == 0x0A
        index += crlf ? 2 : 1
        line += 1
        lineStart = index
        continuationBytes = 0
    }
}
