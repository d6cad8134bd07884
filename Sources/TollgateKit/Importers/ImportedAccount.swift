/// One user read from an identity provider's user export, waiting for the system whose
/// `accounts_import` names the export: the system gives the account its id (`system/login`)
/// and its `system`, and the declared `people` its owner (`InventoryLoader+AccountImports`).
public struct ImportedAccount: Sendable {
    /// The sign-in name: Google's `primaryEmail`, Okta's `profile.login`.
    public let login: String
    /// The user's e-mail address, matched against the `email` of declared people.
    public let email: String
    /// The user's other addresses, matched against people's e-mails after `email` (Workspace:
    /// `aliases`, then `emails[].address`; Okta: `profile.secondEmail`), each once and never
    /// `email` itself.
    public let otherEmails: [Address]
    public let isAdmin: Bool
    /// Whether the user can sign in; nil when the export does not say (a Workspace user with
    /// neither `suspended` nor `archived`, an Okta user without `status`: a restricted export).
    public let enabled: Bool?
    /// Set for a user created but never activated (Okta `STAGED`, `PROVISIONED`); nil otherwise.
    public let pendingActivation: PendingActivation?
    /// Whether a second factor is enrolled; nil when the export does not say (Okta's user list).
    public let mfaEnabled: Bool?
    public let created: Day?
    /// Nil when the user never signed in.
    public let lastLogin: Day?
    public let recoveryEmail: String?
    public let recoveryPhone: String?
    /// The user's object in the export (`/users/3`), with the Tollgate fields read from it
    /// (`mfa_enabled` at `/users/3/isEnrolledIn2Sv`), so findings point into the export. Its
    /// `owner` is `email`, or the other address a person was matched by.
    public internal(set) var origin: Origin

    /// One of a user's other addresses, and where it is (`/users/3/aliases/0`).
    public struct Address: Sendable {
        public let address: String
        /// An origin at the address whose `owner` is there, for the account's owner when a
        /// person is matched by it.
        public let origin: Origin

        /// The other addresses of a user whose e-mail is `primary`, as `otherEmails` holds them:
        /// each of `found` in order, once in any case, never `primary` itself.
        static func others(_ found: [ExportReader.Found<String>], besides primary: String, file: String) -> [Address] {
            var seen: Set<String> = [primary.lowercased()]
            return found.filter { seen.insert($0.value.lowercased()).inserted }.map {
                Address(
                    address: $0.value,
                    origin: Origin(
                        file: file, pointer: $0.pointer, mark: $0.mark, fields: [(key: "owner", mark: $0.mark)],
                        fieldPointers: ["owner": $0.pointer]))
            }
        }
    }
}

/// The users of one identity-provider export, as an importer read them.
public struct ImportedAccounts: Sendable {
    /// The export's path as it was loaded.
    public let file: String
    /// The importer that read it (`google-workspace-users`, `okta-users`).
    public let kind: String
    public let accounts: [ImportedAccount]
    /// What the export is, when its format cannot show admin rights ("Okta's users list"): its
    /// users' `isAdmin` is false for want of knowing, so only declared admins are known.
    public let formatWithoutAdmins: String?

    /// What an accounts importer returns for `file`: the accounts only when the export was read
    /// without errors, so a half-read user list never reaches the rules.
    static func outcome(
        file: String, kind: String, accounts: [ImportedAccount], formatWithoutAdmins: String?,
        diagnostics: [Diagnostic]
    ) -> (inventory: Inventory, diagnostics: [Diagnostic]) {
        var inventory = Inventory(sourceFiles: [file])
        var diagnostics = diagnostics
        if !diagnostics.contains(where: { $0.level == .error }) {
            inventory.importedAccounts = [
                ImportedAccounts(file: file, kind: kind, accounts: accounts, formatWithoutAdmins: formatWithoutAdmins)
            ]
            diagnostics += gaps(in: accounts, file: file, adminsShown: formatWithoutAdmins == nil)
        }
        return (inventory, diagnostics)
    }

    /// One warning for an export whose users lack what the account rules need, so that a
    /// restricted export does not pass them silently: a user without a suspended or status flag
    /// is taken to be able to sign in (unless a declaration says otherwise), one with neither a last sign-in nor a
    /// creation time is never found dormant (ACC-012), one without an admin flag is never an
    /// admin (ACC-009, ACC-014). A restricted view (Workspace `viewType=domain_public`, a
    /// delegated admin without the Users read privilege) returns such users. One warning too
    /// for an export with no users, which would pass every account rule.
    static func gaps(in accounts: [ImportedAccount], file: String, adminsShown: Bool) -> [Diagnostic] {
        guard let first = accounts.first else {
            return [
                Diagnostic(
                    .warning, at: SourceLocation(file: file, line: 1, column: 1),
                    "the export lists no users, so no account of its system is checked",
                    hint: "an empty organisation, or a failed or filtered export: export the users again")
            ]
        }
        let unstated = accounts.filter { $0.enabled == nil }
        let undated = accounts.filter { $0.created == nil && $0.lastLogin == nil }
        let unflagged = adminsShown ? accounts.filter { !$0.origin.has("is_admin") } : []
        let lacking = [
            (unstated, "no suspended or status flag, so whether they can sign in is not known"),
            (undated, "no last sign-in or creation time, so whether they are dormant is not known"),
            (unflagged, "no admin flag, so whether they are admins is not known"),
        ].filter { !$0.0.isEmpty }
        guard !lacking.isEmpty else { return [] }
        let said = lacking.map { users, what in
            let named = naming(users.map(\.login), count: 2)
            let who: String
            switch (users.count, accounts.count) {
            case (1, 1): who = "the export's only user (\(named)) has"
            case (1, _): who = "1 of \(accounts.count) users (\(named)) has"
            case (let some, let all) where some == all: who = "all \(all) users (\(named)) have"
            case (let some, let all): who = "\(some) of \(all) users (\(named)) have"
            }
            return "\(who) \(what)"
        }
        let at = lacking.first?.0.first ?? first
        return [
            Diagnostic(
                .warning, at: at.origin.location, said.joined(separator: "; "),
                hint:
                    "a restricted export leaves these fields out (Workspace: viewType=domain_public, or an admin without the Users read privilege): export the users as an administrator with the default admin view"
            )
        ]
    }
}

extension ImportedAccounts {
    /// The first `count` of `values`, quoted, and an ellipsis for the rest: users named in a warning.
    static func naming(_ values: [String], count: Int = 3) -> String {
        values.prefix(count).map { "'\($0)'" }.joined(separator: ", ") + (values.count > count ? ", …" : "")
    }

    /// Reads every user of a list whose items sit at `base/0`, `base/1`, … with `user`, and
    /// returns them with every problem found (`diagnostics` holds those found before);
    /// `formatWithoutAdmins` names a format that cannot show admin rights.
    static func read(
        _ items: [Node], base: String, file: String, kind: String, advice: ExportReader.Advice,
        diagnostics: [Diagnostic], formatWithoutAdmins: String? = nil,
        user: (inout ExportReader) -> ImportedAccount?
    ) -> (inventory: Inventory, diagnostics: [Diagnostic]) {
        var problems = diagnostics
        var accounts: [ImportedAccount] = []
        for (index, item) in items.enumerated() {
            var r = ExportReader(file: file, root: item, base: "\(base)/\(index)", hint: advice.again, advice: advice)
            if item.entries == nil {
                r.report(
                    at: item.mark, r.base, "expected a user object, found \(item.typeDescription)",
                    hint: advice.notAnEntry(item))
            } else if let account = user(&r) {
                accounts.append(account)
            }
            problems += r.diagnostics
        }
        return outcome(
            file: file, kind: kind, accounts: accounts, formatWithoutAdmins: formatWithoutAdmins, diagnostics: problems)
    }
}
