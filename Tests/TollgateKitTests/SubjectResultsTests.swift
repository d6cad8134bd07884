import Testing

@testable import TollgateKit

/// A rule's results are kept as its evaluations plus a table of the failing ones; every way of
/// reading them must agree with the evaluations the rule returned.
@Suite("Subject results")
struct SubjectResultsTests {
    static let rule = RuleDescription(
        id: "TST-001", slug: "test", domain: .accounts, title: "Test", rationale: "", severity: .medium,
        references: [], controls: ControlMapping(), remediation: "", examples: [])

    static func subject(_ id: String, line: Int) -> Subject {
        Subject(.account, id, at: SourceLocation(file: "x.yaml", line: line, column: 1))
    }

    static func results(_ evaluations: [Evaluation]) -> Report.SubjectResults {
        Report.SubjectResults(evaluations) { violation, subject in
            Finding(rule: rule, severity: .high, violation: violation, subject: subject)
        }
    }

    /// Unsorted evaluations with failures at the ends and in the middle, one with two violations:
    /// each finding stays with its subject after sorting, and iteration, subscripts and
    /// `findings` agree.
    @Test func findingsStayWithTheirSubjects() {
        let at = SourceLocation(file: "x.yaml", line: 1, column: 1)
        let evaluations = [
            Evaluation(Self.subject("d", line: 4), [Violation("d is wrong", at: at)]),
            Evaluation(Self.subject("b", line: 2)),
            Evaluation(Self.subject("a", line: 1), [Violation("a is wrong", at: at), Violation("a again", at: at)]),
            Evaluation(Self.subject("c", line: 3)),
            Evaluation(Self.subject("e", line: 5), [Violation("e is wrong", at: at)]),
        ]
        let results = Self.results(evaluations)
        #expect(results.map(\.subject.id) == ["a", "b", "c", "d", "e"])
        let iterated = results.map { $0.findings.map(\.message) }
        #expect(iterated == [["a is wrong", "a again"], [], [], ["d is wrong"], ["e is wrong"]])
        #expect(results.indices.map { results[$0].findings.map(\.message) } == iterated)
        #expect(results.findings.map(\.message) == ["a is wrong", "a again", "d is wrong", "e is wrong"])
        #expect(results.filter { !$0.findings.isEmpty }.count == 3)
        #expect(results.findings.allSatisfy { $0.subject.id == $0.message.prefix(1).description })
    }

    /// Only subjects with findings are visited by `updateFindings`, and the edit is seen by
    /// every reader.
    @Test func updatingFindingsReachesEveryReader() {
        let at = SourceLocation(file: "x.yaml", line: 1, column: 1)
        var results = Self.results([
            Evaluation(Self.subject("a", line: 1)),
            Evaluation(Self.subject("b", line: 2), [Violation("b is wrong", at: at)]),
        ])
        var visited = 0
        results.updateFindings { findings in
            visited += 1
            return findings + findings
        }
        #expect(visited == 1)
        #expect(results[1].findings.count == 2)
        #expect(results.map(\.findings.count) == [0, 2])
        #expect(results.findings.count == 2)
    }

    /// Results built by hand keep their order and findings.
    @Test func handBuiltResultsKeepTheirOrder() {
        let at = SourceLocation(file: "x.yaml", line: 1, column: 1)
        let finding = Finding(
            rule: Self.rule, severity: .low, violation: Violation("z", at: at), subject: Self.subject("z", line: 9))
        let results = Report.SubjectResults([
            Report.SubjectResult(subject: Self.subject("z", line: 9), findings: [finding]),
            Report.SubjectResult(subject: Self.subject("a", line: 1), findings: []),
        ])
        #expect(results.map(\.subject.id) == ["z", "a"])
        #expect(results.map(\.findings.count) == [1, 0])
        #expect(Self.results([]).isEmpty)
    }

    /// The integer order key agrees with `Subject`'s order wherever it gives an answer, around
    /// its 8- and 16-byte boundaries, with NUL bytes, and for text whose bytes and canonical
    /// order differ (it must defer those to the string comparison).
    @Test func orderKeysAgreeWithTheSubjectOrder() {
        let prefix16 = "abcdefghijklmnop"
        var ids = [
            "", "a", "ab", "ab\u{0}", "abcdefg", "abcdefgh", "abcdefgi", "abcdefgh\u{0}", "B", "b-1", "é", "e\u{301}",
        ]
        ids += [
            prefix16, prefix16 + "a", prefix16 + "b", String(prefix16.dropLast()), String(prefix16.dropLast()) + "z",
        ]
        ids += [prefix16 + "é", prefix16 + "e\u{301}", "b0000-cms-00050", "b0001-cms-00001", "b0000-crm-00001"]
        let subjects = [Subject.Kind.account, .system, .tag, .tagManagerContainer].flatMap { kind in
            ids.map { Subject(kind, $0, at: SourceLocation(file: "x", line: 1, column: 1)) }
        }
        var answered = 0
        for lhs in subjects {
            for rhs in subjects {
                guard let ascending = Report.OrderKey(lhs).compare(Report.OrderKey(rhs)) else { continue }
                answered += 1
                #expect(
                    ascending == (lhs < rhs), "\(lhs.description.debugDescription) \(rhs.description.debugDescription)")
            }
        }
        // Nearly every pair is decided by the key; only the non-ASCII and long tied ones are not.
        #expect(answered > subjects.count * subjects.count * 3 / 4)
        var shuffled = subjects.map { Evaluation($0) }
        var generator = SeededGenerator(seed: 11)
        shuffled.shuffle(using: &generator)
        var sorted = shuffled
        Report.SubjectResults.sortBySubject(&sorted)
        #expect(sorted.map(\.subject.description) == shuffled.map(\.subject).sorted().map(\.description))
    }

    /// Sorting by the ranks `SubjectOrder` gives exactly what sorting by id gives: for parts of
    /// the declarations in declaration order (with repeats) and shuffled, for accounts sharing
    /// an id (whose order in the rule's results must be kept), for one object listed twice in
    /// the inventory, and for every ranked kind mixed. It declines (`nil`) a subject that is not
    /// a declared entity of the inventory, and those results are sorted by id.
    @Test func rankedOrderMatchesTheOrderByID() {
        func declarations(_ ids: [String], others: Bool = false) -> Inventory {
            var yaml = "version: 1\nsystems:\n  - { id: s, name: S, system_type: crm }\n"
            yaml += "  - { id: t, name: T, system_type: esp }\naccounts:\n"
            yaml += ids.map { "  - { id: \"\($0)\", system: s, kind: human }\n" }.joined()
            if others {
                yaml += "people:\n  - { id: zed, name: Zed }\n  - { id: amy, name: Amy }\n  - { id: bob, name: Bob }\n"
                yaml +=
                    "flows:\n"
                    + ["f2", "f1", "f10"].map { id in
                        "  - { id: \(id), from: s, to: t, data_categories: [user.contact.email], "
                            + "data_use: marketing.communications.email, legal_basis: consent }\n"
                    }.joined()
                yaml += "api_keys:\n  - { id: k2, system: s, owner: amy }\n  - { id: k1, system: t, owner: bob }\n"
                yaml += "assets:\n  - { id: logo2, kind: image }\n  - { id: logo, kind: image }\n"
            }
            return TestSupport.inventory(yaml)
        }
        let first = declarations(
            ["m", "b", "zz", "a", "abcdefghijklmnopq", "abcdefghijklmnopb", "é", "b0001-x", "A"], others: true)
        // Declared again as other entities: `b`, and `é` spelled decomposed (the same id to
        // Swift); equal ids share a rank. The first account is listed twice, as one object.
        let second = declarations(["b", "e\u{301}", "b0000-y"])
        let accounts = first.accounts + second.accounts + [first.accounts[0]]
        var inventory = first
        inventory.accounts = accounts
        let order = SubjectOrder(inventory)
        let entities: [AnyObject] =
            accounts + first.systems + first.people + first.flows + first.apiKeys + first.assets
        func sortedBothWays(_ evaluations: [Evaluation]) -> (ranked: [String], byID: [String], usedRanks: Bool) {
            var ranked = evaluations
            var byID = evaluations
            Report.SubjectResults.sortBySubject(&ranked, order: order)
            Report.SubjectResults.sortBySubject(&byID)
            let usedRanks = evaluations.withUnsafeBufferPointer { order.orderKeys(of: $0) } != nil
            // Identity as well as id, so that the order among equal ids is compared too.
            let identities = { (list: [Evaluation]) in
                list.map { evaluation in
                    let entity = entities.firstIndex { ObjectIdentifier($0) == evaluation.subject.sourceIdentifier }
                    return "\(evaluation.subject.description)#\(entity ?? -1)"
                }
            }
            return (identities(ranked), identities(byID), usedRanks)
        }
        let others: [Evaluation] =
            first.systems.map { Evaluation(.system($0)) } + first.people.map { Evaluation(.person($0)) }
            + first.flows.map { Evaluation(.flow($0)) } + first.apiKeys.map { Evaluation(.apiKey($0)) }
            + first.assets.map { Evaluation(.asset($0)) }
        var generator = SeededGenerator(seed: 23)
        for _ in 0..<200 {
            // A part of the declarations, in declaration order, some repeated.
            var part: [Evaluation] = []
            for account in accounts where Bool.random(using: &generator) {
                part.append(Evaluation(.account(account)))
                if Int.random(in: 0..<5, using: &generator) == 0 { part.append(Evaluation(.account(account))) }
            }
            let inOrder = sortedBothWays(part)
            #expect(inOrder.ranked == inOrder.byID)
            #expect(inOrder.usedRanks || part.isEmpty)
            var shuffled = part + others.filter { _ in Bool.random(using: &generator) }
            shuffled.shuffle(using: &generator)
            let reordered = sortedBothWays(shuffled)
            #expect(reordered.ranked == reordered.byID)
            #expect(reordered.usedRanks || shuffled.isEmpty)
        }
        let all = accounts.map { Evaluation(.account($0)) }
        #expect(sortedBothWays(all.reversed() + others).usedRanks)
        let box = Evaluation(Subject(.account, "b", at: SourceLocation(file: "x", line: 1, column: 1)))
        let withBox = sortedBothWays(all + [box])
        #expect(!withBox.usedRanks && withBox.ranked == withBox.byID)
        let elsewhere = Evaluation(.account(declarations(["q"]).accounts[0]))
        #expect(!sortedBothWays(all + [elsewhere]).usedRanks)
    }

    /// JUnit writes a passing case from a prefix that ends with the subject's kind, remade when
    /// the kind changes: passing subjects of alternating kinds (and one needing escapes) get
    /// the names the slow path gives them.
    @Test func passingCasesOfSeveralKindsAreNamedByTheirOwnKind() throws {
        let at = SourceLocation(file: "x.yaml", line: 1, column: 1)
        let subjects = [
            Subject(.account, "a", at: at), Subject(.system, "s&<\"", at: at), Subject(.account, "b", at: at),
            Subject(.tagManagerContainer, "GTM-1", at: at), Subject(.tag, "GTM-1/t", at: at),
        ]
        let results = Report.SubjectResults(subjects.map { Report.SubjectResult(subject: $0, findings: []) })
        let report = Report(
            asOf: Day(iso: "2026-11-23")!, inputs: [], policy: [], failOn: .atOrAbove(.medium),
            results: [Report.RuleResult(rule: Self.rule, severity: .medium, subjects: results)], diagnostics: [])
        let xml = String(decoding: try JUnitReporter().render(report), as: UTF8.self)
        let names = xml.split(separator: "\n").compactMap { line -> String? in
            guard line.contains("classname=\"accounts.TST-001\""), let start = line.range(of: " name=\"")
            else { return nil }
            return String(line[start.upperBound...].prefix { $0 != "\"" })
        }
        #expect(
            names == [
                "account:a", "system:s&amp;&lt;&quot;", "account:b", "tag_manager_container:GTM-1", "tag:GTM-1/t",
            ])
    }

    /// The kinds' order kept as integers (`Subject.Kind.inOrder`) is the order `Subject`
    /// compares kinds in, for every pair, and fits the bits an order key gives it.
    @Test func kindOrdinalsFollowTheSubjectOrder() {
        let kinds = Subject.Kind.inOrder
        #expect(Set(kinds).count == Subject.Kind.allCases.count)
        #expect(UInt64(kinds.count) <= 1 << SubjectOrder.kindBits)
        for (a, lhs) in kinds.enumerated() {
            for (b, rhs) in kinds.enumerated() {
                #expect(Subject.precedes(lhs, "x", rhs, "x") == (a < b), "\(lhs) \(rhs)")
            }
        }
    }

    /// Applying a sort's order in place, by swapping along cycles, gives what building a new
    /// array from it gives: for every permutation of 0 to 6 elements, and random larger ones
    /// with long cycles, fixed points and 2-cycles.
    @Test func permutingInPlaceMatchesRebuilding() {
        func check(_ order: [Int]) {
            var elements = order.indices.map { "e\($0)" }
            let expected = order.map { elements[$0] }
            Report.SubjectResults.permute(&elements, into: order)
            #expect(elements == expected, "\(order)")
        }
        func permutations(_ items: [Int]) -> [[Int]] {
            guard items.count > 1 else { return [items] }
            return items.indices.flatMap { index in
                var rest = items
                let first = rest.remove(at: index)
                return permutations(rest).map { [first] + $0 }
            }
        }
        var checked = 0
        for count in 0...6 {
            for order in permutations(Array(0..<count)) {
                check(order)
                checked += 1
            }
        }
        #expect(checked == 1 + 1 + 2 + 6 + 24 + 120 + 720)
        var generator = SeededGenerator(seed: 5)
        for count in [7, 100, 1_000] {
            check(Array(0..<count).shuffled(using: &generator))
        }
    }

    /// A subject made from a declared entity reads its id and location from the entity; it is
    /// equal to (and hashes like) one given the same id and location, and differs from one at
    /// another place or of another kind.
    @Test func entitySubjectsEqualTheSubjectsTheyName() throws {
        let yaml = """
            version: 1
            systems: [{ id: crm, name: CRM, system_type: crm }]
            accounts:
              - { id: ann-crm, system: crm, kind: human }
            """
        let inventory = InventoryLoader().load(text: yaml, name: "s.yaml").inventory
        let account = try #require(inventory.accounts.first)
        let subject = Subject.account(account)
        #expect(subject.id == "ann-crm")
        #expect(subject.location == SourceLocation(file: "s.yaml", line: 4, column: 5, pointer: "/accounts/0"))
        let spelledOut = Subject(.account, "ann-crm", at: subject.location)
        #expect(subject == spelledOut)
        #expect(Set([subject, spelledOut]).count == 1)
        #expect(subject != Subject(.account, "ann-crm", at: SourceLocation(file: "s.yaml", line: 9, column: 1)))
        #expect(subject != Subject(.system, "ann-crm", at: subject.location))
        #expect(Subject.system(try #require(inventory.systems.first)).description == "system:crm")
    }
}
