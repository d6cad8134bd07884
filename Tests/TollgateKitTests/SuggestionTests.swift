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
