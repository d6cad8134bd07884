/// "Did you mean …?" for misspelt keys and values.
enum Suggestion {
    /// The candidate closest to `word` by edit distance, when it is close enough to be a typo.
    /// Ties go to the candidate that sorts first, so the hint does not depend on the order of
    /// `candidates` (often a `Set`, whose order changes from one process to the next).
    static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let lowered = word.lowercased()
        // A word that is the start of a longer name ("tolerance" for "tolerance_seats").
        if lowered.count >= 4,
            let extended = candidates.filter({ $0.lowercased().hasPrefix(lowered) }).min(by: {
                ($0.count, $0) < ($1.count, $1)
            })
        {
            return extended
        }
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, candidate.lowercased())
            if let (known, least) = best, distance > least || (distance == least && known <= candidate) { continue }
            best = (candidate, distance)
        }
        guard let (candidate, distance) = best else { return nil }
        // Allow roughly one typo per four characters, and never a complete rewrite.
        let allowed = max(1, min(3, candidate.count / 4))
        return distance <= allowed && distance < candidate.count ? candidate : nil
    }

    /// Levenshtein distance with adjacent transpositions counted as one edit.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
