// libyaml, to read a cut text again when its error does not name the bracket left open.
import CYaml

extension YAMLReader {

    /// libyaml's syntax error (`problem` at `mark`, found `context` that began at `contextMark`;
    /// marks 1-based) as a problem. Shared with the Yams reference path, so both give the same
    /// diagnostic.
    ///
    /// libyaml reports where it gave up, which is not always where the mistake is. A quote or a
    /// flow collection (`[`, `{`) never closed is found only where the file ends (or at the next
    /// `---`), or where the block around it goes on: it is reported where it opens, which
    /// libyaml's context mark gives. A line indented to no level of the blocks around it is
    /// reported at that line, naming the mapping or list it breaks. Any other error keeps
    /// libyaml's mark and says where its context starts.
    static func syntaxProblem(
        _ problem: String, at mark: Mark, context: String?, contextMark: Mark, in bytes: UnsafeBufferPointer<UInt8>
    ) -> DocumentProblem {
        if let unclosed = unclosedQuote(problem, at: mark, context: context, contextMark: contextMark, in: bytes) {
            return unclosed
        }
        // A tab at the mark has a hint of its own, whatever libyaml's context.
        let isTab = byteIndex(of: mark, in: bytes).map { bytes[$0] == 0x09 } ?? false
        if !isTab {
            if let unclosed = unclosedFlow(problem, at: mark, context: context, contextMark: contextMark, in: bytes) {
                return unclosed
            }
            if let misindented = misindented(problem, at: mark, context: context, contextMark: contextMark, in: bytes) {
                return misindented
            }
        }
        var detail = ""
        if let context {
            detail =
                " \(context)"
                + (contextMark == mark ? "" : " that starts at line \(contextMark.line), column \(contextMark.column)")
        }
        return DocumentProblem(
            mark: mark, message: "syntax error: \(problem)\(detail)", hint: syntaxHint(at: mark, in: bytes))
    }

    /// A quoted scalar never closed, reported where its quote opens.
    private static func unclosedQuote(
        _ problem: String, at mark: Mark, context: String?, contextMark: Mark, in bytes: UnsafeBufferPointer<UInt8>
    ) -> DocumentProblem? {
        guard context == "while scanning a quoted scalar",
            problem == "found unexpected end of stream" || problem == "found unexpected document indicator",
            let index = byteIndex(of: contextMark, in: bytes), bytes[index] == 0x22 || bytes[index] == 0x27
        else { return nil }
        let quote = bytes[index] == 0x22 ? "\"" : "'"
        return DocumentProblem(
            mark: contextMark,
            message: "syntax error: the quoted value opened here by \(quote) is never closed "
                + ending(atEndOfFile: problem == "found unexpected end of stream", mark),
            hint: "add the closing \(quote) at the end of the value; write a \(quote) inside it as "
                + (quote == "'" ? "''" : "\\\""))
    }

    /// A flow sequence or mapping without its `,` or closing bracket. libyaml stops where it
    /// finds something else. When that is the end of the file, a `---`, or a later line back at
    /// the indentation of the line the bracket opened on (the block around it goes on), the
    /// bracket was never closed: reported there. Otherwise (a missing comma inside a flow
    /// collection written over several lines, a mismatched bracket) the place found is the
    /// place to fix, and the message names the bracket.
    private static func unclosedFlow(
        _ problem: String, at mark: Mark, context: String?, contextMark: Mark, in bytes: UnsafeBufferPointer<UInt8>
    ) -> DocumentProblem? {
        let found = offset(of: mark, in: bytes)
        let atMarker =
            mark.column == 1 && found + 3 <= bytes.count
            && (bytes[found..<found + 3].elementsEqual("---".utf8)
                || bytes[found..<found + 3].elementsEqual("...".utf8))
        let ends = found == bytes.count || atMarker
        let opening: Mark
        if context == "while parsing a flow sequence" || context == "while parsing a flow mapping",
            problem.hasPrefix("did not find expected ','")
        {
            opening = contextMark
        } else if context == "while parsing a flow node", problem == "did not find expected node content", ends,
            let bracket = flowOpening(before: found, in: bytes)
        {
            // Right after `[`, `{`, `,` or `:` the file ends: libyaml's context is the missing
            // value, not the bracket.
            opening = bracket
        } else {
            return nil
        }
        guard let index = byteIndex(of: opening, in: bytes), bytes[index] == 0x5B || bytes[index] == 0x7B else {
            return nil
        }
        let isList = bytes[index] == 0x5B
        let (kind, open, close) = isList ? ("list", "[", "]") : ("mapping", "{", "}")
        let closeHint = "add the closing \(close) after its last \(isList ? "item" : "entry")"
        if ends {
            return DocumentProblem(
                mark: opening,
                message: "syntax error: the \(kind) opened here by \(open) is never closed "
                    + ending(atEndOfFile: !atMarker, mark),
                hint: closeHint)
        }
        if mark.line > opening.line,
            indentation(ofLine: mark.line, in: bytes) <= contentColumn(ofLine: opening.line, in: bytes)
        {
            return DocumentProblem(
                mark: opening,
                message: "syntax error: the \(kind) opened here by \(open) is not closed before line \(mark.line), "
                    + "column \(mark.column), where the block around it goes on",
                hint: closeHint)
        }
        return DocumentProblem(
            mark: mark,
            message: "syntax error: expected , or \(close) here, in the \(kind) opened by \(open) at line "
                + "\(opening.line), column \(opening.column)",
            hint: "separate the \(isList ? "items" : "entries") with commas and close the \(kind) with \(close)")
    }

    /// The bracket of the innermost flow collection open where the text is cut at `end`. libyaml
    /// names it in its context only when it finds something other than a value there, so it
    /// reads the text again with a value on a line of its own in place of the rest: the error
    /// then is the one with the bracket (`did not find expected ',' or ']'`).
    private static func flowOpening(before end: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Mark? {
        let text = Array(bytes[..<end]) + Array("\n x".utf8)
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        guard yaml_parser_initialize(parser) == 1 else {
            parser.deallocate()
            return nil
        }
        defer {
            yaml_parser_delete(parser)
            parser.deallocate()
        }
        return text.withUnsafeBufferPointer { text -> Mark? in
            yaml_parser_set_input_string(parser, text.baseAddress, text.count)
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(parser, &event) == 1 else { break }
                let type = event.type
                yaml_event_delete(&event)
                if type == YAML_STREAM_END_EVENT { return nil }
            }
            let state = parser.pointee
            guard let context = state.context.map({ String(cString: $0) }),
                context == "while parsing a flow sequence" || context == "while parsing a flow mapping"
            else { return nil }
            return Mark(line: state.context_mark.line + 1, column: state.context_mark.column + 1)
        }
    }

    /// A line that starts deeper than the keys of the block mapping (or the `-` of the block
    /// sequence) it is in, at no level of the blocks around it: libyaml says only that it "did
    /// not find expected key" while parsing the mapping, at the line, with the mapping's first
    /// key as the context. The line is the place to fix; the message says where its keys are.
    private static func misindented(
        _ problem: String, at mark: Mark, context: String?, contextMark: Mark, in bytes: UnsafeBufferPointer<UInt8>
    ) -> DocumentProblem? {
        let block: String
        switch (context, problem) {
        case ("while parsing a block mapping", "did not find expected key"):
            block = "the mapping it is in has its keys at column \(contextMark.column)"
        case ("while parsing a block collection", "did not find expected '-' indicator"):
            block = "the list it is in has its items (-) at column \(contextMark.column)"
        default:
            return nil
        }
        guard mark.line > contextMark.line, mark.column > contextMark.column,
            indentation(ofLine: mark.line, in: bytes) == mark.column
        else { return nil }
        // The line just above is usually the block the user meant to continue (a nested
        // mapping's keys), which the context, the outer block, does not show.
        var above = ""
        if let previous = previousContentLine(before: mark.line, after: contextMark.line, in: bytes),
            previous.column != mark.column, previous.column != contextMark.column
        {
            above = ", and the line above it (line \(previous.line)) starts at column \(previous.column)"
        }
        return DocumentProblem(
            mark: mark,
            message: "syntax error: line \(mark.line) is indented to column \(mark.column), which lines up with none "
                + "of the entries around it; \(block) (line \(contextMark.line))\(above)",
            hint: "indent the line with as many spaces as the entries it belongs with")
    }

    /// The nearest line above `line`, below `floor`, that holds more than spaces or a comment,
    /// with the column its indentation ends at.
    private static func previousContentLine(
        before line: Int32, after floor: Int32, in bytes: UnsafeBufferPointer<UInt8>
    ) -> (line: Int32, column: Int32)? {
        var candidate = line - 1
        while candidate > floor {
            let start = lineStart(candidate, in: bytes)
            var index = start
            while index < bytes.count, bytes[index] == 0x20 { index += 1 }
            let blank = index == bytes.count || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x23
            if !blank { return (candidate, Int32(index - start + 1)) }
            candidate -= 1
        }
        return nil
    }

    /// Where an unclosed quote or bracket was found to end: the file, or a document marker.
    private static func ending(atEndOfFile: Bool, _ mark: Mark) -> String {
        "(\(atEndOfFile ? "the file ends" : "a document marker (--- or ...) comes") at line \(mark.line), "
            + "column \(mark.column))"
    }

    /// What to do about a syntax error at `mark` (1-based): replace the tab there when it is a
    /// tab (libyaml says only that the character "cannot start any token"), else fix the syntax.
    static func syntaxHint(at mark: Mark, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard let index = byteIndex(of: mark, in: bytes), bytes[index] == 0x09 else {
            return "fix the syntax; YAML and JSON are accepted"
        }
        return
            "YAML indents with spaces, not tabs; replace the tab at line \(mark.line), column \(mark.column) with spaces"
    }

    /// Where the character at `mark` (1-based line and column, counted as libyaml counts them)
    /// starts in `bytes`; nil past the end of the text or of the mark's line.
    private static func byteIndex(of mark: Mark, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let index = offset(of: mark, in: bytes)
        guard index < bytes.count, bytes[index] != 0x0A, bytes[index] != 0x0D else { return nil }
        return index
    }

    /// The offset of `mark` in `bytes`, stopping at the end of its line or of the text.
    private static func offset(of mark: Mark, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var index = lineStart(mark.line, in: bytes)
        // Along it by characters (UTF-8 continuation bytes do not count).
        var column: Int32 = 1
        while column < mark.column, index < bytes.count, bytes[index] != 0x0A, bytes[index] != 0x0D {
            index += 1
            while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
            column += 1
        }
        return index
    }

    /// The offset where `line` (1-based) starts; CR LF, CR and LF each end a line, as in libyaml.
    private static func lineStart(_ line: Int32, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var index = 0
        var current: Int32 = 1
        while current < line, index < bytes.count {
            if bytes[index] == 0x0A || (bytes[index] == 0x0D && (index + 1 == bytes.count || bytes[index + 1] != 0x0A))
            {
                current += 1
            }
            index += 1
        }
        return index
    }

    /// The column (1-based) of the first character after the spaces that indent `line`.
    private static func indentation(ofLine line: Int32, in bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let start = lineStart(line, in: bytes)
        var index = start
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        return Int32(index - start + 1)
    }

    /// The column (1-based) where `line`'s content starts after its indentation and any `- `
    /// sequence indicators: where the keys of a mapping begun on it sit.
    private static func contentColumn(ofLine line: Int32, in bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let start = lineStart(line, in: bytes)
        var index = start
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        while index + 1 < bytes.count, bytes[index] == 0x2D, bytes[index + 1] == 0x20 {
            index += 1
            while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        }
        return Int32(index - start + 1)
    }
}
