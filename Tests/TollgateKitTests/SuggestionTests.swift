import Testing

@testable import TollgateKit

/// "Did you mean" hints must not depend on the order candidates come in: callers pass sets,
/// whose order changes between processes, and the same input must give the same bytes.
@Suite("Suggestions")
struct SuggestionTests {
    @Test func tiesGoToTheCandidateThatSortsFirstWhateverTheOrder() {
        // `crm` is one edit from both `crn` and `cr`; `tolerance` extends to two names of equal length.
        let cases: [(word: String, candidates: [String], expected: String?)] = [
            ("crm", ["crn", "cr", "xyz"], "cr"),
            ("tolerance", ["tolerance_seatz", "tolerance_seats", "other"], "tolerance_seats"),
            ("systm", ["system", "systems"], "system"),
            ("zzzzzz", ["system", "flow"], nil),
        ]
        for (word, candidates, expected) in cases {
            #expect(Suggestion.closest(to: word, in: candidates) == expected, "\(word)")
            #expect(Suggestion.closest(to: word, in: candidates.reversed()) == expected, "\(word), reversed")
            #expect(Suggestion.closest(to: word, in: Set(candidates)) == expected, "\(word), as a set")
        }
    }
}

/// "Did you mean" on long values: candidates further in length than a typo are skipped, the
/// distance is not counted past three edits, and the value a message repeats is cut short.
@Suite("Suggestions for long values")
struct LongValueSuggestionTests {
    /// The bounded distance is the full one wherever that is three or less, and more than three
    /// wherever the full one is.
    @Test func theBoundedDistanceAgreesWithTheFullOneUpToTheLimit() {
        var generator = SeededGenerator(seed: 11)
        let alphabet = Array("abcé")
        func word() -> String {
            String(
                (0..<Int.random(in: 0...9, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
        }
        for _ in 0..<5_000 {
            let (a, b) = (word(), word())
            let full = Suggestion.editDistance(a, b)
            let bounded = Suggestion.editDistance(a, b, limit: 3)
            #expect(full <= 3 ? bounded == full : bounded > 3, "\(a) \(b): \(full) \(bounded)")
        }
        #expect(Suggestion.editDistance("ab", "ba", limit: 3) == 1)
        #expect(Suggestion.editDistance("abcdef", "", limit: 3) == 4)
    }

    /// Suggestions on ordinary values are as before: one typo, a transposition, a prefix, none.
    @Test func ordinaryValuesGetTheSameSuggestions() {
        let taxonomy = ["user.contact.email", "user.contact.phone_number", "user.financial", "system.operations"]
        #expect(Suggestion.closest(to: "user.contact.emial", in: taxonomy) == "user.contact.email")
        #expect(Suggestion.closest(to: "user.contact.emailx", in: taxonomy) == "user.contact.email")
        #expect(Suggestion.closest(to: "user.financal", in: taxonomy) == "user.financial")
        #expect(Suggestion.closest(to: "user.contact.phone", in: taxonomy) == "user.contact.phone_number")
        #expect(Suggestion.closest(to: "user.contact.emai1234", in: taxonomy) == nil)
        #expect(Suggestion.closest(to: "crm", in: ["crn", "cr", "crmxyz"]) == "cr")
    }

    /// A value of megabytes against short names, and two long names a typo apart. Both took
    /// |a|·|b| steps (a 2 MB category did not finish in 20 s). A hang is caught by the time
    /// limit; what is asserted is the answer.
    @Test(.timeLimit(.minutes(1))) func longValuesAreCompared() {
        let taxonomy = ["user.contact.email", "user.contact.phone_number", "user.financial"]
        let huge = "user." + String(repeating: "v", count: 2 << 20)
        #expect(Suggestion.closest(to: huge, in: taxonomy) == nil)
        let long = String(repeating: "system-", count: 20_000)
        #expect(
            Suggestion.closest(to: long + "crmx", in: [long + "crm", long + "esp-platform", "crm"]) == long + "crm")
        #expect(Suggestion.closest(to: long + "abcdefgh", in: [long + "hgfedcba", "crm"]) == nil)
    }

    /// A message repeats at most the first 60 characters of a value.
    @Test func messagesRepeatTheStartOfALongValue() {
        #expect(Suggestion.shown(String(repeating: "a", count: 60)) == String(repeating: "a", count: 60))
        #expect(Suggestion.shown(String(repeating: "a", count: 61)) == String(repeating: "a", count: 60) + "…")
        #expect(Suggestion.shown("") == "")
        let category = "user." + String(repeating: "v", count: 10_000)
        let yaml = """
            version: 1
            systems:
              - id: a
                name: A
                system_type: crmx\(String(repeating: "y", count: 100))
            flows:
              - id: f
                from: data_subject
                to: b\(String(repeating: "z", count: 100))
                data_use: analytics.reporting
                legal_basis: consent
                data_categories: [\(category)]

            """
        let messages = InventoryLoader().load(text: yaml, name: "long.yaml").diagnostics.map(\.description)
        #expect(messages.count == 3, "\(messages)")
        #expect(messages.allSatisfy { $0.count < 400 }, "\(messages.map(\.count))")
        #expect(
            messages.contains { $0.contains("unknown data category '\(category.prefix(60))…' in 'data_categories'") })
        #expect(messages.contains { $0.contains("unknown value 'crmx\(String(repeating: "y", count: 56))…'") })
        #expect(messages.contains { $0.contains("undeclared system 'b\(String(repeating: "z", count: 59))…'") })
    }
}

/// The prepared index answers as a plain search would, and bounds the work of a flood of
/// unknown references (10,000 against 10,000 declared systems took 35 s).
@Suite("Suggestion index")
struct SuggestionIndexTests {
    /// The obvious search: the shortest name the word starts (four characters or more), else
    /// the nearest by the full distance, ties to the name that sorts first, within the allowance.
    static func plainSearch(_ word: String, _ names: [String]) -> String? {
        let lowered = word.lowercased()
        if lowered.count >= 4,
            let extended = names.filter({ $0.lowercased().hasPrefix(lowered) }).min(by: {
                ($0.count, $0) < ($1.count, $1)
            })
        {
            return extended
        }
        guard
            let (name, distance) = names.map({ ($0, Suggestion.editDistance(lowered, $0.lowercased())) })
                .min(by: { ($0.1, $0.0) < ($1.1, $1.0) })
        else { return nil }
        return distance <= max(1, min(3, name.count / 4)) && distance < name.count ? name : nil
    }

    @Test func answersAsThePlainSearchDoes() {
        var generator = SeededGenerator(seed: 23)
        let alphabet = Array("abcAB-_.é1")
        func word(_ lengths: ClosedRange<Int>) -> String {
            String(
                (0..<Int.random(in: lengths, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            )
        }
        for _ in 0..<300 {
            let names = (0..<Int.random(in: 0...30, using: &generator)).map { _ in word(1...12) }
            var index = SuggestionIndex(names)
            for _ in 0..<20 {
                // Half the words are a name with one change, so that suggestions are found.
                var probe = word(0...12)
                if let name = names.randomElement(using: &generator), Bool.random(using: &generator) {
                    var characters = Array(name)
                    characters[Int.random(in: 0..<characters.count, using: &generator)] = "x"
                    probe = String(characters)
                }
                let expected = Self.plainSearch(probe, names)
                #expect(index.closest(to: probe) == expected, "\(probe) in \(names)")
                #expect(index.closest(to: probe) == expected, "\(probe) asked again")
            }
        }
    }

    /// Once the budget is spent the hint is left out; answers already given stay.
    @Test func aSpentBudgetLeavesTheHintOut() {
        let names = (0..<1_000).map { "system-\(1_000 + $0)" }
        var index = SuggestionIndex(names, budget: 200_000)
        #expect(index.closest(to: "sytem-1001") == "system-1001")
        var answered = 0
        for number in 1_000..<2_000 where index.closest(to: "sytem-\(number)") != nil { answered += 1 }
        #expect(answered > 0 && answered < 100, "\(answered)")
        #expect(index.closest(to: "sytem-1001") == "system-1001")
    }

    /// Through the validator: thousands of undeclared look-alike references all fail, the first
    /// ones with a hint.
    @Test func aFloodOfUnknownReferencesIsReportedInFull() {
        let count = 3_000
        var yaml = "version: 1\nsystems:\n"
        for number in 0..<count { yaml += "  - {id: system-\(number), name: S, system_type: crm}\n" }
        yaml += "flows:\n"
        for number in 0..<count {
            yaml +=
                "  - {id: f\(number), from: sytem-\(number), to: system-0, data_categories: [user.contact.email], "
                + "data_use: marketing}\n"
        }
        let errors = InventoryLoader().load(text: yaml, name: "s.yaml").errors
        #expect(errors.count == count)
        #expect(errors.first?.hint == "did you mean 'system-0'?", "\(String(describing: errors.first?.hint))")
    }
}
