/// How much a licence asks of a marketing site that ships the component to browsers, after the
/// licence types of Google's licenseclassifier (`license_type.go`), a widely used scheme.
public enum LicenceCategory: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Not allowed at all (network copyleft, non-commercial, "no evil").
    case forbidden
    /// Strong copyleft: shipping the code conveys it, with source and notice duties.
    case restricted
    /// File-level copyleft: modified files must be made available.
    case reciprocal
    /// Permissive with a duty to keep copyright and licence notices.
    case notice
    /// No conditions at all.
    case unencumbered
    /// Needs legal review case by case.
    case byExceptionOnly = "by_exception_only"

    /// Ordered from least to most demanding, so the worst licence of a branch is the maximum.
    private var rank: Int {
        switch self {
        case .unencumbered: return 0
        case .notice: return 1
        case .reciprocal: return 2
        case .byExceptionOnly: return 3
        case .restricted: return 4
        case .forbidden: return 5
        }
    }

    public static func < (lhs: LicenceCategory, rhs: LicenceCategory) -> Bool { lhs.rank < rhs.rank }

    /// The rule parameter holding this category's id patterns (`forbidden_licences`, …).
    public var parameterName: String { "\(rawValue)_licences" }
}
