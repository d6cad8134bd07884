/// "Did you mean" for unknown keys of one taxonomy vocabulary.
///
/// A close spelling comes first (`user.contact.emial`). Failing that, a key is suggested that
/// ends with the value's last segment and holds all of the value's segments in order: `email`
/// and `contact.email` are `user.contact.email`, `marketing.email` is
/// `marketing.communications.email`. When the value has several segments, keys under the same
/// top-level segment as the value are preferred. The top level is the purpose of a data use (or
/// the kind of a data category), so when the keys left are under different top levels none is
/// named: `transactional.email` is not `marketing.communications.email`, and a bare `email` data
/// use could be either marketing or essential notifications. Of several under one top level,
/// the shortest, then the first in order, is named.
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
        var holding = keys.filter { key in key.segments.last == last && Self.holdsInOrder(wanted, key.segments) }
        if wanted.count > 1 {
            let sameTopLevel = holding.filter { key in key.segments.first == wanted.first }
            if !sameTopLevel.isEmpty { holding = sameTopLevel }
        }
        guard let first = holding.first, holding.allSatisfy({ $0.segments.first == first.segments.first }) else {
            return nil
        }
        // `keys` is sorted, so the first of the shortest is the first in order.
        return holding.min { $0.segments.count < $1.segments.count }?.key
    }

    /// Whether `segments` holds every one of `wanted`'s segments, in the same order.
    private static func holdsInOrder(_ wanted: [Substring], _ segments: [Substring]) -> Bool {
        var position = segments.startIndex
        for segment in wanted {
            guard let found = segments[position...].firstIndex(of: segment) else { return false }
            position = found + 1
        }
        return true
    }
}
