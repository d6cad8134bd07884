/// Organisation-level extensions to the Fides taxonomy that the rules need (rules-reference §2.9):
/// Art. 9 categories Fides lacks and a `child` data subject. Kept apart from the generated file
/// so that regenerating the Fides data never collides with them.
enum TaxonomyExtensions {
    static let dataCategories: [TaxonomyEntry] = [
        TaxonomyEntry(
            key: "user.demographic.trade_union_membership", name: "Trade Union Membership", parent: "user.demographic"),
        TaxonomyEntry(
            key: "user.demographic.philosophical_belief", name: "Philosophical Belief", parent: "user.demographic"),
        TaxonomyEntry(key: "user.health_and_medical.sex_life", name: "Sex Life", parent: "user.health_and_medical"),
    ]
    static let dataUses: [TaxonomyEntry] = []
    static let dataSubjects: [TaxonomyEntry] = [
        TaxonomyEntry(key: "child", name: "Child", parent: nil)
    ]
}
