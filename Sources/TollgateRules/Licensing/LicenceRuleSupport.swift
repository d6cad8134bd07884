import Foundation
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
            "SPDX ids or prefixes (`GPL-*`, `GPL-2.0-* WITH Classpath-exception-2.0`) in the \(category.rawValue) category",
            values: .licencePatterns
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
        guard let licence = asset.licence, case .success(let parsed) = parse(licence), parsed.isValid else {
            return nil
        }
        return parsed
    }

    /// The asset's licence when it is valid, or when its only faults are ids that are not on the
    /// SPDX list (`AGPL-3.0-only AND Acme-EULA`), whose known ids can still be judged; `nil` when
    /// it is missing or has any other fault. LIC-008 reports the unknown ids either way.
    static func expressionIgnoringUnknownIDs(_ asset: Asset) -> ParsedLicenceExpression? {
        guard let licence = asset.licence, case .success(let parsed) = parse(licence) else { return nil }
        guard !parsed.isValid else { return parsed }
        // The errors are the unknown ids' alone when the same expression with each of them
        // written as a LicenseRef- is valid (an unknown exception or a misplaced NONE is not).
        let stand = parsed.expression.rendered { term in
            guard term.kind == .unknown else { return term.description }
            return term.exception.map { "LicenseRef-unknown WITH \($0)" } ?? "LicenseRef-unknown"
        }
        guard case .success(let standIn) = parse(stand), standIn.isValid else { return nil }
        return parsed
    }

    /// `parser.parse`, shared by every licensing rule and every asset: an SBOM of 50,000
    /// components names a few dozen distinct licences, and six rules parse each one.
    static func parse(_ licence: String) -> Result<ParsedLicenceExpression, LicenceExpressionError> {
        parses.value(for: licence) { parser.parse(licence) }
    }

    private static let parses = Memo<String, Result<ParsedLicenceExpression, LicenceExpressionError>>()

    /// The branch of the expression the organisation can rely on: the one with the least
    /// demanding worst licence (the author's first among equals).
    static func easiestBranch(
        _ expression: LicenceExpression, table: LicenceCategoryTable, replacements: [LicenceTerm: LicenceTerm]
    ) -> [LicenceTerm]? {
        expression.disjunctiveNormalForm()?.min { left, right in
            worst(left, table, replacements) < worst(right, table, replacements)
        }
    }

    /// The most demanding category of a branch. An id not on the SPDX list counts as the least
    /// demanding (it is given the benefit of the doubt, as LIC-010 gives it, and LIC-008 reports
    /// it), so an alternative under it is the easiest branch.
    static func worst(
        _ branch: [LicenceTerm], _ table: LicenceCategoryTable, _ replacements: [LicenceTerm: LicenceTerm]
    ) -> LicenceCategory {
        branch.map { term in
            term.kind == .unknown ? .unencumbered : table.category(of: replacements[term] ?? term) ?? .byExceptionOnly
        }.max() ?? .unencumbered
    }

    /// The licences of the expression's easiest branch whose category is one of `categories`:
    /// those whose obligations (a source offer, notices) a rule checks. An id not on the SPDX list
    /// obliges nothing, whatever pattern it looks like: `GPL-3.0-only OR Acme-EULA` obliges nothing
    /// (the component may be used under the unknown licence), `GPL-3.0-only AND Acme-EULA` what
    /// GPL-3.0-only does. A deprecated id is categorised as its successor, as LIC-010 reads it
    /// (`replacements`, from `ParsedLicenceExpression.replacementTerms`): `wxWindows` obliges
    /// what `LGPL-2.0-or-later WITH WxWindows-exception-3.1` does. A licence the branch repeats
    /// (`MIT AND MIT`, as SBOMs list one licence found twice) is returned once.
    static func obligingTerms(
        _ expression: LicenceExpression, table: LicenceCategoryTable, categories: Set<LicenceCategory>,
        replacements: [LicenceTerm: LicenceTerm]
    ) -> [LicenceTerm] {
        guard let branch = easiestBranch(expression, table: table, replacements: replacements) else { return [] }
        var seen = Set<LicenceTerm>()
        return branch.filter { term in
            guard seen.insert(term).inserted else { return false }
            return term.kind != .unknown
                && (table.category(of: replacements[term] ?? term).map(categories.contains) ?? false)
        }
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
        "channels that count as commercial use (any paid use counts too)",
        values: .freeText("channels as asset uses name them"))

    /// Whether `used` is more than `percent` percent above `limit`: used·100 > limit·(100 + percent).
    ///
    /// Declarations and policies accept any whole number, so the products can overflow `Int`;
    /// then the comparison is made in floating point, which is exact enough at that size, instead
    /// of trapping. Within range it is the exact integer comparison.
    static func exceeds(_ used: Int, _ limit: Int, byMoreThanPercent percent: Int) -> Bool {
        exceeds(total: [used], limit, byMoreThanPercent: percent)
    }

    /// `exceeds` for the sum of several counts, which may itself be beyond `Int`.
    static func exceeds(total counts: [Int], _ limit: Int, byMoreThanPercent percent: Int) -> Bool {
        var used = 0
        var exact = true
        for count in counts {
            let (sum, overflow) = used.addingReportingOverflow(count)
            if overflow {
                exact = false
                break
            }
            used = sum
        }
        if exact {
            let (scaledUsed, overflowUsed) = used.multipliedReportingOverflow(by: 100)
            let (factor, overflowFactor) = percent.addingReportingOverflow(100)
            let (scaledLimit, overflowLimit) = limit.multipliedReportingOverflow(by: factor)
            if !overflowUsed && !overflowFactor && !overflowLimit { return scaledUsed > scaledLimit }
        }
        let total = counts.reduce(0.0) { $0 + Double($1) }
        return total * 100 > Double(limit) * (Double(percent) + 100)
    }

    /// `percent` percent of `value`, rounded down, saturating at the ends of `Int` instead of
    /// overflowing (see `exceeds`).
    static func percent(_ percent: Int, of value: Int) -> Int {
        let (product, overflow) = value.multipliedReportingOverflow(by: percent)
        if !overflow { return product / 100 }
        let approximate = (Double(value) * Double(percent) / 100).rounded(.down)
        if approximate >= Double(Int.max) { return Int.max }
        if approximate <= Double(Int.min) { return Int.min }
        return Int(approximate)
    }

    /// The sum of declared counts for messages, saturating at `Int.max` instead of overflowing
    /// (comparisons use `exceeds(total:_:byMoreThanPercent:)`, which does not saturate).
    static func sum(_ values: [Int]) -> Int {
        values.reduce(0) { total, value in
            let (result, overflow) = total.addingReportingOverflow(value)
            return overflow ? (value > 0 ? Int.max : Int.min) : result
        }
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

extension Dictionary {
    /// The value for `key`, computed by `compute` and stored the first time: a rule's memo of
    /// verdicts that depend only on a licence expression.
    mutating func memoised(_ key: Key, _ compute: () -> Value) -> Value {
        if let known = self[key] { return known }
        let value = compute()
        self[key] = value
        return value
    }
}

/// A thread-safe memo of a pure function, for values rules evaluated concurrently share. It
/// forgets everything past `limit` entries, so a long-lived process cannot grow it unbounded.
final class Memo<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private var values: [Key: Value] = [:]
    private let lock = NSLock()
    private let limit: Int

    init(limit: Int = 4096) { self.limit = limit }

    func value(for key: Key, _ compute: () -> Value) -> Value {
        lock.lock()
        if let known = values[key] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let value = compute()
        lock.lock()
        if values.count >= limit { values.removeAll(keepingCapacity: true) }
        values[key] = value
        lock.unlock()
        return value
    }
}
