import TollgateKit

/// What the password-policy rules (ACC-001…007) share: which systems they evaluate and the
/// controls they map to (rules-reference §6.2, "ACC-001..007 password policy").
extension RuleContext {
    /// Systems whose own password policy is declared or imported, with that policy.
    ///
    /// A system whose users can only sign in through enforced SSO (`sso_enforced` and
    /// `local_login_disabled`) has no passwords of its own to govern, so it is out of scope.
    var systemsWithPasswordPolicy: [(system: System, policy: PasswordPolicy)] {
        inventory.systems.compactMap { system in
            guard let security = system.security, let policy = security.passwordPolicy else { return nil }
            if security.ssoEnforced == true && security.localLoginDisabled == true { return nil }
            return (system, policy)
        }
    }
}

extension ControlMapping {
    /// ISO 27001 A.5.17/A.8.5, SOC 2 CC6.1, NIST CSF PR.AA-01/03, CIS 5.2.
    static let passwordPolicy = ControlMapping(
        iso27001: ["A.5.17", "A.8.5"], soc2: ["CC6.1"], nistCSF: ["PR.AA-01", "PR.AA-03"], cis: ["5.2"])
}
