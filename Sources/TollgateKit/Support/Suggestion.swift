/// "Did you mean …?" for misspelt keys and values (and, in the command line, subcommands).
public enum Suggestion {
    /// The candidate closest to `word` by edit distance, when it is close enough to be a typo.
    /// Ties go to the candidate that sorts first, so the hint does not depend on the order of
    /// `candidates` (often a `Set`, whose order changes from one process to the next).
    /// For many lookups against the same candidates, `SuggestionIndex` prepares them once.
    static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        var index = SuggestionIndex(candidates)
        return index.closest(to: word)
    }

    /// The most edits a suggestion may be away from the word.
    static let maximumDistance = 3

    /// `value` as a message repeats it: whole up to 60 characters, otherwise its first 60 and
    /// `…`. A value of megabytes made the message, and the report, as large. A secret cut here
    /// never appears whole; `SecretRedactor` masks its head before the `…`.
    static func shown(_ value: String) -> String {
        let head = value.prefix(60)
        return head.endIndex == value.endIndex ? value : head + "…"
    }

    /// Levenshtein distance with adjacent transpositions counted as one edit, or `limit + 1`
    /// where it is more than `limit`: only cells within `limit` of the diagonal are counted.
    public static func editDistance(_ a: String, _ b: String, limit: Int = .max) -> Int {
        editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars), limit: limit)
    }

    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        let limit = min(limit, max(a.count, b.count))
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // Cells outside the band hold `far`, which no path through them can beat.
        let far = limit + 1
        var previous2 = [Int](repeating: far, count: b.count + 1)
        var previous = (0...b.count).map { $0 <= limit ? $0 : far }
        var current = [Int](repeating: far, count: b.count + 1)
        for i in 1...a.count {
            let low = max(1, i - limit)
            let high = min(b.count, i + limit)
            current[0] = i <= limit ? i : far
            if low > 1 { current[low - 1] = far }
            var rowLeast = current[0]
            for j in low...high {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var cell = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    cell = min(cell, previous2[j - 2] + 1)
                }
                current[j] = min(cell, far)
                rowLeast = min(rowLeast, current[j])
            }
            if high < b.count { current[high + 1] = far }
            if rowLeast >= far { return far }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
