import Foundation

/// Writes well-formed, indented XML into a byte buffer, for the JUnit and native XML reports.
///
/// The layout is the one libxml2's `xmlTextWriter` produces with indentation on (which this
/// type used until it measured 1.8 s for a 160 MB JUnit report of an L stack, a third of a
/// run): two spaces per level, one element per line, text content inline, `<empty/>` elements.
/// Writing it ourselves also makes the bytes independent of the libxml2 version installed.
/// libxml2 still checks every report the tests write: it parses them and validates them
/// against the JUnit XSDs and our own schema.
///
/// Escaping: in attribute values `& < > "` and tab, line feed and carriage return become
/// references (a parser would otherwise normalise them to spaces); in text `& < > "` and
/// carriage return. Characters XML 1.0 forbids even as references (most C0 controls,
/// U+FFFE/U+FFFF) are replaced with U+FFFD first, so a finding that quotes a control character
/// still yields a file every consumer can parse.
///
/// A noncopyable struct rather than a class: the reporters pass it `inout`, so the compiler
/// checks exclusive access statically instead of at every append (measured: a fifth of the
/// JUnit report's time went to runtime access checks when this was a class).
struct XMLWriter: ~Copyable {
    /// What has been written inside an open element so far.
    private enum Content {
        /// Nothing: the start tag is still open (`<name a="b"`).
        case none
        /// Text: the end tag follows it on the same line.
        case text
        /// Child elements: the end tag goes on its own, indented line.
        case children
    }

    private var bytes = ByteBuffer()
    private var open: [(name: String, content: Content)] = []
    private let indent: Bool
    /// Elements open in the writer a fragment will be appended to (0 for a whole document).
    private var enclosing = 0

    /// A writer that keeps the document in memory (`finish()` returns it), or streams it to
    /// `file` a megabyte at a time (`finishStreaming()` writes the rest).
    init(indent: Bool = true, streamingTo file: OutputFile.Staged? = nil) {
        self.indent = indent
        bytes.sink = file
        append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
    }

    /// A writer for a fragment of a document: elements written as children of `depth` elements
    /// that another writer has open, indented to match, without the XML declaration. Its bytes
    /// (`finishFragment()`) go into that writer with `append(fragment:)`, so parts of a large
    /// document can be written on several cores.
    init(fragmentAt depth: Int) {
        indent = true
        open = Array(repeating: ("", .children), count: depth)
        enclosing = depth
    }

    /// The fragment's bytes; the elements it started are closed, the enclosing ones are not.
    mutating func finishFragment() -> Data {
        while open.count > enclosing { end() }
        return bytes.take()
    }

    /// Appends a fragment written by `XMLWriter(fragmentAt: depth)`, where `depth` is the number
    /// of elements open here.
    mutating func append(fragment: Data) {
        guard !fragment.isEmpty else { return }
        beginChild()
        bytes.append(fragment)
    }

    /// Appends fragments as `append(fragment:)` does, one after the other, while `work` runs;
    /// when streaming to a file, they are written on another thread meanwhile (see
    /// `ByteBuffer.append(_:whileRunning:)`). `work` must not use this writer.
    mutating func append<T>(fragments: [Data], whileRunning work: () -> T) -> T {
        guard fragments.contains(where: { !$0.isEmpty }) else { return work() }
        beginChild()
        return bytes.append(fragments, whileRunning: work)
    }

    /// How many elements are open.
    var depth: Int { open.count }

    mutating func start(_ name: String) {
        beginChild()
        writeIndent(open.count)
        bytes.append(UInt8(ascii: "<"))
        append(name)
        open.append((name, .none))
    }

    mutating func attribute(_ name: String, _ value: String) {
        attribute(name, joining: value, "")
    }

    /// `name="firstsecond"` without building the joined string first (a JUnit testcase's
    /// `kind:id` name, written 1.8 million times for an L stack). Escaping is per character, so
    /// escaping the parts is escaping the whole.
    mutating func attribute(_ name: String, joining first: String, _ second: String) {
        bytes.append(UInt8(ascii: " "))
        append(name)
        append("=\"")
        escape(first, inAttribute: true)
        escape(second, inAttribute: true)
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func text(_ value: String) {
        if let last = open.indices.last, open[last].content != .text {
            if open[last].content == .none { bytes.append(UInt8(ascii: ">")) }
            open[last].content = .text
        }
        escape(value, inAttribute: false)
    }

    mutating func end() {
        guard let (name, content) = open.popLast() else { return }
        switch content {
        case .none:
            append("/>")
        case .text:
            append("</")
            append(name)
            bytes.append(UInt8(ascii: ">"))
        case .children:
            writeIndent(open.count)
            append("</")
            append(name)
            bytes.append(UInt8(ascii: ">"))
        }
        if indent { bytes.append(UInt8(ascii: "\n")) }
    }

    /// An empty element whose attributes are `prefix`, then `value` escaped, then `suffix`: the
    /// bytes `start`, `attribute` and `end` would write, without the open-element bookkeeping.
    /// `prefix` starts after `<` and the element's name is its first word; `suffix` ends before
    /// `/>`. Both are written as they are, so they must be well-formed and escaped already. For
    /// the passing JUnit test cases, 1.8 million of them at L.
    mutating func emptyElement(prefix: [UInt8], _ value: String, suffix: [UInt8]) {
        beginChild()
        writeIndent(open.count)
        bytes.append(UInt8(ascii: "<"))
        prefix.withUnsafeBufferPointer { bytes.append($0) }
        escape(value, inAttribute: true)
        suffix.withUnsafeBufferPointer { bytes.append($0) }
        bytes.append(UInt8(ascii: "/"))
        bytes.append(UInt8(ascii: ">"))
        if indent { bytes.append(UInt8(ascii: "\n")) }
    }

    /// Writes `<name attributes…>text</name>` (or an empty element when `text` is nil).
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text value: String? = nil)
    {
        start(name)
        for (key, attributeValue) in attributes { attribute(key, attributeValue) }
        if let value { text(value) }
        end()
    }

    /// The document `body` writes, in memory.
    static func render(_ body: (inout XMLWriter) -> Void) throws -> Data {
        var xml = XMLWriter()
        body(&xml)
        return try xml.finish()
    }

    /// Streams the document `body` writes into `file`.
    static func stream(to file: OutputFile.Staged, _ body: (inout XMLWriter) -> Void) throws {
        var xml = XMLWriter(streamingTo: file)
        body(&xml)
        try xml.finishStreaming()
    }

    /// Closes what is still open and returns the document's bytes.
    mutating func finish() throws -> Data {
        while !open.isEmpty { end() }
        return bytes.take()
    }

    /// Closes what is still open and writes the rest of the document to the file it streams to.
    mutating func finishStreaming() throws {
        while !open.isEmpty { end() }
        try bytes.flush()
    }

    /// Closes the innermost start tag if it is still open, and notes that it has children.
    private mutating func beginChild() {
        guard let last = open.indices.last else { return }
        if open[last].content == .none {
            bytes.append(UInt8(ascii: ">"))
            if indent { bytes.append(UInt8(ascii: "\n")) }
        }
        open[last].content = .children
    }

    private mutating func writeIndent(_ depth: Int) {
        guard indent else { return }
        bytes.append(repeating: UInt8(ascii: " "), count: depth * 2)
    }

    private mutating func append(_ text: String) {
        bytes.append(text)
    }

    private mutating func escape(_ text: String, inAttribute: Bool) {
        // One pass over the bytes in place decides: printable ASCII without special characters
        // is copied as it is (nearly every id and name; 1.8 million test cases at L).
        var text = text
        let plain = text.withUTF8 { utf8 -> Bool in
            for byte in utf8 where Self.needsEscaping(byte) { return false }
            bytes.append(utf8)
            return true
        }
        if plain { return }
        for byte in Self.clean(text).utf8 {
            switch byte {
            case UInt8(ascii: "&"): append("&amp;")
            case UInt8(ascii: "<"): append("&lt;")
            case UInt8(ascii: ">"): append("&gt;")
            case UInt8(ascii: "\""): append("&quot;")
            case 0x0D: append("&#13;")
            case 0x0A where inAttribute: append("&#10;")
            case 0x09 where inAttribute: append("&#9;")
            default: bytes.append(byte)
            }
        }
    }

    /// Whether a byte is escaped or needs a closer look: markup characters, controls, DEL and
    /// everything outside ASCII. A constant mask rather than a table: a static table is reached
    /// through a lazy-initialisation check on every call, which measured 7 % of the JUnit
    /// report's time.
    @inline(__always)
    static func needsEscaping(_ byte: UInt8) -> Bool {
        // Bits 0–31 (controls), `"` (34), `&` (38), `<` (60), `>` (62).
        let below64: UInt64 = 0xFFFF_FFFF | 1 << 34 | 1 << 38 | 1 << 60 | 1 << 62
        return byte >= 0x7F || (byte < 64 && below64 & (1 << UInt64(byte)) != 0)
    }

    /// `value` as an attribute value would hold it (escaped, without the quotes), for the
    /// prefixes `emptyElement` writes as they are.
    static func escapedAttribute(_ value: String) -> String {
        var writer = XMLWriter(fragmentAt: 0)
        writer.escape(value, inAttribute: true)
        return String(decoding: writer.finishFragment(), as: UTF8.self)
    }

    /// Replaces characters that XML 1.0 does not allow with U+FFFD.
    static func clean(_ text: String) -> String {
        // Most text is printable ASCII: decide that on the bytes before decoding any scalar.
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x9 || $0 == 0xA || $0 == 0xD }) { return text }
        guard text.unicodeScalars.contains(where: { !isAllowed($0) }) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(isAllowed(scalar) ? scalar : "\u{FFFD}")
        }
        return String(scalars)
    }

    /// XML 1.0 `Char`: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
