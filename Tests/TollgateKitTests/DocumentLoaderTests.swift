import Foundation
import Testing

@testable import TollgateKit

/// Hostile, malformed and oversized input: each gives one clear diagnostic with a location,
/// never a crash or a hang.
@Suite("Loading untrusted documents")
struct DocumentLoaderTests {
    let loader = DocumentLoader()

    func failure(_ data: Data, limits: LoadLimits = .default) -> Diagnostic? {
        if case .failure(let diagnostic) = DocumentLoader(limits: limits).load(data: data, displayPath: "in.yaml") {
            return diagnostic
        }
        return nil
    }

    func failure(_ text: String) -> Diagnostic? { failure(Data(text.utf8)) }

    @Test func emptyAndBlankFilesAreRefused() {
        for text in ["", "   \n\n\t\n", "\u{FEFF}"] {
            let diagnostic = failure(text)
            #expect(diagnostic?.message == "file is empty")
            #expect(diagnostic?.location.line == 1)
        }
    }

    @Test func binaryFileIsRefusedAtTheNULByte() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]
        let diagnostic = failure(Data(png))
        #expect(diagnostic != nil)
        #expect(diagnostic?.message.contains("binary") == true || diagnostic?.message.contains("UTF-8") == true)
    }

    @Test func invalidUTF8IsReportedWithItsPosition() {
        var bytes = Array("version: 1\nsystems:\n  - id: caf".utf8)
        bytes += [0xC3, 0x28]  // a lead byte followed by a non-continuation byte
        let diagnostic = failure(Data(bytes))
        #expect(diagnostic?.message == "invalid UTF-8 byte 0xC3")
        #expect(diagnostic?.location.line == 3 && diagnostic?.location.column == 12)
    }

    @Test func controlCharactersAreRefused() {
        let diagnostic = failure("version: 1\nname: a\u{1B}b\n")
        #expect(diagnostic?.message.contains("U+1B") == true)
        #expect(diagnostic?.location.line == 2)
    }

    @Test func malformedYAMLGivesTheParserPosition() {
        let diagnostic = failure("version: 1\nsystems:\n  - id: [unclosed\n    name: x\n")
        #expect(diagnostic?.message.hasPrefix("syntax error") == true)
        #expect((diagnostic?.location.line ?? 0) >= 3)
    }

    @Test func malformedJSONGivesTheParserPosition() {
        let diagnostic = failure(
            "{\n  \"version\": 1,\n  \"systems\": [\n    {\"id\": \"crm\",}\n  ]\n  \"flows\": []\n}\n")
        #expect(diagnostic != nil)
        #expect((diagnostic?.location.line ?? 0) >= 4)
    }

    @Test func duplicateKeysAreRefused() {
        let diagnostic = failure("version: 1\nversion: 2\n")
        #expect(diagnostic?.message.contains("duplicate key") == true)
    }

    @Test(.timeLimit(.minutes(1))) func billionLaughsAliasBombIsStopped() {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let previous = "*a\(level - 1)"
            text += "a\(level): &a\(level) [\(Array(repeating: previous, count: 10).joined(separator: ", "))]\n"
        }
        let diagnostic = failure(text)
        #expect(diagnostic?.message.contains("alias bomb") == true)
    }

    /// The alias budget counts nodes, not bytes: a small file can alias one large string a
    /// thousand times. The string is scanned for secrets once when first met and once when met
    /// again, not at each alias, and what it holds is still reported at each place.
    @Test(.timeLimit(.minutes(1))) func aliasesOfALargeStringAreScannedOnceAndReportedAtEachPlace() throws {
        let token = "glpat-" + String(repeating: "aB3_", count: 5)
        let large = String(repeating: "x", count: 1 << 20) + " " + token
        let aliases = 1_000
        let text =
            "version: 1\nx-notes: &a \"\(large)\"\n"
            + "x-extra: [\(Array(repeating: "*a", count: aliases).joined(separator: ", "))]\n"
            + "x-more: {first: *a, second: [*a]}\n"
        let bytes = Array(text.utf8)
        let document = try bytes.withUnsafeBufferPointer {
            try YAMLReader.read($0, budget: bytes.count, maxDepth: 64).get()
        }
        let root = try #require(document.root)
        var sightings = SecretSightings()
        sightings.visit(root, field: "", kinds: .plain)
        #expect(sightings.scannedBytes <= 2 * large.utf8.count + 64, "\(sightings.scannedBytes) bytes scanned")

        guard case .success(let loaded) = loader.loadScanningSecrets(data: Data(text.utf8), displayPath: "in.yaml")
        else {
            Issue.record("not loaded")
            return
        }
        let pointers = loaded.secrets.map(\.location.pointer)
        #expect(pointers.count == aliases + 3)
        #expect(Array(pointers.prefix(3)) == ["/x-notes", "/x-extra/0", "/x-extra/1"])
        #expect(Array(pointers.suffix(2)) == ["/x-more/first", "/x-more/second/0"])
        #expect(Set(pointers).count == pointers.count)
        #expect(loaded.secrets.allSatisfy { $0.kind == .gitlabToken && $0.field != "" })
    }

    /// A mapping aliased under another key: the strings inside keep their own keys, and a
    /// credential key's value is judged under that key at each place.
    @Test func secretsInsideAnAliasedMappingAreReportedAtEachPlace() {
        let text = """
            version: 1
            x-base: &base {password: "Tr0ub4dor&3xTr0ub4dor", notes: "just words here, nothing else"}
            x-copy: *base
            x-list: [*base, *base]

            """
        guard case .success(let loaded) = loader.loadScanningSecrets(data: Data(text.utf8), displayPath: "in.yaml")
        else {
            Issue.record("not loaded")
            return
        }
        #expect(
            loaded.secrets.map(\.location.pointer) == [
                "/x-base/password", "/x-copy/password", "/x-list/0/password", "/x-list/1/password",
            ])
        #expect(loaded.secrets.allSatisfy { $0.kind == .credentialField && $0.field == "password" })
    }

    @Test func aliasUsedAsKeyIsRefused() {
        let diagnostic = failure("a: &k [x, y]\n*k : 1\n")
        #expect(diagnostic?.message == "an alias is used as a mapping key")
    }

    @Test func deepFlowNestingIsRefusedBeforeTheParser() {
        let text = String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
        #expect(failure(text)?.message.contains("nesting") == true)
    }

    @Test func deepBlockNestingIsRefused() {
        var text = ""
        for depth in 0..<300 { text += String(repeating: " ", count: depth) + "k\(depth):\n" }
        text += String(repeating: " ", count: 300) + "leaf: 1\n"
        #expect(failure(text)?.message.contains("nesting") == true)
    }

    @Test func nestingJustUnderTheLimitLoads() throws {
        var limits = LoadLimits.default
        limits.maxDepth = 10
        let text = String(repeating: "[", count: 9) + "1" + String(repeating: "]", count: 9)
        #expect(failure(Data(text.utf8), limits: limits) == nil)
        let deeper = String(repeating: "[", count: 12) + "1" + String(repeating: "]", count: 12)
        #expect(failure(Data(deeper.utf8), limits: limits)?.message == "nesting is deeper than 10 levels")
    }

    @Test(.timeLimit(.minutes(1))) func fileOverTheSizeLimitIsRefusedWithoutParsing() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("huge.yaml").path
        // 50 MB of a valid-looking declaration line repeated.
        let line = Data("# padding padding padding padding padding padding padding padding padding padding\n".utf8)
        var data = Data(capacity: 50_000_000 + line.count)
        while data.count < 50_000_000 { data.append(line) }
        try data.write(to: URL(fileURLWithPath: path))
        guard case .failure(let diagnostic) = loader.load(path: path) else {
            Issue.record("a 50 MB file must be refused under the default limit")
            return
        }
        #expect(diagnostic.message.contains("over the 32 MiB limit"))
        #expect(diagnostic.hint?.contains("--max-file-size") == true)
    }

    @Test func mergeKeysAreResolvedWithExplicitKeysWinning() throws {
        let text = "defaults: &d { kind: human, enabled: false }\nitem:\n  <<: *d\n  enabled: true\n"
        guard case .success(let root) = loader.load(data: Data(text.utf8), displayPath: "m.yaml"),
            case .mapping(let entries) = root.kind, case .mapping(let item) = entries[1].value.kind
        else {
            Issue.record("merge document must load")
            return
        }
        let values = Dictionary(item.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        guard case .scalar(let enabled, _) = values["enabled"]?.kind, case .scalar(let kind, _) = values["kind"]?.kind
        else {
            Issue.record("merged keys missing")
            return
        }
        #expect(enabled == "true" && kind == "human")
    }

    @Test func compactJSONLoadsWithPositions() throws {
        let text = "{\"version\":1,\"systems\":[{\"id\":\"crm\",\"name\":\"CRM\",\"system_type\":\"crm\"}]}"
        let outcome = InventoryLoader().load(text: text, name: "stack.json")
        #expect(outcome.errors.isEmpty, "\(outcome.errors)")
        #expect(outcome.inventory.systems.first?.id == "crm")
        #expect(outcome.inventory.systems.first?.origin.location.column == 25)
    }
}
