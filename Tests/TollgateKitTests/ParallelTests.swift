import Foundation
import Testing
import TollgateRules

@testable import TollgateKit

/// Files load and rules run on all cores; the output must not depend on it.
@Suite("Parallel and serial runs agree")
struct ParallelTests {
    static let stack = TestSupport.packageRoot.appendingPathComponent("fixtures/retail-stack")

    static func rendered(parallel: Bool, paths: [String]) throws -> [ReportFormat: Data] {
        var runner = CheckRunner(rules: BuiltInRules.all)
        runner.parallel = parallel
        let report = runner.run(
            paths: paths, policyPaths: [], asOf: Day(iso: "2026-11-23")!, failOn: .atOrAbove(.medium))
        let repository = RepositoryPaths(
            root: TestSupport.packageRoot.path, workingDirectory: TestSupport.packageRoot.path)
        var result: [ReportFormat: Data] = [:]
        for format in ReportFormat.allCases {
            result[format] = try format.reporter(paths: repository).render(report)
        }
        return result
    }

    @Test func everyFormatIsByteIdentical() throws {
        let clean = TestSupport.packageRoot.appendingPathComponent("fixtures/clean-stack").path
        for paths in [[Self.stack.path], [clean], [Self.stack.path, clean]] {
            let serial = try Self.rendered(parallel: false, paths: paths)
            // Several parallel runs, so that a different interleaving would show.
            for _ in 0..<3 {
                let parallel = try Self.rendered(parallel: true, paths: paths)
                for format in ReportFormat.allCases {
                    #expect(parallel[format] == serial[format], "\(format) differs for \(paths)")
                }
            }
        }
    }

    /// JUnit writes each rule's test cases on the cores a few rules at a time; however the
    /// rules are grouped, the report is the same bytes, and the groups keep the rules' order.
    @Test func junitIsTheSameWhateverTheBatches() throws {
        let report = CheckRunner(rules: BuiltInRules.all).run(
            paths: [Self.stack.path], policyPaths: [], asOf: Day(iso: "2026-11-23")!, failOn: .atOrAbove(.medium))
        let whole = try JUnitReporter().render(report)
        let directory = try TestSupport.temporaryDirectory()
        for batchCases in [1, 7, 50] {
            #expect(try JUnitReporter(batchCases: batchCases).render(report) == whole, "batches of \(batchCases)")
            // Streamed, each batch goes to the file on another thread while the next is written.
            let path = directory.appendingPathComponent("junit-\(batchCases).xml").path
            let file = try OutputFile.Staged(path: path)
            try JUnitReporter(batchCases: batchCases).write(report, to: file)
            try file.commit()
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == whole, "streamed in batches of \(batchCases)")
            let batches = JUnitReporter.batches(report.results, batchCases: batchCases)
            #expect(batches.flatMap { $0 }.map(\.rule.id) == report.results.map(\.rule.id))
            for batch in batches.dropLast() {
                let cases = batch.map { max($0.subjects.count, 1) }
                #expect(cases.reduce(0, +) >= batchCases && cases.dropLast().reduce(0, +) < batchCases)
            }
        }
        #expect(JUnitReporter.batches(report.results, batchCases: 1).count == report.results.count)
    }

    @Test func invalidInputReportsTheSameDiagnostics() throws {
        let directory = try TestSupport.temporaryDirectory()
        for index in 0..<6 {
            let text = """
                version: 1
                systems:
                  - { id: s\(index), name: S, system_type: \(index % 2 == 0 ? "crm" : "crmm") }
                flows:
                  - { id: f\(index), from: s\(index), to: nowhere\(index), data_categories: [user.contact.email] }
                """
            try text.write(
                to: directory.appendingPathComponent("part-\(index).yaml"), atomically: true, encoding: .utf8)
        }
        let serial = try Self.rendered(parallel: false, paths: [directory.path])
        let parallel = try Self.rendered(parallel: true, paths: [directory.path])
        #expect(parallel == serial)
        #expect(String(decoding: serial[.text] ?? Data(), as: UTF8.self).contains("crmm"))
    }

    /// The validator's sections run concurrently; one mistake in each section must come out in
    /// the same order either way, after the duplicate ids.
    @Test func validationSectionsKeepTheirOrder() throws {
        let inventory = InventoryLoader().load(
            text: """
                version: 1
                organization: { name: Acme, establishments: [XX] }
                people: [{ id: ann, name: Ann }]
                systems:
                  - { id: crm, name: CRM, system_type: crm, business_owner: bob }
                  - { id: crm, name: CRM again, system_type: crm }
                flows:
                  - { id: f, from: crm, to: nowhere, data_categories: [user.contact.emial] }
                accounts:
                  - { id: a, system: crn, kind: human, owner: ann }
                api_keys:
                  - { id: k, system: crm, owner: bobby }
                assets:
                  - { id: logo, kind: image, system: cm }
                web_properties:
                  - { id: site, domain: shop.example, audience_regions: [EEAA] }
                email_programs:
                  - { id: news, system: esp, recipient_regions: [EEA] }
                """, name: "stack.yaml"
        ).inventory
        let validator = InventoryValidator(taxonomy: .standard)
        let serial = validator.validate(inventory, parallel: false)
        let parallel = validator.validate(inventory, parallel: true)
        #expect(parallel.map(\.description) == serial.map(\.description))
        let expected = [
            "duplicate system id 'crm'", "'XX'", "'bob'", "'nowhere'", "user.contact.emial", "'crn'", "'bobby'", "'cm'",
            "'EEAA'", "'esp'",
        ]
        try #require(serial.count == expected.count, "\(serial.map(\.description))")
        for (diagnostic, fragment) in zip(serial, expected) {
            #expect(diagnostic.description.contains(fragment), "\(diagnostic.description) lacks \(fragment)")
        }
    }

    @Test func concurrentMapKeepsOrder() {
        let numbers = Array(0..<1_000)
        #expect(numbers.concurrentMap { $0 * 2 } == numbers.map { $0 * 2 })
        #expect([Int]().concurrentMap { $0 } == [])
    }

    /// `Subject.<` compares kind then id instead of building `kind:id`; that is the same order
    /// as long as, where one kind's name is a prefix of another's (`tag`, `tag_manager_container`),
    /// the longer name continues with a character that sorts after `:`.
    @Test func subjectOrderMatchesItsDescription() {
        let kinds = Subject.Kind.allCases.map(\.rawValue)
        for kind in kinds {
            for longer in kinds where longer != kind && longer.hasPrefix(kind) {
                let next = longer.unicodeScalars[
                    longer.unicodeScalars.index(longer.unicodeScalars.startIndex, offsetBy: kind.unicodeScalars.count)]
                #expect(next.value > UnicodeScalar(":").value, "\(longer) continues \(kind) with \(next)")
            }
        }
        let location = SourceLocation(file: "x", line: 1, column: 1)
        let subjects = Subject.Kind.allCases.flatMap { kind in
            ["a", "b-1", "B", "a:b", "", "é", "z"].map { Subject(kind, $0, at: location) }
        }
        for lhs in subjects {
            for rhs in subjects {
                #expect((lhs < rhs) == (lhs.description < rhs.description), "\(lhs) \(rhs)")
            }
        }
    }

    /// A rule's results come out in subject order, ties in the rule's order, whether the rule
    /// reported them sorted (kept as they are) or not (sorted by position).
    @Test func resultsAreSortedBySubjectStably() {
        var generator = SeededGenerator(seed: 7)
        let ids = ["a", "b-1", "B", "a:b", "é", "z", "a"]
        let results = (0..<200).map { index in
            let kind = Subject.Kind.allCases.randomElement(using: &generator)!
            let id = ids.randomElement(using: &generator)!
            // The line tells results with the same subject apart.
            return Evaluation(Subject(kind, id, at: SourceLocation(file: "x", line: index + 1, column: 1)))
        }
        let expected = results.sorted { $0.subject < $1.subject }
        var sorted = results
        Report.SubjectResults.sortBySubject(&sorted)
        #expect(sorted.map(\.subject.description) == expected.map(\.subject.description))
        #expect(sorted.map(\.subject.location.line) == expected.map(\.subject.location.line))
        var again = sorted
        Report.SubjectResults.sortBySubject(&again)
        #expect(again.map(\.subject.location.line) == expected.map(\.subject.location.line))
    }
}
