import Foundation
import Testing

@testable import TollgateKit

/// The fast JSON reader must give exactly what the YAML path (Yams, then `Converter`) gives:
/// the same tree, the same marks, the same diagnostics. Every test loads the same bytes both
/// ways and compares a rendering of the whole result.
@Suite("JSON reader agrees with the YAML path")
struct JSONReaderTests {
    /// The result of loading `bytes`, with every node's kind, text, style and mark.
    static func render(_ bytes: [UInt8], fast: Bool, limits: LoadLimits = .default) -> String {
        let loader = DocumentLoader(limits: limits, useJSONReader: fast)
        switch loader.load(data: Data(bytes), displayPath: "in.json") {
        case .failure(let diagnostic): return "error \(diagnostic)"
        case .success(let node): return render(node)
        }
    }

    static func render(_ node: Node) -> String {
        let at = "@\(node.mark.line):\(node.mark.column)"
        switch node.kind {
        case .scalar(let text, let isPlain): return "\(isPlain ? "plain" : "quoted")\(at)\(text.debugDescription)"
        case .sequence(let items): return "[\(at) " + items.map(render).joined(separator: ", ") + "]"
        case .mapping(let entries):
            return "{\(at) "
                + entries.map {
                    "\($0.key.debugDescription)@\($0.keyMark.line):\($0.keyMark.column)=\(render($0.value))"
                }
                .joined(separator: ", ") + "}"
        }
    }

    static func expectSame(
        _ text: String, limits: LoadLimits = .default, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let bytes = Array(text.utf8)
        #expect(
            render(bytes, fast: true, limits: limits) == render(bytes, fast: false, limits: limits),
            "\(text.debugDescription)", sourceLocation: sourceLocation)
    }

    /// Whether the fast reader itself accepted the text (rather than declining to Yams).
    static func accepted(_ text: String) -> Bool {
        JSONReader.read(Array(text.utf8), maxDepth: LoadLimits.default.maxDepth) != nil
    }

    @Test func declarationsInJSON() {
        let text = """
            {"version": 1, "systems": [
              {"id": "crm", "name": "CRM \\"main\\"", "system_type": "crm", "processing_countries": ["IE", "US"],
               "subscription": {"seats_purchased": 10, "seats_assigned": 12, "auto_renew": true, "end": null}},
              {"id": "ads", "name": "Ads", "system_type": "ad_platform", "x-note": {"a": [], "b": {}}}
            ]}
            """
        #expect(Self.accepted(text))
        Self.expectSame(text)
    }

    @Test func compactAndPrettyLayouts() {
        for text in [
            #"{"a":1,"b":[true,false,null],"c":{"d":"e"}}"#,
            "{\n    \"a\": 1,\n    \"b\": [\n        1.5,\n        -0.25e-3,\n        1E+9\n    ]\n}\n",
            "  \n\n{ \"a\" : [ ] , \"b\" : { } }\n\n",
            "[1, 2, 3]",
            "{\"a\": 1}\r\n",
            "{\r\n  \"a\": 1,\r\n  \"b\": \"x\"\r\n}",
            "{\r  \"a\": 1,\r  \"b\": \"x\"\r}",
            "{\n\t\"a\": 1,\n\t\"b\": [\n\t\t2\n\t]\n}",
        ] {
            #expect(Self.accepted(text), "\(text.debugDescription)")
            Self.expectSame(text)
        }
    }

    @Test func unicodeAndEscapesKeepColumns() {
        for text in [
            "{\"name\": \"Zoë Ångström\", \"next\": \"after\"}",
            "{\"emoji\": \"🎉 launch\", \"k\": \"ok\"}",
            "{\"cjk\": \"東京\", \"k\": 1}",
            #"{"esc": "tab\there\nnew \"quoted\" back\\slash \/ \u00e9 \u4e2d", "k": 2}"#,
            "{\"a\": \"é\",\n \"b\": \"ü\", \"c\": 3}",
            #"{"ctl": "\b\f\r", "k": 1}"#,
        ] {
            #expect(Self.accepted(text), "\(text.debugDescription)")
            Self.expectSame(text)
        }
    }

    /// Keys are duplicates only within one object: nested objects may reuse their parent's
    /// keys, and siblings each other's.
    @Test func keysRepeatedAcrossObjectsAreNotDuplicates() {
        for text in [
            #"{"a": {"a": {"a": 1}}, "b": {"a": 2, "b": 3}}"#,
            #"[{"id": 1, "name": "x"}, {"id": 2, "name": "y"}]"#,
            #"{"k": [{"k": 1}, {"k": 2}], "j": {"k": {"j": 0}}}"#,
        ] {
            #expect(Self.accepted(text), "\(text.debugDescription)")
            Self.expectSame(text)
        }
    }

    @Test func numbersKeepTheirText() {
        for text in [#"{"a": 1.10}"#, #"{"a": -0}"#, #"{"a": 0.0}"#, #"{"a": 12345678901234567890}"#, #"{"a": 1e5}"#] {
            #expect(Self.accepted(text))
            Self.expectSame(text)
        }
    }

    /// Commas and closing brackets with spaces, tabs and line breaks around them.
    @Test func separatorsWithWhitespaceAround() {
        let text = "{\"a\": [1 ,\t2\n,\r\n3 ] ,\n\t\"b\": {\"c\": [] } ,\"d\": {}\r}"
        #expect(Self.accepted(text))
        Self.expectSame(text)
    }

    @Test func whatItDeclinesGoesThroughYamsUnchanged() {
        for text in [
            #"{"a": 1, "a": 2}"#,  // duplicate key: Yams' error
            #"{"a": {"b": 1}, "b": 2, "a": 3}"#,  // a duplicate after a nested object that used another key
            #"{"a": 1, "\u0061": 2}"#,  // the same key, spelt with an escape
            #"{"\u0061": 1, "a": 2}"#,  // the escaped spelling first
            #"{"é": 1, "b": 2, "é": 3}"#,  // a key that is not ASCII
            // A duplicate at the end of a 15-key object, and one at its start.
            "{" + (0..<14).map { "\"key\($0)\": \($0)" }.joined(separator: ", ") + ", \"key9\": 0}",
            "{\"key0\": 0, " + (1..<14).map { "\"key\($0)\": \($0)" }.joined(separator: ", ") + ", \"key0\": 0}",
            // A duplicate in a large object.
            "{" + (0..<40).map { "\"k\($0)\": \($0)" }.joined(separator: ", ") + ", \"k7\": 0}",
            #"{"a": 1,}"#,  // trailing comma
            "{\"a\"\n: 1}",  // line break before the colon
            "{\"" + String(repeating: "k", count: 1100) + "\": 1}",  // longer than an implicit key may be
            "{\"a\": 1} # comment",
            "{a: 1, b: [x, y]}",  // YAML flow style
            "{'a': 1}",
            #"{"a": "\ud83d\ude00"}"#,  // surrogate pair: libyaml refuses surrogates
            #"{"a": "\x41"}"#,  // a YAML-only escape
            #"{"a": 01}"#,
            #"{"a": .5}"#,
            #"{"a": tru}"#,
            #"{"a": 1} {"b": 2}"#,
            #"{"a": [1, 2}"#,
            #"{"a": 1]"#,
            "[1,]",
            "[1 2]",
            #"{"a": 1 "b": 2}"#,
            "[1,",
            #"{"a": 1"#,
            "{\"a\": \"line\u{2028}sep\"}",
            "{\"a\": \"nel\u{85}x\"}",
            "\t{\"a\": 1}",
            #"{"a": "\u0000"}"#,
            "{\"a\": \"open",
            "[",
        ] {
            #expect(!Self.accepted(text), "\(text.debugDescription)")
            Self.expectSame(text)
        }
    }

    /// The reader and the prescan share one definition of valid UTF-8: what the prescan
    /// refuses (overlong forms, surrogates, past U+10FFFF, a cut or broken sequence) the reader
    /// declines, so the error is the prescan's; what it allows the reader reads.
    @Test func invalidUTF8IsDeclinedAndReportedByThePrescan() {
        let valid: [[UInt8]] = [
            [0xC3, 0xA9], [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
        ]
        let invalid: [[UInt8]] = [
            [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
            [0xF5, 0x80, 0x80, 0x80], [0xC3], [0xE2, 0x82], [0xC3, 0x41], [0x80],
        ]
        for (sequence, isValid) in valid.map({ ($0, true) }) + invalid.map({ ($0, false) }) {
            let bytes = Array(#"{"a": "x"#.utf8) + sequence + Array(#"y"}"#.utf8)
            #expect(
                (JSONReader.read(bytes, maxDepth: LoadLimits.default.maxDepth) != nil) == isValid, "\(sequence)")
            #expect((Prescan(bytes: bytes).firstProblem(limits: .default) == nil) == isValid, "\(sequence)")
            #expect(
                Self.render(bytes, fast: true) == Self.render(bytes, fast: false), "\(sequence)")
        }
    }

    @Test func nestingAtAndOverTheLimit() {
        var limits = LoadLimits.default
        limits.maxDepth = 5
        let atLimit = String(repeating: "[", count: 6) + String(repeating: "]", count: 6)
        let overLimit = String(repeating: "[", count: 7) + String(repeating: "]", count: 7)
        #expect(JSONReader.read(Array(atLimit.utf8), maxDepth: 5) != nil)
        #expect(JSONReader.read(Array(overLimit.utf8), maxDepth: 5) == nil)
        Self.expectSame(atLimit, limits: limits)
        Self.expectSame(overLimit, limits: limits)
        Self.expectSame("{\"a\": {\"b\": {\"c\": {\"d\": {\"e\": {\"f\": 1}}}}}}", limits: limits)
    }

    /// Random documents from a fixed seed: nesting, strings with multi-byte characters and
    /// escapes, numbers, literals and every kind of whitespace between tokens.
    @Test func randomDocumentsAgree() {
        var generator = SeededGenerator(seed: 20_261_001)
        for _ in 0..<300 {
            let text = RandomJSON.document(using: &generator)
            #expect(Self.accepted(text), "\(text.debugDescription)")
            Self.expectSame(text)
        }
    }

    @Test func exampleStacksInJSONAgree() throws {
        let root = TestSupport.packageRoot.appendingPathComponent("fixtures")
        var checked = 0
        for stack in ["retail-stack", "clean-stack"] {
            for file in InventoryLoader.expand(root.appendingPathComponent(stack).path).0 {
                // Re-encode each YAML document as JSON through Foundation, then compare both paths.
                // XML SBOMs live in the stacks too; only YAML/JSON mappings are re-encoded.
                guard !file.hasSuffix(".xml"), case .success(let node) = DocumentLoader().load(path: file),
                    case .mapping = node.kind
                else { continue }
                let object = RandomJSON.foundationValue(node)
                let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
                Self.expectSame(String(decoding: data, as: UTF8.self))
                checked += 1
            }
        }
        #expect(checked > 5)
    }
}

/// A small deterministic generator (SplitMix64), so random tests repeat exactly.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random JSON text for the agreement tests.
enum RandomJSON {
    static let pieces = [
        "a", "Z", "0", " ", "é", "ß", "東", "🎉", "\\n", "\\t", "\\\"", "\\\\", "\\/", "\\u00fc", "x-y", ":",
    ]
    static let spaces = [" ", "", "\n", "  ", "\r\n", "\n    ", "\t", "\r"]

    static func document<G: RandomNumberGenerator>(using generator: inout G) -> String {
        object(depth: 0, using: &generator)
    }

    static func space<G: RandomNumberGenerator>(_ generator: inout G) -> String {
        spaces.randomElement(using: &generator)!
    }

    static func string<G: RandomNumberGenerator>(_ generator: inout G, unique: Int? = nil) -> String {
        let count = Int.random(in: 0...6, using: &generator)
        let body = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
        return "\"" + body + (unique.map { "#\($0)" } ?? "") + "\""
    }

    static func value<G: RandomNumberGenerator>(depth: Int, using generator: inout G) -> String {
        switch Int.random(in: 0..<(depth > 3 ? 4 : 6), using: &generator) {
        case 0: return string(&generator)
        case 1: return ["true", "false", "null"].randomElement(using: &generator)!
        case 2: return ["0", "-1", "12.5", "1e3", "-0.001", "42", "3.10"].randomElement(using: &generator)!
        case 3: return string(&generator)
        case 4: return object(depth: depth + 1, using: &generator)
        default:
            let count = Int.random(in: 0...4, using: &generator)
            let items = (0..<count).map { _ in space(&generator) + value(depth: depth + 1, using: &generator) }
            return "[" + items.joined(separator: "," + space(&generator)) + space(&generator) + "]"
        }
    }

    static func object<G: RandomNumberGenerator>(depth: Int, using generator: inout G) -> String {
        let count = Int.random(in: 0...5, using: &generator)
        let entries = (0..<count).map { index in
            // No line break between a key and its colon: YAML keys are single-line (see declines).
            space(&generator) + string(&generator, unique: index) + [" ", "", "\t"].randomElement(using: &generator)!
                + ":" + space(&generator)
                + value(depth: depth + 1, using: &generator)
        }
        return "{" + entries.joined(separator: "," + space(&generator)) + space(&generator) + "}"
    }

    /// A node as Foundation JSON values (scalars as strings, so no number re-typing).
    static func foundationValue(_ node: Node) -> Any {
        switch node.kind {
        case .scalar(let text, _): return text
        case .sequence(let items): return items.map(foundationValue)
        case .mapping(let entries):
            var object: [String: Any] = [:]
            for entry in entries { object[entry.key] = foundationValue(entry.value) }
            return object
        }
    }
}
