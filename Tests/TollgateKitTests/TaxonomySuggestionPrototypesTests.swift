import Testing

@testable import TollgateKit

/// "Did you mean" for taxonomy keys is prepared once per vocabulary, when first asked, and every
/// use starts afresh.
@Suite("Taxonomy suggestion prototypes")
struct TaxonomySuggestionPrototypesTests {
    static func taxonomy() -> Taxonomy {
        Taxonomy(
            dataCategories: FidesTaxonomy.dataCategories, dataUses: FidesTaxonomy.dataUses,
            dataSubjects: FidesTaxonomy.dataSubjects)
    }

    /// Nothing is prepared until an unknown key is asked about (the error path); then only that
    /// vocabulary, shared by copies of the taxonomy.
    @Test func preparedWhenFirstAskedAndShared() {
        let taxonomy = Self.taxonomy()
        #expect(!taxonomy.suggestionPrototypes.isPrepared(.dataCategory))
        let copy = taxonomy
        #expect(copy.suggestion(for: "email", .dataCategory) == "user.contact.email")
        #expect(taxonomy.suggestionPrototypes.isPrepared(.dataCategory))
        #expect(!taxonomy.suggestionPrototypes.isPrepared(.dataUse))
        #expect(taxonomy.hint(forUnknown: "marketing.communications.emial", .dataUse).contains("did you mean"))
        #expect(taxonomy.suggestionPrototypes.isPrepared(.dataUse))
    }

    /// Each use gets the unused prototype: a use that spent its budget does not leave the next
    /// one without suggestions (a shared, used value would, for the rest of the process).
    @Test func eachUseStartsWithTheWholeBudget() {
        let taxonomy = Self.taxonomy()
        let prototypes = TaxonomySuggestionPrototypes(budget: 20_000)
        var spent = prototypes.fresh(.dataCategory, of: taxonomy)
        for index in 0..<500 { _ = spent.suggestion(for: "unknown.key.\(index)") }
        #expect(spent.suggestion(for: "user.contact.emial") == nil)
        var fresh = prototypes.fresh(.dataCategory, of: taxonomy)
        #expect(fresh.suggestion(for: "user.contact.emial") == "user.contact.email")
    }

    /// Asked from many tasks at once, every answer is the same.
    @Test func concurrentUsesAgree() async {
        let taxonomy = Self.taxonomy()
        let answers = await withTaskGroup(of: String?.self) { group in
            for _ in 0..<32 { group.addTask { taxonomy.suggestion(for: "contact.email", .dataCategory) } }
            return await group.reduce(into: [String?]()) { $0.append($1) }
        }
        #expect(answers == Array(repeating: "user.contact.email", count: 32))
    }
}
