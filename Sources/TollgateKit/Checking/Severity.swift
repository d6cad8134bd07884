/// How serious a finding is (rules-reference §0.2). Ordered: `info` < `low` < … < `critical`.
public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable, Codable, DeclarationEnum {
    case info, low, medium, high, critical

    private var rank: Int {
        switch self {
        case .info: return 0
        case .low: return 1
        case .medium: return 2
        case .high: return 3
        case .critical: return 4
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    /// GitHub code scanning's `security-severity` score for this level (FORMATS.md).
    public var securityScore: String {
        switch self {
        case .critical: return "9.5"
        case .high: return "8.0"
        case .medium: return "5.5"
        case .low: return "3.0"
        case .info: return "0.5"
        }
    }
}

/// The policy module a rule belongs to.
public enum Domain: String, Sendable, Hashable, CaseIterable, Comparable, Codable, DeclarationEnum {
    case privacy, accounts, licensing

    public static func < (lhs: Domain, rhs: Domain) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
