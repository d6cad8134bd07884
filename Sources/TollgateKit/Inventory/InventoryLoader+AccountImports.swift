/// Turning identity-provider user exports into the accounts of the systems that name them.
///
/// A system names the export of its own users, relative to the declaring file:
/// ```yaml
/// systems:
///   - id: workspace
///     name: Google Workspace
///     system_type: idp
///     accounts_import: exports/workspace-users.json
/// ```
/// Paths, loading and the errors for a missing, unreadable or unnamed export are those of
/// password-policy exports (`InventoryLoader.link`). An export holds one system's users, so a
/// second system naming the same file is an error.
///
/// Each user becomes a `human` account with the id `<system id>/<login>` (unique across
/// systems, stable across exports) and, when people are declared, the owner whose `email`
/// matches one of the user's addresses (any case; the primary first, then the other addresses,
/// a warning when several people match, unless a declaration states the owner); with no people
/// declared the owner is the e-mail itself. An account declared in YAML with the same id for the
/// same system refines the user field by field (`Account.init(refining:matchedOwner:imported:)`),
/// so that facts the export cannot give (`kind: break_glass`, `mfa_methods`, an Okta admin) are
/// added without losing the ones it gives; a declared fact the export contradicts is warned
/// about. With the same id on another system it is a duplicate id like any other.
extension InventoryLoader {
    /// A person matched to a user, with the user's other address that matched (nil: its primary).
    typealias PersonMatch = (person: String, address: ImportedAccount.Address?)

    /// The link from a system to the export of its users. A named file that no importer
    /// recognises is read by `UserExportDetection`, never as a declaration.
    static var userExports: ExportLink<ImportedAccounts> {
        ExportLink(
            key: "accounts_import", what: "user export", formats: UserExportDetection.formats,
            placement: "to the system whose users these are",
            named: { system in system.accountsImport.map { ($0, system.origin) } },
            exports: \.importedAccounts, file: \.file, kind: \.kind, read: UserExportDetection.read,
            readsUserList: true)
    }

    func attachAccountImports(_ inventory: inout Inventory, loader: DocumentLoader, diagnostics: inout [Diagnostic]) {
        var peopleByEmail: [String: String] = [:]
        let importing = inventory.systems.contains { $0.accountsImport != nil }
        for person in inventory.people {
            guard let email = person.email?.lowercased() else { continue }
            guard let first = peopleByEmail[email] else {
                peopleByEmail[email] = person.id
                continue
            }
            // Users are matched to people by e-mail: with two people on one address (a rehire,
            // an HR export with the old and the new record) the first is the owner, and a leaver
            // behind the other would pass ACC-013 unseen. A warning, not an error: keeping both
            // records is legitimate, and only the matching is ambiguous.
            if importing {
                diagnostics.append(
                    Diagnostic(
                        .warning, at: person.origin.location("email"),
                        "people '\(first)' and '\(person.id)' share the e-mail '\(person.email ?? "")' (in any case); "
                            + "imported users with it are matched to '\(first)'",
                        hint:
                            "give each person their own e-mail, or remove the old record; check by hand whether the account's owner left"
                    ))
            }
        }
        let peopleDeclared = !inventory.people.isEmpty
        let declared = Dictionary(inventory.accounts.indices.map { (inventory.accounts[$0].id, $0) }) { first, _ in
            first
        }
        let declaredCount = inventory.accounts.count
        var systemOfExport: [String: String] = [:]
        link(Self.userExports, &inventory, loader: loader, diagnostics: &diagnostics) {
            index, imported, inventory, diagnostics in
            let system = inventory.systems[index]
            let file = Self.standardized(imported.file)
            if let other = systemOfExport[file] {
                diagnostics.append(
                    Diagnostic(
                        at: system.origin.location("accounts_import"),
                        "'\(system.accountsImport ?? "")' is already the user export of system '\(other)'",
                        hint: "an export holds one system's users: export each system's users to a file of its own"))
                return
            }
            systemOfExport[file] = system.id
            inventory.accountExports[system.id] = imported
            var unmatched: [ImportedAccount] = []
            // The users each person was matched to as owner, in the order of the export, with
            // the other address that matched (nil: the primary).
            var owned: [(person: String, users: [(login: String, address: ImportedAccount.Address?)])] = []
            var ownedIndex: [String: Int] = [:]
            var exported = Set<String>()
            var repeated: [ImportedAccount] = []
            for var user in imported.accounts {
                let id = "\(system.id)/\(user.login)"
                guard exported.insert(id).inserted else {
                    repeated.append(user)
                    continue
                }
                let mine = declared[id].flatMap { inventory.accounts[$0].system == system.id ? $0 : nil }
                // A declared owner wins over the people matched (`Account(refining:)`), so the
                // matching can neither leave the account without an owner nor make it ambiguous.
                let ownerDeclared = mine.map { inventory.accounts[$0].origin.has("owner") } ?? false
                var owner: String? = user.email
                if peopleDeclared {
                    let matches = Self.people(matching: user, peopleByEmail)
                    owner = matches.first?.person
                    if let other = matches.first?.address {
                        user.origin = user.origin.taking(["owner"], from: other.origin)
                    }
                    // A declared owner settles it: no ambiguity, unmatched user or shared owner to say.
                    if !ownerDeclared {
                        if matches.count > 1 { diagnostics.append(Self.ambiguousOwner(user, matches)) }
                        if let match = matches.first {
                            let index = ownedIndex[match.person] ?? owned.count
                            if index == owned.count {
                                ownedIndex[match.person] = index
                                owned.append((match.person, []))
                            }
                            owned[index].users.append((user.login, match.address))
                        } else {
                            unmatched.append(user)
                        }
                    }
                }
                if let mine {
                    let refined = Account(refining: inventory.accounts[mine], matchedOwner: owner, imported: user)
                    diagnostics += Self.contradictions(inventory.accounts[mine], user)
                    inventory.accounts[mine] = refined
                    continue
                }
                inventory.accounts.append(Account(id: id, system: system.id, owner: owner, imported: user))
            }
            // The same user twice in one export is a join gone wrong, not two accounts: one error
            // for the export rather than a duplicate-id error for each user.
            if let first = repeated.first {
                diagnostics.append(
                    Diagnostic(
                        at: first.origin.location("id"),
                        "\(repeated.count.counted("user")) \(repeated.count == 1 ? "is" : "are") listed twice in this export "
                            + "(\(ImportedAccounts.naming(repeated.map(\.login)))): pages joined twice, or a download retried?",
                        hint: "export the users again, joining each page once"))
            }
            // A declaration that refines no user of the export describes an account the identity
            // provider no longer has (deleted, or renamed: the id is the login), and its facts
            // (an owner who left, admin rights) would be checked as if it still existed. Only ids
            // of the form `<system>/…` are meant to refine a user: an account named otherwise (a
            // GCP service account, an Okta API service app, `okta-admin-ann`) is not in the
            // directory's user list and is checked as declared, without a warning.
            for account in inventory.accounts[..<declaredCount]
            where account.system == system.id && account.id.hasPrefix("\(system.id)/") && !exported.contains(account.id)
            {
                diagnostics.append(
                    Diagnostic(
                        .warning, at: account.origin.location("id"),
                        "account '\(account.id)' is declared for system '\(system.id)' but is not in its export "
                            + "'\(system.accountsImport ?? "")': deleted or renamed in the identity provider?",
                        hint:
                            "remove the declaration, or correct its id to `\(system.id)/<login>` of the user it refines"
                    ))
            }
            if let warning = Self.sharedOwners(owned) { diagnostics.append(warning) }
            if let first = unmatched.first {
                diagnostics.append(
                    Diagnostic(
                        .warning, at: first.origin.location("owner"),
                        "\(unmatched.count.counted("user")) of this export "
                            + "\(unmatched.count == 1 ? "matches" : "match") no declared person's e-mail "
                            + "(\(ImportedAccounts.naming(unmatched.map(\.email)))), so whether "
                            + "\(unmatched.count == 1 ? "its owner" : "their owners") left is not known",
                        hint:
                            "add them to `people` with their `email`, or declare shared and service mailboxes as accounts with their owner"
                    ))
            }
        }
    }

    /// The people whose e-mail (in any case) is one of the user's addresses, each once: by its
    /// primary address first, then by its other addresses in order, with the other address that
    /// matched (nil: the primary). The first is the account's owner.
    static func people(
        matching user: ImportedAccount, _ peopleByEmail: [String: String]
    ) -> [PersonMatch] {
        var matches: [PersonMatch] = []
        if let person = peopleByEmail[user.email.lowercased()] { matches.append((person, nil)) }
        for other in user.otherEmails {
            guard let person = peopleByEmail[other.address.lowercased()],
                !matches.contains(where: { $0.person == person })
            else { continue }
            matches.append((person, other))
        }
        return matches
    }

    /// A warning for a user whose addresses match several people (a renamed user whose old
    /// address is another person's record, a shared alias): the first is taken as the owner,
    /// and a leaver behind another would pass ACC-013 unseen if this were silent. Not given for
    /// an account whose declaration states its `owner`, which settles it.
    static func ambiguousOwner(
        _ user: ImportedAccount, _ matches: [PersonMatch]
    ) -> Diagnostic {
        let said = matches.map {
            "'\($0.person)' (by \($0.address.map { "'\($0.address)'" } ?? "its primary address"))"
        }
        return Diagnostic(
            .warning, at: (matches.dropFirst().first?.address?.origin ?? user.origin).location("owner"),
            "user '\(user.login)' matches \(matches.count) people by its addresses, \(said.joined(separator: ", ")); "
                + "its owner is taken to be '\(matches[0].person)'",
            hint:
                "give each address to one person only (remove it from the other's record, or the alias from the user), "
                + "or declare the account with its `owner`; check by hand whether the others left"
        )
    }

    /// One warning for an export in which a person is the owner of several users, one of them
    /// at least through an address other than its primary one: Workspace `emails[]` may hold an
    /// address that is not the user's own mailbox (type `home`, `other`, `custom`), and the
    /// person it names would be taken as the owner of an account that is not theirs, so that a
    /// leaver behind it passed ACC-013 unseen. Nil when there is none; one person with two
    /// accounts (an admin one) is legitimate, and a declared `owner` settles it.
    static func sharedOwners(
        _ owned: [(person: String, users: [(login: String, address: ImportedAccount.Address?)])]
    ) -> Diagnostic? {
        let shared = owned.filter { $0.users.count > 1 && $0.users.contains { $0.address != nil } }
        guard let address = shared.first?.users.lazy.compactMap(\.address).first else { return nil }
        let said = shared.prefix(3).map { person, users in
            let how = users.map { login, address in "'\(login)'" + (address.map { " by '\($0.address)'" } ?? "") }
            return "'\(person)' (\(how.joined(separator: ", ")))"
        }
        return Diagnostic(
            .warning, at: address.origin.location("owner"),
            "\(shared.count == 1 ? "1 person is" : "\(shared.count) people are") the owner of more than one user of "
                + "this export, through an address other than a user's primary one: "
                + said.joined(separator: "; ") + (shared.count > 3 ? "; …" : "")
                + "; an address a user lists may be someone else's, and that user's real owner is then not known",
            hint:
                "remove the address from the user whose mailbox it is not (an emails entry of type home or other), "
                + "or declare the account with its `owner`; one person with two accounts (an admin one) is expected"
        )
    }

    /// A warning for the facts a declaration writes that the export it refines records
    /// otherwise: the export's value is the one checked, and a reader of the declaration would
    /// believe the other (a leaver's account declared `enabled: false` that is still active in
    /// the identity provider). Facts the declaration adds (`is_admin: true` for an Okta user)
    /// are not contradictions.
    static func contradictions(_ declared: Account, _ user: ImportedAccount) -> [Diagnostic] {
        func written<T>(_ field: String, _ value: T?) -> T? { declared.origin.has(field) ? value : nil }
        let facts: [(field: String, declared: String?, exported: String?)] = [
            ("enabled", written("enabled", declared.enabled).map(String.init), user.enabled.map(String.init)),
            ("is_admin", written("is_admin", declared.isAdmin).map(String.init), user.isAdmin ? "true" : nil),
            (
                "mfa_enabled", written("mfa_enabled", declared.mfaEnabled).map(String.init),
                user.mfaEnabled.map(String.init)
            ),
            ("created", written("created", declared.created)?.description, user.created?.description),
            ("last_login", written("last_login", declared.lastLogin)?.description, user.lastLogin?.description),
        ]
        let contradicted = facts.filter { $0.declared != nil && $0.exported != nil && $0.declared != $0.exported }
        guard let first = contradicted.first else { return [] }
        let declares = contradicted.map { "\($0.field): \($0.declared ?? "")" }.joined(separator: ", ")
        let shows = contradicted.map { "\($0.field): \($0.exported ?? "")" }.joined(separator: ", ")
        return [
            Diagnostic(
                .warning, at: declared.origin.location(first.field),
                "account '\(declared.id)' declares \(declares), but its export shows \(shows) "
                    + "(\(user.origin.location)); the export is used",
                hint: "the identity provider's export is the record of these facts: remove them from the declaration")
        ]
    }
}
