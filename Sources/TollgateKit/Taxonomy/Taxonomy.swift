/// The three vocabularies of the Fides taxonomy that declarations use, plus extensions.
///
/// Keys are matched by ancestor prefix on dot boundaries: `user.contact` covers
/// `user.contact.email` but not `user.contactless` (rules-reference §2.6).
public struct Taxonomy: Sendable {
    /// Which vocabulary a key belongs to.
    public enum Kind: String, Sendable, CaseIterable {
        case dataCategory = "data category"
        case dataUse = "data use"
        case dataSubject = "data subject"
    }

    private let entries: [Kind: [String: TaxonomyEntry]]
    /// "Did you mean" prepared per vocabulary at the first unknown key, shared by copies.
    let suggestionPrototypes = TaxonomySuggestionPrototypes()

    public init(dataCategories: [TaxonomyEntry], dataUses: [TaxonomyEntry], dataSubjects: [TaxonomyEntry]) {
        func index(_ list: [TaxonomyEntry]) -> [String: TaxonomyEntry] {
            Dictionary(list.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        }
        entries = [.dataCategory: index(dataCategories), .dataUse: index(dataUses), .dataSubject: index(dataSubjects)]
    }

    /// The Fides default taxonomy with Tollgate's extensions (rules-reference §2.9).
    public static let standard = Taxonomy(
        dataCategories: FidesTaxonomy.dataCategories + TaxonomyExtensions.dataCategories,
        dataUses: FidesTaxonomy.dataUses + TaxonomyExtensions.dataUses,
        dataSubjects: FidesTaxonomy.dataSubjects + TaxonomyExtensions.dataSubjects)

    /// The entry for `key`, or `nil` when the key is unknown.
    public func entry(_ key: String, _ kind: Kind) -> TaxonomyEntry? { entries[kind]?[key] }

    /// All keys of a vocabulary, sorted.
    public func keys(_ kind: Kind) -> [String] { (entries[kind]?.keys).map { $0.sorted() } ?? [] }

    /// The known key `key` most likely means, for "did you mean" hints: a close spelling, or a
    /// key that ends as it does (`email` → `user.contact.email`; see `TaxonomySuggestions`).
    public func suggestion(for key: String, _ kind: Kind) -> String? {
        var suggestions = suggestionPrototypes.fresh(kind, of: self)
        return suggestions.suggestion(for: key)
    }

    /// Whether `key` is `ancestor` or lies below it, on dot boundaries.
    public static func matches(_ key: String, ancestor: String) -> Bool {
        // Compared as UTF-8 bytes: taxonomy keys are ASCII, and rules ask this millions of times
        // on a large stack (String.hasPrefix, which compares by Unicode canonical equivalence,
        // was most of the cost of the category rules).
        let fast = key.utf8.withContiguousStorageIfAvailable { keyBytes in
            ancestor.utf8.withContiguousStorageIfAvailable { ancestorBytes -> Bool in
                let length = ancestorBytes.count
                guard keyBytes.count >= length else { return false }
                for index in 0..<length where keyBytes[index] != ancestorBytes[index] { return false }
                return keyBytes.count == length || keyBytes[length] == UInt8(ascii: ".")
            }
        }
        if let fast, let result = fast { return result }
        guard key.utf8.starts(with: ancestor.utf8) else { return false }
        if key.utf8.count == ancestor.utf8.count { return true }
        return key.utf8[key.utf8.index(key.utf8.startIndex, offsetBy: ancestor.utf8.count)] == UInt8(ascii: ".")
    }

    /// Whether `key` matches any of `ancestors`. Inlinable so that callers in other modules (the
    /// rules) get it specialised for their collection; called generically, it iterated through
    /// witness tables and cost rules such as PRIV-020 a fifth of their time.
    @inlinable
    public static func matchesAny(_ key: String, _ ancestors: some Sequence<String>) -> Bool {
        ancestors.contains { matches(key, ancestor: $0) }
    }
}

/// Namespace for the generated Fides taxonomy data (`FidesTaxonomy+Data.swift`).
public enum FidesTaxonomy {}
