/// Hints for keys the taxonomy does not hold, including data categories written the fideslang
/// 1.x way.
///
/// fideslang 2.0 removed two levels of the `user` data categories: whether the data was
/// `provided` by the person or `derived`, and whether it is `identifiable` or
/// `nonidentifiable` (`user.provided.identifiable.contact.email` became `user.contact.email`).
/// Other 1.x keys were moved as well (`…contact.street` is `user.contact.address.street`), so a
/// 2.x key is named only when removing those two levels gives a key this taxonomy holds; the old
/// key is never accepted.
extension Taxonomy {
    /// What to tell the user about `key`, which is not in the `kind` vocabulary.
    public func hint(forUnknown key: String, _ kind: Kind) -> String {
        var suggestions = suggestionPrototypes.fresh(kind, of: self)
        return hint(forUnknown: key, kind, suggestions: &suggestions)
    }

    /// The hint for `key`, with `suggestions` prepared once for `kind` by a caller that asks
    /// for many keys (the validator, over a whole stack).
    func hint(forUnknown key: String, _ kind: Kind, suggestions: inout TaxonomySuggestions) -> String {
        if kind == .dataCategory, let legacy = fideslang1Replacement(for: key) {
            return legacy.map { "fideslang 1.x key; in fideslang 2 this is '\($0)'" }
                ?? "fideslang 1.x key: fideslang 2 removed the provided/derived and identifiable levels and moved "
                + "some keys; `tollgate taxonomy` lists the current ones"
        }
        return suggestions.suggestion(for: key).map { "did you mean '\($0)'?" }
            ?? "use a Fides taxonomy key; `tollgate taxonomy` lists them"
    }

    /// `nil` when `key` is not a fideslang 1.x `user.provided…`/`user.derived…` data category;
    /// otherwise the 2.x key it maps to when this taxonomy holds one (`.some(nil)` when not).
    func fideslang1Replacement(for key: String) -> String?? {
        var levels = key.split(separator: ".", omittingEmptySubsequences: false)
        guard levels.count >= 2, levels[0] == "user", levels[1] == "provided" || levels[1] == "derived" else {
            return nil
        }
        levels.remove(at: 1)
        if levels.count >= 2, levels[1] == "identifiable" || levels[1] == "nonidentifiable" { levels.remove(at: 1) }
        // `user.provided.identifiable` itself is all of `user`: no key to name with confidence.
        guard levels.count >= 2 else { return .some(nil) }
        let candidate = levels.joined(separator: ".")
        guard let entry = entry(candidate, .dataCategory) else { return .some(nil) }
        guard entry.isDeprecated else { return .some(candidate) }
        return .some(entry.replacedBy.flatMap { self.entry($0, .dataCategory) != nil ? $0 : nil })
    }
}
