/// Keys written one level away from where they belong, with where to move them. The generic
/// advice for an unknown key ("remove it, or prefix it with x-") would have the user delete a
/// fact a rule needs, and "did you mean" finds nothing close at the wrong level.
enum MisplacedKeys {
    /// The keys of a system's `security:` mapping (`SecurityConfiguration`).
    static let security: Set<String> = [
        "sso_supported", "sso_enforced", "local_login_disabled", "mfa_supported", "mfa_enforced",
        "mfa_methods_allowed", "supports_delegation", "supports_separate_admin_accounts", "password_policy",
        "password_policy_import", "session", "last_access_review",
    ]

    /// Where `key`, unknown in a mapping read as `context`, belongs; nil when it is not a known
    /// misplacement.
    static func hint(for key: String, in context: String) -> String? {
        switch context {
        case "security" where key == "accounts_import":
            return "`accounts_import` belongs on the system, beside `security:`, not inside it: move it up one level"
        case "system" where security.contains(key):
            return "`\(key)` belongs in the system's `security:` mapping: move it there"
        default:
            return nil
        }
    }
}
