import Foundation
import Testing

@testable import TollgateKit

/// The event-level YAML reader gives what Yams and `Converter` gave, tree, marks and syntax
/// errors alike, except where it was built to differ: duplicate keys (reported at the later
/// key, every one, the document still loading), several documents in one file, and the mark of
/// an alias bomb (the alias, not a node inside what it expands to).
@Suite("YAML reader agrees with Yams")
struct YAMLReaderTests {
    static func render(_ text: String, events: Bool, limits: LoadLimits = .default) -> String {
        let loader = DocumentLoader(limits: limits, useJSONReader: false, useYAMLReader: events)
        switch loader.load(data: Data(text.utf8), displayPath: "in.yaml") {
        case .failure(let diagnostic): return "error \(diagnostic)"
        case .success(let node): return JSONReaderTests.render(node)
        }
    }

    static func expectSame(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(
            render(text, events: true) == render(text, events: false), "\(text.debugDescription)",
            sourceLocation: sourceLocation)
    }

    /// Each text is the error after `in.yaml:` on the event path, and the same on the Yams path.
    static func expectErrors(
        _ cases: [(text: String, error: String)], sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        for (text, expected) in cases {
            let rendered = render(text, events: true)
            #expect(
                rendered == "error in.yaml:\(expected)", "\(text.debugDescription): \(rendered)",
                sourceLocation: sourceLocation)
            expectSame(text, sourceLocation: sourceLocation)
        }
    }

    @Test func everyShippedYAMLFileReadsTheSame() throws {
        var checked = 0
        for folder in ["fixtures", "policies"] {
            let root = TestSupport.packageRoot.appendingPathComponent(folder)
            let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
            for file in files.sorted() where file.hasSuffix(".yaml") || file.hasSuffix(".yml") {
                let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
                Self.expectSame(text)
                checked += 1
            }
        }
        #expect(checked > 25)
    }

    @Test func stylesAnchorsAndMergesReadTheSame() {
        for text in [
            "version: 1\nname: \"quoted \\u00e9\"\nother: 'single ''quoted'''\nplain: 2024\n",
            "a: |\n  literal\n  block\nb: >-\n  folded\n  text\nc: |+\n  keep\n\n",
            "list:\n- a\n- [b, c]\n- {d: e, f: [g]}\n-\n- ~\n- null\n",
            "empty:\nnested:\n  deeper:\n    deepest: yes\n",
            "base: &b {kind: human, enabled: false}\nitem:\n  <<: *b\n  enabled: true\n",
            "a: &a {x: 1}\nb: &b {x: 2, y: 2}\nc:\n  <<: [*a, *b]\n  z: 3\n",
            "anchored: &s text\nalias: *s\nlist: &l [1, 2]\nagain: *l\n",
            "tagged: !!str 123\nbinary: !custom value\n",
            "---\nversion: 1\n...\n",
            "? explicit key\n: value\n",
            "é: ü\nnäme: \"日本語\"\nafter: x\n",
            "windows: line\r\nendings: here\r\n",
            "# only a comment\n",
            "key: value # trailing comment\n",
            "'quoted key': 1\n\"double\": 2\n",
            "scalar document\n",
            "[1, 2, 3]\n",
            // Syntax errors: the same libyaml message at the same place.
            "version: 1\nsystems:\n  - id: [unclosed\n    name: x\n",
            "a: b: c\n",
            "a:\n  - x\n y: z\n",
            "a: \"unterminated\n",
            "<<: scalar\n",
            "x: &x [1]\n<<: *x\n",
            "{a: 1\n",
            "a: @reserved\n",
            "\ta: tab\n",
        ] {
            Self.expectSame(text)
        }
    }

    @Test func duplicateKeysAreReportedAtTheLaterKey() {
        let text = "version: 1\nname: a\nother: b\nname: c\n"
        let rendered = Self.render(text, events: true)
        #expect(rendered.hasPrefix("error in.yaml:4:1: error: duplicate key"), "\(rendered)")
        #expect(rendered.contains("duplicate key 'name' in one mapping (first at line 2, column 1)"))
    }

    @Test func duplicatesInLargeMappingsAreFoundToo() {
        // Past 16 keys the reader hashes the keys instead of looking along them.
        let keys = (0..<40).map { "k\($0): \($0)\n" }.joined()
        for duplicate in ["k0", "k15", "k16", "k39"] {
            let rendered = Self.render(keys + "\(duplicate): again\n", events: true)
            #expect(rendered.contains("duplicate key '\(duplicate)'"), "\(duplicate): \(rendered)")
            #expect(rendered.hasPrefix("error in.yaml:41:1"))
        }
        #expect(!Self.render(keys, events: true).hasPrefix("error"))
    }

    @Test func aStackWithDuplicatesReportsEveryProblemAtOnce() {
        let stack = """
            version: 1
            systems:
              - id: crm
                name: CRM
                system_type: crm
                name: CRM again
              - id: esp
                name: ESP
                system_type: espp
            accounts:
              - {id: a1, system: crm, kind: human, kind: service}
            version: 2
            """
        let outcome = InventoryLoader().load(text: stack, name: "s.yaml")
        let errors = outcome.diagnostics.filter { $0.level == .error }.map {
            "\($0.location.line):\($0.location.column) \($0.message)"
        }
        #expect(errors.contains { $0.hasPrefix("6:5 duplicate key 'name'") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("11:40 duplicate key 'kind'") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("12:1 duplicate key 'version'") }, "\(errors)")
        #expect(errors.contains { $0.contains("espp") }, "the decoder still reports the rest: \(errors)")
        #expect(errors.count == 4, "\(errors)")
    }

    @Test func anUndefinedAliasNamesItsAnchor() {
        let rendered = Self.render("a: 1\nb: [*x]\n", events: true)
        #expect(
            rendered
                == "error in.yaml:2:5: error: syntax error: found undefined alias; define the anchor (`&x`) before using it"
        )
    }

    /// libyaml says only that a tab "cannot start any token"; the hint says what to do, at the
    /// tab, on both paths. Other syntax errors keep the general hint.
    @Test func aTabIndentingYAMLIsNamed() {
        let tab = "; YAML indents with spaces, not tabs; replace the tab at line"
        for (text, at) in [
            ("version: 1\nsystems:\n\t- id: a\n", "3:1"),
            ("version: 1\r\nsystems:\r\n  - id: a\r\n\tname: b\r\n", "4:1"),
            ("x-é: ü\nx-a:\n  b: 1\n  \tc: 2\n", "4:3"),
            ("x-a: |\n\tfoo\n", "2:1"),
        ] {
            let parts = at.split(separator: ":")
            let rendered = Self.render(text, events: true)
            #expect(
                rendered.hasPrefix("error in.yaml:\(at): error: syntax error: ")
                    && rendered.hasSuffix("\(tab) \(parts[0]), column \(parts[1]) with spaces"),
                "\(text.debugDescription): \(rendered)")
            Self.expectSame(text)
        }
        let other = Self.render("x-é: b: c\nx-b: 1\n", events: true)
        #expect(other.hasSuffix("; fix the syntax; YAML and JSON are accepted"), "\(other)")
    }

    /// libyaml finds an unclosed quote only where the file ends; the error is reported where
    /// the quote opens, on both paths, and says where the file ended.
    @Test func anUnclosedQuoteIsReportedWhereItOpens() {
        let double = Self.render("version: 1\nsystems:\n  - id: crm\n    name: \"CRM\n", events: true)
        #expect(
            double
                == "error in.yaml:4:11: error: syntax error: the quoted value opened here by \" is never closed "
                + "(the file ends at line 5, column 1); add the closing \" at the end of the value; write a \" "
                + "inside it as \\\"", "\(double)")
        let unclosed = Self.render("a: b\nc: 'open\nd: e\n", events: true)
        #expect(
            unclosed.hasPrefix(
                "error in.yaml:2:4: error: syntax error: the quoted value opened here by ' is never closed"),
            "\(unclosed)")
        #expect(unclosed.hasSuffix("write a ' inside it as ''"), "\(unclosed)")
        let marker = Self.render("a: \"open\n---\nb: c\n", events: true)
        #expect(marker.hasPrefix("error in.yaml:1:4: error: syntax error: the quoted value"), "\(marker)")
        #expect(marker.contains("(a document marker (--- or ...) comes at line 2, column 1)"), "\(marker)")
        for text in ["version: 1\nname: \"CRM\n", "a: 'open\nd: e\n", "a: \"open\n---\nb: c\n", "é: \"ü\n"] {
            Self.expectSame(text)
        }
    }

    /// libyaml finds a `[` or `{` never closed where the file ends, at a `---`, or where the
    /// block around it goes on; the error is reported at the bracket, on both paths, and says
    /// where libyaml stopped. A missing comma or a mismatched bracket inside the collection is
    /// reported where libyaml found it, naming the bracket.
    @Test func anUnclosedBracketIsReportedWhereItOpens() {
        Self.expectErrors([
            (
                "version: 1\nsystems:\n  - id: [a, b\n",
                "3:9: error: syntax error: the list opened here by [ is never closed (the file ends at line 4, "
                    + "column 1); add the closing ] after its last item"
            ),
            (
                "version: 1\nsystems: [\n",
                "2:10: error: syntax error: the list opened here by [ is never closed (the file ends at line 3, "
                    + "column 1); add the closing ] after its last item"
            ),
            (
                "a:\n  b: {c: [1,\n",
                "2:10: error: syntax error: the list opened here by [ is never closed (the file ends at line 3, "
                    + "column 1); add the closing ] after its last item"
            ),
            (
                "a: {b: \n",
                "1:4: error: syntax error: the mapping opened here by { is never closed (the file ends at line 2, "
                    + "column 1); add the closing } after its last entry"
            ),
            (
                "a: [1, 2\n---\nb: c\n",
                "1:4: error: syntax error: the list opened here by [ is never closed (a document marker (--- or ...) "
                    + "comes at line 2, column 1); add the closing ] after its last item"
            ),
            (
                "version: 1\nsystems:\n  - id: [unclosed\n    name: x\n",
                "3:9: error: syntax error: the list opened here by [ is not closed before line 4, column 9, where the "
                    + "block around it goes on; add the closing ] after its last item"
            ),
            (
                "version: 1\nsystems:\n  - {id: crm, name: CRM\n  - id: b\n",
                "3:5: error: syntax error: the mapping opened here by { is not closed before line 4, column 7, where "
                    + "the block around it goes on; add the closing } after its last entry"
            ),
            (
                "{\n  a: 1,\n  b: 2\n  c: 3\n}\n",
                "4:4: error: syntax error: expected , or } here, in the mapping opened by { at line 1, column 1; "
                    + "separate the entries with commas and close the mapping with }"
            ),
            (
                "a: [1, {b: 2]\n",
                "1:13: error: syntax error: expected , or } here, in the mapping opened by { at line 1, column 8; "
                    + "separate the entries with commas and close the mapping with }"
            ),
        ])
    }

    /// A line indented to no level of the blocks around it is reported at the line, saying
    /// where the keys (or the `-`) of the block it breaks are; other errors with a context say
    /// where it starts.
    @Test func aMisindentedLineIsReportedAtTheLine() {
        Self.expectErrors([
            (
                "a:\n  - x\n y: z\n",
                "3:2: error: syntax error: line 3 is indented to column 2, which lines up with none of the entries "
                    + "around it; the mapping it is in has its keys at column 1 (line 1), and the line above it "
                    + "(line 2) starts at column 3; indent the line with as many spaces as the entries it belongs with"
            ),
            (
                "version: 1\nsystems:\n  - id: crm\n    name: CRM\n   bad: x\n",
                "5:4: error: syntax error: line 5 is indented to column 4, which lines up with none of the entries "
                    + "around it; the list it is in has its items (-) at column 3 (line 3), and the line above it "
                    + "(line 4) starts at column 5; indent the line with as many spaces as the entries it belongs with"
            ),
            // The block the user meant, a nested mapping, is named past a comment and a blank line.
            (
                "systems:\n  - id: crm\n    security:\n      mfa_supported: true\n      # note\n\n     sso: true\n",
                "7:6: error: syntax error: line 7 is indented to column 6, which lines up with none of the entries "
                    + "around it; the mapping it is in has its keys at column 5 (line 2), and the line above it "
                    + "(line 4) starts at column 7; indent the line with as many spaces as the entries it belongs with"
            ),
            // The line above starts where the mapping's keys do: nothing to add.
            (
                "a: 1\nb: \"2\"\n c: 3\n",
                "3:2: error: syntax error: line 3 is indented to column 2, which lines up with none of the entries "
                    + "around it; the mapping it is in has its keys at column 1 (line 1); indent the line with as "
                    + "many spaces as the entries it belongs with"
            ),
            (
                "a: 1\nb: \"x\" y\n",
                "2:8: error: syntax error: did not find expected key while parsing a block mapping that starts at "
                    + "line 1, column 1; fix the syntax; YAML and JSON are accepted"
            ),
            (
                "a:\n  - b\n  c: d\n",
                "3:3: error: syntax error: did not find expected '-' indicator while parsing a block collection that "
                    + "starts at line 2, column 3; fix the syntax; YAML and JSON are accepted"
            ),
        ])
    }

    @Test func severalDocumentsAreOneClearError() {
        let rendered = Self.render("version: 1\n---\nversion: 2\n", events: true)
        #expect(rendered.hasPrefix("error in.yaml:2:1: error: file holds more than one YAML document"), "\(rendered)")
    }

    @Test func anAliasBombIsStoppedAtAnAlias() {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            text += "a\(level): &a\(level) [\(Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", "))]\n"
        }
        let rendered = Self.render(text, events: true)
        #expect(rendered.contains("alias bomb"))
        #expect(rendered.hasPrefix("error in.yaml:"))
    }

    @Test func aliasesCountAgainstTheDepthLimit() {
        var limits = LoadLimits.default
        limits.maxDepth = 4
        // The anchored list is 3 levels deep at the top; used 2 levels down it reaches 5.
        let text = "a: &deep [[[x]]]\nb: [[*deep]]\n"
        #expect(Self.render(text, events: true, limits: limits).contains("nesting is deeper than 4 levels"))
        #expect(!Self.render("a: &deep [[[x]]]\nb: *deep\n", events: true, limits: limits).hasPrefix("error"))
    }
}
