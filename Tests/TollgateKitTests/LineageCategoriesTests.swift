import Testing

@testable import TollgateKit

/// The lineage's interned categories must answer exactly what `Taxonomy.matches` answers on the
/// strings, since the lineage relies on them to decide what a hop carries.
@Suite("Lineage categories")
struct LineageCategoriesTests {
    /// Keys with shared prefixes that are not ancestors (`user.contactless`), duplicates,
    /// custom extensions and a key with no parent in the table.
    static let keys = [
        "user", "user.contact", "user.contact.email", "user.contactless", "user.contact.email",
        "user.health_and_medical",
        "user.health_and_medical.genetic", "user.childrens", "user.x-custom.loyalty", "user.behavior.browsing_history",
        "user.contact.phone_number.mobile",
    ]

    @Test func withinAgreesWithTaxonomyMatchesForEveryPair() throws {
        let table = LineageCategories(Self.keys)
        #expect(table.count == Set(Self.keys).count)
        for key in Self.keys {
            for ancestor in Self.keys {
                let a = try #require(table.id(key))
                let b = try #require(table.id(ancestor))
                #expect(
                    table.isWithin(a, b) == Taxonomy.matches(key, ancestor: ancestor), "\(key) within \(ancestor)")
            }
        }
    }

    @Test func ancestorsListOnlyCategoriesOfTheTableItselfFirst() throws {
        let table = LineageCategories(Self.keys)
        let mobile = try #require(table.id("user.contact.phone_number.mobile"))
        // `user.contact.phone_number` is not in the table, so it is skipped.
        #expect(
            table.ancestors(of: mobile).map(table.name) == ["user.contact.phone_number.mobile", "user.contact", "user"])
        let contactless = try #require(table.id("user.contactless"))
        #expect(table.ancestors(of: contactless).map(table.name) == ["user.contactless", "user"])
    }

    @Test func setFindsRelatedCategoriesEitherWayAndNothingElse() throws {
        let table = LineageCategories(Self.keys)
        func id(_ key: String) throws -> Int32 { try #require(table.id(key)) }
        var set = LineageCategories.Set()
        #expect(try !set.containsRelated(id("user"), in: table))
        set.insert(try id("user.contact.email"), in: table)
        set.insert(try id("user.contact.email"), in: table)
        // Broader (`user.contact` holds the member) and narrower-or-equal both count.
        #expect(try set.containsRelated(id("user.contact"), in: table))
        #expect(try set.containsRelated(id("user"), in: table))
        #expect(try set.containsRelated(id("user.contact.email"), in: table))
        // Siblings and lookalike prefixes do not.
        #expect(try !set.containsRelated(id("user.contactless"), in: table))
        #expect(try !set.containsRelated(id("user.contact.phone_number.mobile"), in: table))
        #expect(try !set.containsRelated(id("user.health_and_medical"), in: table))
        set.insert(try id("user"), in: table)
        #expect(try set.containsRelated(id("user.health_and_medical.genetic"), in: table))
    }
}
