// Reference data: European Commission adequacy decisions under GDPR Art. 45 in force.
// Source: European Commission, "Adequacy decisions" page, as quoted in rules-reference §3.1.2
// (compiled mid-2026); COM(2024) 7 final (15 Jan 2024) on the review of the 11 pre-GDPR
// decisions; Implementing Decision (EU) 2023/1795 (EU-US Data Privacy Framework, 10 Jul 2023);
// renewal of Decision (EU) 2021/1772 for the UK (19 Dec 2025, until 27 Dec 2031).
// Brazil: adopted 26 Jan 2026 [verify reference C(2026) 373].
// Version: 2026-06-01. Time-sensitive: override `adequate_countries` in policy when it changes.

/// Countries with an EU adequacy decision, and the scope limits a recipient must meet.
public enum AdequacyDecisions {
    /// One decision.
    public struct Decision: Sendable, Hashable {
        /// ISO 3166-1 alpha-2 code.
        public let country: String
        public let instrument: String
        /// What a recipient must be for the decision to cover it; `nil` when it covers everyone.
        public let scopeLimit: String?
        /// Only recipients certified under the EU-US Data Privacy Framework are covered.
        public let requiresDPF: Bool
    }

    /// Date this list was last reviewed.
    public static let version = "2026-06-01"

    public static let decisions: [Decision] = [
        Decision(country: "AD", instrument: "Decision 2010/625/EU", scopeLimit: nil, requiresDPF: false),
        Decision(country: "AR", instrument: "Decision 2003/490/EC", scopeLimit: nil, requiresDPF: false),
        Decision(
            country: "BR", instrument: "Commission adequacy decision of 26 Jan 2026",
            scopeLimit: "recipients subject to the LGPD", requiresDPF: false),
        Decision(
            country: "CA", instrument: "Decision 2002/2/EC", scopeLimit: "commercial organisations subject to PIPEDA",
            requiresDPF: false),
        Decision(country: "CH", instrument: "Decision 2000/518/EC", scopeLimit: nil, requiresDPF: false),
        Decision(country: "FO", instrument: "Decision 2010/146/EU", scopeLimit: nil, requiresDPF: false),
        Decision(
            country: "GB", instrument: "Decision (EU) 2021/1772, renewed 2025", scopeLimit: nil, requiresDPF: false),
        Decision(country: "GG", instrument: "Decision 2003/821/EC", scopeLimit: nil, requiresDPF: false),
        Decision(
            country: "IL", instrument: "Decision 2011/61/EU", scopeLimit: "automated international transfers",
            requiresDPF: false),
        Decision(country: "IM", instrument: "Decision 2004/411/EC", scopeLimit: nil, requiresDPF: false),
        Decision(country: "JE", instrument: "Decision 2008/393/EC", scopeLimit: nil, requiresDPF: false),
        Decision(
            country: "JP", instrument: "Decision (EU) 2019/419",
            scopeLimit: "APPI business operators applying the Supplementary Rules", requiresDPF: false),
        Decision(
            country: "KR", instrument: "Decision (EU) 2022/254", scopeLimit: "PIPA and supplementary rules",
            requiresDPF: false),
        Decision(country: "NZ", instrument: "Decision 2013/65/EU", scopeLimit: nil, requiresDPF: false),
        Decision(
            country: "US", instrument: "Implementing Decision (EU) 2023/1795 (Data Privacy Framework)",
            scopeLimit: "organisations on the DPF List, within their certified scope", requiresDPF: true),
        Decision(country: "UY", instrument: "Decision 2012/484/EU", scopeLimit: nil, requiresDPF: false),
    ]

    /// The countries, as the default of rule parameters.
    public static var countries: [String] { decisions.map(\.country) }

    /// Countries whose decision covers only DPF-certified recipients.
    public static var dpfOnlyCountries: [String] { decisions.filter(\.requiresDPF).map(\.country) }

    /// The decision for `country`, if any.
    public static func decision(for country: String) -> Decision? { decisions.first { $0.country == country } }
}
