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
/// matches the user's (any case); with no people declared the owner is the e-mail itself. An
/// account declared in YAML with the same id for the same system wins, with a warning, so
/// that facts the export cannot give (`kind: break_glass`, `mfa_methods`) can be added; with
/// the same id on another system it is a duplicate id like any other.
extension InventoryLoader {
    /// The link from a system to the export of its users. A named file that no importer
    /// recognises is read by `UserExportDetection`, never as a declaration.
    static var userExports: ExportLink<ImportedAccounts> {
        ExportLink(
            key: "accounts_import", what: "user export", formats: UserExportDetection.formats,
            placement: "to the system whose users these are",
            named: { system in system.accountsImport.map { ($0, system.origin) } },
            exports: \.importedAccounts, file: \.file, kind: \.kind, read: UserExportDetection.read)
    }

    func attachAccountImports(_ inventory: inout Inventory, loader: DocumentLoader, diagnostics: inout [Diagnostic]) {
        var peopleByEmail: [String: String] = [:]
        for person in inventory.people {
            if let email = person.email?.lowercased(), peopleByEmail[email] == nil { peopleByEmail[email] = person.id }
        }
        let peopleDeclared = !inventory.people.isEmpty
        let declared = Dictionary(inventory.accounts.map { ($0.id, $0) }) { first, _ in first }
        var systemOfExport: [String: String] = [:]
        link(Self.userExports, &inventory, loader: loader, diagnostics: &diagnostics) {
            index, imported, inventory, diagnostics in
            let system = inventory.systems[index]
            let file = Self.standardised(imported.file)
            if let other = systemOfExport[file] {
                diagnostics.append(
                    Diagnostic(
                        at: system.origin.location("accounts_import"),
                        "'\(system.accountsImport ?? "")' is already the user export of system '\(other)'",
                        hint: "an export holds one system's users: export each system's users to a file of its own"))
                return
            }
            systemOfExport[file] = system.id
            var unmatched: [ImportedAccount] = []
            for user in imported.accounts {
                let id = "\(system.id)/\(user.login)"
                if let mine = declared[id], mine.system == system.id {
                    diagnostics.append(
                        Diagnostic(
                            .warning, at: mine.origin.location("id"),
                            "account '\(id)' is declared here and imported from \(user.origin.location); the declaration is used",
                            hint:
                                "the export's facts about this account are not checked; remove the declaration to check them"
                        ))
                    continue
                }
                var owner: String? = user.email
                if peopleDeclared {
                    owner = peopleByEmail[user.email.lowercased()]
                    if owner == nil { unmatched.append(user) }
                }
                inventory.accounts.append(Account(id: id, system: system.id, owner: owner, imported: user))
            }
            if let first = unmatched.first {
                let named = unmatched.prefix(3).map { "'\($0.email)'" }.joined(separator: ", ")
                diagnostics.append(
                    Diagnostic(
                        .warning, at: first.origin.location("owner"),
                        "\(unmatched.count.counted("user")) of this export match no declared person's e-mail "
                            + "(\(named)\(unmatched.count > 3 ? ", …" : "")), so whether their owners left is not known",
                        hint:
                            "add them to `people` with their `email`, or declare shared and service mailboxes as accounts with their owner"
                    ))
            }
        }
    }
}
