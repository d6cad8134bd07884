import Foundation
import Testing

@testable import TollgateKit

/// `JSONReader` scans strings for secrets while it reads them; everything else is scanned by
/// walking the finished tree. Both must report the same secrets, in the same order, at the same
/// places, under the same fields. Every test scans the same bytes both ways and compares.
@Suite("Secret scan while reading JSON agrees with the tree walk")
struct SecretScanAgreementTests {
    /// Everything known about each secret found in `text`, one line each.
    static func render(_ text: String, whileReading: Bool) -> String {
        let loader = DocumentLoader(limits: .default, useJSONReader: whileReading)
        switch loader.loadScanningSecrets(data: Data(text.utf8), displayPath: "in.json") {
        case .failure(let diagnostic): return "error \(diagnostic)"
        case .success(let document):
            return document.secrets.map {
                "\($0.kind) \($0.location.line):\($0.location.column) \($0.location.pointer) "
                    + "field=\($0.field.debugDescription) value=\($0.value.debugDescription) entropy=\($0.entropy)"
            }
            .joined(separator: "\n")
        }
    }

    /// Scans `text` both ways, checks that the reader took it, and returns what both found.
    @discardableResult
    static func expectSame(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
        #expect(
            JSONReader.read(Array(text.utf8), maxDepth: LoadLimits.default.maxDepth, scanningSecrets: true)?.sightings
                != nil, "the JSON reader declined \(text.debugDescription)", sourceLocation: sourceLocation)
        let whileReading = render(text, whileReading: true)
        #expect(
            whileReading == render(text, whileReading: false), "\(text.debugDescription)",
            sourceLocation: sourceLocation)
        return whileReading
    }

    /// A made-up GitHub-format token, so no token-shaped string is committed.
    static func token<G: RandomNumberGenerator>(_ prefix: String, _ count: Int, using generator: inout G) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        return prefix + String((0..<count).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// Key/value pair objects: the value's field is the pair's key wherever the `key` entry
    /// stands, whatever the value holds, and only when the `key` entry is a scalar.
    @Test func pairObjectsAreJudgedUnderTheirKeyInEitherOrder() {
        let cases = [
            #"{"params": [{"key": "password", "value": "hunter2hunter2"}]}"#,
            #"{"params": [{"value": "hunter2hunter2", "type": "t", "key": "password"}]}"#,
            #"{"params": [{"Value": "hunter2hunter2", "Key": "client_secret"}]}"#,
            #"{"p": {"value": ["hunter2hunter2", {"x": "also-a-secret"}], "key": "api_key"}}"#,
            #"{"p": {"value": "hunter2hunter2", "Value": "second-one-here", "key": "token"}}"#,
            #"{"p": {"key": ["password"], "value": "hunter2hunter2"}}"#,
            #"{"p": {"key": null, "value": "hunter2hunter2"}}"#,
            #"{"p": {"key": "name", "value": {"key": "password", "value": "hunter2hunter2"}}}"#,
            #"{"p": {"key": "sha256", "value": "Zm9vYmFyQmF6UXV4MTIzNDU2Nzg5MGFiY2RlZkdISUpL"}}"#,
            #"{"p": {"value": "Zm9vYmFyQmF6UXV4MTIzNDU2Nzg5MGFiY2RlZkdISUpL"}}"#,
        ]
        // What each case holds: a digest's key excuses a high-entropy value; a list or null as
        // the pair's key makes the value's field `value`, which names no credential.
        let expected = [1, 1, 1, 1, 2, 0, 0, 1, 0, 1]
        let found = cases.map { Self.expectSame($0).split(separator: "\n").count }
        #expect(found == expected)
        let reordered = Self.expectSame(cases[1])
        #expect(reordered.contains("/params/0/value field=\"password\""), "\(reordered)")
    }

    /// Hostile nesting: pair objects inside pair objects' values, through lists and directly,
    /// as deep as the limit allows. Both ways agree, and the reader judges each string at most
    /// twice (once as read, once more when its object turns out to be a pair), not once per
    /// level.
    @Test func nestedPairObjectsAreJudgedAtMostTwice() throws {
        var text = "\"bottom-secret-value\""
        for level in 0..<30 {
            let key = ["password", "name", "api_key"][level % 3]
            text =
                level % 2 == 0
                ? "{\"value\": [\"hunter2hunter2\", \(text), \"x\"], \"key\": \"\(key)\"}"
                : "{\"key\": \"\(key)\", \"value\": \(text)}"
        }
        text = "{\"outer\": \(text)}"
        let found = Self.expectSame(text)
        #expect(found.split(separator: "\n").count >= 10, "\(found)")
        let read = try #require(
            JSONReader.read(Array(text.utf8), maxDepth: LoadLimits.default.maxDepth, scanningSecrets: true))
        func scalars(_ node: Node) -> Int {
            switch node.kind {
            case .scalar: return 1
            case .sequence(let items): return items.map(scalars).reduce(0, +)
            case .mapping(let entries): return entries.map { scalars($0.value) }.reduce(0, +)
            }
        }
        let judged = try #require(read.sightings).judged
        #expect(judged <= 2 * scalars(read.root), "\(judged) judgements of \(scalars(read.root)) scalars")
    }

    /// Keys, list items, numbers under credential names, the document root, and the strings the
    /// scan skips (null, booleans, empty, references, placeholders).
    @Test func everyKindOfPlaceAgrees() {
        var generator = SeededGenerator(seed: 7)
        let github = Self.token("ghp_", 36, using: &generator)
        let cases = [
            "[\"\(github)\", \"plain words only\"]",
            "{\"\(github)\": \"a key holding a token\"}",
            "{\"password\": 12345678, \"pin\": 1234, \"token\": null, \"secret\": true, \"pwd\": \"\"}",
            "{\"password\": [\"hunter2hunter2\", \"$PASSWORD\", \"vault://kv/x\", \"<token>\", \"***\"]}",
            "{\"x-notes\": {\"a/b~c\": [\"see \(github)\"], \"url\": \"https://user:pa55word@host.example/\"}}",
            "{\"script\": \"var apiKey = '\(Self.token("", 24, using: &generator))';\"}",
            "{\"checksum\": \"\(Self.token("", 40, using: &generator))\"}",
            "{\"notes\": \"caf\\u00e9 \(Self.token("", 32, using: &generator))\"}",
        ]
        var found = 0
        for text in cases { found += Self.expectSame(text).split(separator: "\n").count }
        #expect(found >= 8)
    }

    /// Random documents from a fixed seed, with credential-named keys, pair objects, tokens,
    /// high-entropy words, references and placeholders at every depth.
    @Test func randomDocumentsWithSecretsAgree() {
        var generator = SeededGenerator(seed: 20_261_124)
        var found = 0
        for _ in 0..<300 {
            let text = SecretJSON(generator: generator).object(depth: 0, using: &generator)
            found += Self.expectSame(text).split(separator: "\n").count
        }
        // The corpus must exercise the scan, not only agree on finding nothing.
        #expect(found > 300, "\(found) secrets in the corpus")
    }

    /// The example stacks and the real tool exports under fixtures/ (the GTM exports hold
    /// pair objects and test keys), re-encoded as JSON where they are YAML.
    @Test func fixturesAgree() throws {
        let root = TestSupport.packageRoot.appendingPathComponent("fixtures")
        var checked = 0
        for directory in ["retail-stack", "clean-stack", "importers"] {
            for file in InventoryLoader.expand(root.appendingPathComponent(directory).path).0 {
                guard !file.hasSuffix(".xml"), case .success(let node) = DocumentLoader().load(path: file),
                    case .mapping = node.kind
                else { continue }
                let text: String
                if file.hasSuffix(".json"), let data = FileManager.default.contents(atPath: file) {
                    text = String(decoding: data, as: UTF8.self)
                } else {
                    let object = RandomJSON.foundationValue(node)
                    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
                    text = String(decoding: data, as: UTF8.self)
                }
                guard JSONReader.read(Array(text.utf8), maxDepth: LoadLimits.default.maxDepth) != nil else { continue }
                Self.expectSame(text)
                checked += 1
            }
        }
        #expect(checked > 10)
    }
}

/// Random JSON made of the things the secret scan looks at.
private struct SecretJSON {
    let keys = [
        "key", "Key", "value", "Value", "password", "client_secret", "apiKey", "sha256", "integrity", "name", "x-notes",
        "type", "parameter", "list",
    ]
    let values: [String]

    init<G: RandomNumberGenerator>(generator: G) {
        var generator = generator
        values = [
            SecretScanAgreementTests.token("ghp_", 36, using: &generator),
            SecretScanAgreementTests.token("", 32, using: &generator),
            "AKIA" + String((0..<16).map { _ in "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".randomElement(using: &generator)! }),
            "hunter2hunter2", "$DB_PASSWORD", "vault://kv/crm", "{{ secret }}", "<token>", "REDACTED",
            "https://user:pa55word@example.com/x",
            "see ?api_key=" + SecretScanAgreementTests.token("", 20, using: &generator),
            "Spring campaign newsletter", "", "x", "true", "null",
        ]
    }

    func scalar<G: RandomNumberGenerator>(using generator: inout G) -> String {
        switch Int.random(in: 0..<8, using: &generator) {
        case 0: return ["true", "false", "null", "0", "123456789", "-1.5"].randomElement(using: &generator)!
        default: return "\"" + values.randomElement(using: &generator)! + "\""
        }
    }

    func value<G: RandomNumberGenerator>(depth: Int, using generator: inout G) -> String {
        switch Int.random(in: 0..<(depth > 3 ? 3 : 5), using: &generator) {
        case 0, 1, 2: return scalar(using: &generator)
        case 3: return object(depth: depth + 1, using: &generator)
        default:
            let count = Int.random(in: 0...3, using: &generator)
            return "[" + (0..<count).map { _ in value(depth: depth + 1, using: &generator) }.joined(separator: ", ")
                + "]"
        }
    }

    func object<G: RandomNumberGenerator>(depth: Int, using generator: inout G) -> String {
        // Distinct keys: a duplicate would send the document to the YAML path.
        let chosen = keys.shuffled(using: &generator).prefix(Int.random(in: 0...5, using: &generator))
        let entries = chosen.map { "\"\($0)\": " + value(depth: depth + 1, using: &generator) }
        return "{" + entries.joined(separator: ", ") + "}"
    }
}

/// Keys are judged byte by byte when they are ASCII; the judgement must be the one the
/// normalised string gives.
@Suite("Credential and digest key names")
struct KeyKindsTests {
    static func reference(_ key: String) -> (Bool, Bool) {
        let normalised = SecretScanner.normalise(key)
        let credential =
            SecretScanner.credentialKeySuffixes.contains { normalised.hasSuffix($0) } || normalised == "pass"
            || normalised == "auth"
        return (credential, SecretScanner.digestKeySuffixes.contains { normalised.hasSuffix($0) })
    }

    @Test(arguments: [
        ("API-Key", true, false), ("db_password", true, false), ("clientSecret", true, false), ("Pass", true, false),
        ("AUTH", true, false), ("bypass", false, false), ("oauth", false, false), ("x-sha256", false, true),
        ("SRI integrity", false, true), ("name", false, false), ("", false, false), ("pwd", true, false),
        ("Passwört", false, false), ("geheimes_token", true, false), ("ключ_token", true, false),
        ("étag", false, false), ("prüf_hash", false, true), ("etag", false, true),
    ])
    func keysAreJudgedByTheirNormalisedEnding(key: String, credential: Bool, digest: Bool) {
        let kinds = SecretScanner.keyKinds(key)
        #expect((kinds.credential, kinds.digest) == (credential, digest), "\(key)")
        #expect(Self.reference(key) == (credential, digest), "\(key)")
    }
}
