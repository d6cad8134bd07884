import Foundation
import TollgateKit

/// Questions several privacy rules ask about flows and regions: whose data it is, where it goes,
/// and how a lineage path reads in a finding.
enum PrivacyScope {
    /// Whether a category is personal data (`user.*`).
    static func isPersonal(_ category: String) -> Bool { Taxonomy.matches(category, ancestor: "user") }

    /// Whether a flow carries personal data.
    static func isPersonal(_ flow: Flow) -> Bool { flow.dataCategories.contains(where: isPersonal) }

    /// Whether any of `regions` means EEA subjects.
    static func isEEA(_ regions: [String]) -> Bool { regions.contains(where: EEA.coversRegion) }

    /// The organisation's establishments in the EEA: where one exists, the GDPR applies to its
    /// processing wherever the data subjects are (Art. 3(1)), as the consent rules (PRIV-002,
    /// PRIV-035) read it; the transfer rules take `soleEstablishments`.
    static func eeaEstablishments(_ organization: Organization?) -> [String] {
        organization?.establishments.filter(EEA.contains) ?? []
    }

    /// The organisation's establishments when `covers` accepts every one of them, else none: the
    /// transfer rules' reading of Art. 3(1). An organisation established only in the EEA (only in
    /// the UK, only in Switzerland) processes everything in the context of that establishment, so
    /// each of its flows to a third country is a transfer. One with establishments outside as well
    /// may be sending a flow from one of those (a US brand's own US tools), which the declarations
    /// cannot tell apart: its flows are judged by their subjects' regions.
    static func soleEstablishments(_ organization: Organization?, where covers: (String) -> Bool) -> [String] {
        guard let all = organization?.establishments, !all.isEmpty, all.allSatisfy(covers) else { return [] }
        return all
    }

    /// Whose data a transfer finding speaks of: `"EEA subjects' data"` when the flow carries
    /// data of people in the region, else, for a flow in scope through an establishment alone
    /// (Art. 3(1)), `"personal data of an organisation established in DE"`.
    static func transferredData(ofSubjectsIn region: String, subjects: Bool, establishments: [String]) -> String {
        subjects
            ? "\(region) subjects' data" : "personal data of an organisation established in \(list(establishments))"
    }

    /// The audiences where visitors' consent is the basis for non-essential cookies and tags
    /// (ePrivacy Art. 5(3), UK PECR reg. 6), as PRIV-021, PRIV-022 and PRIV-036 read them.
    static let consentRegions = ["EEA", "UK"]

    /// `consentRegions` as a rule parameter.
    static let consentRegionsParameter = RuleParameter(
        "consent_regions", .strings(consentRegions),
        "audience regions where consent is the basis for non-essential cookies and tags", values: .regions)

    /// Whether visitors of `property` must consent to non-essential cookies and tags: its
    /// audience includes a region of `regions` or a country in one (an EEA member for `EEA`,
    /// `GB` for `UK`), or it declares no audience, since silence does not pass a check.
    static func needsConsent(_ property: WebProperty, _ regions: [String] = consentRegions) -> Bool {
        property.audienceRegions.isEmpty
            || property.audienceRegions.contains { region in
                regions.contains(region) || (regions.contains("EEA") && isEEA([region]))
                    || (regions.contains("UK") && isUK(region))
            }
    }

    /// Whether `region` is the UK (`UK`, or its country code `GB`).
    static func isUK(_ region: String) -> Bool { region == "UK" || region == "GB" }

    /// Whether any of `regions` is the UK.
    static func isUK(_ regions: [String]) -> Bool { regions.contains(where: isUK) }

    /// Whether any of `regions` is in the United States.
    static func isUS(_ regions: [String]) -> Bool { regions.contains { $0 == "US" || $0.hasPrefix("US-") } }

    /// Whether any of `regions` is California.
    static func isCalifornia(_ regions: [String]) -> Bool { regions.contains("US-CA") }

    /// Whether any of `regions` is Canada.
    static func isCanada(_ regions: [String]) -> Bool { regions.contains("CA") }

    /// The countries data along `flow` reaches at `destination`: the flow's
    /// `destination_country`, else where the recipient processes, plus the countries it is
    /// accessed from remotely (remote access is a transfer too).
    static func transferCountries(_ flow: Flow, to destination: System) -> [String] {
        (flow.destinationCountry.map { [$0] } ?? destination.processingCountries) + destination.remoteAccessCountries
    }

    /// The first fact along `flow` about EEA subjects — declared on the flow itself or carried
    /// from upstream (a CDP → ad platform sync of data collected in the EEA).
    static func eeaArrival(_ flow: Flow, _ lineage: Lineage) -> Lineage.Arrival? {
        lineage.firstCarried(by: flow) { isEEA($0.subjectRegions) }
    }

    /// Whether the flow concerns EEA subjects, directly or through the lineage.
    static func concernsEEA(_ flow: Flow, _ lineage: Lineage) -> Bool {
        isEEA(flow.subjectRegions) || eeaArrival(flow, lineage) != nil
    }

    /// Whether a fact is about children: the children's category or the `child` subject.
    static func isChildData(_ fact: LineageFact) -> Bool {
        Taxonomy.matches(fact.category, ancestor: "user.childrens")
            || fact.dataSubjects.contains(PrivacyCategorySets.childSubject)
    }

    /// Renders a lineage path as findings show it: `website → cdp → meta-ads`.
    static func render(_ path: [String]) -> String { path.joined(separator: " → ") }

    /// The arrival with the shortest path among `arrivals` (ties: first found), and its path.
    static func shortest(_ arrivals: [Lineage.Arrival], in lineage: Lineage) -> (Lineage.Arrival, [String])? {
        var best: (Lineage.Arrival, [String])?
        for arrival in arrivals {
            let path = lineage.path(arrival)
            if best == nil || path.count < best!.1.count { best = (arrival, path) }
        }
        return best
    }

    /// `a, b, c` of at most `limit` items, then `…`.
    static func list(_ items: [String], limit: Int = 4) -> String {
        items.prefix(limit).joined(separator: ", ") + (items.count > limit ? ", …" : "")
    }

    /// The categories of `categories` matching any key of `set`, by ancestor prefix.
    static func matching(_ categories: [String], _ set: [String]) -> [String] {
        categories.filter { Taxonomy.matchesAny($0, set) }
    }

    /// Parses `KEY=value` list parameters (`DE=16`) into a dictionary; malformed items are skipped.
    static func table(_ items: [String]) -> [String: String] {
        var table: [String: String] = [:]
        for item in items {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2 { table[parts[0]] = parts[1] }
        }
        return table
    }

    /// A date parameter, or `fallback` when the policy's value does not parse.
    static func day(_ text: String, fallback: Day) -> Day { Day(iso: text) ?? fallback }

    /// A list of ISO dates as a set of days (for holiday parameters); malformed dates are skipped.
    static func days(_ texts: [String]) -> Set<Day> { Set(texts.compactMap { Day(iso: $0) }) }
}
