import Foundation

/// Which category each licence falls into: id patterns per category, policy data an
/// organisation can override through rule parameters (`forbidden_licences`, …).
///
/// A pattern is an SPDX id (`MIT`), a prefix ending in `*` (`GPL-*`), or either followed by
/// `WITH` and an exception id or prefix (`GPL-2.0-* WITH Classpath-exception-2.0`). Matching
/// ignores case. When several patterns match, the longest (most specific) one wins, so
/// `CC-BY-NC-*` (forbidden) beats `CC-BY-*` (notice); a pattern with `WITH` is used only for a
/// term with that exception and beats any pattern without one.
///
/// Licences the SPDX list lacks can only be written as a `LicenseRef-` (an unknown bare id is
/// an invalid expression), so patterns name them that way: `LicenseRef-Commons-Clause`. A
/// `DocumentRef-…:LicenseRef-x` is matched by its `LicenseRef-x` part too, and `* WITH
/// AdditionRef-x` matches any licence carrying that addition (SPDX 3's way to write a rider
/// such as the Commons Clause on top of Apache-2.0).
public struct LicenceCategoryTable: Sendable {
    struct Pattern: Sendable {
        let licence: String
        let exception: String?
        let category: LicenceCategory
        /// Specificity: exact beats prefix, longer beats shorter, WITH beats none.
        let weight: Int
    }

    private let patterns: [Pattern]

    /// A table from patterns per category.
    public init(_ entries: [LicenceCategory: [String]]) {
        var patterns: [Pattern] = []
        for category in LicenceCategory.allCases {
            for text in entries[category] ?? [] {
                let parts = text.components(separatedBy: " WITH ")
                let licence = parts[0].trimmingCharacters(in: .whitespaces).lowercased()
                let exception = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces).lowercased() : nil
                func weight(_ pattern: String) -> Int {
                    pattern.hasSuffix("*") ? pattern.count * 2 : pattern.count * 2 + 1
                }
                patterns.append(
                    Pattern(
                        licence: licence, exception: exception, category: category,
                        weight: (exception.map { 1000 + weight($0) } ?? 0) * 1000 + weight(licence)))
            }
        }
        self.patterns = patterns
    }

    /// The category of one term, or `nil` when no pattern matches.
    public func category(of term: LicenceTerm) -> LicenceCategory? {
        let licence = term.licence.lowercased()
        // `DocumentRef-x:LicenseRef-y` names the licence `LicenseRef-y` of another document.
        let bare = (term.kind == .reference ? term.id.split(separator: ":").last.map(String.init) ?? term.id : term.id)
            .lowercased()
        let exception = term.exception?.lowercased()
        var best: Pattern?
        for pattern in patterns {
            guard Self.matches(pattern.licence, licence) || Self.matches(pattern.licence, bare) else { continue }
            if let wanted = pattern.exception {
                guard let exception, Self.matches(wanted, exception) else { continue }
            }
            if best == nil || pattern.weight > best!.weight
                || (pattern.weight == best!.weight && pattern.category > best!.category)
            {
                best = pattern
            }
        }
        return best?.category
    }

    static func matches(_ pattern: String, _ value: String) -> Bool {
        pattern.hasSuffix("*") ? value.hasPrefix(pattern.dropLast()) : value == pattern
    }

    /// The default patterns (rules-reference §5.2, after Google licenseclassifier's
    /// `license_type.go`): the values of the rules' category parameters unless a policy overrides them.
    ///
    /// licenseclassifier's forbidden `Commons-Clause`, `Facebook-2-Clause`, `Facebook-3-Clause`
    /// and `Facebook-Examples` are not SPDX ids, so a valid expression can only name them as
    /// `LicenseRef-` (in any letter case after the prefix) or, for the Commons Clause rider, as
    /// `WITH AdditionRef-Commons-Clause`.
    public static let defaultPatterns: [LicenceCategory: [String]] = [
        .forbidden: [
            "AGPL-*", "CC-BY-NC-*", "WTFPL", "LicenseRef-Commons-Clause", "* WITH AdditionRef-Commons-Clause",
            "LicenseRef-Facebook-2-Clause", "LicenseRef-Facebook-3-Clause", "LicenseRef-Facebook-Examples",
        ],
        .restricted: [
            "GPL-*", "LGPL-*", "LGPLLR", "CC-BY-SA-*", "CC-BY-ND-*", "OSL-*", "NPL-*", "QPL-1.0", "QPL-1.0-INRIA-2004",
            "Sleepycat", "EUPL-*", "CECILL-1.0", "CECILL-1.1", "CECILL-2.0", "CECILL-2.1", "GFDL-*", "RPL-*",
        ],
        .reciprocal: [
            "MPL-*", "EPL-*", "CDDL-*", "CPL-1.0", "APSL-*", "IPL-1.0", "Ruby", "CECILL-C", "ErlPL-1.1", "MS-RL",
            "GPL-2.0-* WITH Classpath-exception-2.0", "GPL-2.0+ WITH Classpath-exception-2.0",
            "GPL-2.0 WITH Classpath-exception-2.0",
        ],
        .notice: [
            "MIT", "MIT-*", "X11", "BSD-2-Clause", "BSD-3-Clause", "BSD-2-Clause-*", "BSD-3-Clause-*", "BSD-4-Clause",
            "Apache-1.0", "Apache-1.1", "Apache-2.0", "ISC", "Zlib", "zlib-acknowledgement", "CC-BY-*",
            "Python-2.0", "PSF-2.0", "Unicode-DFS-2015", "Unicode-DFS-2016", "Unicode-3.0", "W3C", "W3C-*", "AFL-*",
            "Artistic-2.0", "BSL-1.0", "MS-PL", "NCSA", "OpenSSL", "PostgreSQL", "Libpng", "libpng-2.0", "FTL",
            "ICU", "Ruby-pty",
        ],
        .unencumbered: ["CC0-1.0", "Unlicense", "0BSD", "MIT-0", "CC-PDDC", "PDDL-1.0"],
        .byExceptionOnly: [
            "Beerware", "OFL-*", "OpenVision", "Artistic-1.0", "Artistic-1.0-*", "JSON", "SSPL-1.0", "BUSL-1.1",
            "Elastic-2.0",
        ],
    ]

    /// The table with the default patterns.
    public static let standard = LicenceCategoryTable(defaultPatterns)
}
