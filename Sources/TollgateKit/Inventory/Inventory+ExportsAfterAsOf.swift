/// User exports newer than the day a check is run as of.
///
/// An export is a snapshot taken when it was saved: checked as of an earlier day (a quarter's
/// end, with this week's export), its users' last sign-ins after that day replace the ones the
/// day had on record, so whether they were dormant then is not known, and its users created
/// after that day did not exist then. That is one fact about the export, said once per export
/// (`Checker`, when a rule with an `activityScope` runs), not a finding per user; a declared
/// account's date after the as-of date stays a finding (ACC-012), since a declaration is meant
/// to hold the record of its day.
extension Inventory {
    /// The accounts whose `lastActivity` was read from their system's user export and is after
    /// `asOf`, by system id, each system's in the order of `accounts`.
    public func accountsExportedAfter(_ asOf: Day) -> [String: [Account]] {
        guard !accountExports.isEmpty else { return [:] }
        return Dictionary(
            grouping: accounts.filter { account in
                guard let activity = account.lastActivity, asOf < activity.day else { return false }
                return accountExports[account.system]?.file == account.origin.location(activity.field).file
            }, by: \.system)
    }

    /// One warning for each export with users active after `asOf` (`exported`, as
    /// `accountsExportedAfter` gives them) that one of `rules` judges (`activityScope`),
    /// counting and naming them. Those who signed in after `asOf` are taken as in use (the rules
    /// pass them), but whether they were dormant on that date is not known; those created after
    /// it did not exist then, and are left out.
    func exportsAfterAsOf(
        _ asOf: Day, _ exported: [String: [Account]], judgedBy rules: [RuleDescription]
    ) -> [Diagnostic] {
        let scopes = rules.compactMap(\.activityScope)
        let ids = rules.map(\.id).joined(separator: " and ")
        return exported.sorted { $0.key < $1.key }.compactMap { system, all in
            let accounts = all.filter { account in scopes.contains { $0(account) } }
            guard let first = accounts.first, let field = first.lastActivity?.field else { return nil }
            let created = accounts.count { $0.createdAfter(asOf) }
            let signedIn = accounts.count - created
            func them(_ count: Int) -> String { count == 1 ? "it" : "them" }
            // What the rules do with each group, said the same way whichever groups there are.
            let passed = "(\(ids) passes \(them(signedIn)), as \(signedIn == 1 ? "it" : "each") signed in since)"
            let leftOut = "(\(ids) leaves \(them(created)) out)"
            let who: String
            let what: String
            switch (signedIn, created) {
            case (_, 0):
                who = "\(signedIn.counted("user")) in the export of system '\(system)' signed in"
                what =
                    ", so whether \(signedIn == 1 ? "it was" : "they were") dormant on that date is not known \(passed)"
            case (0, _):
                who =
                    "\(created.counted("user")) in the export of system '\(system)' \(created == 1 ? "was" : "were") created"
                what = ", and \(created == 1 ? "it" : "they") did not exist on that date \(leftOut)"
            default:
                who =
                    "\(signedIn.counted("user")) in the export of system '\(system)' signed in and \(created) "
                    + "\(created == 1 ? "was" : "were") created"
                what =
                    "; whether the \(signedIn) who signed in \(signedIn == 1 ? "was" : "were") dormant on that date "
                    + "is not known \(passed), and the \(created) created did not exist then \(leftOut)"
            }
            return Diagnostic(
                .warning, at: first.origin.location(field),
                "\(who) after the as-of date \(asOf) (\(ImportedAccounts.naming(accounts.map(\.id)))): "
                    + "the export is newer than the date you check as of\(what)",
                hint:
                    "check as of the day the export was saved (--as-of), or check an export saved on the as-of date")
        }
    }
}
