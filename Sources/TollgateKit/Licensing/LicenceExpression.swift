/// A parsed SPDX licence expression (SPDX 2.3 Annex D; SPDX 3 "SPDX License Expressions").
///
/// Chains of one operator are kept flat (`A OR B OR C` is one `.or` of three), and parentheses
/// the author wrote are kept as nesting, so the canonical form differs from the input only in
/// letter case, spacing and redundant parentheses.
public indirect enum LicenceExpression: Sendable, Hashable, CustomStringConvertible {
    case term(LicenceTerm)
    case and([LicenceExpression])
    case or([LicenceExpression])

    /// The canonical text: identifiers in canonical case, operators in upper case, one space
    /// around operators, and parentheses around every compound operand, so precedence never has
    /// to be remembered (`MIT OR (Apache-2.0 AND BSD-3-Clause)`).
    public var description: String { rendered { $0.description } }

    /// The canonical text with each term written by `write` (e.g. deprecated ids replaced).
    public func rendered(_ write: (LicenceTerm) -> String) -> String {
        switch self {
        case .term(let term): return write(term)
        case .and(let operands): return operands.map { $0.operand(write) }.joined(separator: " AND ")
        case .or(let operands): return operands.map { $0.operand(write) }.joined(separator: " OR ")
        }
    }

    private func operand(_ write: (LicenceTerm) -> String) -> String {
        if case .term = self { return rendered(write) }
        return "(" + rendered(write) + ")"
    }

    /// Every term, left to right.
    public var terms: [LicenceTerm] {
        switch self {
        case .term(let term): return [term]
        case .and(let operands), .or(let operands): return operands.flatMap(\.terms)
        }
    }

    /// The expression as a disjunction of conjunctions: the component may be used under any one
    /// of the returned branches, and a branch requires every licence in it.
    ///
    /// `nil` when the expansion would exceed `limit` branches: `(A OR B) AND (C OR D) AND …`
    /// doubles with every factor, and an SBOM must not be able to make Tollgate run out of memory.
    public func disjunctiveNormalForm(limit: Int = 4096) -> [[LicenceTerm]]? {
        switch self {
        case .term(let term):
            return [[term]]
        case .or(let operands):
            var branches: [[LicenceTerm]] = []
            for operand in operands {
                guard let expanded = operand.disjunctiveNormalForm(limit: limit) else { return nil }
                branches += expanded
                if branches.count > limit { return nil }
            }
            return branches
        case .and(let operands):
            var branches: [[LicenceTerm]] = [[]]
            for operand in operands {
                guard let expanded = operand.disjunctiveNormalForm(limit: limit),
                    branches.count * expanded.count <= limit
                else { return nil }
                branches = branches.flatMap { left in expanded.map { left + $0 } }
            }
            return branches
        }
    }
}
