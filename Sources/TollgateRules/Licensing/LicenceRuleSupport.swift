import TollgateKit

/// What several licensing rules share: the SPDX parser, the licence-category parameters (policy
/// data an organisation overrides per rule in its policy pack) and territory matching.
enum LicenceRuleSupport {
    static let parser = LicenceExpressionParser()

    /// Asset kinds that are code shipped to browsers.
    static let codeKinds: Set<AssetKind> = [.tag, .script, .sdk]

    /// The six category parameters with the default patterns (rules-reference §5.2).
    static let categoryParameters: [RuleParameter] = LicenceCategory.allCases.map { category in
        RuleParameter(
            category.parameterName, .strings(LicenceCategoryTable.defaultPatterns[category] ?? []),
            "SPDX ids or prefixes (`GPL-*`, `GPL-2.0-* WITH Classpath-exception-2.0`) in the \(category.rawValue) category"
        )
    }

    /// The category table a rule runs with.
    static func table(_ parameters: Parameters) -> LicenceCategoryTable {
        LicenceCategoryTable(
            Dictionary(
                uniqueKeysWithValues: LicenceCategory.allCases.map { ($0, parameters.strings($0.parameterName)) }))
    }

    /// The asset's licence as a valid expression, or `nil` (missing or invalid: LIC-008's findings).
    static func expression(_ asset: Asset) -> ParsedLicenceExpression? {
        guard let licence = asset.licence, case .success(let parsed) = parser.parse(licence), parsed.isValid else {
            return nil
        }
        return parsed
    }

    /// The branch of the expression the organisation can rely on: the one with the least
    /// demanding worst licence (the author's first among equals).
    static func easiestBranch(_ expression: LicenceExpression, table: LicenceCategoryTable) -> [LicenceTerm]? {
        expression.disjunctiveNormalForm()?.min { left, right in
            worst(left, table) < worst(right, table)
        }
    }

    static func worst(_ branch: [LicenceTerm], _ table: LicenceCategoryTable) -> LicenceCategory {
        branch.map { table.category(of: $0) ?? .byExceptionOnly }.max() ?? .unencumbered
    }

    /// EEA member states, from the shared reference data.
    static let eea = Set(EEA.members)

    /// Whether a country (ISO 3166-1 alpha-2, or a subdivision such as `US-CA`) lies in one of
    /// the territories (countries, `EEA`, `EU`, `UK`, `WW`/`worldwide`).
    static func covers(_ territories: [String], country: String) -> Bool {
        let base = String(country.prefix(2))
        return territories.contains { territory in
            switch territory {
            case "WW", "worldwide": return true
            case "EEA": return eea.contains(base)
            case "EU": return eea.contains(base) && !["IS", "LI", "NO"].contains(base)
            case "UK": return base == "GB"
            default: return territory == country || territory == base
            }
        }
    }

    /// Channels where creative is used commercially (advertising, promotion, brand posts).
    static let commercialChannels = RuleParameter(
        "commercial_channels",
        .strings(["advertising", "social", "email", "web", "print", "tv", "product", "promotion"]),
        "channels that count as commercial use (any paid use counts too)")

    /// Whether a use of an asset is still going on at `day`.
    static func isLive(_ use: AssetUse, on day: Day) -> Bool {
        (use.start.map { $0 <= day } ?? true) && (use.end.map { $0 >= day } ?? true)
    }

    /// `"3 200 000"`-style numbers are hard to grep; findings use plain digits with separators.
    static func number(_ value: Int) -> String {
        let digits = String(value)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result += "," }
            result.append(character)
        }
        return result
    }
}
