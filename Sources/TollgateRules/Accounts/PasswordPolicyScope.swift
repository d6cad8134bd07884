import TollgateKit

/// What the password-policy rules (ACC-001…007) share: which systems they evaluate and the
/// controls they map to (rules-reference §6.2, "ACC-001..007 password policy").
extension RuleContext {
    /// Systems where a password can be used, each with its password policy.
    ///
    /// A declared (or imported) policy is checked even when staff sign in through SSO: it still
    /// governs whoever does use a password there (customers of a help centre, a local fallback).
    /// A system that declares no policy is checked too unless it declares `local_login_disabled:
    /// true`, provided people sign in to it (a `security` block or an enabled account that is not
    /// a service account): absent is not the same as false, so its policy is read as one whose
    /// every field is unknown (`declared` false). The rules then decide exactly as they do for a
    /// declared policy missing those fields — the controls that must be shown to exist (length,
    /// blocklist, throttling: ACC-001, ACC-005, ACC-006) fail, the practices that must be absent
    /// (ACC-002, -003, -004, -007) pass — so one missing block gives three findings, not seven.
    var systemsWithPasswordPolicy: [(system: System, policy: PasswordPolicy, declared: Bool)] {
        inventory.systems.compactMap { system in
            if let policy = system.security?.passwordPolicy { return (system, policy, true) }
            guard system.security?.localLoginDisabled != true,
                system.security != nil
                    || (index.accountsBySystem[system.id] ?? []).contains(where: { $0.enabled && $0.kind != .service })
            else { return nil }
            // Findings about the missing policy point where it belongs: the security block, or the
            // system when it has none.
            let at = system.security?.origin ?? system.origin
            let unknown = PasswordPolicy(
                minLength: nil, maxLength: nil, compositionRules: nil, maxAgeDays: nil, blocklistEnabled: nil,
                lockoutThreshold: nil, hintsAllowed: nil, securityQuestions: nil,
                origin: Origin(file: at.file, pointer: at.pointer, mark: at.mark))
            return (system, unknown, false)
        }
    }
}

extension System {
    /// The start of a password-rule message about a system with no declared password policy.
    var undeclaredPasswordPolicy: String {
        let login = security?.localLoginDisabled == false ? "open" : "not declared disabled"
        return "no password policy is declared while local login is \(login)"
    }
}

extension ControlMapping {
    /// ISO 27001 A.5.17/A.8.5, SOC 2 CC6.1, NIST CSF PR.AA-01/03, CIS 5.2.
    static let passwordPolicy = ControlMapping(
        iso27001: ["A.5.17", "A.8.5"], soc2: ["CC6.1"], nistCSF: ["PR.AA-01", "PR.AA-03"], cis: ["5.2"])
}
