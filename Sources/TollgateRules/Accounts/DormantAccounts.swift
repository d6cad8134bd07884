import TollgateKit

/// ACC-012: accounts nobody uses are disabled.
///
/// Coupled with the Checker's notice for user exports newer than the as-of date
/// (`Inventory.exportsAfterAsOf`, given because the description has an `activityScope`): a user
/// of such an export who signed in after the as-of date is passed, as in use, and one created
/// after it is left out, as it did not exist then; the notice is what says so. Run outside a
/// `Checker` (a library caller), the rule passes and leaves them out the same way, without it.
public struct DormantAccounts: Rule {
    public init() {}

    /// The accounts the rule judges: enabled ones, break-glass accounts (meant to sit unused)
    /// aside. The notice counts the same ones.
    public static let inScope: @Sendable (Account) -> Bool = { $0.enabled && $0.kind != .breakGlass }

    public let description = RuleDescription(
        id: "ACC-012", slug: "dormant-accounts", domain: .accounts,
        title: "Dormant accounts disabled",
        rationale: """
            An account nobody signs in to is one nobody would notice being used by someone else. CIS Controls v8.1 \
            5.3 asks to delete or disable accounts after 45 days of inactivity. An account that never signed in \
            counts from its creation. Break-glass accounts are meant to sit unused and are out of scope.
            """,
        severity: .medium,
        references: ["CIS Controls v8.1 5.3"],
        controls: ControlMapping(iso27001: ["A.5.18"], soc2: ["CC6.2", "CC6.3"], nistCSF: ["PR.AA-05"], cis: ["5.3"]),
        remediation: "disable or delete the account; re-enable it on request",
        parameters: [
            RuleParameter(
                "max_inactive_days", .int(45),
                "an account whose last sign-in (or creation) is strictly more than this many days ago is dormant")
        ],
        examples: [
            RuleExample(
                "last sign-in 45 days ago (boundary)", asOf: "2026-06-01",
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }]
                accounts:
                  - { id: ann, system: crm, kind: human, last_login: 2026-04-17 }
                """),
            RuleExample(
                "last sign-in 46 days ago (boundary)", failing: ["account:ann"], asOf: "2026-06-01",
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }]
                accounts:
                  - { id: ann, system: crm, kind: human, last_login: 2026-04-16 }
                """),
            RuleExample(
                "signed in on the as-of date (boundary)", asOf: "2026-06-01",
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }]
                accounts:
                  - { id: ann, system: crm, kind: human, last_login: 2026-06-01 }
                """),
            RuleExample(
                "last sign-in dated the day after the as-of date (boundary)", failing: ["account:ann"],
                asOf: "2026-06-01",
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }]
                accounts:
                  - { id: ann, system: crm, kind: human, last_login: 2026-06-02 }
                """),
            RuleExample(
                "never signed in, created 45 days ago (boundary)", asOf: "2026-06-01",
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }]
                accounts:
                  - { id: bob, system: crm, kind: human, created: 2026-04-17 }
                """),
            RuleExample(
                "never signed in, created 46 days ago (boundary)", failing: ["account:bob"], asOf: "2026-06-01",
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }]
                accounts:
                  - { id: bob, system: crm, kind: human, created: 2026-04-16 }
                """),
            RuleExample(
                "never signed in since creation long ago", failing: ["account:bob"], asOf: "2026-06-01",
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }]
                accounts:
                  - { id: bob, system: crm, kind: human, created: 2026-01-05 }
                """),
            RuleExample(
                "disabled or break-glass accounts are out of scope", asOf: "2026-06-01",
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }]
                accounts:
                  - { id: old, system: crm, kind: human, enabled: false, last_login: 2025-01-01 }
                  - { id: glass, system: crm, kind: break_glass, is_admin: true, last_login: 2025-01-01 }
                """),
        ], activityScope: DormantAccounts.inScope)

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let limit = context.parameters.int("max_inactive_days")
        // A user export newer than the as-of date: its users' record as of that date is not
        // known, which is one warning for the export (`Checker`). One who signed in since is in
        // use, and passes rather than vanishing from the evaluated accounts (with all of them
        // gone, the rule would read as not applicable); one created since did not exist then.
        let exportedLater = Set(context.accountsExportedAfterAsOf.values.joined().map(\.id))
        return context.inventory.accounts.compactMap { account in
            guard Self.inScope(account) else { return nil }
            if exportedLater.contains(account.id) {
                return account.createdAfter(context.asOf) ? nil : Evaluation(.account(account))
            }
            // A user never activated (Okta STAGED, PROVISIONED) is said to be one: it is no person
            // who stopped signing in, and a provisioned one has an activation link out.
            let pending = account.pendingActivationPhrase
            guard let activity = account.lastActivity else { return nil }
            let (since, field) = (activity.day, activity.field)
            let event: String
            let dated: String
            switch activity {
            case .signedIn:
                event = "last sign-in"
                dated = "the last sign-in of account '\(account.id)' is dated"
            case .created:
                event = account.pendingActivation == .staged ? "created" : "never signed in; created"
                dated = "account '\(account.id)' was created on"
            }
            let what = [pending, event].compactMap { $0 }.joined(separator: "; ")
            if let future = AsOfDates.afterAsOf(dated, since, context.asOf) {
                return Evaluation(
                    .account(account), [Violation(future, at: account.origin.location(field), key: "dormant")])
            }
            let idle = since.days(until: context.asOf)
            guard idle > limit else { return Evaluation(.account(account)) }
            return Evaluation(
                .account(account),
                [
                    Violation(
                        "account '\(account.id)' is dormant: \(what) \(idle) days ago, over \(limit)",
                        at: account.origin.location(field), key: "dormant")
                ])
        }
    }
}
