import Foundation

/// The values a policy pack may give one rule parameter (each item, for a list).
///
/// A value outside the vocabulary is an error where it is written, not an entry that matches
/// nothing: `restricted_methods: [smss]` would otherwise stop flagging admins who rely on SMS.
/// Parameters whose values are matched against free text in declarations (domains, vendor
/// names, API scopes) say so with `freeText`; a test requires every list parameter to declare one
/// or the other, so a new parameter cannot skip the decision.
public struct ParameterVocabulary: Sendable, Hashable {
    /// What one value is, for messages ("unknown MFA method 'smss'").
    public let noun: String
    /// How `tollgate rules` describes the values: all of them when they are few, else what they are.
    public let summary: String
    /// Whether any text is accepted.
    public let isFreeText: Bool
    /// The hint for a value outside the vocabulary, or `nil` when it is inside.
    private let judge: @Sendable (String) -> String?

    public init(
        noun: String, summary: String, isFreeText: Bool = false,
        hint judge: @escaping @Sendable (String) -> String?
    ) {
        self.noun = noun
        self.summary = summary
        self.isFreeText = isFreeText
        self.judge = judge
    }

    /// Why `value` is not allowed, as a hint for the diagnostic, or `nil` when it is allowed.
    public func rejection(of value: String) -> String? { judge(value) }

    // Closures cannot be compared; two vocabularies that describe themselves alike are the same.
    public static func == (lhs: ParameterVocabulary, rhs: ParameterVocabulary) -> Bool {
        lhs.noun == rhs.noun && lhs.summary == rhs.summary && lhs.isFreeText == rhs.isFreeText
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(noun)
        hasher.combine(summary)
    }

    private static func didYouMean(_ value: String, in candidates: some Sequence<String>) -> String? {
        Suggestion.closest(to: value, in: candidates).map { "did you mean '\($0)'?" }
    }
}

extension ParameterVocabulary {
    /// Any text: `what` says what the values are matched against, for `tollgate rules`.
    public static func freeText(_ what: String) -> ParameterVocabulary {
        ParameterVocabulary(noun: "value", summary: "free text (\(what))", isFreeText: true) { _ in nil }
    }

    /// One of a fixed set of values, listed by `tollgate rules`.
    public static func oneOf(_ values: [String], _ noun: String) -> ParameterVocabulary {
        let known = Set(values)
        let joined = values.joined(separator: ", ")
        return ParameterVocabulary(noun: noun, summary: "one of \(joined)") { value in
            known.contains(value) ? nil : didYouMean(value, in: values) ?? "use one of \(joined)"
        }
    }

    /// The cases of a closed set, spelt as declarations spell them (`ad_platform`, `passkey`).
    public static func cases<E: CaseIterable & RawRepresentable>(
        of type: E.Type, _ noun: String
    )
        -> ParameterVocabulary
    where E.RawValue == String {
        oneOf(E.allCases.map(\.rawValue), noun)
    }

    /// Keys of one taxonomy vocabulary. Any key counts, not only leaves: rules match parameter
    /// keys as ancestors (`user.contact` covers `user.contact.email`).
    public static func taxonomy(_ kind: Taxonomy.Kind, _ taxonomy: Taxonomy = .standard) -> ParameterVocabulary {
        ParameterVocabulary(
            noun: kind.rawValue, summary: "\(kind.rawValue) keys (`tollgate taxonomy` lists them)"
        ) { value in
            taxonomy.entry(value, kind) != nil ? nil : taxonomy.hint(forUnknown: value, kind)
        }
    }

    /// ISO 3166-1 alpha-2 country codes, as declarations write `destination_country`. Two-letter
    /// codes are all one edit apart, so the hint names common mistakes instead of a neighbour.
    public static let countries = ParameterVocabulary(
        noun: "country code", summary: "ISO 3166-1 alpha-2 country codes"
    ) { value in
        ISOCountries.isCountry(value) ? nil : ISOCountries.hint(for: value, allowRegions: false)
    }

    /// Country codes, the regions EEA, EU and UK, and `US-XX` states, as in `audience_regions`.
    public static let regions = ParameterVocabulary(
        noun: "region", summary: "ISO 3166-1 country codes, EEA, EU, UK or US-XX states"
    ) { value in
        if ISOCountries.isRegion(value) { return nil }
        // Region names are long enough for a typo to have one close neighbour (`EAA`).
        if value.count > 2, let name = Suggestion.closest(to: value, in: ISOCountries.regionNames.sorted()) {
            return "did you mean '\(name)'?"
        }
        return ISOCountries.hint(for: value, allowRegions: true)
    }

    /// Calendar dates written `YYYY-MM-DD`.
    public static let days = ParameterVocabulary(noun: "date", summary: "dates as YYYY-MM-DD") { value in
        Day(iso: value) != nil ? nil : Day.hint(forInvalid: value)
    }

    /// Whole numbers from zero, for the right-hand side of pairs (`DE=16`).
    public static let wholeNumbers = ParameterVocabulary(noun: "whole number", summary: "whole numbers") { value in
        Int(value).map { $0 >= 0 } == true ? nil : "write a whole number, e.g. 16"
    }

    /// `key=value` items, each side from its own vocabulary; blanks around `=` are ignored, as
    /// the rules reading such pairs ignore them. `form` names the sides (`country=age`).
    public static func pairs(
        _ key: ParameterVocabulary, _ value: ParameterVocabulary, form: String, example: String
    ) -> ParameterVocabulary {
        ParameterVocabulary(noun: "\(form) pair", summary: "\(form) pairs such as \(example)") { item in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard parts.count == 2 else { return "write it as \(form), e.g. \(example)" }
            if let hint = key.rejection(of: parts[0]) { return "before '=': \(hint)" }
            if let hint = value.rejection(of: parts[1]) { return "after '=': \(hint)" }
            return nil
        }
    }

    /// SPDX licence ids and patterns as `LicenceCategoryTable` reads them: a listed id in any
    /// letter case (optionally with `+`), a prefix ending in `*` that some listed id starts
    /// with, or a `LicenseRef-`; each optionally followed by ` WITH ` and an exception id or
    /// prefix. Whatever the default table carries (`LicenseRef-Commons-Clause`, `… WITH
    /// AdditionRef-Commons-Clause`) stays accepted, so a pack can repeat the defaults.
    public static let licencePatterns: ParameterVocabulary = {
        let list = SPDXLicenseList.standard
        let licences = SPDXNames(ids: list.licenceIDs, what: "licence")
        let exceptions = SPDXNames(ids: list.exceptionIDs, what: "exception")
        let defaults = Set(LicenceCategoryTable.defaultPatterns.values.joined().map { $0.lowercased() })
        return ParameterVocabulary(
            noun: "licence id or pattern",
            summary: "SPDX licence ids, prefixes such as `GPL-*`, `LicenseRef-…`, optionally `WITH` an exception"
        ) { value in
            if defaults.contains(value.lowercased()) { return nil }
            let parts = value.components(separatedBy: " WITH ").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count <= 2, !parts[0].isEmpty else {
                return "write one licence, optionally `WITH` one exception"
            }
            let licence = parts[0].lowercased()
            let isReference = licence.hasPrefix("licenseref-") || licence.contains(":licenseref-")
            if !isReference, let hint = licences.rejection(of: parts[0]) { return hint }
            if parts.count == 2, let hint = exceptions.rejection(of: parts[1]) { return "after WITH: " + hint }
            return nil
        }
    }()
}

/// The identifiers of one part of the SPDX list, for `ParameterVocabulary.licencePatterns`.
private struct SPDXNames: Sendable {
    let ids: [String]
    let lowered: Set<String>
    /// "licence" or "exception", for hints.
    let what: String

    init(ids: [String], what: String) {
        self.ids = ids
        self.lowered = Set(ids.map { $0.lowercased() })
        self.what = what
    }

    /// Matched as `LicenceCategoryTable` matches: ignoring case, `*` ending a prefix.
    func rejection(of part: String) -> String? {
        let text = part.lowercased()
        if text.hasSuffix("*") {
            let prefix = text.dropLast()
            if lowered.contains(where: { $0.hasPrefix(prefix) }) { return nil }
            return "no SPDX \(what) id starts with '\(part.dropLast())'"
        }
        if lowered.contains(text) { return nil }
        if text.hasSuffix("+"), lowered.contains(String(text.dropLast())) { return nil }
        return Suggestion.closest(to: part, in: ids).map { "did you mean '\($0)'?" }
            ?? "use an SPDX \(what) id (https://spdx.org/licenses/) or a prefix ending in *"
    }
}
