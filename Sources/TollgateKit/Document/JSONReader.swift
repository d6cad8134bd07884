/// A fast reader for documents that are strict JSON, producing the same located `Node` tree
/// the YAML path (libyaml through Yams, then `Converter`) produces for them.
///
/// Why it exists: declarations of large stacks are usually generated as JSON, and going
/// through Yams costs about ten times the parse itself (a Yams node tree with tags and
/// structural hashing of every mapping key, then a conversion into `Node`); see
/// docs/performance.md for the measurement.
///
/// It is deliberately narrow. It accepts only input on which its result is known to equal the
/// YAML path's, byte for byte and mark for mark, and returns `nil` for anything else, so the
/// caller falls back to Yams, which then parses it (YAML written with braces) or reports the
/// error exactly as before (syntax errors, duplicate keys, nesting deeper than the limit). It
/// declines:
/// - anything that is not RFC 8259 JSON (comments, trailing commas, single quotes, bare words);
/// - duplicate keys in one object, and nesting deeper than `maxDepth`;
/// - `\u` escapes of surrogates (libyaml refuses them; JSON would pair them);
/// - keys with a line break before their colon, or longer than libyaml's 1024-character limit
///   for implicit keys;
/// - characters libyaml counts as line breaks or handles specially inside strings (NEL, LINE
///   SEPARATOR, PARAGRAPH SEPARATOR, BOM), and tabs outside a collection, where YAML's block
///   context forbids them.
///
/// Asked to (`read(_:maxDepth:scanningSecrets:)`), it also judges each string it reads for
/// secrets, exactly as `SecretScanner`'s walk of the finished tree would (`SecretSightings`),
/// so that a large JSON stack is not walked a second time.
///
/// Marks follow libyaml: 1-based lines and columns, columns counted in Unicode scalars, CR LF
/// and a lone CR each ending one line; a collection's mark is its opening bracket, a scalar's
/// its first character (the opening quote of a string).
struct JSONReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let maxDepth: Int
    private var index = 0
    /// Lines and columns, counted as `JSONReader` and `JSONSyntaxCheck` both count them.
    private var counter = MarkCounter()
    /// Whether the last string read was its bytes as written (no escapes, ASCII only).
    private var plainString = false
    /// Shares the long strings that repeat across the document's entities.
    private var interner = StringInterner()
    /// Finds the short strings that repeat (keys, vocabulary values) without making them again.
    private var shortStrings = ShortStringCache()
    /// The secrets in the strings read so far, when the caller asked for the scan (see
    /// `SecretSightings` for why it rides along with the reader).
    private var sightings: SecretSightings?
    /// The entries of the objects being read, and the items of the arrays (see `ScratchStack`).
    private let entryStack = ScratchStack<Node.Entry>()
    private let itemStack = ScratchStack<Node>()

    /// Why reading stopped; every case means "let the YAML path handle this document".
    private struct Decline: Error {}

    /// Reads `bytes` (valid UTF-8, checked by `Prescan`) as one JSON document.
    static func read(_ bytes: [UInt8], maxDepth: Int) -> Node? {
        read(bytes, maxDepth: maxDepth, scanningSecrets: false)?.root
    }

    /// Reads `bytes` as one JSON document and, when `scanningSecrets`, records the secrets in its
    /// strings exactly as `SecretScanner`'s walk of the finished tree would.
    static func read(
        _ bytes: [UInt8], maxDepth: Int, scanningSecrets: Bool
    ) -> (root: Node, sightings: SecretSightings?)? {
        bytes.withUnsafeBufferPointer { read($0, maxDepth: maxDepth, scanningSecrets: scanningSecrets) }
    }

    /// Reads the document in `bytes`, which must stay valid for the call only.
    static func read(
        _ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int, scanningSecrets: Bool
    ) -> (root: Node, sightings: SecretSightings?)? {
        var reader = JSONReader(bytes: bytes, maxDepth: maxDepth, scanningSecrets: scanningSecrets)
        guard let root = try? reader.document() else { return nil }
        return (root, reader.sightings)
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int, scanningSecrets: Bool) {
        self.bytes = bytes
        self.maxDepth = maxDepth
        self.sightings = scanningSecrets ? SecretSightings() : nil
    }

    private var mark: Mark { counter.mark(at: index) }

    private mutating func document() throws -> Node {
        try skipWhitespace(allowTabs: false)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") || bytes[index] == UInt8(ascii: "[") else {
            throw Decline()
        }
        let root = try value(depth: 0, field: "", kinds: .plain)
        try skipWhitespace(allowTabs: false)
        guard index == bytes.count else { throw Decline() }
        return root
    }

    private mutating func skipWhitespace(allowTabs: Bool) throws {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20:
                index += 1
            case 0x0A, 0x0D:
                counter.skipLineBreak(in: bytes, at: &index)
            case 0x09:
                guard allowTabs else { throw Decline() }
                index += 1
            default:
                return
            }
        }
    }

    /// The value at `index`, under the key `field` (the list's key for an item), which says
    /// `kinds` to the secret scan.
    private mutating func value(depth: Int, field: String, kinds: SecretScanner.KeyKinds) throws -> Node {
        guard depth <= maxDepth, index < bytes.count else { throw Decline() }
        let start = mark
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            return Node(.mapping(try entries(depth: depth)), mark: start)
        case UInt8(ascii: "["):
            index += 1
            return Node(.sequence(try items(depth: depth, field: field, kinds: kinds)), mark: start)
        case UInt8(ascii: "\""):
            let text = try string()
            sightings?.scalar(text, isPlain: false, at: start, field: field, kinds: kinds)
            return Node(.scalar(text: text, isPlain: false), mark: start)
        case UInt8(ascii: "t"):
            try literal("true")
            return Node(.scalar(text: "true", isPlain: true), mark: start)
        case UInt8(ascii: "f"):
            try literal("false")
            return Node(.scalar(text: "false", isPlain: true), mark: start)
        case UInt8(ascii: "n"):
            try literal("null")
            return Node(.scalar(text: "null", isPlain: true), mark: start)
        default:
            let text = try number()
            sightings?.scalar(text, isPlain: true, at: start, field: field, kinds: kinds)
            return Node(.scalar(text: text, isPlain: true), mark: start)
        }
    }

    private mutating func entries(depth: Int) throws -> [Node.Entry] {
        // This object's entries are pushed above those of the objects it is inside.
        let start = entryStack.count
        var count = 0
        // Keys seen, once the object is too large for a linear search to stay cheap.
        var seen: Set<String>? = nil
        // The `value` entries and the sightings in each, in case this is a key/value pair object.
        var pairValues: [(position: Int, range: Range<Int>)] = []
        var keyBits: UInt64 = 0
        try skipWhitespace(allowTabs: true)
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return []
        }
        while true {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw Decline() }
            let keyMark = mark
            let keyStart = index
            let key = try string()
            // Duplicate keys are an error the YAML path reports with its own wording. A key
            // read as plain bytes sets one bit of `keyBits` by a hash of them; only a key whose
            // bit is already set (or one with escapes, whose bytes are not its text) is compared
            // with the others: comparing every key with every earlier one was 3 % of a run.
            if count < 16 {
                var mayRepeat = true
                if plainString {
                    let keyBytes = UnsafeBufferPointer(rebasing: bytes[keyStart + 1..<index - 1])
                    let bit: UInt64 = 1 << (StringInterner.hash(keyBytes) & 63)
                    mayRepeat = keyBits & bit != 0
                    keyBits |= bit
                } else {
                    // Its bit is unknown, so from now on every key may repeat it.
                    keyBits = .max
                }
                if mayRepeat, entryStack.contains(from: start, where: { $0.key == key }) { throw Decline() }
            } else {
                if seen == nil {
                    var keys = Set<String>(minimumCapacity: 2 * count)
                    entryStack.forEach(from: start) { keys.insert($0.key) }
                    seen = keys
                }
                if seen?.insert(key).inserted == false { throw Decline() }
            }
            // YAML keys are implicit keys: on one line, and at most 1024 characters up to the colon.
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":"), index - keyStart < 1000 else {
                throw Decline()
            }
            index += 1
            try skipWhitespace(allowTabs: true)
            let item: Node
            if sightings != nil {
                let range: Range<Int>
                (item, range) = try scannedValue(depth: depth + 1, key: key, keyMark: keyMark, position: count)
                if SecretScanner.isPairValue(key) { pairValues.append((count, range)) }
            } else {
                item = try value(depth: depth + 1, field: "", kinds: .plain)
            }
            entryStack.push(Node.Entry(key: key, keyMark: keyMark, value: item))
            count += 1
            if try separator(closing: UInt8(ascii: "}")) { continue }
            let entries = entryStack.pop(from: start)
            if !pairValues.isEmpty { rescanPairValues(pairValues, of: entries) }
            return entries
        }
    }

    /// An entry's value, scanned for secrets under its key (and the key itself), with the range
    /// of sightings found in the value.
    private mutating func scannedValue(
        depth: Int, key: String, keyMark: Mark, position: Int
    ) throws -> (Node, Range<Int>) {
        sightings!.path.append(position)
        sightings!.key(key, at: keyMark)
        let kinds = sightings!.kinds(of: key)
        let before = sightings!.count
        let outer = sightings!.enter()
        let item = try value(depth: depth, field: key, kinds: kinds)
        sightings!.leave(to: outer)
        sightings!.path.removeLast()
        return (item, before..<sightings!.count)
    }

    /// Scans the `value` entries of a key/value pair object again, now that the whole object
    /// is read, under the pair's key (`SecretScanner.pairKey`); what was recorded for them under
    /// the word `value` is replaced. Rare: only such objects have both entries.
    private mutating func rescanPairValues(_ values: [(position: Int, range: Range<Int>)], of entries: [Node.Entry]) {
        guard let pairKey = SecretScanner.pairKey(in: entries) else { return }
        // Later ranges first, so the earlier ones stay where they are.
        for (position, range) in values.reversed() {
            sightings!.rescan(position, of: entries, as: pairKey, replacing: range)
        }
    }

    private mutating func items(depth: Int, field: String, kinds: SecretScanner.KeyKinds) throws -> [Node] {
        // This array's items are pushed above those of the arrays it is inside.
        let start = itemStack.count
        try skipWhitespace(allowTabs: true)
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return []
        }
        while true {
            if sightings != nil {
                sightings!.path.append(itemStack.count - start)
                itemStack.push(try value(depth: depth + 1, field: field, kinds: kinds))
                sightings!.path.removeLast()
            } else {
                itemStack.push(try value(depth: depth + 1, field: field, kinds: kinds))
            }
            if try separator(closing: UInt8(ascii: "]")) { continue }
            return itemStack.pop(from: start)
        }
    }

    /// After an object's entry or a list's item: a comma, and the next one follows (true), or
    /// `closer`, and the collection ends (false); the cursor ends after either.
    private mutating func separator(closing closer: UInt8) throws -> Bool {
        try skipWhitespace(allowTabs: true)
        guard index < bytes.count else { throw Decline() }
        if bytes[index] == UInt8(ascii: ",") {
            index += 1
            try skipWhitespace(allowTabs: true)
            return true
        }
        guard bytes[index] == closer else { throw Decline() }
        index += 1
        return false
    }

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw Decline() }
        let pointer = word.utf8Start
        for offset in 0..<count where bytes[index + offset] != pointer[offset] { throw Decline() }
        index += count
        try requireDelimiter()
    }

    /// After a number or literal: what YAML would also end the plain scalar at.
    private mutating func requireDelimiter() throws {
        guard index < bytes.count else { return }
        switch bytes[index] {
        case 0x20, 0x0A, 0x0D, 0x09, UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"): return
        default: throw Decline()
        }
    }

    /// A JSON number, returned as written (YAML keeps a plain scalar's text).
    private mutating func number() throws -> String {
        let start = index
        func digits() -> Int {
            let first = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            return index - first
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count else { throw Decline() }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            guard digits() > 0 else { throw Decline() }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { throw Decline() }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard digits() > 0 else { throw Decline() }
        }
        try requireDelimiter()
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    /// A string at `index` (on its opening quote); the cursor ends after the closing quote.
    private mutating func string() throws -> String {
        index += 1
        let start = index
        // Fast path: printable ASCII without escapes, the common case.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let run = UnsafeBufferPointer(rebasing: bytes[start..<index])
                // Up to 15 bytes a string is stored inline, with nothing to share, but the
                // recent ones are found without making them again.
                let text: String
                if run.count > ShortStringCache.maximumCount {
                    text = interner.string(run)
                } else if start + 16 <= bytes.count, let base = bytes.baseAddress {
                    text = shortStrings.string(at: base + start, count: run.count)
                } else {
                    text = String(decoding: run, as: UTF8.self)
                }
                index += 1
                plainString = true
                return text
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { break }
            index += 1
        }
        plainString = false
        var scalars = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: scalars, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                try escape(into: &scalars)
            case 0..<0x20:
                throw Decline()
            case 0x80...:
                // Multi-byte characters: refuse the ones libyaml treats specially.
                if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0x85 { throw Decline() }  // NEL
                if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80,
                    bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9
                {
                    throw Decline()  // LINE / PARAGRAPH SEPARATOR
                }
                if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBB, bytes[index + 2] == 0xBF {
                    throw Decline()  // BOM
                }
                // Invalid UTF-8 is declined, so that `Prescan` reports it exactly as before.
                let length = Prescan.utf8SequenceLength(in: bytes, at: index)
                guard length > 0 else { throw Decline() }
                scalars.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<index + length]))
                counter.continuationBytes += length - 1
                index += length
            default:
                scalars.append(byte)
                index += 1
            }
        }
        throw Decline()
    }

    private mutating func escape(into scalars: inout [UInt8]) throws {
        guard index < bytes.count else { throw Decline() }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(byte)
        case UInt8(ascii: "b"): scalars.append(0x08)
        case UInt8(ascii: "f"): scalars.append(0x0C)
        case UInt8(ascii: "n"): scalars.append(0x0A)
        case UInt8(ascii: "r"): scalars.append(0x0D)
        case UInt8(ascii: "t"): scalars.append(0x09)
        case UInt8(ascii: "u"):
            guard index + 4 <= bytes.count else { throw Decline() }
            var value: UInt32 = 0
            for offset in 0..<4 {
                let digit = bytes[index + offset]
                let nibble: UInt32
                switch digit {
                case 0x30...0x39: nibble = UInt32(digit - 0x30)
                case 0x41...0x46: nibble = UInt32(digit - 0x41 + 10)
                case 0x61...0x66: nibble = UInt32(digit - 0x61 + 10)
                default: throw Decline()
                }
                value = value << 4 | nibble
            }
            index += 4
            // libyaml refuses surrogates; leave the error (and pairs) to it. Escaped line
            // separators and BOMs are left to it too, in case it treats them specially.
            guard let scalar = Unicode.Scalar(value), value != 0, value != 0x85, value != 0x2028, value != 0x2029,
                value != 0xFEFF
            else { throw Decline() }
            scalars.append(contentsOf: String(scalar).utf8)
        default:
            throw Decline()
        }
    }
}
