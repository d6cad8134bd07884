/// How one waiver fared in a run: its state on the as-of day and the findings it matched.
public struct WaiverReview: Sendable, Hashable {
    /// The waiver's standing, worst first: what a reviewer has to act on.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// Past its expiry: waives nothing any more.
        case expired
        /// Matches no finding: the problem was fixed or the pattern is wrong.
        case stale
        /// Still waives, but expires within the warning window.
        case expiring
        /// Waives, with time to spare.
        case active
        /// No rule it names ran under this run's policy, so the run cannot tell whether it still
        /// matches anything; it is checked by a run whose policy includes the rule.
        case unchecked
    }

    public let waiver: Waiver
    public let state: Waiver.State
    /// Fingerprints of the findings the waiver matched, sorted.
    public let matched: [String]
    /// Whether a rule the waiver names ran: a waiver for rules the policy left out matches
    /// nothing, yet is not stale.
    public let checked: Bool

    public init(waiver: Waiver, state: Waiver.State, matched: [String], checked: Bool = true) {
        self.waiver = waiver
        self.state = state
        self.matched = matched.sorted()
        self.checked = checked
    }

    /// Expiry is a matter of dates, so an expired waiver is reported as expired even when its
    /// rule did not run; otherwise a waiver whose rule did not run is only `unchecked`.
    public var status: Status {
        switch state {
        case .expired: return .expired
        case _ where !checked: return .unchecked
        case _ where matched.isEmpty: return .stale
        case .expiring: return .expiring
        case .active: return .active
        }
    }

    /// Days from the as-of day to the expiry day (negative once expired).
    public var daysLeft: Int {
        switch state {
        case .active(let days), .expiring(let days): return days
        case .expired(let days): return -days
        }
    }
}
