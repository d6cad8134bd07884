/// Reads the Okta Users API list (`GET /api/v1/users`): an array of user objects with `id`,
/// `status`, `created`, `activated`, `lastLogin`, `passwordChanged` and
/// `profile{login, email, secondEmail, firstName, lastName}`. Okta pages with a `Link: rel="next"` header,
/// not in the body, so the pages must be joined into one array before the check
/// (`jq -s add page*.json`).
///
/// `profile.login` is the sign-in name, `profile.email` (else the login) is matched against
/// declared people, then `profile.secondEmail`; `status` `SUSPENDED` or `DEPROVISIONED` → `enabled: false` (`ACTIVE`,
/// `RECOVERY`, `LOCKED_OUT` and `PASSWORD_EXPIRED` users can be signed in to, at once or after a
/// reset or an unlock; `STAGED` and `PROVISIONED` users are enabled too, with their
/// `PendingActivation`); `created` → `created`; `lastLogin` → `last_login` (`null`:
/// never signed in). The list says nothing of enrolled factors or admin roles, so `mfa_enabled`
/// stays unknown (the system's `mfa_enforced` then decides, as for any account that does not
/// declare it) and no account is an admin.
public struct OktaUsersImporter: Importer {
    public init() {}

    public let kind = "okta-users"

    static let advice = ExportReader.Advice(source: "GET /api/v1/users")

    /// Okta's user statuses (Users API, "User status"); the last two can no longer sign in.
    static let statuses: Set<String> = [
        "STAGED", "PROVISIONED", "ACTIVE", "RECOVERY", "LOCKED_OUT", "PASSWORD_EXPIRED", "SUSPENDED", "DEPROVISIONED",
    ]
    static let disabled: Set<String> = ["SUSPENDED", "DEPROVISIONED"]
    /// The statuses of users created but never activated.
    static let pending: [String: PendingActivation] = ["STAGED": .staged, "PROVISIONED": .provisioned]

    public func recognises(_ root: Node) -> Bool {
        guard let users = root.elements, !users.isEmpty else { return false }
        return users.allSatisfy { $0.has("status") && $0["profile"]?.has("login") == true }
    }

    public var readsUserList: Bool { true }

    /// Any list, as `UserExportDetection` reads it: entries without `status` or `profile.login`
    /// are reported at their positions.
    public func readsWhenNamed(_ root: Node) -> Bool { root.elements != nil }

    public func importDocument(_ root: Node, file: String) -> (inventory: Inventory, diagnostics: [Diagnostic]) {
        ImportedAccounts.read(
            root.elements ?? [], base: "", file: file, kind: kind, advice: Self.advice, diagnostics: [],
            formatWithoutAdmins: "Okta's users list", user: Self.user)
    }

    /// One user object, or nil (with the reason in `r`) when it cannot be read.
    static func user(_ r: inout ExportReader) -> ImportedAccount? {
        let login = r.required(["profile", "login"])
        let email = r.string(["profile", "email"])
        // The user's other address (Okta's base profile attribute, often null or empty): people
        // are matched by it after the primary, as by a Workspace user's aliases.
        let secondEmail = r.string(["profile", "secondEmail"]).flatMap { $0.value.isEmpty ? nil : $0 }
        let status = r.string(["status"])
        if let status, !statuses.contains(status.value) {
            r.report(
                .warning, at: status.mark, status.pointer,
                "unknown Okta user status '\(status.value)', read as able to sign in")
        }
        r.record("enabled", status)
        let created = r.day(["created"])
        r.record("created", created)
        let lastLogin = r.day(["lastLogin"])
        r.record("last_login", lastLogin)
        _ = r.day(["activated"])
        _ = r.day(["passwordChanged"])
        guard let login else { return nil }
        r.record("id", login)
        r.record("owner", email ?? login)
        let primary = email?.value ?? login.value
        return ImportedAccount(
            login: login.value, email: primary,
            otherEmails: ImportedAccount.Address.others(
                [secondEmail].compactMap { $0 }, besides: primary, file: r.file),
            isAdmin: false,
            enabled: status.map { !disabled.contains($0.value) },
            pendingActivation: status.flatMap { pending[$0.value] }, mfaEnabled: nil, created: created?.value,
            lastLogin: lastLogin?.value, recoveryEmail: nil, recoveryPhone: nil, origin: r.origin(at: r.whole))
    }
}
