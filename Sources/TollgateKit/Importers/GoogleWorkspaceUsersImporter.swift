/// Reads the Google Workspace Admin SDK Directory API `users.list` response
/// (`GET https://admin.googleapis.com/admin/directory/v1/users?customer=my_customer`):
/// `{"kind": "admin#directory#users", "users": [...]}`, or a bare array of user resources (the
/// `users` of every page joined into one array).
///
/// Fields read from each user resource: `primaryEmail` (required), `isAdmin` (super admin) and
/// `isDelegatedAdmin` → `is_admin`; `suspended` and `archived` → `enabled`; `isEnrolledIn2Sv` →
/// `mfa_enabled`; `creationTime` → `created`; `lastLoginTime` → `last_login`; `recoveryEmail`,
/// `recoveryPhone`; `aliases` and `emails[].address` → other addresses people are matched by (a
/// malformed one is a warning and ignored).
/// Timestamps are RFC 3339 and read as their UTC day. Google writes
/// `lastLoginTime: "1970-01-01T00:00:00.000Z"` for a user who has never signed in: that is read
/// as no sign-in (so ACC-012 counts from `creationTime`), not as a sign-in in 1970. Other keys are
/// ignored. A response carrying `nextPageToken` is one page of several: an error, since checking
/// part of the users would pass the rest unseen.
///
/// `gam print users allfields` writes CSV with other column names: it is not this format.
public struct GoogleWorkspaceUsersImporter: Importer {
    public init() {}

    public let kind = "google-workspace-users"

    static let advice = ExportReader.Advice(
        source: "GET https://admin.googleapis.com/admin/directory/v1/users?customer=my_customer")

    public func recognises(_ root: Node) -> Bool {
        if let users = root.elements {
            return !users.isEmpty && users.allSatisfy { $0.entries != nil && $0.has("primaryEmail") }
        }
        return root["kind"]?.text == "admin#directory#users"
    }

    public var readsUserList: Bool { true }

    /// A list of users, or a mapping with `users` (without `kind`), as `UserExportDetection` reads it.
    public func readsWhenNamed(_ root: Node) -> Bool { root.elements != nil || root.has("users") }

    public func importDocument(_ root: Node, file: String) -> (inventory: Inventory, diagnostics: [Diagnostic]) {
        var page = ExportReader(file: file, root: root, hint: Self.advice.again, advice: Self.advice)
        var users: [Node] = root.elements ?? []
        var base = ""
        if root.elements == nil {
            base = "/users"
            if let token = page.string(["nextPageToken"]), !token.value.isEmpty {
                page.report(
                    at: token.mark, token.pointer,
                    "this is one page of the users list (nextPageToken is set): the users of the other pages are missing",
                    hint:
                        "fetch every page (pass each nextPageToken as pageToken) and join their users into one array: "
                        + "jq -s '[.[].users[]]' page-*.json > workspace-users.json")
            }
            if let list = page.node(["users"]) {
                if let items = list.value.elements {
                    users = items
                } else {
                    page.report(
                        at: list.mark, list.pointer, "expected a list for 'users', found \(list.value.typeDescription)")
                }
            }
        }
        return ImportedAccounts.read(
            users, base: base, file: file, kind: kind, advice: Self.advice, diagnostics: page.diagnostics,
            user: Self.user)
    }

    /// One user resource, or nil (with the reason in `r`) when it cannot be read.
    static func user(_ r: inout ExportReader) -> ImportedAccount? {
        let email = r.required(["primaryEmail"])
        let superAdmin = r.bool(["isAdmin"])
        let delegatedAdmin = r.bool(["isDelegatedAdmin"])
        r.record("is_admin", [superAdmin, delegatedAdmin].first { $0?.value == true } ?? superAdmin)
        let suspended = r.bool(["suspended"])
        let archived = r.bool(["archived"])
        r.record("enabled", [suspended, archived].first { $0?.value == true } ?? suspended ?? archived)
        let enrolled = r.bool(["isEnrolledIn2Sv"])
        r.record("mfa_enabled", enrolled)
        _ = r.bool(["isEnforcedIn2Sv"])
        let created = r.day(["creationTime"])
        r.record("created", created)
        // Google's "never signed in" is the Unix epoch, not a sign-in on 1 January 1970.
        let lastLogin = r.day(["lastLoginTime"]).flatMap { $0.value.ordinal <= 0 ? nil : $0 }
        r.record("last_login", lastLogin)
        let recoveryEmail = r.string(["recoveryEmail"]).flatMap { $0.value.isEmpty ? nil : $0 }
        r.record("recovery_email", recoveryEmail)
        let recoveryPhone = r.string(["recoveryPhone"]).flatMap { $0.value.isEmpty ? nil : $0 }
        r.record("recovery_phone", recoveryPhone)
        guard let email else { return nil }
        // Addresses the user receives mail at besides the primary one: a renamed user keeps the
        // old address as an alias, and HR may still hold it. `nonEditableAliases` are read-only
        // addresses Google derives from these (the same name in a domain alias), under which no
        // person is recorded. They only match people, and the API types `emails` loosely (tools
        // other than it shape it as they like), so a malformed one is a warning and ignored:
        // as an error it would keep every user of the export from the account rules.
        let ignored = "ignored, so no person is matched by it"
        let others =
            r.optionalStrings(["aliases"], ignored: ignored)
            + r.optionalStrings(["emails"], each: ["address"], ignored: ignored)
        r.record("id", email)
        r.record("owner", email)
        return ImportedAccount(
            login: email.value, email: email.value,
            otherEmails: ImportedAccount.Address.others(others, besides: email.value, file: r.file),
            isAdmin: superAdmin?.value == true || delegatedAdmin?.value == true,
            enabled: suspended == nil && archived == nil ? nil : suspended?.value != true && archived?.value != true,
            pendingActivation: nil,
            mfaEnabled: enrolled?.value,
            created: created?.value, lastLogin: lastLogin?.value, recoveryEmail: recoveryEmail?.value,
            recoveryPhone: recoveryPhone?.value, origin: r.origin(at: r.whole))
    }
}
