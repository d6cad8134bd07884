/// "Did you mean" for unknown keys of one taxonomy vocabulary.
///
/// A close spelling comes first (`user.contact.emial`). Failing that, a key is suggested whose
/// last segment is the value's last segment and which holds the value's other segments in
/// order: `email` and `contact.email` are `user.contact.email`, `marketing.email` is
/// `marketing.communications.email`. Of several, the one holding the most of the value's
/// segments, then the shortest, then the first in order is named.
///
/// The vocabularies are small (a few hundred keys), but a stack may repeat an unknown key on
/// every flow: answers are kept per value, and, as in `SuggestionIndex`, a budget of work stops
/// suggesting (the error stays, the hint is left out) once it is spent.
struct TaxonomySuggestions {
    /// The vocabulary's keys, sorted, each with its segments.
    private let keys: [(key: String, segments: [Substring])]
    private var index: SuggestionIndex
    private var answers: [String: String?] = [:]
    /// Work left for the segment search, in keys looked at.
    private var budget: Int

    init(_ taxonomy: Taxonomy, _ kind: Taxonomy.Kind, budget: Int = SuggestionIndex.defaultBudget) {
        let keys = taxonomy.keys(kind)
        self.keys = keys.map { ($0, $0.split(separator: ".", omittingEmptySubsequences: false)) }
        index = SuggestionIndex(keys, budget: budget)
        self.budget = budget
    }

    /// The known key `value` most likely means, or nil.
    mutating func suggestion(for value: String) -> String? {
        if let known = answers[value] { return known }
        let answer = index.closest(to: value) ?? sameLastSegment(value)
        answers[value] = answer
        return answer
    }

    private mutating func sameLastSegment(_ value: String) -> String? {
        let wanted = value.lowercased().split(separator: ".", omittingEmptySubsequences: false)
        guard let last = wanted.last, !last.isEmpty else { return nil }
        budget -= keys.count
        guard budget >= 0 else { return nil }
        var best: (key: String, held: Int, length: Int)?
        for (key, segments) in keys where segments.last == last {
            let held = Self.heldInOrder(wanted, in: segments)
            if let best, (best.held, -best.length) >= (held, -segments.count) { continue }
            best = (key, held, segments.count)
        }
        return best?.key
    }

    /// How many of `wanted`'s segments `segments` holds in the same order (greedy from the
    /// start; the last segments already match).
    private static func heldInOrder(_ wanted: [Substring], in segments: [Substring]) -> Int {
        var held = 0
        var position = segments.startIndex
        for segment in wanted {
            guard let found = segments[position...].firstIndex(of: segment) else { continue }
            held += 1
            position = found + 1
        }
        return held
    }
}
