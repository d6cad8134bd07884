import TollgateKit

extension Account {
    /// Whether the account signs in with MFA, by the documented meaning of `mfa_enabled`
    /// (docs/declarations.md, accounts): the account's own declaration when it has one — `false`
    /// wins over the system's enforcement, being the more specific — otherwise whether the system's
    /// `mfa_enforced` covers it (`all`, or `admins` for an admin account), or the account signs in
    /// only through the identity provider (`SecurityConfiguration.signInOnlyThroughSSO`), which
    /// applies MFA, as ACC-008 takes it to (CIS Controls v8.1 6.3 and 6.5: enforcing MFA through
    /// an SSO provider is satisfactory). A break-glass account keeps a local login for when the
    /// identity provider is down, so SSO covers it only when it says `sso: true`.
    func hasMFA(under security: SecurityConfiguration?) -> Bool {
        if let mfaEnabled { return mfaEnabled }
        guard let security else { return false }
        if security.mfaEnforced == .all || (security.mfaEnforced == .admins && isAdmin) { return true }
        let throughSSO = kind == .breakGlass ? sso == true : sso != false
        return security.signInOnlyThroughSSO && throughSSO
    }
}

extension SecurityConfiguration {
    /// Whether people sign in to the tool only through SSO: SSO enforced and local (password)
    /// login declared disabled. MFA is then the identity provider's to apply.
    var signInOnlyThroughSSO: Bool { ssoEnforced == true && localLoginDisabled == true }
}
