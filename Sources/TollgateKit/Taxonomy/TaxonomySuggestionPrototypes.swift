import Foundation

/// The `TaxonomySuggestions` of each vocabulary of one taxonomy, prepared at the first unknown
/// key and copied for every later use.
///
/// Only the prepared, unused value is kept: each use gets a copy with no answers and the whole
/// budget, as a newly built one had, so a suggestion never depends on what was asked before (a
/// shared, used one would stop suggesting for the rest of the process once its budget ran
/// out). The copy shares the prepared key arrays. Hints are asked on the error path, possibly
/// from concurrent validations, hence the lock.
final class TaxonomySuggestionPrototypes: @unchecked Sendable {
    private var prepared: [Taxonomy.Kind: TaxonomySuggestions] = [:]
    private let lock = NSLock()
    private let budget: Int

    init(budget: Int = SuggestionIndex.defaultBudget) { self.budget = budget }

    /// Unused suggestions for the `kind` vocabulary of `taxonomy`, prepared the first time.
    func fresh(_ kind: Taxonomy.Kind, of taxonomy: Taxonomy) -> TaxonomySuggestions {
        lock.lock()
        defer { lock.unlock() }
        if let known = prepared[kind] { return known }
        let made = TaxonomySuggestions(taxonomy, kind, budget: budget)
        prepared[kind] = made
        return made
    }

    /// Whether the `kind` vocabulary has been prepared (for tests).
    func isPrepared(_ kind: Taxonomy.Kind) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return prepared[kind] != nil
    }
}
