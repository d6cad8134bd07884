import Foundation

/// Writes JSON in the layout `JSONEncoder` produces with `[.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes]`, straight into a byte buffer or a file, for the SARIF report.
///
/// `JSONEncoder` builds a tree of boxed values for the whole document, then sorts every
/// object's keys and prints it: 1.0 s and a few hundred MB for the 28 MB SARIF report of an L
/// stack. Writing the members directly, in the order `sortedKeys` would give them, takes a
/// fraction of that and can stream. The layout is `JSONEncoder`'s so the output did not change
/// when the encoder was replaced; the tests compare the two on awkward values.
///
/// Layout: two spaces per level, `"key" : value`, one member or element per line, empty
/// containers as `[` / `{`, an empty line, and the closing bracket. Strings escape `"` and `\`,
/// write `\b \t \n \f \r` and other C0 controls as `\u00xx`, and keep `/` and non-ASCII as they
/// are. Callers give an object's keys in byte order; debug builds check it.
struct PrettyJSONWriter: ~Copyable {
    private var bytes = ByteBuffer()
    /// One entry per open container: whether it is an array, how many members it has so far and
    /// (objects, debug builds) the last key written.
    private var open: [(isArray: Bool, count: Int, lastKey: String)] = []

    init(streamingTo file: OutputFile.Staged? = nil) {
        bytes.sink = file
    }

    mutating func beginObject() {
        beginValue()
        bytes.append(UInt8(ascii: "{"))
        open.append((false, 0, ""))
    }

    mutating func endObject() { end(UInt8(ascii: "}")) }

    mutating func beginArray() {
        beginValue()
        bytes.append(UInt8(ascii: "["))
        open.append((true, 0, ""))
    }

    mutating func endArray() { end(UInt8(ascii: "]")) }

    /// Starts an object member; its value is written next.
    mutating func key(_ key: String) {
        let last = open.count - 1
        assert(last >= 0 && !open[last].isArray, "a key outside an object")
        assert(
            open[last].count == 0 || open[last].lastKey.utf8.lexicographicallyPrecedes(key.utf8), "\(key) out of order")
        #if DEBUG
            open[last].lastKey = key
        #endif
        separate(last)
        writeString(key)
        bytes.append(" : ")
    }

    mutating func string(_ value: String) {
        beginValue()
        writeString(value)
    }

    mutating func int(_ value: Int) {
        beginValue()
        bytes.append(String(value))
    }

    mutating func bool(_ value: Bool) {
        beginValue()
        bytes.append(value ? "true" : "false")
    }

    /// `"key" : "value"`, the commonest member.
    mutating func member(_ name: String, _ value: String) {
        key(name)
        string(value)
    }

    mutating func member(_ name: String, _ value: Int) {
        key(name)
        int(value)
    }

    /// An array of strings.
    mutating func strings(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    /// The document `body` writes, in memory.
    static func render(_ body: (inout PrettyJSONWriter) -> Void) -> Data {
        var json = PrettyJSONWriter()
        body(&json)
        return json.finish()
    }

    /// Streams the document `body` writes into `file`.
    static func stream(to file: OutputFile.Staged, _ body: (inout PrettyJSONWriter) -> Void) throws {
        var json = PrettyJSONWriter(streamingTo: file)
        body(&json)
        try json.finishStreaming()
    }

    /// The document, ending with a line feed.
    mutating func finish() -> Data {
        bytes.append(UInt8(ascii: "\n"))
        return bytes.take()
    }

    /// Writes the rest of the document, ending with a line feed, to the file it streams to.
    mutating func finishStreaming() throws {
        bytes.append(UInt8(ascii: "\n"))
        try bytes.flush()
    }

    /// The separator and indentation before an array element (a member's value follows its key).
    private mutating func beginValue() {
        guard let last = open.indices.last, open[last].isArray else { return }
        separate(last)
    }

    private mutating func separate(_ level: Int) {
        if open[level].count > 0 { bytes.append(UInt8(ascii: ",")) }
        open[level].count += 1
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(repeating: UInt8(ascii: " "), count: open.count * 2)
    }

    private mutating func end(_ bracket: UInt8) {
        let container = open.removeLast()
        // An empty container still has its line break and an empty line, as JSONEncoder writes it.
        if container.count == 0 { bytes.append(UInt8(ascii: "\n")) }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(repeating: UInt8(ascii: " "), count: open.count * 2)
        bytes.append(bracket)
    }

    private mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        // Most strings need no escaping: copy them whole. The test reads the bytes in place (through
        // `UTF8View` it was 600 instructions a string, 1 % of a whole check at M writing SARIF).
        var text = text
        if !text.withUTF8(Self.needsEscaping) {
            bytes.append(text)
        } else {
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "\""): bytes.append("\\\"")
                case UInt8(ascii: "\\"): bytes.append("\\\\")
                case 0x08: bytes.append("\\b")
                case 0x09: bytes.append("\\t")
                case 0x0A: bytes.append("\\n")
                case 0x0C: bytes.append("\\f")
                case 0x0D: bytes.append("\\r")
                case 0x00..<0x20:
                    let hex: StaticString = "0123456789abcdef"
                    bytes.append("\\u00")
                    bytes.append(hex.utf8Start[Int(byte >> 4)])
                    bytes.append(hex.utf8Start[Int(byte & 0xF)])
                default: bytes.append(byte)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Whether `utf8` holds a byte a JSON string must escape: `"`, `\` or a C0 control.
    static func needsEscaping(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return true }
        return false
    }
}
