extension Account {
    /// The last day an account is known to have been in use, and what happened on it.
    public enum Activity: Sendable, Hashable {
        /// Its last sign-in.
        case signedIn(Day)
        /// Its creation: it never signed in.
        case created(Day)

        public var day: Day {
            switch self {
            case .signedIn(let day), .created(let day): day
            }
        }

        /// The field that holds the day (`last_login`, `created`): where a finding about it points.
        public var field: String {
            switch self {
            case .signedIn: "last_login"
            case .created: "created"
            }
        }
    }

    /// The last day the account is known to have been in use: its last sign-in, else its
    /// creation (it never signed in); nil when neither is known.
    public var lastActivity: Activity? {
        if let lastLogin { return .signedIn(lastLogin) }
        return created.map { .created($0) }
    }

    /// Whether the account was created after `day`, so did not exist on it.
    public func createdAfter(_ day: Day) -> Bool { created.map { day < $0 } ?? false }
}
