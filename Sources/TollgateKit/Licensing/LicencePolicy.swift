/// Decides whether a component's licence expression is acceptable, over its disjunctive normal
/// form: the component is acceptable when **any** `OR` branch is, and a branch only when
/// **every** licence in it is (rules-reference §5.2).
public struct LicencePolicy: Sendable {
    /// What the policy says about a licence, a branch or a whole expression. Ordered from best to worst.
    public enum Verdict: String, Sendable, Hashable, Comparable, CaseIterable {
        case allowed
        /// Needs legal review before shipping.
        case review
        case denied

        private var rank: Int { self == .allowed ? 0 : self == .review ? 1 : 2 }
        public static func < (lhs: Verdict, rhs: Verdict) -> Bool { lhs.rank < rhs.rank }
    }

    /// The verdict on one licence term, and why.
    public struct TermVerdict: Sendable, Hashable {
        public let term: LicenceTerm
        public let category: LicenceCategory?
        public let verdict: Verdict
        /// Why, as a fragment: "AGPL-3.0-only is forbidden", "LicenseRef-x is not categorised".
        public let reason: String
    }

    /// The verdict on an expression: the best branch, and the licences that decided it.
    public struct Outcome: Sendable, Hashable {
        public let verdict: Verdict
        /// The terms of the best branch (the one the organisation can rely on).
        public let branch: [TermVerdict]
        /// The terms of the best branch that are not allowed (empty when allowed).
        public var blocking: [TermVerdict] { branch.filter { $0.verdict != .allowed } }
    }

    public let table: LicenceCategoryTable
    public let deniedCategories: Set<LicenceCategory>
    public let reviewCategories: Set<LicenceCategory>
    /// Ids or patterns always allowed or always denied, whatever their category.
    public let allowed: LicenceCategoryTable
    public let denied: LicenceCategoryTable
    /// What a listed licence no pattern matches counts as.
    public let uncategorised: Verdict
    /// What a `LicenseRef-` no pattern matches counts as (vendor or custom terms).
    public let licenceRefs: Verdict
    /// What an id that is not on the SPDX list counts as (`Acme-EULA`, an invalid expression).
    /// LIC-010 gives it the benefit of the doubt (`allowed`), so that its verdict rests only on
    /// the known licences of the expression and the unknown id stays LIC-008's finding.
    public let unknownIDs: Verdict

    public init(
        table: LicenceCategoryTable, deniedCategories: Set<LicenceCategory>, reviewCategories: Set<LicenceCategory>,
        allow: [String] = [], deny: [String] = [], uncategorised: Verdict = .review, licenceRefs: Verdict = .review,
        unknownIDs: Verdict = .review
    ) {
        self.table = table
        self.deniedCategories = deniedCategories
        self.reviewCategories = reviewCategories
        self.allowed = LicenceCategoryTable([.unencumbered: allow])
        self.denied = LicenceCategoryTable([.forbidden: deny])
        self.uncategorised = uncategorised
        self.licenceRefs = licenceRefs
        self.unknownIDs = unknownIDs
    }

    /// The verdict on one term. A deprecated id is categorised as `readAs`, its replacement
    /// (`GPL-2.0-with-classpath-exception` as `GPL-2.0-only WITH Classpath-exception-2.0`,
    /// rules-reference §5.2); the allow and deny lists match either spelling.
    public func verdict(_ term: LicenceTerm, readAs replacement: LicenceTerm? = nil) -> TermVerdict {
        let read = replacement ?? term
        let name = replacement.map { "\(term) (read as \($0))" } ?? "\(term)"
        func listed(_ list: LicenceCategoryTable) -> Bool {
            list.category(of: term) != nil || (replacement.map { list.category(of: $0) != nil } ?? false)
        }
        if listed(denied) {
            return TermVerdict(
                term: term, category: table.category(of: read), verdict: .denied, reason: "\(name) is on the deny list")
        }
        if listed(allowed) {
            return TermVerdict(
                term: term, category: table.category(of: read), verdict: .allowed,
                reason: "\(name) is on the allow list")
        }
        switch term.kind {
        case .none:
            return TermVerdict(term: term, category: nil, verdict: .denied, reason: "NONE grants no licence")
        case .noAssertion:
            return TermVerdict(
                term: term, category: nil, verdict: .review, reason: "NOASSERTION leaves the licence unknown")
        case .unknown:
            return TermVerdict(
                term: term, category: nil, verdict: unknownIDs, reason: "\(term.id) is not an SPDX licence id")
        case .listed, .reference:
            break
        }
        guard let category = table.category(of: read) else {
            return TermVerdict(
                term: term, category: nil, verdict: term.kind == .reference ? licenceRefs : uncategorised,
                reason: "\(name) is not categorised")
        }
        let verdict: Verdict =
            deniedCategories.contains(category) ? .denied : reviewCategories.contains(category) ? .review : .allowed
        return TermVerdict(term: term, category: category, verdict: verdict, reason: "\(name) is \(category.rawValue)")
    }

    /// The verdict on an expression, or `nil` when its normal form has more than `limit` branches.
    /// `replacements` reads deprecated terms as their successors
    /// (`ParsedLicenceExpression.replacementTerms`).
    public func evaluate(
        _ expression: LicenceExpression, limit: Int = 4096, replacements: [LicenceTerm: LicenceTerm] = [:]
    ) -> Outcome? {
        guard let branches = expression.disjunctiveNormalForm(limit: limit) else { return nil }
        var best: Outcome?
        for branch in branches {
            let verdicts = branch.map { verdict($0, readAs: replacements[$0]) }
            let worst = verdicts.map(\.verdict).max() ?? .allowed
            // The best branch wins; among equals the first written, which is the author's preference.
            if best == nil || worst < best!.verdict {
                best = Outcome(verdict: worst, branch: verdicts)
            }
        }
        return best
    }
}
