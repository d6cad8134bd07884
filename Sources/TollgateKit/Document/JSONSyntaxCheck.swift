/// Finds the first place where a `.json` file departs from strict JSON (RFC 8259): a trailing
/// comma, an unquoted key or string, a comment, single quotes, a malformed number or escape.
///
/// A `.json` declaration must be JSON that other tools read too, but the YAML parser, which
/// reads whatever `JSONReader` declines, accepts all of these (JSON is nearly a subset of YAML's
/// flow style). So `DocumentLoader` runs this check on a `.json` file the fast reader declined,
/// after `Prescan`: it never runs on the success path. Strict JSON that the fast reader declines
/// for its own reasons (a duplicate key, a surrogate escape, a tab before the document) passes
/// here and goes on to the YAML path, which reports it as before.
///
/// It reads the bytes once, without recursion (an explicit stack of open brackets), and leaves
/// what `Prescan` refuses (NUL and other control bytes, invalid UTF-8) to it. Marks are
/// 1-based, columns counted in Unicode scalars, as `JSONReader` counts them.
struct JSONSyntaxCheck {
    private let bytes: [UInt8]
    private var index = 0
    /// Lines and columns, counted as `JSONReader` and `JSONSyntaxCheck` both count them.
    private var counter = MarkCounter()

    /// What the check expects at the next token.
    private enum Expect {
        /// A value: the document's, an object entry's after its colon, or a list item after a comma.
        case value
        /// A list's first item, or its closing bracket.
        case firstItem
        /// An object's first key, or its closing brace.
        case firstKey
        /// A key after a comma.
        case key
        case colon
        /// A comma or the closing bracket of the innermost collection.
        case separator
        /// Nothing more: the document's value is complete.
        case end
    }

    /// The first departure from strict JSON in `bytes`, or `nil` when they are one strict JSON
    /// value. `bytes` must not start with a byte-order mark (`DocumentLoader` strips it first).
    static func firstProblem(in bytes: [UInt8]) -> DocumentProblem? {
        var check = JSONSyntaxCheck(bytes: bytes)
        do throws(DocumentProblem) {
            try check.document()
            return nil
        } catch {
            return error
        }
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private var mark: Mark { counter.mark(at: index) }

    private mutating func document() throws(DocumentProblem) {
        var open: [(bracket: UInt8, mark: Mark)] = []
        var expect = Expect.value
        // The comma just read, while nothing has followed it.
        var comma: Mark? = nil
        var rootIsCollection = false
        var rootMark: Mark? = nil
        while true {
            try skipWhitespace()
            guard index < bytes.count else {
                if let innermost = open.last { throw unclosed(innermost.bracket, at: innermost.mark) }
                return
            }
            let byte = bytes[index]
            let here = mark
            switch expect {
            case .end:
                // `"key": value` at the top: a YAML mapping that starts with a quoted key.
                if !rootIsCollection { throw looksLikeYAML(at: rootMark ?? here) }
                throw problem(
                    at: here, "more content after the JSON value ended",
                    hint: "a .json file holds one value; remove what follows, or move it inside the object")
            case .colon:
                guard byte == UInt8(ascii: ":") else {
                    throw problem(
                        at: here, "expected ':' after the key, found \(describe(at: index))",
                        hint: "write each entry as \"key\": value")
                }
                index += 1
                expect = .value
            case .separator:
                let innermost = open[open.count - 1]
                if byte == UInt8(ascii: ",") {
                    comma = here
                    index += 1
                    expect = innermost.bracket == UInt8(ascii: "{") ? .key : .value
                } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                    try close(byte, innermost, at: here)
                    open.removeLast()
                    index += 1
                    expect = open.isEmpty ? .end : .separator
                } else {
                    let closer = innermost.bracket == UInt8(ascii: "{") ? "}" : "]"
                    throw problem(
                        at: here, "expected ',' or '\(closer)', found \(describe(at: index))",
                        hint: "separate entries with a comma")
                }
            case .firstKey, .key:
                if byte == UInt8(ascii: "]"), let innermost = open.last { try close(byte, innermost, at: here) }
                if byte == UInt8(ascii: "}"), let comma {
                    throw trailingComma(at: comma, before: "}")
                } else if byte == UInt8(ascii: "}") {
                    open.removeLast()
                    index += 1
                    expect = open.isEmpty ? .end : .separator
                } else if byte == UInt8(ascii: "\"") {
                    try string()
                    comma = nil
                    expect = .colon
                } else {
                    throw badKey(at: here)
                }
            case .value, .firstItem:
                if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
                    // The wrong closer first (`[1,}`, `[}`): that, not the comma, is the mistake.
                    if let innermost = open.last { try close(byte, innermost, at: here) }
                    if let comma { throw trailingComma(at: comma, before: byte == UInt8(ascii: "]") ? "]" : "}") }
                    if expect == .firstItem, byte == UInt8(ascii: "]") {
                        open.removeLast()
                        index += 1
                        expect = open.isEmpty ? .end : .separator
                        continue
                    }
                }
                comma = nil
                if open.isEmpty { rootMark = here }
                switch byte {
                case UInt8(ascii: "{"):
                    rootIsCollection = rootIsCollection || open.isEmpty
                    open.append((byte, here))
                    index += 1
                    expect = .firstKey
                case UInt8(ascii: "["):
                    rootIsCollection = rootIsCollection || open.isEmpty
                    open.append((byte, here))
                    index += 1
                    expect = .firstItem
                case UInt8(ascii: "\""):
                    try string()
                    expect = open.isEmpty ? .end : .separator
                default:
                    try word(atTop: open.isEmpty, at: here)
                    expect = open.isEmpty ? .end : .separator
                }
            }
        }
    }

    // MARK: - Tokens

    /// JSON whitespace; a comment (`#`, `//`, `/*`) is the first thing that is not JSON.
    private mutating func skipWhitespace() throws(DocumentProblem) {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09:
                index += 1
            case 0x0A, 0x0D:
                counter.skipLineBreak(in: bytes, at: &index)
            case UInt8(ascii: "#"):
                throw comment()
            case UInt8(ascii: "/")
            where index + 1 < bytes.count
                && (bytes[index + 1] == UInt8(ascii: "/") || bytes[index + 1] == UInt8(ascii: "*")):
                throw comment()
            default:
                return
            }
        }
    }

    /// A double-quoted string at `index`; the cursor ends after its closing quote.
    private mutating func string() throws(DocumentProblem) {
        let opening = mark
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return
            case UInt8(ascii: "\\"):
                try escape()
            case 0x0A, 0x0D:
                throw problem(
                    at: mark, "line break inside a string",
                    hint: "close the string on its line; write a line break as \\n")
            case 0x09:
                throw problem(at: mark, "tab inside a string", hint: "write it as \\t")
            default:
                if byte & 0xC0 == 0x80 { counter.continuationBytes += 1 }
                index += 1
            }
        }
        throw problem(at: opening, "the string opened here is not closed", hint: "add the closing \"")
    }

    /// The escape at `index` (on its backslash).
    private mutating func escape() throws(DocumentProblem) {
        let here = mark
        let next = index + 1 < bytes.count ? bytes[index + 1] : 0
        switch next {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            index += 2
            return
        case UInt8(ascii: "u"):
            let digits = bytes[min(index + 2, bytes.count)..<min(index + 6, bytes.count)]
            if digits.count == 4, digits.allSatisfy(Self.isHexDigit) {
                index += 6
                return
            }
        default:
            break
        }
        let written = String(decoding: bytes[index..<min(index + 2, bytes.count)], as: UTF8.self)
        throw problem(
            at: here, "invalid escape '\(written)' in a string",
            hint: #"JSON escapes are \" \\ \/ \b \f \n \r \t and \uXXXX; write a backslash as \\"#)
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x46, 0x61...0x66: return true
        default: return false
        }
    }

    /// An unquoted value at `index`: a number or `true`, `false`, `null`; anything else is the
    /// problem (a bare word, YAML).
    private mutating func word(atTop: Bool, at here: Mark) throws(DocumentProblem) {
        let start = index
        if bytes[index] == UInt8(ascii: "'") { throw singleQuotes(at: here) }
        while index < bytes.count, !Self.endsWord(bytes[index]) { index += 1 }
        let word = bytes[start..<index]
        if word.elementsEqual("true".utf8) || word.elementsEqual("false".utf8) || word.elementsEqual("null".utf8)
            || Self.isNumber(word)
        {
            return
        }
        guard let first = word.first else {
            throw problem(
                at: here, "a value is missing before \(describe(at: index))",
                hint: "give the key a value (null if it has none), or remove the extra comma")
        }
        if atTop { throw looksLikeYAML(at: here) }
        let text = Self.quoted(word)
        if Self.startsNumber(first) {
            throw problem(
                at: here, "\(text) is not a JSON number",
                hint: "JSON numbers have no '+', leading zeros or bare '.' (write 0.5, 7, 1e3); quote it if it is text")
        }
        throw problem(
            at: here, "unquoted string \(text)",
            hint: "write it in double quotes; only numbers, true, false and null are unquoted in JSON")
    }

    /// What ends an unquoted word: JSON's structural characters, quotes and whitespace.
    private static func endsWord(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "\""), UInt8(ascii: "'"):
            return true
        default:
            return false
        }
    }

    private static func startsNumber(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: ".")
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    private static func isNumber(_ word: ArraySlice<UInt8>) -> Bool {
        var rest = word[...]
        func digits() -> Int {
            let count = rest.prefix { (0x30...0x39).contains($0) }.count
            rest = rest.dropFirst(count)
            return count
        }
        if rest.first == UInt8(ascii: "-") { rest = rest.dropFirst() }
        if rest.first == UInt8(ascii: "0") {
            rest = rest.dropFirst()
        } else if digits() == 0 {
            return false
        }
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            guard digits() > 0 else { return false }
        }
        if rest.first == UInt8(ascii: "e") || rest.first == UInt8(ascii: "E") {
            rest = rest.dropFirst()
            if rest.first == UInt8(ascii: "+") || rest.first == UInt8(ascii: "-") { rest = rest.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return rest.isEmpty
    }

    // MARK: - Problems

    private func problem(at mark: Mark, _ message: String, hint: String) -> DocumentProblem {
        DocumentProblem(mark: mark, message: "not strict JSON: \(message)", hint: hint)
    }

    private func looksLikeYAML(at mark: Mark) -> DocumentProblem {
        problem(
            at: mark, "this looks like YAML, not JSON",
            hint: "name the file .yaml to write YAML, or write it as JSON ({\"version\": 1, …})")
    }

    private func comment() -> DocumentProblem {
        problem(
            at: mark, "a comment",
            hint: "JSON has no comments: remove it, keep the note under an `x-` key (\"x-note\": \"…\"), "
                + "or name the file .yaml to write YAML")
    }

    private func trailingComma(at mark: Mark, before closer: String) -> DocumentProblem {
        problem(
            at: mark, "trailing comma before '\(closer)'",
            hint: "remove the comma; JSON allows none after the last \(closer == "}" ? "entry" : "item")")
    }

    private func singleQuotes(at mark: Mark) -> DocumentProblem {
        problem(at: mark, "a single-quoted string", hint: "JSON strings use double quotes: \"…\"")
    }

    /// What stands where a key should: a single-quoted string, a bare word, or a stray character.
    private mutating func badKey(at here: Mark) -> DocumentProblem {
        let byte = bytes[index]
        if byte == UInt8(ascii: "'") { return singleQuotes(at: here) }
        if byte == UInt8(ascii: ",") {
            return problem(at: here, "a comma where a key should be", hint: "remove the extra comma")
        }
        let start = index
        while index < bytes.count, !Self.endsWord(bytes[index]) { index += 1 }
        guard index > start else {
            return problem(
                at: here, "expected a key in double quotes, found \(describe(at: start))",
                hint: "write each entry as \"key\": value")
        }
        let word = bytes[start..<index]
        return problem(
            at: here, "unquoted key \(Self.quoted(word))",
            hint: "write it in double quotes: \"\(String(decoding: word.prefix(40), as: UTF8.self))\"")
    }

    private func close(_ byte: UInt8, _ innermost: (bracket: UInt8, mark: Mark), at here: Mark) throws(DocumentProblem)
    {
        let expected = innermost.bracket == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
        guard byte != expected else { return }
        let what = innermost.bracket == UInt8(ascii: "{") ? "object" : "list"
        throw problem(
            at: here,
            "'\(Character(Unicode.Scalar(byte)))' does not close the \(what) opened at line \(innermost.mark.line), "
                + "column \(innermost.mark.column)",
            hint: "close the \(what) with '\(Character(Unicode.Scalar(expected)))' first")
    }

    private func unclosed(_ bracket: UInt8, at opened: Mark) -> DocumentProblem {
        let (what, closer) = bracket == UInt8(ascii: "{") ? ("object", "}") : ("list", "]")
        return problem(
            at: mark, "the file ends inside the \(what) opened at line \(opened.line), column \(opened.column)",
            hint: "close it with '\(closer)'")
    }

    /// The character at `position`, quoted, or "the end of the file".
    private func describe(at position: Int) -> String {
        guard position < bytes.count else { return "the end of the file" }
        var end = position + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return "'\(String(decoding: bytes[position..<end], as: UTF8.self))'"
    }

    /// A word as the message shows it: quoted, and cut at 40 bytes.
    private static func quoted(_ word: ArraySlice<UInt8>) -> String {
        let shown = String(decoding: word.prefix(40), as: UTF8.self)
        return "'\(shown)\(word.count > 40 ? "…" : "")'"
    }
}
