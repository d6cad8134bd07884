/// Typed look-ups by path in a vendor export, collecting a diagnostic (with file:line:col and
/// JSON pointer) for every value of the wrong type. Unlike `FieldReader` it does not complain
/// about keys it was not asked for: vendors add fields to their exports all the time.
struct ExportReader {
    let file: String
    let root: Node
    /// The JSON pointer of `root` in its document (`/users/3`), so pointers name the whole path.
    let base: String
    /// What to do about a value of the wrong type.
    let hint: String
    /// Hints fitted to each kind of problem, for an export that one API call returns; without
    /// it every problem gets `hint`.
    let advice: Advice?
    private(set) var diagnostics: [Diagnostic] = []
    /// The model's fields read so far, with where each was found (see `record`).
    private(set) var fields: [(key: String, mark: Mark)] = []
    private(set) var fieldPointers: [String: String] = [:]

    init(
        file: String, root: Node, base: String = "", hint: String = "export the policy unchanged from the vendor's API",
        advice: Advice? = nil
    ) {
        self.file = file
        self.root = root
        self.base = base
        self.hint = hint
        self.advice = advice
    }

    /// What a problem in an API response suggests about how the file was made, and how to make
    /// it again. The API writes every value with its JSON type, every timestamp in RFC 3339 and
    /// every required key, so a problem points at a conversion or a hand edit, not at the API.
    struct Advice {
        /// The request whose response is read: `GET /api/v1/users`.
        let source: String

        /// How to make the file again; joining pages (as importers.md shows) is fine.
        var again: String { "save the response of \(source) as it came (pages may be joined with jq)" }

        func wrongType(_ found: Node, expected: String) -> String {
            if case .scalar(let text, false) = found.kind,
                ["true", "false", "yes", "no"].contains(text.lowercased()) || Double(text) != nil
            {
                return "the API writes \(expected) here, not the text \"\(text)\": converted from a CSV or a "
                    + "spreadsheet, or written by gam? \(again)"
            }
            return "the API writes \(expected) here: edited by hand, or written by another tool? \(again)"
        }

        var timestamp: String {
            "the API writes RFC 3339 date-times (2026-04-17T09:30:00.000Z): reformatted by a spreadsheet, or "
                + "edited by hand? \(again)"
        }

        var missing: String { "the API gives it for every user: an entry written or cut down by hand? \(again)" }

        /// For an entry of the users list that is `found` rather than a user object: a nested list
        /// is pages joined with `jq -s` without `add`, a text a list narrowed by a filter.
        func notAnEntry(_ found: Node) -> String {
            switch found.kind {
            case .sequence:
                return "the API lists user objects, not lists: pages joined with `jq -s` without `add`? "
                    + "Join them into one list (jq -s add page-*.json). \(again)"
            case .scalar where found.isNull:
                return "the API lists user objects, never null: edited by hand, or a join gone wrong? \(again)"
            default:
                return
                    "the API lists user objects: was the list narrowed by a filter (jq '.users[].primaryEmail')? \(again)"
            }
        }
    }

    /// A value found in the export: what it is and where.
    struct Found<T> {
        let value: T
        let mark: Mark
        let pointer: String
    }

    /// Notes that the model's `field` was read from `found` (nothing when it was absent), so
    /// findings about the field point into the export.
    mutating func record<T>(_ field: String, _ found: Found<T>?) {
        guard let found else { return }
        fields.append((field, found.mark))
        fieldPointers[field] = found.pointer
    }

    /// The origin of what is built from the export: at `anchor`, with the recorded fields.
    func origin(at anchor: Found<Node>) -> Origin {
        Origin(file: file, pointer: anchor.pointer, mark: anchor.mark, fields: fields, fieldPointers: fieldPointers)
    }

    func location(_ mark: Mark, _ pointer: String) -> SourceLocation {
        SourceLocation(file: file, mark: mark, pointer: pointer)
    }

    /// The node at `path`, or nil when a step is absent or null. A step through something that
    /// is not a mapping is an error.
    mutating func node(_ path: [String]) -> Found<Node>? {
        var node = root
        var pointer = base
        for key in path {
            guard case .mapping(let entries) = node.kind else {
                diagnostics.append(
                    Diagnostic(
                        at: location(node.mark, pointer),
                        "expected a mapping at '\(pointer)', found \(node.typeDescription)", hint: hint))
                return nil
            }
            guard let entry = entries.first(where: { $0.key == key }), !entry.value.isNull else { return nil }
            node = entry.value
            pointer += "/" + key
        }
        return Found(value: node, mark: node.mark, pointer: pointer)
    }

    mutating func int(_ path: [String]) -> Found<Int>? {
        guard let found = node(path) else { return nil }
        if case .scalar(let text, true) = found.value.kind {
            let key = found.pointer.split(separator: "/").last.map(String.init) ?? found.pointer
            // A whole number written with a fraction or exponent (`14.0`, as some tools
            // re-serialise JSON numbers) is that number; the decimal text decides, not a Double,
            // so 14.0000000000000001 and 1e-400 are not whole, and 1e19 is out of range.
            switch Self.wholeNumber(text) {
            case .whole(let number):
                return Found(value: number, mark: found.mark, pointer: found.pointer)
            case .outOfRange(let bound):
                let words = FieldReader.outOfRange("'\(key)'", found: text, bound: bound)
                diagnostics.append(Diagnostic(at: location(found.mark, found.pointer), words.message, hint: words.hint))
                return nil
            case .notWhole:
                diagnostics.append(notWhole(key, text, found))
                return nil
            case nil:
                // Other spellings a Double reads (`0x1p4`, `nan`) are numbers but not digits.
                if Double(text) != nil {
                    diagnostics.append(notWhole(key, text, found))
                    return nil
                }
            }
        }
        typeError(found, expected: "a whole number")
        return nil
    }

    private func notWhole(_ key: String, _ text: String, _ found: Found<Node>) -> Diagnostic {
        let words = FieldReader.notWhole("'\(key)'", found: text)
        return Diagnostic(at: location(found.mark, found.pointer), words.message, hint: words.hint)
    }

    /// What a number's decimal text stands for, exactly.
    enum WholeNumber: Equatable {
        /// A whole number within `Int`'s range (`14`, `14.0`, `1.4e1`, `0e5000`).
        case whole(Int)
        /// A number with a fraction (`14.5`, `1e-400`).
        case notWhole
        /// A whole number beyond `Int`'s range (`1e19`, `-9.3e18`): the bound it passes.
        case outOfRange(bound: Int)
    }

    /// Reads `text` as a decimal number (`-`, digits, an optional `.` and digits, an optional
    /// exponent) and says whether it is whole; nil when `text` is not written that way. Only the
    /// written digits and exponent decide, never a Double.
    static func wholeNumber(_ text: String) -> WholeNumber? {
        if let number = Int(text) { return .whole(number) }
        func isDigits<S: StringProtocol>(_ part: S) -> Bool { part.allSatisfy { $0.isASCII && $0.isNumber } }
        var rest = Substring(text)
        let negative = rest.first == "-"
        if negative || rest.first == "+" { rest = rest.dropFirst() }
        let mantissa = rest.prefix { $0 != "e" && $0 != "E" }
        let parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts.first ?? ""
        let fraction = parts.count > 1 ? parts[1] : ""
        // `14.` and `.5` are how YAML may write 14.0 and 0.5.
        guard !(whole + fraction).isEmpty, isDigits(whole), isDigits(fraction) else { return nil }
        var exponent = 0
        if mantissa.count < rest.count {
            var exponentText = rest.dropFirst(mantissa.count + 1)
            let negativeExponent = exponentText.first == "-"
            if negativeExponent || exponentText.first == "+" { exponentText = exponentText.dropFirst() }
            guard !exponentText.isEmpty, isDigits(exponentText) else { return nil }
            // An exponent too long for an Int is far beyond any number of digits written.
            let size = Int(exponentText) ?? Int.max / 4
            exponent = negativeExponent ? -min(size, Int.max / 4) : min(size, Int.max / 4)
        }
        // The significant digits, and the power of ten they are multiplied by.
        var digits = Array((whole + fraction).drop { $0 == "0" })
        guard !digits.isEmpty else { return .whole(0) }
        var scale = exponent - fraction.count
        while digits.last == "0" {
            digits.removeLast()
            scale += 1
        }
        if scale < 0 { return .notWhole }
        let bound = negative ? Int.min : Int.max
        guard digits.count + scale <= 19,
            let number = Int((negative ? "-" : "") + String(digits) + String(repeating: "0", count: scale))
        else { return .outOfRange(bound: bound) }
        return .whole(number)
    }

    mutating func bool(_ path: [String]) -> Found<Bool>? {
        guard let found = node(path) else { return nil }
        if case .scalar(let text, true) = found.value.kind, text == "true" || text == "false" {
            return Found(value: text == "true", mark: found.mark, pointer: found.pointer)
        }
        typeError(found, expected: "true or false")
        return nil
    }

    mutating func string(_ path: [String]) -> Found<String>? {
        guard let found = node(path) else { return nil }
        if case .scalar(let text, _) = found.value.kind {
            return Found(value: text, mark: found.mark, pointer: found.pointer)
        }
        typeError(found, expected: "a string")
        return nil
    }

    /// The strings at `key` in each item of the list at `path` (`key` empty: the items
    /// themselves), leaving out null, absent and empty ones; a value that is not a list, or a
    /// string of the wrong type, is reported.
    mutating func strings(_ path: [String], each key: [String] = []) -> [Found<String>] {
        guard let list = node(path) else { return [] }
        guard let items = list.value.elements else {
            typeError(list, expected: "a list")
            return []
        }
        return items.enumerated().compactMap { index, item in
            guard !item.isNull else { return nil }
            var reader = ExportReader(
                file: file, root: item, base: "\(list.pointer)/\(index)", hint: hint, advice: advice)
            let found = reader.string(key)
            diagnostics += reader.diagnostics
            return found.flatMap { $0.value.isEmpty ? nil : $0 }
        }
    }

    /// As `strings`, for values the model can do without: each problem is a warning that says
    /// the value is `ignored` (what is lost, "so no person is matched by it"), not an error that
    /// keeps the whole export out.
    mutating func optionalStrings(_ path: [String], each key: [String] = [], ignored: String) -> [Found<String>] {
        let before = diagnostics.count
        let found = strings(path, each: key)
        for index in diagnostics.indices[before...] {
            let problem = diagnostics[index]
            diagnostics[index] = Diagnostic(
                .warning, at: problem.location, "\(problem.message); \(ignored)", hint: problem.hint)
        }
        return found
    }

    /// The whole `root`, as found, to anchor an origin at.
    var whole: Found<Node> { Found(value: root, mark: root.mark, pointer: base) }

    /// Adds a problem found by the importer itself (a missing key, a value out of the format's set).
    /// `hint` replaces the reader's own.
    mutating func report(
        _ level: Diagnostic.Level = .error, at mark: Mark, _ pointer: String, _ message: String, hint: String? = nil
    ) {
        diagnostics.append(Diagnostic(level, at: location(mark, pointer), message, hint: hint ?? self.hint))
    }

    /// A string the format requires, reported when it is absent, null or empty (a value of the
    /// wrong type is reported by `string`).
    mutating func required(_ path: [String]) -> Found<String>? {
        let before = diagnostics.count
        if let found = string(path), !found.value.isEmpty { return found }
        if diagnostics.count == before {
            report(at: root.mark, base, "no '\(path.joined(separator: "."))' in this entry", hint: advice?.missing)
        }
        return nil
    }

    /// Reports a required object that is missing.
    mutating func require(_ path: [String], hint: String) -> Found<Node>? {
        if let found = node(path) { return found }
        diagnostics.append(
            Diagnostic(at: location(root.mark, base), "export has no '\(path.joined(separator: "."))'", hint: hint))
        return nil
    }

    private mutating func typeError(_ found: Found<Node>, expected: String) {
        let key = found.pointer.split(separator: "/").last.map(String.init) ?? found.pointer
        diagnostics.append(
            Diagnostic(
                at: location(found.mark, found.pointer),
                "expected \(expected) for '\(key)', found \(found.value.typeDescription)",
                hint: advice?.wrongType(found.value, expected: expected) ?? hint))
    }

    /// An RFC 3339 timestamp (`2026-04-17T09:30:00.000Z`, as identity providers write them) or
    /// a date, read as its UTC day; anything else is reported.
    mutating func day(_ path: [String]) -> Found<Day>? {
        guard let found = string(path) else { return nil }
        guard let day = Day(iso: found.value) else {
            let key = found.pointer.split(separator: "/").last.map(String.init) ?? found.pointer
            diagnostics.append(
                Diagnostic(
                    at: location(found.mark, found.pointer),
                    "expected an RFC 3339 date-time for '\(key)', found '\(found.value)'",
                    hint: advice?.timestamp ?? hint))
            return nil
        }
        return Found(value: day, mark: found.mark, pointer: found.pointer)
    }
}
