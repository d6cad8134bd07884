import TollgateKit

/// What the password-policy rules (ACC-001…007) share: which systems they evaluate and the
/// controls they map to (rules-reference §6.2, "ACC-001..007 password policy").
extension RuleContext {
    /// Systems whose own password policy is declared or imported, with that policy.
    ///
    /// A declared policy is checked even when staff sign in through SSO: it still governs
    /// whoever does use a password there (customers of a help centre, a local fallback).
    var systemsWithPasswordPolicy: [(system: System, policy: PasswordPolicy)] {
        inventory.systems.compactMap { system in
            system.security?.passwordPolicy.map { (system, $0) }
        }
    }
}

extension ControlMapping {
    /// ISO 27001 A.5.17/A.8.5, SOC 2 CC6.1, NIST CSF PR.AA-01/03, CIS 5.2.
    static let passwordPolicy = ControlMapping(
        iso27001: ["A.5.17", "A.8.5"], soc2: ["CC6.1"], nistCSF: ["PR.AA-01", "PR.AA-03"], cis: ["5.2"])
}
