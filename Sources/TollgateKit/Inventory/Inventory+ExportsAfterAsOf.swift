/// User exports newer than the day a check is run as of.
///
/// An export is a snapshot taken when it was saved: checked as of an earlier day (a quarter's
/// end, with this week's export), its users' last sign-ins after that day replace the ones the
/// day had on record, so whether they were dormant then is not known. That is one fact about
/// the export, said once per export (`Checker`), not a finding per user; a declared account's
/// date after the as-of date stays a finding (ACC-012), since a declaration is meant to hold the
/// record of its day.
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
    /// `accountsExportedAfter` gives them), counting and naming them.
    func exportsAfterAsOf(_ asOf: Day, _ exported: [String: [Account]]) -> [Diagnostic] {
        exported.sorted { $0.key < $1.key }.compactMap { system, accounts in
            guard let first = accounts.first, let field = first.lastActivity?.field else { return nil }
            let created = accounts.contains { $0.lastLogin == nil }
            let verb =
                created
                ? "signed in or \(accounts.count == 1 ? "was" : "were") created" : "signed in"
            return Diagnostic(
                .warning, at: first.origin.location(field),
                "\(accounts.count.counted("user")) in the export of system '\(system)' \(verb) after the as-of date "
                    + "\(asOf) (\(ImportedAccounts.naming(accounts.map(\.id)))): the export is newer than the date "
                    + "you check as of, so whether \(accounts.count == 1 ? "it was" : "they were") dormant on that "
                    + "date is not known",
                hint:
                    "check as of the day the export was saved (--as-of), or check an export saved on the as-of date")
        }
    }
}
