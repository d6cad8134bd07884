import Foundation
import Testing

@testable import TollgateKit

/// A `.json` file must be strict JSON: the YAML parser, which reads what the fast JSON reader
/// declines, would accept trailing commas, unquoted words and comments, which other JSON tools
/// refuse. Each departure is one error at its first character, saying what is wrong and the fix.
@Suite("A .json file is strict JSON")
struct StrictJSONTests {
    /// `line:column message; hint` of loading `text` as `name`, or "loaded".
    static func outcome(_ text: String, name: String = "tc.json") -> String {
        switch DocumentLoader().load(data: Data(text.utf8), displayPath: name) {
        case .success: return "loaded"
        case .failure(let diagnostic):
            return "\(diagnostic.location.line):\(diagnostic.location.column) \(diagnostic.text)"
        }
    }

    /// The check marks a place as the fast reader does (one `MarkCounter`): after LF, CR LF, a
    /// lone CR and multi-byte characters, a bare word stands where the reader put the string
    /// it replaces.
    @Test func theCheckMarksPlacesAsTheReaderDoes() throws {
        let lines = ["{\"ké€\": \"ü😀\",", "  \"b\":", " [1,", "  \"ñ\", \"x\"]}"]
        for breaks in [["\n", "\n", "\n"], ["\r\n", "\r", "\n"], ["\r", "\r\n", "\r\n"]] {
            let text = zip(lines, breaks + [""]).map { $0 + $1 }.joined()
            let read = try #require(JSONReader.read(Array(text.utf8), maxDepth: 10), "\(text.debugDescription)")
            guard case .mapping(let entries) = read.kind, case .sequence(let items) = entries[1].value.kind else {
                Issue.record("unexpected tree for \(text.debugDescription)")
                continue
            }
            let bare = text.replacingOccurrences(of: "\"x\"", with: "x")
            let problem = try #require(JSONSyntaxCheck.firstProblem(in: Array(bare.utf8)))
            #expect(problem.mark == items[2].mark, "\(text.debugDescription)")
            #expect(problem.mark == Mark(line: 4, column: 8), "\(text.debugDescription)")
        }
    }

    @Test func eachDepartureIsReportedAtItsFirstCharacter() {
        let cases: [(text: String, expected: String)] = [
            (
                #"{"id":"a",}"#,
                "1:10 not strict JSON: trailing comma before '}'; remove the comma; JSON allows none after the last entry"
            ),
            (
                "{\"a\": [1, 2,\n]}",
                "1:12 not strict JSON: trailing comma before ']'; remove the comma; JSON allows none after the last item"
            ),
            (
                #"{"version": 1, systems: []}"#,
                #"1:16 not strict JSON: unquoted key 'systems'; write it in double quotes: "systems""#
            ),
            (
                "# stack\n{\"version\": 1}",
                "1:1 not strict JSON: a comment; JSON has no comments: remove it, keep the note under an `x-` key "
                    + "(\"x-note\": \"…\"), or name the file .yaml to write YAML"
            ),
            ("{\"version\": 1 // one\n}", "1:15 not strict JSON: a comment"),
            ("{\"version\": 1, /* no */ \"a\": 2}", "1:16 not strict JSON: a comment"),
            (
                "{'version': 1}",
                #"1:2 not strict JSON: a single-quoted string; JSON strings use double quotes: "…""#
            ),
            ("{\"a\": 'x'}", "1:7 not strict JSON: a single-quoted string"),
            ("{\"a\": hello}", "1:7 not strict JSON: unquoted string 'hello'; write it in double quotes"),
            ("{\"a\": True}", "1:7 not strict JSON: unquoted string 'True'"),
            ("{\"a\": 01}", "1:7 not strict JSON: '01' is not a JSON number"),
            ("{\"a\": .5}", "1:7 not strict JSON: '.5' is not a JSON number"),
            ("{\"a\": \"x\\qy\"}", "1:9 not strict JSON: invalid escape '\\q' in a string"),
            ("{\"a\": \"x\ty\"}", "1:9 not strict JSON: tab inside a string; write it as \\t"),
            ("{\"a\": \"x\ny\"}", "1:9 not strict JSON: line break inside a string"),
            ("{\"a\": 1 \"b\": 2}", "1:9 not strict JSON: expected ',' or '}', found '\"'"),
            ("{\"a\" 1}", "1:6 not strict JSON: expected ':' after the key, found '1'"),
            ("{\"a\": }", "1:7 not strict JSON: a value is missing before '}'"),
            ("[1,,2]", "1:4 not strict JSON: a value is missing before ','"),
            ("{\"a\": [1, 2}", "1:12 not strict JSON: '}' does not close the list opened at line 1, column 7"),
            // The wrong closer is the mistake, whatever came before it.
            ("{\"a\": [1,}", "1:10 not strict JSON: '}' does not close the list opened at line 1, column 7"),
            ("{\"a\": [}", "1:8 not strict JSON: '}' does not close the list opened at line 1, column 7"),
            ("{\"a\": {]", "1:8 not strict JSON: ']' does not close the object opened at line 1, column 7"),
            ("{\"a\": [1,\n 2\n", "3:1 not strict JSON: the file ends inside the list opened at line 1, column 7"),
            ("{\"a\": \"open", "1:7 not strict JSON: the string opened here is not closed"),
            ("{\"a\": 1} {\"b\": 2}", "1:10 not strict JSON: more content after the JSON value ended"),
            ("version: 1\nsystems: []\n", "1:1 not strict JSON: this looks like YAML, not JSON"),
            ("\"version\": 1\n", "1:1 not strict JSON: this looks like YAML, not JSON"),
            ("- a\n", "1:1 not strict JSON: this looks like YAML, not JSON"),
            // Columns count characters, not bytes; a byte-order mark and CR LF are fine.
            ("{\"é\": \"ü\", x: 1}", "1:12 not strict JSON: unquoted key 'x'"),
            ("\u{FEFF}{\"a\": 1,\r\n}", "1:8 not strict JSON: trailing comma before '}'"),
        ]
        for (text, expected) in cases {
            let result = Self.outcome(text)
            #expect(result.hasPrefix(expected), "\(text.debugDescription): \(result)")
        }
    }

    /// The same text in a `.yaml` file is YAML's flow style and still loads.
    @Test func yamlFilesKeepTheirFlowStyle() {
        for text in [#"{"id":"a",}"#, "{version: 1, systems: []}", "# note\n{\"a\": 1}", "{'a': 'x'}"] {
            #expect(Self.outcome(text, name: "tc.yaml") == "loaded", "\(text.debugDescription)")
            #expect(Self.outcome(text, name: "TC.JSON").contains("not strict JSON"), "\(text.debugDescription)")
        }
    }

    /// Strict JSON the fast reader declines for its own reasons goes on to the YAML path, whose
    /// message is unchanged.
    @Test func strictJSONTheFastReaderDeclinesIsReadAsBefore() {
        #expect(Self.outcome(#"{"a": 1, "a": 2}"#).contains("duplicate key 'a'"))
        #expect(Self.outcome("\t{\"a\": 1}").contains("syntax error"))
        #expect(Self.outcome("{\"a\": 1}") == "loaded")
        #expect(Self.outcome("{\"a\": [1, 2.5e-3, true, null, \"\\u00e9\\n\"], \"b\": {}}") == "loaded")
    }

    /// A declaration stack loaded from a `.json` file fails with the error (exit 2 in the CLI).
    @Test func aStackInANonStrictJSONFileIsInvalid() {
        let outcome = InventoryLoader().load(
            text: #"{"version": 1, "systems": [{"id": "a", "name": "A", "system_type": "crm",}]}"#, name: "tc.json")
        #expect(
            outcome.errors.map(\.description) == [
                "tc.json:1:73: error: not strict JSON: trailing comma before '}'; remove the comma; JSON allows none "
                    + "after the last entry"
            ])
    }

    /// Whatever the fast reader accepts, the check accepts: it never turns valid JSON away.
    @Test func theCheckAcceptsEveryDocumentTheFastReaderReads() {
        var generator = SeededGenerator(seed: 20_261_002)
        for _ in 0..<300 {
            let text = RandomJSON.document(using: &generator)
            #expect(JSONSyntaxCheck.firstProblem(in: Array(text.utf8)) == nil, "\(text.debugDescription)")
        }
    }

    /// Every JSON file shipped (example stacks, SBOMs, real tool exports for the importers) is
    /// strict JSON and loads.
    @Test func everyShippedJSONFileIsStrict() throws {
        var checked = 0
        // Not bench/: it ships no JSON, and its git-ignored output (stacks of up to 185 MB) and
        // virtual environments (third-party JSON) are not ours to check.
        for folder in ["fixtures", "policies"] {
            let root = TestSupport.packageRoot.appendingPathComponent(folder)
            let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
            for file in files.sorted()
            where file.lowercased().hasSuffix(".json")
                && !file.split(separator: "/").contains(where: { $0.hasPrefix(".") })
            {
                let path = root.appendingPathComponent(file).path
                let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
                let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
                #expect(JSONSyntaxCheck.firstProblem(in: body) == nil, "\(file)")
                if case .failure(let diagnostic) = DocumentLoader().load(path: path) {
                    Issue.record("\(diagnostic)")
                }
                checked += 1
            }
        }
        #expect(checked >= 15)
    }
}
