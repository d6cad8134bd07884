/// Typed look-ups by path in a vendor export, collecting a diagnostic (with file:line:col and
/// JSON pointer) for every value of the wrong type. Unlike `FieldReader` it does not complain
/// about keys it was not asked for: vendors add fields to their exports all the time.
struct ExportReader {
    let file: String
    let root: Node
    private(set) var diagnostics: [Diagnostic] = []
    /// The model's fields read so far, with where each was found (see `record`).
    private(set) var fields: [(key: String, mark: Mark)] = []
    private(set) var fieldPointers: [String: String] = [:]

    init(file: String, root: Node) {
        self.file = file
        self.root = root
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
        SourceLocation(file: file, line: Int(mark.line), column: Int(mark.column), pointer: pointer)
    }

    /// The node at `path`, or nil when a step is absent or null. A step through something that
    /// is not a mapping is an error.
    mutating func node(_ path: [String]) -> Found<Node>? {
        var node = root
        var pointer = ""
        for key in path {
            guard case .mapping(let entries) = node.kind else {
                diagnostics.append(
                    Diagnostic(
                        at: location(node.mark, pointer),
                        "expected a mapping at '\(pointer)', found \(node.typeDescription)",
                        hint: "export the policy unchanged from the vendor's API"))
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
            // A whole number written with a fraction or exponent (`14.0`, as some tools
            // re-serialise JSON numbers) is that number; the decimal text decides, not a Double,
            // so 14.0000000000000001 and 1e-400 are not whole.
            if let number = Self.wholeNumber(text) {
                return Found(value: number, mark: found.mark, pointer: found.pointer)
            }
            if Double(text) != nil {
                let key = found.pointer.split(separator: "/").last.map(String.init) ?? found.pointer
                let digits = text.drop { $0 == "-" || $0 == "+" }
                let outOfRange = !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
                diagnostics.append(
                    Diagnostic(
                        at: location(found.mark, found.pointer),
                        outOfRange
                            ? "'\(key)' is out of range, found \(text)"
                            : "'\(key)' must be a whole number, found \(text)",
                        hint: FieldReader.wholeNumberHint(found.value)))
                return nil
            }
        }
        typeError(found, expected: "a whole number")
        return nil
    }

    /// The whole number a JSON number's text stands for exactly (`14`, `14.0`, `1.4e1`), or nil
    /// when it has a fraction or is out of `Int`'s range.
    static func wholeNumber(_ text: String) -> Int? {
        if let number = Int(text) { return number }
        var rest = Substring(text)
        let negative = rest.first == "-"
        if negative || rest.first == "+" { rest = rest.dropFirst() }
        let mantissa = rest.prefix { $0 != "e" && $0 != "E" }
        let exponentText = rest.dropFirst(mantissa.count + 1)
        guard let exponent = exponentText.isEmpty ? 0 : Int(exponentText), abs(exponent) < 1000 else { return nil }
        let parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty else { return nil }
        let fraction = parts.count > 1 ? parts[1] : ""
        let allDigits = (whole + fraction).allSatisfy { $0.isASCII && $0.isNumber }
        guard allDigits else { return nil }
        // The digits, and the power of ten they are multiplied by.
        var digits = Array((whole + fraction).drop { $0 == "0" })
        var scale = exponent - fraction.count
        if digits.isEmpty { return 0 }
        while scale < 0 {
            guard digits.last == "0" else { return nil }
            digits.removeLast()
            scale += 1
        }
        guard digits.count + scale <= 19 else { return nil }
        return Int((negative ? "-" : "") + String(digits) + String(repeating: "0", count: scale))
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

    /// Reports a required object that is missing.
    mutating func require(_ path: [String], hint: String) -> Found<Node>? {
        if let found = node(path) { return found }
        diagnostics.append(
            Diagnostic(at: location(root.mark, ""), "export has no '\(path.joined(separator: "."))'", hint: hint))
        return nil
    }

    private mutating func typeError(_ found: Found<Node>, expected: String) {
        let key = found.pointer.split(separator: "/").last.map(String.init) ?? found.pointer
        diagnostics.append(
            Diagnostic(
                at: location(found.mark, found.pointer),
                "expected \(expected) for '\(key)', found \(found.value.typeDescription)",
                hint: "export the policy unchanged from the vendor's API"))
    }
}
