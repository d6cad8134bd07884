import Foundation
import Testing
import TollgateKit

/// Tollgate's SPDX parser against an independent implementation, the `license-expression`
/// package from PyPI (scripts/compare-licence-expressions.py), on a few hundred generated
/// expressions, valid and invalid.
///
/// The corpus stays where both implementations follow the SPDX specification. Deliberate
/// differences, pinned in `documentedDifferences` below without Python: license-expression
/// accepts mixed-case operators (`Or`), which the specification forbids; it rejects `+` after
/// non-GNU ids (`Apache-2.0+`), `LicenseRef-`, `DocumentRef-`, `AdditionRef-`, `NONE` and
/// `NOASSERTION`, which the specification allows; and it rewrites some deprecated ids
/// differently (`Net-SNMP` to a ScanCode reference, `eCos-2.0` as an exception).
///
/// Two leniencies of license-expression show up in generated input and are counted, not
/// failed: it accepts an expression that ends with an operator (`MIT AND ISC OR`), and it reads
/// a licence right after a closing parenthesis as joined by AND (`(MIT OR ISC) Zlib`). The SPDX
/// grammar allows neither, and Tollgate reports both with a column.
@Suite("SPDX parser agrees with license-expression")
struct LicenceExpressionComparisonTests {
    static let script = TestSupport.packageRoot.appendingPathComponent("scripts/compare-licence-expressions.py")

    static let referenceAvailable: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import license_expression"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus == 0
        } catch {
            return false
        }
    }()

    static let skipMessage: Comment =
        "python3 with the license-expression package is missing: pip install -r scripts/requirements-test.txt"

    /// Established ids both implementations know (license-expression's database can lag the
    /// SPDX list by a release, so the newest ids are left out).
    static let licences = [
        "MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "ISC", "0BSD", "Zlib", "CC0-1.0", "Unlicense",
        "MPL-2.0", "MPL-1.1", "EPL-1.0", "EPL-2.0", "CDDL-1.0", "GPL-2.0-only", "GPL-2.0-or-later", "GPL-3.0-only",
        "GPL-3.0-or-later", "LGPL-2.1-only", "LGPL-2.1-or-later", "LGPL-3.0-only", "AGPL-3.0-only",
        "AGPL-3.0-or-later", "CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-NC-4.0", "Artistic-2.0", "BSL-1.0", "OFL-1.1",
        "Python-2.0", "WTFPL", "Beerware", "X11", "PostgreSQL", "NCSA", "MS-PL", "EUPL-1.2", "OSL-3.0", "Ruby",
        "W3C", "Unicode-DFS-2016", "BSD-4-Clause", "AFL-3.0", "ICU", "curl", "libtiff", "GPL-2.0", "GPL-3.0",
        "LGPL-2.1", "GPL-2.0+", "LGPL-2.0+",
    ]
    static let exceptions = [
        "Classpath-exception-2.0", "LLVM-exception", "GCC-exception-3.1", "Autoconf-exception-3.0",
        "Bison-exception-2.2", "Font-exception-2.0", "Qt-GPL-exception-1.0", "OCaml-LGPL-linking-exception",
    ]

    /// A small deterministic generator (an LCG), so the corpus is the same on every run.
    struct Generator {
        var state: UInt64

        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }

        mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }

        mutating func casing(_ id: String) -> String {
            switch next(4) {
            case 0: return id.lowercased()
            case 1: return id.uppercased()
            default: return id
            }
        }

        mutating func op(_ name: String) -> String { next(3) == 0 ? name.lowercased() : name }

        mutating func expression(depth: Int) -> String {
            if depth == 0 || next(3) == 0 {
                var term = casing(pick(LicenceExpressionComparisonTests.licences))
                if next(5) == 0 {
                    term += " " + op("WITH") + " " + casing(pick(LicenceExpressionComparisonTests.exceptions))
                }
                return term
            }
            let count = 2 + next(2)
            let name = next(2) == 0 ? "AND" : "OR"
            let parts = (0..<count).map { _ in
                let inner = expression(depth: depth - 1)
                return inner.contains(" ") && next(2) == 0 ? "(" + inner + ")" : inner
            }
            return parts.joined(separator: " " + op(name) + " ")
        }

        /// A valid expression broken in one of the ways people break them.
        mutating func broken() -> String {
            let valid = expression(depth: 2)
            var tokens = valid.split(separator: " ").map(String.init)
            switch next(9) {
            case 0: tokens.remove(at: next(tokens.count))
            case 1: tokens.insert(pick(["AND", "OR", "and", "or"]), at: next(tokens.count + 1))
            case 2: tokens.insert(pick(["Foo-1.0", "MTI", "Apache2", "GPL"]), at: next(tokens.count + 1))
            case 3: tokens.insert("(", at: next(tokens.count + 1))
            case 4: tokens.append(")")
            case 5: tokens = [pick(LicenceExpressionComparisonTests.exceptions)] + ["AND"] + tokens
            case 6: tokens += ["WITH", pick(LicenceExpressionComparisonTests.licences)]
            case 7:
                tokens = [
                    "(" + tokens.joined(separator: " ") + ")", "WITH",
                    pick(LicenceExpressionComparisonTests.exceptions),
                ]
            default: tokens.append(pick(["AND", "OR", "WITH"]))
            }
            return tokens.joined(separator: " ")
        }
    }

    static let handPicked = [
        "MIT", "mit", "MIT OR Apache-2.0 AND BSD-3-Clause", "(MIT OR Apache-2.0) AND BSD-3-Clause",
        "GPL-2.0-or-later WITH Classpath-exception-2.0", "gpl-2.0-or-later with classpath-exception-2.0",
        "(MIT)AND(ISC)", "((MIT AND ISC))", "MIT AND (ISC AND Zlib)", "MIT OR (ISC)", "MIT\tAND ISC", "GPL-2.0+",
        "LGPL-2.1+ WITH Classpath-exception-2.0", "GPL-2.0 WITH Classpath-exception-2.0", "", "MIT AND", "OR MIT",
        "()", "(MIT", "MIT)", "MIT ISC", "MITAND ISC", "MIT WITH", "MIT WITH Apache-2.0", "Classpath-exception-2.0",
        "(MIT OR ISC) WITH Classpath-exception-2.0", "MIT WITH Classpath-exception-2.0 WITH LLVM-exception",
        "GPL-2.0-only+", "GPL-2.0-or-later+", "MIT ( ISC )", "MIT AND AND ISC", "MIT OR AND ISC", "Foo-1.0",
    ]

    static let corpus: [String] = {
        var generator = Generator(state: 2026)
        var items = handPicked
        for _ in 0..<220 { items.append(generator.expression(depth: 3)) }
        for _ in 0..<180 { items.append(generator.broken()) }
        return items
    }()

    struct Reference: Decodable {
        let valid: Bool
        let normalized: String?
        let error: String?
    }

    @Test(.enabled(if: referenceAvailable, skipMessage))
    func agreesOnValidityAndNormalForm() throws {
        let input = try JSONEncoder().encode(Self.corpus)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script.path]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let references = try JSONDecoder().decode([Reference].self, from: output)
        try #require(references.count == Self.corpus.count)

        let parser = LicenceExpressionParser()
        var valid = 0
        var lenient = 0
        var disagreements: [String] = []
        for (text, reference) in zip(Self.corpus, references) {
            let ours: String?
            switch parser.parse(text) {
            case .success(let parsed) where parsed.isValid: ours = parsed.updated
            default: ours = nil
            }
            if ours != nil { valid += 1 }
            if (ours != nil) != reference.valid || (reference.valid && ours != reference.normalized) {
                if ours == nil && Self.isKnownLeniency(text) {
                    lenient += 1
                    continue
                }
                disagreements.append(
                    "\(text.debugDescription): tollgate \(ours ?? "invalid"), license-expression "
                        + "\(reference.normalized ?? "invalid (\(reference.error ?? ""))")")
            }
        }
        #expect(
            disagreements.isEmpty, "\(disagreements.count) disagreements:\n\(disagreements.joined(separator: "\n"))")
        // The corpus must exercise both sides, and the leniencies must stay the exception.
        #expect(Self.corpus.count >= 400 && valid >= 150 && Self.corpus.count - valid >= 150)
        #expect(lenient < 40, "\(lenient) expressions hit license-expression's known leniencies")
    }

    /// Input that license-expression accepts against the SPDX grammar: a trailing operator, or a
    /// licence directly after `)` without an operator.
    static func isKnownLeniency(_ text: String) -> Bool {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.uppercased() }
        if let last = words.last, ["AND", "OR", "WITH"].contains(last) { return true }
        for (index, word) in words.enumerated().dropFirst() where words[index - 1].hasSuffix(")") {
            if !["AND", "OR", "WITH"].contains(word) && !word.hasPrefix(")") { return true }
        }
        return false
    }

    /// Where the two implementations differ on purpose, Tollgate follows the specification.
    @Test func documentedDifferences() {
        let parser = LicenceExpressionParser()
        func isValid(_ text: String) -> Bool {
            if case .success(let parsed) = parser.parse(text) { return parsed.isValid }
            return false
        }
        #expect(!isValid("MIT Or Apache-2.0"))
        #expect(isValid("Apache-2.0+"))
        #expect(isValid("LicenseRef-acme OR MIT"))
        #expect(isValid("DocumentRef-sbom:LicenseRef-acme"))
        #expect(isValid("MIT WITH AdditionRef-acme"))
        #expect(isValid("NONE"))
        #expect(isValid("NOASSERTION AND MIT"))
    }
}
