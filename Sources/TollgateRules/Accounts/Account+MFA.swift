import TollgateKit

extension Account {
    /// Whether the account signs in with MFA, by the documented meaning of `mfa_enabled`
    /// (docs/declarations.md, accounts): the account's own declaration when it has one — `false`
    /// wins over the system's enforcement, being the more specific — otherwise whether the system's
    /// `mfa_enforced` covers it (`all`, or `admins` for an admin account).
    func hasMFA(under security: SecurityConfiguration?) -> Bool {
        mfaEnabled ?? security?.mfaEnforced.map { $0 == .all || ($0 == .admins && isAdmin) } ?? false
    }
}
