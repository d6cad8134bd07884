import Foundation

/// Finds a rule the way a person types it: `ACC-009`, `acc-009`, `ACC009`, `ACC-9` or its slug
/// (`admin-mfa`), with a "did you mean" when nothing matches.
///
/// `tollgate rules` used a four-character prefix and listed the first rules of the domain, so
/// `ACC-09` showed ACC-001 to ACC-005 rather than ACC-009; policy packs already suggested the
/// closest id, and the two now agree.
public enum RuleLookup {
    /// The rule `query` names, or `nil`.
    public static func rule(_ query: String, in catalog: [RuleDescription]) -> RuleDescription? {
        let wanted = query.trimmingCharacters(in: .whitespaces)
        if let exact = catalog.first(where: { $0.id.caseInsensitiveCompare(wanted) == .orderedSame }) { return exact }
        if let slug = catalog.first(where: { $0.slug.caseInsensitiveCompare(wanted) == .orderedSame }) { return slug }
        guard let id = canonicalID(wanted) else { return nil }
        return catalog.first { $0.id == id }
    }

    /// The closest id or slug to a `query` that names no rule, for the error message.
    public static func suggestion(for query: String, in catalog: [RuleDescription]) -> String? {
        if let id = canonicalID(query), let near = Suggestion.closest(to: id, in: catalog.map(\.id)) { return near }
        return Suggestion.closest(to: query, in: catalog.map(\.id) + catalog.map(\.slug))
    }

    /// `acc9`, `ACC-09`, `acc_009` as `ACC-009`: letters, an optional separator, digits.
    private static func canonicalID(_ query: String) -> String? {
        let letters = query.prefix { $0.isLetter }
        let rest = query.dropFirst(letters.count).drop { $0 == "-" || $0 == "_" || $0 == " " }
        guard !letters.isEmpty, !rest.isEmpty, rest.allSatisfy(\.isASCII), let number = Int(rest), number >= 0
        else { return nil }
        let digits = String(number)
        return letters.uppercased() + "-" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }
}
