/// Reads the fields of one mapping strictly, collecting every problem instead of stopping.
///
/// Each accessor records the key as known, checks the value's type and remembers its mark;
/// `finish()` then reports the keys nobody asked for, with a "did you mean" suggestion. Keys
/// starting with `x-` or `x_` are left for the user's own annotations.
public struct FieldReader {
    public let file: String
    public let pointer: String
    public let mark: Mark
    /// Problems found so far, in this mapping and its children.
    public private(set) var diagnostics: [Diagnostic] = []
    private let entries: [Node.Entry]
    /// The keys accessors asked for, for "did you mean" hints; recorded only when
    /// `recordsKnown` (see `decode`).
    private var known: [String] = []
    /// Whether accessors record their keys in `known`. Nested readers start without: nearly
    /// every mapping has no unknown key, and for one that has, `decode` reads it again with
    /// recording on (30 appends and an allocation saved per entity; a million entities at L).
    private let recordsKnown: Bool
    /// The fields read so far and where each was (`keys[i]` at `marks[i]`), for `origin`.
    private var keys: [FieldKey] = []
    private var marks: [Mark] = []
    /// Shares key lists among the entities of this reader's document.
    private let keyCache: FieldKeyCache
    /// Entries some accessor asked for (bit `i` for entry `i`; `consumedBeyond` past 64), so
    /// `finish()` finds the unknown keys without hashing every key of every mapping.
    private var consumed: UInt64 = 0
    private var consumedBeyond: Set<Int> = []
    /// Where the next lookup starts: accessors usually ask in the order the file lists the
    /// keys, so most lookups succeed at the first comparison.
    private var cursor = 0
    /// One bit per key, chosen by its length and first byte (`keyBit`): most lookups are of
    /// optional keys the mapping does not have, and this answers most of them without looking
    /// at any key. By length alone, keys of an entity's usual 6–20 bytes shared a few bits, and
    /// a miss compared every key.
    private var keyBits: UInt64 = 0
    /// The entity kind used in messages ("system", "flow").
    public let context: String

    /// A reader over `node`, or `nil` (with a diagnostic in `diagnostics`) when it is not a mapping.
    public init(node: Node, file: String, pointer: String, context: String) {
        self.init(
            node: node, file: file, pointer: pointer, context: context, keyCache: FieldKeyCache(), recordsKnown: true)
    }

    private init(
        node: Node, file: String, pointer: String, context: String, keyCache: FieldKeyCache, recordsKnown: Bool
    ) {
        self.recordsKnown = recordsKnown
        self.file = file
        self.pointer = pointer
        self.mark = node.mark
        self.context = context
        self.keyCache = keyCache
        if case .mapping(let entries) = node.kind {
            self.entries = entries
            // One allocation instead of a regrowth every few fields (an entity reads ~30).
            if recordsKnown { known.reserveCapacity(entries.count + 24) }
            // Room for every key and every list item, so the marks an origin keeps are allocated
            // once and carry no slack.
            var positions = entries.count
            for entry in entries {
                if case .sequence(let items) = entry.value.kind { positions += items.count }
                keyBits |= Self.keyBit(entry.key)
            }
            keys.reserveCapacity(positions)
            marks.reserveCapacity(positions)
        } else {
            self.entries = []
            diagnostics.append(
                Diagnostic(
                    at: location(node.mark), "expected a mapping for \(context), found \(node.typeDescription)",
                    hint: "write \(context) as `key: value` lines"))
        }
    }

    // MARK: - Positions

    func location(_ mark: Mark, _ suffix: String = "") -> SourceLocation {
        SourceLocation(file: file, mark: mark, pointer: pointer + suffix)
    }

    /// The origin of this mapping with the marks of every field read so far.
    public var origin: Origin {
        Origin(
            file: file, pointer: pointer, mark: mark,
            fields: FieldMarks(keys: keyCache.shared(keys), marks: marks))
    }

    /// Adds a diagnostic found by a caller (for cross-field checks inside one mapping).
    public mutating func report(_ message: String, at field: String? = nil, hint: String? = nil) {
        let fieldMark = field.flatMap { FieldMarks.index(of: $0, in: keys).map { marks[$0] } } ?? mark
        diagnostics.append(Diagnostic(at: location(fieldMark, field.map { "/" + $0 } ?? ""), message, hint: hint))
    }

    /// Adds a diagnostic found elsewhere (a nested reader, a cross-reference check).
    public mutating func absorb(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    /// Looks up a field, marking it known. Null values count as absent.
    mutating func value(_ key: String) -> Node? {
        if recordsKnown { known.append(key) }
        guard let index = index(of: key) else { return nil }
        if index < 64 { consumed |= 1 << UInt64(index) } else { consumedBeyond.insert(index) }
        keys.append(FieldKey(name: key))
        // Read in place: a copy of the entry retained its key and value only to drop them again.
        marks.append(entries[index].value.mark)
        return entries[index].value.isNull ? nil : entries[index].value
    }

    /// How a field was written, for a caller's own check of a field that must not be left empty.
    public enum Written {
        /// Not in the mapping.
        case absent
        /// Written as `null`, `~` or nothing at all (counts as absent).
        case null
        /// Written as `[]`.
        case emptyList
        /// Anything else (its accessor checks the type).
        case value
    }

    /// How `key` was written. Does not mark the key as read.
    public func written(_ key: String) -> Written {
        guard let entry = entries.first(where: { $0.key == key }) else { return .absent }
        if entry.value.isNull { return .null }
        if case .sequence(let items) = entry.value.kind, items.isEmpty { return .emptyList }
        return .value
    }

    /// The bit of `keyBits` for `key`.
    @inline(__always)
    private static func keyBit(_ key: String) -> UInt64 {
        // The view's subscript, not `first`: `first` was not specialised, 35 instructions a call.
        let utf8 = key.utf8
        let count = utf8.count
        let first = count == 0 ? 0 : Int(utf8[utf8.startIndex])
        return 1 << UInt64((count &* 5 &+ first) & 63)
    }

    private mutating func index(of key: String) -> Int? {
        let count = entries.count
        guard keyBits & Self.keyBit(key) != 0 else { return nil }
        // Comparing lengths first skips most non-matching keys without a string comparison.
        let length = key.utf8.count
        var index = cursor
        for _ in 0..<count {
            if index >= count { index = 0 }
            if entries[index].key.utf8.count == length && entries[index].key == key {
                cursor = index + 1
                return index
            }
            index += 1
        }
        return nil
    }

    private func isConsumed(_ index: Int) -> Bool {
        index < 64 ? consumed & (1 << UInt64(index)) != 0 : consumedBeyond.contains(index)
    }

    private mutating func missing(_ key: String) {
        diagnostics.append(
            Diagnostic(
                at: location(mark), "missing required key '\(key)' in \(context)",
                hint: "add `\(key): …`"))
    }

    private mutating func typeError(_ key: String, _ node: Node, expected: String, hint: String? = nil) {
        diagnostics.append(
            Diagnostic(
                at: location(node.mark, "/" + key),
                "expected \(expected) for '\(key)', found \(node.typeDescription)", hint: hint))
    }

    // MARK: - Scalars

    /// A string field. Any scalar's text is accepted as written (`plan: 2024` is the string
    /// "2024"; `1.10` keeps its trailing zero), because the text is never re-typed by YAML rules;
    /// lists and mappings are refused.
    public mutating func string(_ key: String, required: Bool = false) -> String? {
        guard let node = value(key) else {
            if required { missing(key) }
            return nil
        }
        return stringValue(node, key: key, suffix: "/" + key, required: required)
    }

    /// The text of a string field; an empty one is reported, with a hint that does not send the
    /// user to remove a `required` key (which would then be missing).
    private mutating func stringValue(
        _ node: Node, key: String, suffix: @autoclosure () -> String, required: Bool = false
    ) -> String? {
        guard case .scalar(let text, _) = node.kind else {
            diagnostics.append(
                Diagnostic(
                    at: location(node.mark, suffix()), "expected a string for '\(key)', found \(node.typeDescription)"))
            return nil
        }
        if text.isEmpty {
            diagnostics.append(
                Diagnostic(
                    at: location(node.mark, suffix()), "'\(key)' is empty",
                    hint: required ? "give it a value; '\(key)' is required" : "remove the key or give it a value"))
            return nil
        }
        return text
    }

    public mutating func bool(_ key: String, required: Bool = false) -> Bool? {
        guard let node = value(key) else {
            if required { missing(key) }
            return nil
        }
        if case .scalar(let text, true) = node.kind {
            if text == "true" { return true }
            if text == "false" { return false }
        }
        typeError(
            key, node, expected: "true or false",
            hint: node.typeDescription == "a string"
                ? "write true or false without quotes (yes/no/on/off are not booleans here)" : nil)
        return nil
    }

    public mutating func int(_ key: String, required: Bool = false, minimum: Int? = 0) -> Int? {
        guard let node = value(key) else {
            if required { missing(key) }
            return nil
        }
        guard case .scalar(let text, true) = node.kind, let number = Int(text) else {
            if case .scalar(let text, false) = node.kind, Int(text) != nil {
                typeError(key, node, expected: "a whole number", hint: "remove the quotes around \(text)")
            } else if let problem = Self.wholeNumberProblem(node, subject: "'\(key)'") {
                diagnostics.append(Diagnostic(at: location(node.mark, "/" + key), problem.message, hint: problem.hint))
            } else {
                typeError(key, node, expected: "a whole number")
            }
            return nil
        }
        if let minimum, number < minimum {
            diagnostics.append(
                Diagnostic(at: location(node.mark, "/" + key), "'\(key)' must be at least \(minimum), found \(number)"))
            return nil
        }
        return number
    }

    /// A number written in decimal (`12`, `-3`, `49.9`), as declarations.md's Value types say,
    /// within `range` when one is given. Read by organisations' `pct_revenue_from_selling_sharing`
    /// and by policy parameters whose default is a decimal.
    public mutating func double(
        _ key: String, required: Bool = false, in range: ClosedRange<Double>? = nil
    ) -> Double? {
        guard let node = value(key) else {
            if required { missing(key) }
            return nil
        }
        guard case .scalar(let text, true) = node.kind, let number = Self.decimal(text) else {
            if case .scalar(let text, false) = node.kind, Self.decimal(text) != nil {
                typeError(key, node, expected: "a decimal number", hint: "remove the quotes around \(text)")
            } else {
                typeError(
                    key, node, expected: "a decimal number",
                    hint: "write digits with an optional sign and decimal point, e.g. 12.5; "
                        + "no exponent, hex, inf or nan, and a digit on each side of the point")
            }
            return nil
        }
        if let range, !range.contains(number) {
            diagnostics.append(
                Diagnostic(
                    at: location(node.mark, "/" + key),
                    "'\(key)' must be from \(range.lowerBound) to \(range.upperBound), found \(text)",
                    hint: "write a value from \(range.lowerBound) to \(range.upperBound)"))
            return nil
        }
        return number
    }

    /// The value of `text` when it is a plain decimal: an optional sign, digits, and optionally a
    /// point followed by digits. Swift's `Double(String)` alone also reads hex (`0x1A` is 26),
    /// exponents (`1e2`), `.5`, `5.`, `inf` and `nan`.
    static func decimal(_ text: String) -> Double? {
        var bytes = text.utf8[...]
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        let whole = bytes.prefix(while: isDigit)
        guard !whole.isEmpty else { return nil }
        let rest = bytes.dropFirst(whole.count)
        if let point = rest.first {
            let fraction = rest.dropFirst()
            guard point == UInt8(ascii: "."), !fraction.isEmpty, fraction.allSatisfy(isDigit) else { return nil }
        }
        return Double(text).flatMap { $0.isFinite ? $0 : nil }
    }

    /// A date as `YYYY-MM-DD` (an ISO 8601 date-time is accepted and read as its UTC day).
    public mutating func day(_ key: String, required: Bool = false) -> Day? {
        guard let node = value(key) else {
            if required { missing(key) }
            return nil
        }
        guard case .scalar(let text, _) = node.kind else {
            typeError(key, node, expected: "a date (YYYY-MM-DD)")
            return nil
        }
        guard let day = Day(iso: text) else {
            diagnostics.append(
                Diagnostic(
                    at: location(node.mark, "/" + key), "'\(text)' is not a valid date for '\(key)'",
                    hint: Day.hint(forInvalid: text)))
            return nil
        }
        return day
    }

    /// A value from a closed set, reported with the allowed values and the closest one.
    public mutating func enumValue<E: DeclarationEnum>(
        _ key: String, _ type: E.Type = E.self, required: Bool = false
    ) -> E? {
        guard let node = value(key) else {
            if required { missing(key) }
            return nil
        }
        return enumValue(node, key: key, suffix: "/" + key)
    }

    private mutating func enumValue<E: DeclarationEnum>(
        _ node: Node, key: String, suffix: @autoclosure () -> String
    ) -> E? {
        guard case .scalar(let text, _) = node.kind else {
            diagnostics.append(
                Diagnostic(
                    at: location(node.mark, suffix()),
                    "expected one of \(Self.list(E.self)) for '\(key)', found \(node.typeDescription)"))
            return nil
        }
        if let value = E(rawValue: text) { return value }
        let names = E.allCases.map(\.rawValue)
        let hint =
            Suggestion.closest(to: text, in: names).map { "did you mean '\($0)'?" } ?? "use one of \(Self.list(E.self))"
        diagnostics.append(
            Diagnostic(
                at: location(node.mark, suffix()), "unknown value '\(Suggestion.shown(text))' for '\(key)'", hint: hint)
        )
        return nil
    }

    static func list<E: DeclarationEnum>(_ type: E.Type) -> String {
        E.allCases.map(\.rawValue).joined(separator: ", ")
    }

    // MARK: - Lists

    /// The items of a list field; each item's position is remembered as `key/index`.
    private mutating func items(_ key: String) -> [Node] {
        guard let node = value(key) else { return [] }
        guard case .sequence(let items) = node.kind else {
            typeError(key, node, expected: "a list", hint: "write a list as `[a, b]` or as `- a` lines")
            return []
        }
        for (index, item) in items.enumerated() {
            keys.append(FieldKey(name: key, item: Int32(clamping: index)))
            marks.append(item.mark)
        }
        return items
    }

    /// A list of strings; each element's position is remembered as `key/index`.
    public mutating func strings(_ key: String) -> [String] {
        indexedStrings(key).map(\.value)
    }

    /// A list of strings with each one's position in the list, so that a caller's own check of
    /// an item reports it where it is even when an earlier item was not a string.
    public mutating func indexedStrings(_ key: String) -> [(index: Int, value: String)] {
        items(key).enumerated().compactMap { index, item in
            stringValue(item, key: key, suffix: "/\(key)/\(index)").map { (index, $0) }
        }
    }

    /// What is wrong with a plain number that is not a whole number Tollgate can hold (digits
    /// beyond `Int`'s range, or a fraction or exponent), worded as the import readers word it;
    /// nil when the value is not a plain number at all (the type error says enough).
    /// `subject` names the value in the message: "'retention_days'", "item 2 of 'purposes'".
    static func wholeNumberProblem(_ node: Node, subject: String) -> (message: String, hint: String)? {
        guard case .scalar(let text, true) = node.kind, node.typeDescription == "a number" else { return nil }
        let shown = Suggestion.shown(text)
        let digits = text.drop { $0 == "-" || $0 == "+" }
        if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
            return outOfRange(subject, found: shown, bound: text.hasPrefix("-") ? Int.min : Int.max)
        }
        return notWhole(subject, found: shown)
    }

    /// The words for a whole number beyond `bound` (`Int.min` or `Int.max`), shared with the
    /// import readers so that declarations and tool exports say it alike.
    static func outOfRange(_ subject: String, found shown: String, bound: Int) -> (message: String, hint: String) {
        (
            "\(subject) is out of range, found \(shown)",
            bound < 0 ? "a whole number here is at least \(bound)" : "a whole number here is at most \(bound)"
        )
    }

    /// The words for a number with a fraction or exponent where a whole number belongs.
    static func notWhole(_ subject: String, found shown: String) -> (message: String, hint: String) {
        ("\(subject) must be a whole number, found \(shown)", "write digits only, without a decimal point or exponent")
    }

    /// A list of whole numbers.
    public mutating func ints(_ key: String) -> [Int] {
        items(key).enumerated().compactMap { index, item in
            guard case .scalar(let text, true) = item.kind, let number = Int(text) else {
                let at = location(item.mark, "/\(key)/\(index)")
                if let problem = Self.wholeNumberProblem(item, subject: "item \(index) of '\(key)'") {
                    diagnostics.append(Diagnostic(at: at, problem.message, hint: problem.hint))
                } else {
                    diagnostics.append(
                        Diagnostic(at: at, "expected a whole number in '\(key)', found \(item.typeDescription)"))
                }
                return nil
            }
            return number
        }
    }

    /// A list of values from a closed set.
    public mutating func enumValues<E: DeclarationEnum>(_ key: String, _ type: E.Type = E.self) -> [E] {
        items(key).enumerated().compactMap { index, item in
            enumValue(item, key: key, suffix: "/\(key)/\(index)")
        }
    }

    // MARK: - Nested mappings

    /// A nested mapping decoded as `T`.
    public mutating func object<T: DeclarationDecodable>(
        _ key: String, _ type: T.Type = T.self, required: Bool = false
    ) -> T? {
        guard let node = value(key) else {
            if required { missing(key) }
            return nil
        }
        return decode(node, pointer: pointer + "/" + key, context: key)
    }

    /// A list of mappings decoded as `T`.
    public mutating func objects<T: DeclarationDecodable>(
        _ key: String, _ type: T.Type = T.self, context: String? = nil
    ) -> [T] {
        items(key).enumerated().compactMap { index, item in
            decode(item, pointer: "\(pointer)/\(key)/\(index)", context: context ?? key)
        }
    }

    private mutating func decode<T: DeclarationDecodable>(_ node: Node, pointer: String, context: String) -> T? {
        var child = FieldReader(
            node: node, file: file, pointer: pointer, context: context, keyCache: keyCache, recordsKnown: false)
        guard child.diagnostics.isEmpty else {
            diagnostics.append(contentsOf: child.diagnostics)
            return nil
        }
        let value = T(reading: &child)
        if child.hasUnknownKeys {
            // Read it again, recording the keys asked for, so `finish` can suggest one; decoding
            // is deterministic, so the value and every other diagnostic are the same.
            var recording = FieldReader(
                node: node, file: file, pointer: pointer, context: context, keyCache: keyCache, recordsKnown: true)
            _ = T(reading: &recording)
            child = recording
        }
        child.finish()
        diagnostics.append(contentsOf: child.diagnostics)
        return value
    }

    /// Whether `finish` will report some key. A loop rather than `contains(where: isUnknown)`:
    /// the method as a closure captured a copy of the reader, retaining each of its references,
    /// for every entity decoded (0.7 % of the CPU at L).
    private var hasUnknownKeys: Bool {
        for index in entries.indices where isUnknown(index) { return true }
        return false
    }

    /// Whether entry `index` is a key no accessor asked for and not a note (`x-`…, `x_`…).
    private func isUnknown(_ index: Int) -> Bool {
        guard !isConsumed(index) else { return false }
        let key = entries[index].key
        return !key.hasPrefix("x-") && !key.hasPrefix("x_")
    }

    /// The keys `T` reads from its mapping, found by reading an empty one with recording on.
    static func keys<T: DeclarationDecodable>(readBy type: T.Type) -> Set<String> {
        var reader = FieldReader(
            node: Node(.mapping([]), mark: Mark(line: 1, column: 1)), file: "", pointer: "", context: "")
        _ = T(reading: &reader)
        return Set(reader.known)
    }

    /// Reports keys that no accessor asked for. Call once, after reading every field.
    /// `otherwise` is the hint when no known key is close (by default: remove it, or make it a
    /// note). `placementHints: false` leaves out `MisplacedKeys`' advice, which speaks of a
    /// declaration's layout (an importer reading another format into the same types says no).
    public mutating func finish(otherwise: String? = nil, placementHints: Bool = true) {
        for (index, entry) in entries.enumerated() where isUnknown(index) {
            let hint =
                (placementHints ? MisplacedKeys.hint(for: entry.key, in: context) : nil)
                ?? Suggestion.closest(to: entry.key, in: known).map { "did you mean '\($0)'?" }
                ?? otherwise ?? "remove it, or prefix it with x- to keep it as a note"
            diagnostics.append(
                Diagnostic(
                    at: location(entry.keyMark, "/" + entry.key),
                    "unknown key '\(Suggestion.shown(entry.key))' in \(context)", hint: hint
                ))
        }
    }
}
