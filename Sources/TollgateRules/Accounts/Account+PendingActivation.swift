import TollgateKit

extension Account {
    /// How the account rules say that a user was never activated (Okta `STAGED`, `PROVISIONED`):
    /// "staged, never activated", "staged, not activated" (a sign-in on record from before it was
    /// staged again), "provisioned, activation pending"; nil for any other account.
    var pendingActivationPhrase: String? {
        switch pendingActivation {
        case .staged: lastLogin == nil ? "staged, never activated" : "staged, not activated"
        case .provisioned: "provisioned, activation pending"
        case nil: nil
        }
    }
}
