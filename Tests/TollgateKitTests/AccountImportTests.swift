import Foundation
import Testing
import TollgateRules

@testable import TollgateKit

/// Identity-provider user exports (Google Workspace Directory `users.list`): imported as the
/// accounts of the system that names them in `accounts_import`, checked with locations in the
/// export, and refused clearly when malformed or not linked.
@Suite("Account imports")
struct AccountImportTests {
    static let fixtures = TestSupport.packageRoot.appendingPathComponent("fixtures/importers").path
    static let asOf = Day(iso: "2026-06-01")!

    static func check(_ paths: [String], imports: [ImportRequest] = []) -> Report {
        CheckRunner(rules: BuiltInRules.all).run(
            paths: paths, imports: imports, policyPaths: [], asOf: asOf, failOn: .atOrAbove(.medium))
    }

    static func findings(_ report: Report, _ rule: String) -> [Finding] {
        report.findings.filter { $0.ruleID == rule }
    }

    /// Writes `files` into a new directory and returns it.
    static func directory(_ files: [String: String]) throws -> URL {
        let directory = try TestSupport.temporaryDirectory()
        for (name, text) in files {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return directory
    }

    /// A Directory API user resource with the fields the importer reads.
    static func user(
        _ email: String, admin: Bool = false, enrolled: Bool = true, suspended: Bool = false,
        last: String = "2026-05-30T08:00:00.000Z", created: String = "2024-01-01T00:00:00.000Z", extra: String? = nil
    ) -> String {
        """
        {"kind": "admin#directory#user", "primaryEmail": "\(email)", "isAdmin": \(admin), "isDelegatedAdmin": false,
         "suspended": \(suspended), "archived": false, "isEnrolledIn2Sv": \(enrolled), "isEnforcedIn2Sv": false,
         "lastLoginTime": "\(last)", "creationTime": "\(created)"\(extra.map { ", " + $0 } ?? "")}
        """
    }

    static func usersList(_ users: [String]) -> String {
        #"{"kind": "admin#directory#users", "users": ["# + "\n" + users.joined(separator: ",\n") + "\n]}"
    }

    static let stack = """
        version: 1
        systems:
          - id: gws
            name: Google Workspace
            system_type: idp
            security: { mfa_supported: true, mfa_enforced: all, local_login_disabled: true }
            accounts_import: users.json

        """

    @Test func workspaceExportImportsAndChecks() throws {
        let report = Self.check(["\(Self.fixtures)/workspace"])
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let export = "\(Self.fixtures)/workspace/workspace-users.json"
        #expect(report.inputs.contains(export))

        // A delegated admin not enrolled in 2-step verification: ACC-009 at isEnrolledIn2Sv.
        let adminMFA = Self.findings(report, "ACC-009")
        #expect(adminMFA.map(\.subject.description) == ["account:workspace/bob@example.com"])
        #expect(
            adminMFA.first?.location
                == SourceLocation(file: export, line: 79, column: 26, pointer: "/users/1/isEnrolledIn2Sv"))
        // Carol is a suspended super admin without 2SV: a disabled account is out of ACC-009.

        // Dan never signed in (lastLoginTime is the epoch): dormant from creationTime, not since 1970.
        let dormant = Dictionary(
            Self.findings(report, "ACC-012").map { ($0.subject.description, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(Set(dormant.keys) == ["account:workspace/dan@example.com", "account:workspace/frank@example.com"])
        let dan = try #require(dormant["account:workspace/dan@example.com"])
        #expect(dan.location == SourceLocation(file: export, line: 135, column: 23, pointer: "/users/3/creationTime"))
        #expect(
            dan.message
                == "account 'workspace/dan@example.com' is dormant: never signed in; created 92 days ago, over 45")
        // Erin signed in exactly 45 days before the as-of date (passes); Frank 46 days (fails).
        let frank = try #require(dormant["account:workspace/frank@example.com"])
        #expect(
            frank.location == SourceLocation(file: export, line: 210, column: 24, pointer: "/users/5/lastLoginTime"))
        #expect(frank.message.contains("last sign-in 46 days ago"))

        // Frank's person left: the owner is the person matched by e-mail, found at primaryEmail.
        let leavers = Self.findings(report, "ACC-013")
        #expect(leavers.map(\.subject.description) == ["account:workspace/frank@example.com"])
        #expect(
            leavers.first?.location
                == SourceLocation(file: export, line: 202, column: 23, pointer: "/users/5/primaryEmail"))
        // Grace (archived) and Carol (suspended) left too, but their accounts cannot sign in.
        #expect(
            !report.findings.contains {
                $0.subject.description.contains("grace") || $0.subject.description.contains("carol")
            })
    }

    @Test func usersBecomeAccountsOfTheNamingSystem() throws {
        let outcome = InventoryLoader().load(paths: ["\(Self.fixtures)/workspace"])
        #expect(outcome.diagnostics.isEmpty, "\(outcome.diagnostics)")
        let accounts = Dictionary(uniqueKeysWithValues: outcome.inventory.accounts.map { ($0.id, $0) })
        #expect(accounts.count == 7)
        let bob = try #require(accounts["workspace/bob@example.com"])
        // The person's e-mail is `Bob@Example.com`: matched in any case.
        #expect(bob.system == "workspace" && bob.kind == .human && bob.owner == "bob")
        #expect(bob.isAdmin && bob.enabled && bob.mfaEnabled == false)
        #expect(bob.created == Day(iso: "2024-02-12") && bob.lastLogin == Day(iso: "2026-05-28"))
        let dan = try #require(accounts["workspace/dan@example.com"])
        #expect(dan.lastLogin == nil && dan.created == Day(iso: "2026-03-01"))
        #expect(accounts["workspace/carol@example.com"]?.enabled == false)
        #expect(outcome.inventory.accountExports.mapValues(\.kind) == ["workspace": "google-workspace-users"])
        #expect(outcome.inventory.accountExports["workspace"]?.formatWithoutAdmins == nil)
        #expect(accounts["workspace/grace@example.com"]?.enabled == false)
        let alice = try #require(accounts["workspace/alice@example.com"])
        #expect(alice.recoveryEmail == "alice.backup@example.com" && alice.recoveryPhone == "+442071838750")
    }

    /// A bare array of user resources (the `users` of every page joined) is read too; with no
    /// people declared the owner is the e-mail address. Timestamps are read as their UTC day.
    @Test func bareArrayAndUTCDays() throws {
        let users = [
            // 23:30 at UTC-2 is 01:30 UTC on 2026-04-17: 45 days before the as-of date, not dormant.
            Self.user("ann@example.com", last: "2026-04-16T23:30:00.000-02:00"),
            Self.user("ben@example.com", last: "2026-04-16T23:30:00.000Z"),
        ]
        let directory = try Self.directory([
            "users.json": "[\n" + users.joined(separator: ",\n") + "\n]", "stack.yaml": Self.stack,
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = Self.check([directory.path])
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(Self.findings(report, "ACC-012").map(\.subject.description) == ["account:gws/ben@example.com"])
        #expect(Self.findings(report, "ACC-012").first?.location.pointer == "/1/lastLoginTime")
        let outcome = InventoryLoader().load(paths: [directory.path])
        #expect(outcome.inventory.accounts.map(\.owner) == ["ann@example.com", "ben@example.com"])
    }

    @Test func malformedExportReportsEveryProblemWithItsPosition() throws {
        let export = """
            {"kind": "admin#directory#users", "nextPageToken": "Q2hBS0RnanZ4",
             "users": [
              {"primaryEmail": "ann@example.com", "isAdmin": "yes", "lastLoginTime": "last Tuesday"},
              {"isAdmin": false},
              "bob@example.com",
              [{"primaryEmail": "dan@example.com"}],
              null,
              {"primaryEmail": "cy@example.com", "suspended": null, "name": {"fullName": 7}, "newField": [1]}
             ]}
            """
        let directory = try Self.directory(["users.json": export, "stack.yaml": Self.stack])
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = Self.check([directory.path])
        #expect(report.exitCode == .invalidInput)
        let file = directory.appendingPathComponent("users.json").path
        // `nextPageToken` is a page cursor, not a credential, though its key is named like one.
        let secrets = report.diagnostics.filter { $0.message.hasSuffix("[ACC-018]") }
        #expect(secrets.isEmpty, "\(secrets)")
        let problems = report.diagnostics.filter { !$0.message.hasSuffix("[ACC-018]") }
        let messages = problems.map { "\($0.location.line):\($0.location.column) \($0.location.pointer) \($0.message)" }
        #expect(
            messages == [
                "1:52 /nextPageToken this is one page of the users list (nextPageToken is set): the users of the other pages are missing",
                "3:50 /users/0/isAdmin expected true or false for 'isAdmin', found a string",
                "3:74 /users/0/lastLoginTime expected an RFC 3339 date-time for 'lastLoginTime', found 'last Tuesday'",
                "4:3 /users/1 no 'primaryEmail' in this entry",
                "5:3 /users/2 expected a user object, found a string",
                "6:3 /users/3 expected a user object, found a list",
                "7:3 /users/4 expected a user object, found null",
            ], "\(messages)")
        #expect(problems.allSatisfy { $0.location.file == file })
        // Each hint fits its problem: the paging error says to fetch and join every page, the
        // others what the problem suggests (a conversion, a hand edit, a filter), and where a
        // good export comes from; none says "export unchanged", which would give the same page.
        let hints = problems.map { $0.hint ?? "" }
        #expect(hints[0].hasPrefix("fetch every page") && hints[0].contains("jq -s '[.[].users[]]' page-*.json"))
        #expect(hints[1].contains("not the text \"yes\": converted from a CSV"))
        #expect(hints[2].hasPrefix("the API writes RFC 3339 date-times"))
        #expect(hints[3].contains("cut down by hand") && hints[4].contains("narrowed by a filter"))
        #expect(hints[5].contains("jq -s add") && !hints[6].contains("filter"))
        #expect(
            hints.dropFirst().allSatisfy { $0.contains("admin/directory/v1/users?customer=my_customer as it came") })
        #expect(!hints.contains { $0.contains("unchanged") })
        // Unknown keys (`newField`) and keys Tollgate does not read (`name`) are not errors; nothing is imported.
        #expect(report.findings.isEmpty)
    }

    @Test func aUsersValueThatIsNotAListIsAnError() throws {
        let directory = try Self.directory([
            "users.json": #"{"kind": "admin#directory#users", "users": {"primaryEmail": "a@example.com"}}"#,
            "stack.yaml": Self.stack,
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = Self.check([directory.path])
        #expect(report.diagnostics.map(\.message) == ["expected a list for 'users', found a mapping"])
        #expect(report.diagnostics.first.map { "\($0.location.line):\($0.location.column)" } == "1:44")
    }

    @Test func malformedJSONIsAnErrorAtItsPosition() throws {
        let directory = try Self.directory([
            "users.json":
                "{\"kind\": \"admin#directory#users\",\n \"users\": [{\"primaryEmail\": \"a@example.com\",}]}",
            "stack.yaml": Self.stack,
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = Self.check([directory.path])
        #expect(report.exitCode == .invalidInput)
        #expect(
            report.diagnostics.contains { $0.location.file.hasSuffix("users.json") && $0.location.line == 2 },
            "\(report.diagnostics)")
    }

    @Test func linkingProblemsAreErrors() throws {
        let users = Self.usersList([Self.user("ann@example.com")])
        let directory = try Self.directory([
            "orphan.json": users, "users.json": users,
            "policy.json": #"{"PasswordPolicy": {"MinimumPasswordLength": 15}}"#,
            "stack.yaml": """
            version: 1
            systems:
              - { id: a, name: A, system_type: idp, accounts_import: users.json }
              - { id: b, name: B, system_type: idp, accounts_import: users.json }
              - { id: c, name: C, system_type: idp, accounts_import: exports/missing.json }
              - { id: d, name: D, system_type: idp, accounts_import: policy.json, security: { password_policy_import: policy.json } }
            """,
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = Self.check([directory.path])
        let messages = report.diagnostics.map(\.description)
        #expect(
            messages.contains {
                $0.contains(
                    "orphan.json:1:1: error: google-workspace-users export is not linked to any system; add `accounts_import: <path to this file>` to the system whose users these are"
                )
            }, "\(messages)")
        #expect(
            messages.contains {
                $0.contains("stack.yaml:4:") && $0.contains("'users.json' is already the user export of system 'a'")
            }, "\(messages)")
        #expect(
            messages.contains {
                $0.contains("stack.yaml:5:")
                    && $0.contains(
                        "accounts_import 'exports/missing.json' (resolved to \(directory.path)/exports/missing.json) does not exist"
                    )
            }, "\(messages)")
        #expect(
            messages.contains {
                $0.contains("stack.yaml:6:") && $0.contains("'policy.json' is not a user export Tollgate can read")
            }, "\(messages)")
        #expect(report.exitCode == .invalidInput)
    }

    /// Loads `stack.yaml` (`Self.stack`, naming `users.json`) with `export` as `users.json`.
    /// Loads `stack` with `people` declared (one flow mapping each) and `accounts` after it
    /// (YAML, `accounts:` included), its export listing `users`.
    static func load(_ users: [String], people: [String], accounts: String = "") throws -> InventoryLoader.Outcome {
        let declared = "people:\n" + people.map { "  - \($0)\n" }.joined() + "systems:"
        let directory = try Self.directory([
            "users.json": Self.usersList(users),
            "stack.yaml": Self.stack.replacingOccurrences(of: "systems:", with: declared) + accounts,
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        return InventoryLoader().load(paths: [directory.path])
    }

    static func loadNamed(_ export: String) throws -> (InventoryLoader.Outcome, String) {
        let directory = try Self.directory(["users.json": export, "stack.yaml": Self.stack])
        defer { try? FileManager.default.removeItem(at: directory) }
        return (InventoryLoader().load(paths: [directory.path]), directory.appendingPathComponent("users.json").path)
    }

    /// A file named by `accounts_import` is read as a user export whatever its content, never as
    /// a declaration: an API error response is said to be one, `[]` and an empty file are exports
    /// with no users, `{"users": [...]}` is Workspace, and a list with a bad entry is read in the
    /// format of the others, the bad entry reported at its position.
    @Test func aNamedFileIsReadAsAUserExport() throws {
        func said(_ export: String) throws -> [String] {
            let (outcome, file) = try Self.loadNamed(export)
            #expect(outcome.diagnostics.allSatisfy { $0.location.file == file }, "\(outcome.diagnostics)")
            return outcome.diagnostics.map {
                "\($0.location.line):\($0.location.column) \($0.location.pointer) \($0.message); \($0.hint ?? "")"
            }
        }
        #expect(
            try said(
                #"{"error": {"code": 401, "message": "Request had invalid authentication credentials.", "status": "UNAUTHENTICATED"}}"#
            ) == [
                "1:11 /error this is an error response from the Google API (401 UNAUTHENTICATED: Request had invalid authentication credentials.), not a users list; refresh the token and export again"
            ])
        #expect(
            try said(#"{"errorCode": "E0000011", "errorSummary": "Invalid token provided", "errorCauses": []}"#) == [
                "1:15 /errorCode this is an error response from the Okta API (E0000011: Invalid token provided), not a users list; refresh the token and export again"
            ])
        #expect(
            try said("[\n" + Self.user("ann@example.com") + ",\n {\"isAdmin\": false}\n]").map {
                $0.prefix { $0 != ";" }
            } == [
                "5:2 /1 no 'primaryEmail' in this entry"
            ])
        #expect(
            try said(
                "[" + OktaUsersImportTests.user("ann@example.com", status: "ACTIVE", lastLogin: nil)
                    + #", {"status": "ACTIVE", "profile": {}}]"#
            ).map { $0.prefix { $0 != ";" } } == ["8:79 /1 no 'profile.login' in this entry"])
        #expect(
            try said(#"{"version": 1, "people": []}"#) == [
                "1:1  this is a Tollgate declaration file, not a user export; \(UserExportDetection.formats)"
            ])
        for empty in ["[]", "", "\n"] {
            let (outcome, file) = try Self.loadNamed(empty)
            #expect(
                outcome.diagnostics.map(\.message) == [
                    "the export lists no users, so no account of its system is checked"
                ],
                "\(outcome.diagnostics)")
            #expect(outcome.inventory.sourceFiles.contains(file) && outcome.inventory.accounts.isEmpty)
        }
        let (outcome, _) = try Self.loadNamed(#"{"users": [{"primaryEmail": "ann@example.com"}]}"#)
        // Read as Workspace; a user with nothing but an address is a restricted export's.
        #expect(
            outcome.diagnostics.map(\.message) == [
                "the export's only user ('ann@example.com') has no suspended or status flag, so whether they can sign in is not known; "
                    + "the export's only user ('ann@example.com') has no last sign-in or creation time, so whether they are dormant is not known; "
                    + "the export's only user ('ann@example.com') has no admin flag, so whether they are admins is not known"
            ], "\(outcome.diagnostics)")
        #expect(outcome.inventory.accounts.map(\.id) == ["gws/ann@example.com"])
    }

    /// The same holds for a named export outside the stack's directory, and a password-policy
    /// export that is not one is said to be so at the key, not read as a declaration.
    @Test func namedFilesOutsideTheStackAndPasswordPolicies() throws {
        let directory = try Self.directory(["users.json": "[]", "policy.json": #"{"foo": 1}"#])
        defer { try? FileManager.default.removeItem(at: directory) }
        let stack = directory.appendingPathComponent("stack")
        try FileManager.default.createDirectory(at: stack, withIntermediateDirectories: true)
        try """
        version: 1
        systems:
          - { id: gws, name: GWS, system_type: idp, accounts_import: ../users.json, security: { password_policy_import: policy.json } }
        """.write(to: stack.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
        try #"{"foo": 1}"#.write(to: stack.appendingPathComponent("policy.json"), atomically: true, encoding: .utf8)
        let outcome = InventoryLoader().load(paths: [stack.path])
        #expect(
            outcome.diagnostics.map(\.message) == [
                "the export lists no users, so no account of its system is checked",
                "'policy.json' is not a password-policy export Tollgate can read",
            ])
        #expect(outcome.inventory.sourceFiles.contains(stack.appendingPathComponent("../users.json").path))
    }

    /// A named export over the size limit is not told to be split (a system names one file):
    /// the hint gives the --max-file-size that admits it.
    @Test func anExportOverTheSizeLimitIsNotToldToBeSplit() throws {
        let users = Self.usersList((0..<40).map { Self.user("u\($0)@example.com") })
        let directory = try Self.directory(["users.json": users, "stack.yaml": Self.stack])
        defer { try? FileManager.default.removeItem(at: directory) }
        let outcome = InventoryLoader(limits: LoadLimits(maxFileBytes: 8 << 10)).load(paths: [directory.path])
        #expect(
            outcome.diagnostics.map(\.message) == ["file is 0.0 MiB, over the 0.0 MiB limit"], "\(outcome.diagnostics)")
        #expect(
            outcome.diagnostics.first?.hint
                == "an export is read whole and cannot be split: raise the limit with --max-file-size 1 or more")
    }

    /// The Admin console's users CSV saved as `.json` (or given with `--import`) is said to be
    /// that, not "YAML" or "does not look like a google-workspace-users export".
    @Test func theAdminConsoleCSVIsNamed() throws {
        let csv = """
            First Name [Required],Last Name [Required],Email Address [Required],Password [Required],2sv Enrolled [READ ONLY]
            Ann,Lee,ann@example.com,****,False

            """
        let (named, _) = try Self.loadNamed(csv)
        let forced = try Self.directory(["users.csv": csv])
        defer { try? FileManager.default.removeItem(at: forced) }
        let imported = InventoryLoader().load(
            paths: [], imports: [ImportRequest(kind: "google-workspace-users", path: forced.path + "/users.csv")])
        for outcome in [named, imported] {
            #expect(
                outcome.diagnostics.map(\.message) == [
                    "this is the Google Admin console's users CSV download, not the Directory API users list"
                ], "\(outcome.diagnostics)")
            #expect(outcome.diagnostics.first?.hint?.contains("Tollgate reads the Directory API JSON") == true)
        }
    }

    /// An account declared for the same system with the imported id refines the user: the
    /// declaration adds what the export cannot say and keeps the export's facts; the same id on
    /// another system is a duplicate like any other.
    @Test func declaredAccountsAndImportedOnes() throws {
        let users = Self.usersList([
            Self.user("glass@example.com", admin: true, last: "2025-01-01T00:00:00.000Z"),
            Self.user("ann@example.com"),
        ])
        let directory = try Self.directory([
            "users.json": users,
            "stack.yaml": Self.stack + """
                  - { id: crm, name: CRM, system_type: crm, security: { mfa_enforced: all, local_login_disabled: true } }
                accounts:
                  - { id: gws/glass@example.com, system: gws, kind: break_glass, vault_ref: "vault://it/glass" }
                  - { id: gws/ann@example.com, system: crm, kind: human }
                """,
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = Self.check([directory.path])
        #expect(!report.diagnostics.contains { $0.level == .warning }, "\(report.diagnostics)")
        let errors = report.diagnostics.filter { $0.level == .error }
        #expect(errors.map(\.message) == ["duplicate account id 'gws/ann@example.com'"], "\(errors)")
        #expect(errors.first?.location.file.hasSuffix("users.json") == true)
        let outcome = InventoryLoader().load(paths: [directory.path])
        let glass = try #require(outcome.inventory.accounts.first { $0.id == "gws/glass@example.com" })
        // The declared kind and vault; the export's admin flag, sign-in, creation and 2SV.
        #expect(glass.kind == .breakGlass && glass.vaultRef == "vault://it/glass")
        #expect(glass.isAdmin && glass.enabled && glass.mfaEnabled == true)
        #expect(glass.lastLogin == Day(iso: "2025-01-01") && glass.created == Day(iso: "2024-01-01"))
        #expect(glass.owner == "glass@example.com")
        #expect(glass.origin.location("kind").file.hasSuffix("stack.yaml"))
        #expect(glass.origin.location("last_login").pointer == "/users/0/lastLoginTime")
        #expect(glass.origin.location("is_admin").pointer == "/users/0/isAdmin")
    }

    /// A declaration refining an imported user keeps the export's `enabled`, `is_admin` and
    /// sign-ins; findings point where each fact came from; a declared fact the export
    /// contradicts gives one warning at the declaration, and the export's value is checked.
    @Test func aDeclarationRefinesTheImportedUserFieldByField() throws {
        let users = Self.usersList([
            Self.user("alice@example.com", admin: true),
            Self.user("carol@example.com", suspended: true),
            Self.user("dan@example.com", last: "2026-01-01T00:00:00.000Z"),
        ])
        let directory = try Self.directory([
            "users.json": users,
            "stack.yaml": """
            version: 1
            systems:
              - id: gws
                name: Google Workspace
                system_type: idp
                security: { mfa_supported: true, mfa_enforced: admins, local_login_disabled: true }
                accounts_import: users.json
            accounts:
              - { id: gws/alice@example.com, system: gws, kind: human, mfa_methods: [sms] }
              - { id: gws/carol@example.com, system: gws, kind: service, purpose: shared mailbox, owner: alice@example.com }
              - { id: gws/dan@example.com, system: gws, kind: human, enabled: false, is_admin: false }
            """,
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = Self.check([directory.path])
        let stack = directory.appendingPathComponent("stack.yaml").path
        let export = directory.appendingPathComponent("users.json").path
        // The Workspace export shows admin rights: ACC-014 states the count.
        #expect(
            Self.findings(report, "ACC-014").map(\.message) == ["tool 'gws' has 1 administrator, fewer than 2"])
        // Alice stays a super admin: ACC-009 on her sms-only MFA, at the declared mfa_methods.
        let sms = Self.findings(report, "ACC-009")
        #expect(sms.map(\.subject.description) == ["account:gws/alice@example.com"])
        #expect(sms.first?.message.contains("relies only on sms") == true)
        #expect(sms.first?.location.file == stack && sms.first?.location.line == 9)
        // Carol is suspended in the export: out of every account rule although declared.
        #expect(!report.findings.contains { $0.subject.description.contains("carol") })
        // Dan is declared disabled, but active in the export: dormant, at the export's lastLoginTime.
        let dormant = Self.findings(report, "ACC-012")
        #expect(dormant.map(\.subject.description) == ["account:gws/dan@example.com"])
        #expect(dormant.first?.location.file == export && dormant.first?.location.pointer == "/users/2/lastLoginTime")
        #expect(
            report.diagnostics.map(\.message) == [
                "account 'gws/dan@example.com' declares enabled: false, but its export shows enabled: true (\(export):8:1); the export is used"
            ], "\(report.diagnostics)")
        #expect(report.diagnostics.first?.location.file == stack && report.diagnostics.first?.location.line == 11)
    }

    /// An export that does not say whether a user is suspended (a restricted view leaves
    /// `suspended` and `archived` out) does not override a declared `enabled: false`: the
    /// declaration's value is checked, with no contradiction warning, and its origin stays the
    /// declaration's; the gaps warning names the user.
    @Test func anExportSilentOnSuspensionKeepsTheDeclaredEnabled() throws {
        let users = Self.usersList([
            #"{"primaryEmail": "leo@example.com", "isAdmin": false, "isDelegatedAdmin": false, "lastLoginTime": "2025-01-01T00:00:00.000Z"}"#
        ])
        let directory = try Self.directory([
            "users.json": users,
            "stack.yaml": Self.stack + """
                accounts:
                  - { id: gws/leo@example.com, system: gws, kind: human, enabled: false }
                """,
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let loaded = InventoryLoader().load(paths: [directory.path])
        let leo = try #require(loaded.inventory.accounts.first { $0.id == "gws/leo@example.com" })
        #expect(!leo.enabled)
        #expect(leo.origin.location("enabled").file.hasSuffix("stack.yaml"))
        let report = Self.check([directory.path])
        #expect(Self.findings(report, "ACC-012").isEmpty)
        #expect(
            report.diagnostics.map(\.message) == [
                "the export's only user ('leo@example.com') has no suspended or status flag, so whether they can sign in is not known"
            ], "\(report.diagnostics)")
    }

    /// A declaration file named by `accounts_import` (read as "where my accounts are") keeps its
    /// declarations: its people and accounts stay in the inventory, and the one error is at the
    /// key, saying the file is no user export.
    @Test func aDeclarationFileNamedAsTheExportKeepsItsDeclarations() throws {
        let directory = try Self.directory([
            "stack.yaml": Self.stack.replacingOccurrences(of: "users.json", with: "accounts.yaml"),
            "accounts.yaml": """
            version: 1
            people:
              - { id: ann, name: Ann, email: ann@example.com }
            accounts:
              - { id: gws-ann, system: gws, kind: human, owner: ann }
            """,
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let outcome = InventoryLoader().load(paths: [directory.path])
        #expect(outcome.inventory.accounts.map(\.id) == ["gws-ann"])
        #expect(outcome.inventory.people.map(\.id) == ["ann"])
        #expect(
            outcome.diagnostics.map(\.message) == ["'accounts.yaml' is not a user export Tollgate can read"],
            "\(outcome.diagnostics)")
        #expect(outcome.diagnostics.first?.location.file.hasSuffix("stack.yaml") == true)
    }

    /// A declared account of a system with `accounts_import` that is not in the export (deleted
    /// or renamed in the identity provider) is named in a warning at its id.
    @Test func aDeclaredAccountMissingFromTheExportIsWarnedAbout() throws {
        let directory = try Self.directory([
            "users.json": Self.usersList([Self.user("ann@example.com")]),
            "stack.yaml": Self.stack + """
                  - { id: crm, name: CRM, system_type: crm, security: { mfa_enforced: all, local_login_disabled: true } }
                accounts:
                  - { id: gws/ann@example.com, system: gws, kind: human, mfa_methods: [totp] }
                  - { id: gws/carol@example.com, system: gws, kind: human, is_admin: true }
                  - { id: crm/carol, system: crm, kind: human }
                  - { id: gws-deploy-bot, system: gws, kind: service, owner: ann@example.com, purpose: CI }
                """,
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = Self.check([directory.path])
        #expect(
            report.diagnostics.map(\.message) == [
                "account 'gws/carol@example.com' is declared for system 'gws' but is not in its export 'users.json': deleted or renamed in the identity provider?"
            ], "\(report.diagnostics)")
        #expect(report.diagnostics.first?.location.file.hasSuffix("stack.yaml") == true)
        #expect(report.diagnostics.first?.location.line == 11)
    }

    /// A restricted export (users without sign-in, creation or admin facts) gives one warning
    /// naming the count, and an export listing no users one warning, rather than passing silently.
    @Test func usersLackingTheFactsTheRulesNeedAreCounted() throws {
        let users = Self.usersList([
            Self.user("ann@example.com"),
            #"{"primaryEmail": "ben@example.com", "name": {"fullName": "Ben"}}"#,
            #"{"primaryEmail": "cy@example.com", "isAdmin": false, "lastLoginTime": "1970-01-01T00:00:00.000Z"}"#,
            #"{"primaryEmail": "di@example.com", "name": {"fullName": "Di"}}"#,
        ])
        let directory = try Self.directory(["users.json": users, "stack.yaml": Self.stack])
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = Self.check([directory.path])
        #expect(
            report.diagnostics.map(\.message) == [
                "3 of 4 users ('ben@example.com', 'cy@example.com', …) have no suspended or status flag, so whether they can sign in is not known; "
                    + "3 of 4 users ('ben@example.com', 'cy@example.com', …) have no last sign-in or creation time, so whether they are dormant is not known; "
                    + "2 of 4 users ('ben@example.com', 'di@example.com') have no admin flag, so whether they are admins is not known"
            ], "\(report.diagnostics)")
        #expect(report.diagnostics.first?.level == .warning)
        #expect(report.diagnostics.first?.location.pointer == "/users/1")

        try #"{"kind": "admin#directory#users"}"#.write(
            to: directory.appendingPathComponent("users.json"), atomically: true, encoding: .utf8)
        let empty = Self.check([directory.path])
        #expect(
            empty.diagnostics.map(\.message) == ["the export lists no users, so no account of its system is checked"])
        #expect(empty.diagnostics.first?.level == .warning)
    }

    /// Users listed twice in one export (pages joined twice) give one error for the export, at
    /// the first repeat, rather than a duplicate-id error per user.
    @Test func usersListedTwiceInOneExportAreOneError() throws {
        let page = [Self.user("ann@example.com"), Self.user("ben@example.com"), Self.user("cy@example.com")]
        let directory = try Self.directory([
            "users.json": Self.usersList(page + page.prefix(2)), "stack.yaml": Self.stack,
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = Self.check([directory.path])
        #expect(
            report.diagnostics.map(\.message) == [
                "2 users are listed twice in this export ('ann@example.com', 'ben@example.com'): pages joined twice, or a download retried?"
            ], "\(report.diagnostics)")
        #expect(report.diagnostics.first?.location.pointer == "/users/3/primaryEmail")
        #expect(report.exitCode == .invalidInput)
    }

    /// Two people sharing an e-mail (any case) make the owner of a matching user ambiguous: a
    /// warning names both, at the second person's e-mail.
    @Test func peopleSharingAnEmailAreNamed() throws {
        let directory = try Self.directory([
            "users.json": Self.usersList([Self.user("bob@example.com")]),
            "stack.yaml": Self.stack.replacingOccurrences(
                of: "systems:",
                with: """
                    people:
                      - { id: bob1, email: bob@example.com }
                      - { id: bob2, email: Bob@Example.com, active: false, left_on: 2026-01-01 }
                    systems:
                    """),
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = Self.check([directory.path])
        #expect(
            report.diagnostics.map(\.message) == [
                "people 'bob1' and 'bob2' share the e-mail 'Bob@Example.com' (in any case); imported users with it are matched to 'bob1'"
            ], "\(report.diagnostics)")
        #expect(report.diagnostics.first?.level == .warning && report.diagnostics.first?.location.line == 4)
    }

    /// People are matched by a Workspace user's primary address, then by its `aliases` and
    /// `emails[].address` (not `nonEditableAliases`): a renamed user whose old address HR still
    /// holds is found. A user whose addresses match several people is named in a warning; the
    /// person of the primary address is the owner.
    @Test func peopleAreMatchedByAliasesAndOtherAddresses() throws {
        let users = Self.usersList([
            Self.user("alice@example.com", extra: #""aliases": ["alice.old@example.com"]"#),
            Self.user(
                "bo@example.com",
                extra:
                    #""emails": [{"address": "bo@example.com", "primary": true}, {"address": "bob.smith@example.com"}]"#
            ),
            Self.user("cy@example.com", extra: #""nonEditableAliases": ["cyril@example.com"]"#),
            Self.user(
                "dee@example.com",
                extra: #""aliases": ["ed@example.com"], "emails": [{"address": "dee@example.com", "primary": true}]"#),
        ])
        let directory = try Self.directory([
            "users.json": users,
            "stack.yaml": Self.stack.replacingOccurrences(
                of: "systems:",
                with: """
                    people:
                      - { id: alice, email: alice.old@example.com, active: false, left_on: 2026-01-01 }
                      - { id: bob, email: Bob.Smith@example.com }
                      - { id: cyril, email: cyril@example.com }
                      - { id: dee, email: dee@example.com }
                      - { id: ed, email: ed@example.com, active: false, left_on: 2026-01-01 }
                    systems:
                    """),
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = Self.check([directory.path])
        #expect(
            report.diagnostics.map { "\($0.location.pointer) \($0.message)" } == [
                "/users/2/primaryEmail 1 user of this export matches no declared person's e-mail ('cy@example.com'), so whether its owner left is not known",
                "/users/3/aliases/0 user 'dee@example.com' matches 2 people by its addresses, 'dee' (by its primary address), "
                    + "'ed' (by 'ed@example.com'); its owner is taken to be 'dee'",
            ], "\(report.diagnostics)")
        // Alice left: the finding points at the alias that matched her.
        let leavers = Self.findings(report, "ACC-013")
        #expect(leavers.map(\.subject.description) == ["account:gws/alice@example.com"])
        #expect(leavers.first?.location.pointer == "/users/0/aliases/0")
        let outcome = InventoryLoader().load(paths: [directory.path])
        #expect(outcome.inventory.accounts.map(\.owner) == ["alice", "bob", nil, "dee"])

    }

    /// A person who is the owner of several users of one export, one at least through an
    /// address other than its primary one (an `emails` entry of type home or other), is named in
    /// one warning for the export; a declared owner settles it, and one user matched through an
    /// alias (a renamed user) is no warning.
    @Test func aPersonOwningSeveralUsersThroughOtherAddressesIsOneWarning() throws {
        let other = #"{"address": "ann@example.com", "type": "home"}"#
        let users = [
            Self.user("ann@example.com"),
            Self.user("x@example.com", extra: #""emails": [\#(other)]"#),
            Self.user("y@example.com", extra: #""emails": [{"address": "bob@example.com", "type": "other"}]"#),
            Self.user("z@example.com", extra: #""emails": [{"address": "bob@example.com"}]"#),
            Self.user("cy.new@example.com", extra: #""aliases": ["cy@example.com"]"#),
            Self.user("w@example.com", extra: #""emails": [{"address": "dee@example.com"}]"#),
            Self.user("dee@example.com"),
        ]
        func said(_ accounts: String) throws -> [String] {
            try Self.load(
                users,
                people: ["ann", "bob", "cy", "dee", "zed"].map { "{ id: \($0), email: \($0)@example.com }" },
                accounts: accounts
            ).diagnostics.map { "\($0.location.pointer) \($0.message)" }
        }
        let matched = try said("")
        #expect(
            matched == [
                "/users/1/emails/0/address 3 people are the owner of more than one user of this export, through an address other "
                    + "than a user's primary one: 'ann' ('ann@example.com', 'x@example.com' by 'ann@example.com'); "
                    + "'bob' ('y@example.com' by 'bob@example.com', 'z@example.com' by 'bob@example.com'); "
                    + "'dee' ('w@example.com' by 'dee@example.com', 'dee@example.com'); an address a user lists may be "
                    + "someone else's, and that user's real owner is then not known"
            ], "\(matched)")
        let declared = try said(
            """
            accounts:
              - { id: gws/x@example.com, system: gws, kind: human, owner: ann }
              - { id: gws/z@example.com, system: gws, kind: human, owner: zed }
              - { id: gws/w@example.com, system: gws, kind: human, owner: zed }

            """)
        #expect(declared.isEmpty, "\(declared)")
    }

    /// Malformed `aliases` and `emails` (only used to match people, and shaped differently by
    /// tools other than the API) are warnings and ignored, item by item: the export's users are
    /// still imported. A user without `primaryEmail` is one error, not one more per address.
    @Test func malformedOtherAddressesAreWarnings() throws {
        let (malformed, _) = try Self.loadNamed(
            Self.usersList([
                Self.user(
                    "ann@example.com",
                    extra:
                        #""aliases": "ann.old@example.com", "emails": ["ann.old@example.com", {"address": "a@example.com"}]"#
                ),
                #"{"aliases": 3, "emails": [1], "suspended": false}"#,
            ]))
        #expect(
            malformed.diagnostics.map { "\($0.level) \($0.location.pointer) \($0.message)" } == [
                "warning /users/0/aliases expected a list for 'aliases', found a string; ignored, so no person is matched by it",
                "warning /users/0/emails/0 expected a mapping at '/users/0/emails/0', found a string; ignored, so no person "
                    + "is matched by it",
                "error /users/1 no 'primaryEmail' in this entry",
            ], "\(malformed.diagnostics)")
        let (fine, _) = try Self.loadNamed(
            Self.usersList([
                Self.user(
                    "ann@example.com",
                    extra:
                        #""aliases": "ann.old@example.com", "emails": ["ann.old@example.com", {"address": "a@example.com"}]"#
                )
            ]))
        #expect(fine.diagnostics.map(\.level) == [.warning, .warning], "\(fine.diagnostics)")
        #expect(fine.inventory.accounts.map(\.id) == ["gws/ann@example.com"])
        #expect(fine.inventory.importedAccounts.first?.accounts.first?.otherEmails.map(\.address) == ["a@example.com"])
    }

    /// A user whose addresses match several people, refined by a declaration that states its
    /// `owner`: the declared owner is the account's, so no warning says the matched person is.
    @Test func aDeclaredOwnerSettlesAnAmbiguousMatch() throws {
        func said(owner: String?) throws -> (diagnostics: [String], owners: [String?]) {
            let outcome = try Self.load(
                [Self.user("a@example.com", extra: #""aliases": ["b@example.com"]"#)],
                people: [
                    "{ id: alice, email: a@example.com }", "{ id: bob, email: b@example.com }",
                    "{ id: carol, email: c@example.com }",
                ],
                accounts:
                    "accounts:\n  - { id: gws/a@example.com, system: gws, kind: human\(owner.map { ", owner: \($0)" } ?? "") }\n"
            )
            return (outcome.diagnostics.map(\.message), outcome.inventory.accounts.map(\.owner))
        }
        let declared = try said(owner: "carol")
        #expect(declared.diagnostics.isEmpty, "\(declared.diagnostics)")
        #expect(declared.owners == ["carol"])
        let matched = try said(owner: nil)
        #expect(
            matched.diagnostics == [
                "user 'a@example.com' matches 2 people by its addresses, 'alice' (by its primary address), "
                    + "'bob' (by 'b@example.com'); its owner is taken to be 'alice'"
            ], "\(matched.diagnostics)")
        #expect(matched.owners == ["alice"])
    }

    /// An export newer than the as-of date: its users in ACC-012's scope active after that date
    /// are one warning for the export (none when there are none), those who signed in and those
    /// created after it told apart, not an ACC-012 finding each. Those who signed in since pass
    /// ACC-012 (in use), so an export all of whose users signed in since leaves the rule
    /// applicable; those created since did not exist then and are left out. Suspended and
    /// break-glass users are not counted, and with ACC-012 off there is no warning. A declared
    /// account dated after the as-of date keeps its finding.
    @Test func signInsAfterTheAsOfDateAreOneWarningPerExport() throws {
        func check(_ users: [String], policy: Policy? = nil) throws -> Report {
            let directory = try Self.directory([
                "users.json": Self.usersList(users),
                "stack.yaml": Self.stack + """
                      - { id: crm, name: CRM, system_type: crm, security: { mfa_enforced: all, local_login_disabled: true } }
                    accounts:
                      - { id: crm-ann, system: crm, kind: human, last_login: 2026-06-10 }
                      - { id: gws/gus@example.com, system: gws, kind: break_glass }
                    """,
            ])
            defer { try? FileManager.default.removeItem(at: directory) }
            guard let policy else { return Self.check([directory.path]) }
            let outcome = InventoryLoader().load(paths: [directory.path])
            return Checker(rules: BuiltInRules.all, policy: policy).check(outcome.inventory, asOf: Self.asOf)
        }
        func said(_ report: Report) -> [String] {
            report.diagnostics.filter { !$0.message.contains("declared for system") }.map {
                "\($0.level) \($0.location.pointer) \($0.message)"
            } + Self.findings(report, "ACC-012").map { "\($0.subject) \($0.message)" }
        }
        func judged(_ report: Report) -> [String] {
            (report.results.first { $0.rule.id == "ACC-012" }?.subjects.map { "\($0.subject)" } ?? []).filter {
                $0.hasPrefix("account:gws/")
            }
        }
        let declared =
            "account:crm-ann the last sign-in of account 'crm-ann' is dated 2026-06-10, after the as-of date 2026-06-01, so it is not on record as of that day"
        let gus = Self.user("gus@example.com", last: "2026-06-05T08:00:00.000Z")
        let none = try check([Self.user("ann@example.com", last: "2026-06-01T08:00:00.000Z"), gus])
        #expect(said(none) == [declared], "\(said(none))")
        let one = try check([
            Self.user("ann@example.com"), Self.user("ben@example.com", last: "2026-06-02T08:00:00.000Z"), gus,
        ])
        #expect(
            said(one) == [
                "warning /users/1/lastLoginTime 1 user in the export of system 'gws' signed in after the as-of date 2026-06-01 "
                    + "('gws/ben@example.com'): the export is newer than the date you check as of, so whether it was dormant "
                    + "on that date is not known (ACC-012 passes it, as it signed in since)",
                declared,
            ], "\(said(one))")
        #expect(judged(one) == ["account:gws/ann@example.com", "account:gws/ben@example.com"])
        let many = try check([
            Self.user("ann@example.com", last: "2026-09-30T08:00:00.000Z"),
            Self.user("ben@example.com", last: "2026-06-02T08:00:00.000Z"),
            Self.user("cy@example.com", last: "2025-01-01T08:00:00.000Z"),
            // Never signed in, created after the as-of date.
            Self.user("dee@example.com", last: "1970-01-01T00:00:00.000Z", created: "2026-07-01T00:00:00.000Z"),
            Self.user("ed@example.com", last: "2026-07-01T08:00:00.000Z"),
            Self.user("fay@example.com", suspended: true, last: "2026-06-05T08:00:00.000Z"), gus,
        ])
        #expect(
            said(many) == [
                "warning /users/0/lastLoginTime 3 users in the export of system 'gws' signed in and 1 was created after "
                    + "the as-of date 2026-06-01 ('gws/ann@example.com', 'gws/ben@example.com', 'gws/dee@example.com', …): "
                    + "the export is newer than the date you check as of; whether the 3 who signed in were dormant on that "
                    + "date is not known (ACC-012 passes them, as each signed in since), and the 1 created did not exist "
                    + "then (ACC-012 leaves it out)",
                declared,
                "account:gws/cy@example.com account 'gws/cy@example.com' is dormant: last sign-in 516 days ago, over 45",
            ], "\(said(many))")
        #expect(
            judged(many) == [
                "account:gws/ann@example.com", "account:gws/ben@example.com", "account:gws/cy@example.com",
                "account:gws/ed@example.com",
            ])
        let created = try check([
            Self.user("dee@example.com", last: "1970-01-01T00:00:00.000Z", created: "2026-07-01T00:00:00.000Z"),
            Self.user("eve@example.com", last: "2026-07-02T08:00:00.000Z", created: "2026-07-01T00:00:00.000Z"), gus,
        ])
        #expect(
            said(created) == [
                "warning /users/0/creationTime 2 users in the export of system 'gws' were created after the as-of date "
                    + "2026-06-01 ('gws/dee@example.com', 'gws/eve@example.com'): the export is newer than the date you "
                    + "check as of, and they did not exist on that date (ACC-012 leaves them out)",
                declared,
            ], "\(said(created))")

        // Every user of the export signed in since (a quarter-end audit with a fresh export):
        // ACC-012 passes them, so it is not "not applicable" in the reports.
        let recent = [Self.user("ben@example.com", last: "2026-06-02T08:00:00.000Z"), gus]
        let onlyDormancy = Policy(sources: [], settings: ["ACC-012": Policy.Setting()])
        let quarterEnd = try check(recent, policy: onlyDormancy)
        let dormancy = try #require(quarterEnd.results.first { $0.rule.id == "ACC-012" })
        #expect(!dormancy.notApplicable && dormancy.subjects.count == 2)
        #expect(quarterEnd.diagnostics.count { $0.message.contains("signed in after the as-of date") } == 1)
        let junit = String(decoding: try JUnitReporter().render(quarterEnd), as: UTF8.self)
        #expect(!junit.contains("not applicable"), "\(junit)")
        // ACC-012 off, another account rule on: nothing judges last activity, so no warning.
        let withoutDormancy = try check(recent, policy: Policy(sources: [], settings: ["ACC-009": Policy.Setting()]))
        #expect(withoutDormancy.diagnostics.isEmpty, "\(withoutDormancy.diagnostics)")
    }

    /// An account's last activity is its last sign-in, else its creation; the accounts whose
    /// export is newer than the as-of date are worked out once per check and given to ACC-012
    /// through its context (worked out by the context when not given).
    @Test func lastActivityAndAccountsExportedAfterTheAsOfDate() throws {
        let directory = try Self.directory([
            "users.json": Self.usersList([
                Self.user("ann@example.com", last: "2026-06-02T08:00:00.000Z"),
                Self.user("dee@example.com", last: "1970-01-01T00:00:00.000Z", created: "2026-01-05T00:00:00.000Z"),
            ]),
            "stack.yaml": Self.stack,
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let inventory = InventoryLoader().load(paths: [directory.path]).inventory
        #expect(
            inventory.accounts.map(\.lastActivity) == [
                .signedIn(Day(iso: "2026-06-02")!), .created(Day(iso: "2026-01-05")!),
            ])
        #expect(inventory.accounts.map { $0.lastActivity?.field } == ["last_login", "created"])
        let exported = inventory.accountsExportedAfter(Self.asOf)
        #expect(exported.mapValues { $0.map(\.id) } == ["gws": ["gws/ann@example.com"]])
        func judged(_ given: [String: [Account]]?) -> [String] {
            let rule = DormantAccounts()
            let context = RuleContext(
                inventory: inventory, index: InventoryIndex(inventory), asOf: Self.asOf,
                parameters: Parameters(defaults: rule.description.parameters), accountsExportedAfterAsOf: given)
            return rule.evaluate(context).map { "\($0.subject) \($0.violations.count)" }
        }
        #expect(judged(nil) == judged(exported))
        // Ann signed in after the as-of date: passed, as in use (the Checker's notice says so).
        #expect(judged(nil) == ["account:gws/ann@example.com 0", "account:gws/dee@example.com 1"])
        // The rule reads what the context was given, not the inventory again.
        #expect(judged([:]) == ["account:gws/ann@example.com 1", "account:gws/dee@example.com 1"])
    }

    /// With people declared, a user whose e-mail matches nobody has no owner (no undeclared-person
    /// error), and one warning names them.
    @Test func usersMatchingNoPersonAreNamedInOneWarning() throws {
        let users = Self.usersList([
            Self.user("ann@example.com"), Self.user("shared@example.com"), Self.user("x@example.com"),
        ])
        let directory = try Self.directory([
            "users.json": users,
            "stack.yaml": Self.stack.replacingOccurrences(
                of: "systems:", with: "people: [{ id: ann, email: ann@example.com }]\nsystems:"),
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = Self.check([directory.path])
        #expect(
            report.diagnostics.map(\.message) == [
                "2 users of this export match no declared person's e-mail ('shared@example.com', 'x@example.com'), so whether their owners left is not known"
            ])
        #expect(report.diagnostics.first?.location.pointer == "/users/1/primaryEmail")
        let outcome = InventoryLoader().load(paths: [directory.path])
        #expect(outcome.inventory.accounts.map(\.owner) == ["ann", nil, nil])

        try Self.usersList([Self.user("ann@example.com"), Self.user("x@example.com")]).write(
            to: directory.appendingPathComponent("users.json"), atomically: true, encoding: .utf8)
        #expect(
            Self.check([directory.path]).diagnostics.map(\.message) == [
                "1 user of this export matches no declared person's e-mail ('x@example.com'), so whether its owner left is not known"
            ])
    }

    /// `--import google-workspace-users=PATH` reads a file of any name as a user export; the
    /// system still names it, which is what says whose users they are.
    @Test func explicitImportKind() throws {
        let directory = try Self.directory([
            "users.export": Self.usersList([Self.user("ann@example.com", admin: true, enrolled: false)]),
            "stack.yaml": Self.stack.replacingOccurrences(of: "users.json", with: "users.export"),
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let export = directory.appendingPathComponent("users.export").path
        let report = Self.check(
            [directory.appendingPathComponent("stack.yaml").path],
            imports: [ImportRequest(kind: "google-workspace-users", path: export)])
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(Self.findings(report, "ACC-009").first?.location.file == export)
        let unnamed = Self.check(
            [], imports: [ImportRequest(kind: "google-workspace-users", path: export)])
        #expect(unnamed.diagnostics.map(\.message) == ["google-workspace-users export is not linked to any system"])
    }

    /// `--import` of a user kind reads what naming the file in `accounts_import` reads: a
    /// `{"users": [...]}` without `kind`, an Okta list where an entry lacks `status`; a file
    /// that is no user list is still refused.
    @Test func explicitImportReadsWhatNamingReads() throws {
        let user = Self.user("ann@example.com", admin: true, enrolled: false)
        let okta =
            #"[{"status": "ACTIVE", "profile": {"login": "ben@example.com"}}, {"profile": {"login": "cy@example.com"}}]"#
        let directory = try Self.directory([
            "users.export": #"{"users": ["# + user + "]}",
            "okta.export": okta,
            "other.export": #"{"items": []}"#,
            "stack.yaml": Self.stack.replacingOccurrences(of: "users.json", with: "users.export")
                + "  - { id: okta, name: Okta, system_type: idp, accounts_import: okta.export }\n",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let export = directory.appendingPathComponent("users.export").path
        let report = Self.check(
            [directory.appendingPathComponent("stack.yaml").path],
            imports: [
                ImportRequest(kind: "google-workspace-users", path: export),
                ImportRequest(kind: "okta-users", path: directory.appendingPathComponent("okta.export").path),
            ])
        #expect(
            report.diagnostics.map(\.message) == [
                "1 of 2 users ('cy@example.com') has no suspended or status flag, so whether they can sign in is not known; "
                    + "all 2 users ('ben@example.com', 'cy@example.com') have no last sign-in or creation time, so whether they are dormant is not known"
            ], "\(report.diagnostics)")
        #expect(Self.findings(report, "ACC-009").first?.location.file == export)
        let other = Self.check(
            [],
            imports: [
                ImportRequest(
                    kind: "google-workspace-users", path: directory.appendingPathComponent("other.export").path)
            ])
        #expect(other.diagnostics.map(\.message) == ["this does not look like a 'google-workspace-users' export"])
    }
}

/// Okta's `/api/v1/users` list: statuses, a `null` lastLogin, and no MFA or admin facts.
@Suite("Account imports: Okta users")
struct OktaUsersImportTests {
    static func user(
        _ login: String, status: String, lastLogin: String?, created: String = "2025-07-01T10:00:00.000Z",
        secondEmail: String? = nil
    )
        -> String
    {
        """
        {"id": "00u\(login.prefix(3))GTSWTBKOLGLNR", "status": "\(status)", "created": "\(created)",
         "activated": null, "statusChanged": "2025-07-01T10:05:00.000Z",
         "lastLogin": \(lastLogin.map { "\"\($0)\"" } ?? "null"), "lastUpdated": "2026-05-20T09:00:00.000Z",
         "passwordChanged": "2025-07-01T10:05:00.000Z", "type": {"id": "oty1abcdEFGH2345"},
         "profile": {"firstName": "F", "lastName": "L", "mobilePhone": null, "secondEmail": \(secondEmail.map { "\"\($0)\"" } ?? "null"),
          "login": "\(login)", "email": "\(login)"},
         "credentials": {"password": {}, "provider": {"type": "OKTA", "name": "OKTA"}},
         "_links": {"self": {"href": "https://example.okta.com/api/v1/users/00u1"}}}
        """
    }

    /// Checks a stack of one Okta system whose export lists `users`; `people` are the lines of
    /// a `people:` list (none: no people declared).
    static func check(_ users: [String], enforced: String, people: [String] = []) throws -> (Report, String) {
        let directory = try AccountImportTests.directory([
            "okta-users.json": "[\n" + users.joined(separator: ",\n") + "\n]",
            "stack.yaml": """
            version: 1
            \(people.isEmpty ? "" : "people:\n" + people.map { "  - \($0)\n" }.joined())systems:
              - id: okta
                name: Okta
                system_type: idp
                security: { mfa_supported: true, mfa_enforced: \(enforced), local_login_disabled: true }
                accounts_import: okta-users.json
            """,
        ])
        return (AccountImportTests.check([directory.path]), directory.appendingPathComponent("okta-users.json").path)
    }

    @Test func statusesAndSignInsAreRead() throws {
        let (report, export) = try Self.check(
            [
                Self.user("ann@example.com", status: "ACTIVE", lastLogin: "2026-05-20T09:00:00.000Z"),
                Self.user("ben@example.com", status: "LOCKED_OUT", lastLogin: "2026-04-16T09:00:00.000Z"),
                // Never signed in: dormant from `created`.
                Self.user("cy@example.com", status: "PROVISIONED", lastLogin: nil),
                Self.user("di@example.com", status: "SUSPENDED", lastLogin: "2025-01-01T00:00:00.000Z"),
                Self.user("ed@example.com", status: "DEPROVISIONED", lastLogin: nil),
            ], enforced: "all")
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let dormant = AccountImportTests.findings(report, "ACC-012")
        #expect(dormant.map(\.subject.description) == ["account:okta/ben@example.com", "account:okta/cy@example.com"])
        #expect(dormant.map(\.location.pointer) == ["/1/lastLogin", "/2/created"])
        #expect(dormant.allSatisfy { $0.location.file == export })
        // MFA is not in the list: covered by the system's `mfa_enforced: all`, as for any account that does not say.
        #expect(AccountImportTests.findings(report, "ACC-008").isEmpty)
    }

    /// Okta's STAGED and PROVISIONED users were never activated: they stay enabled (an
    /// activation makes them usable, and a provisioned user's activation link is out), and
    /// ACC-012 says which they are, with or without a sign-in on record. RECOVERY,
    /// PASSWORD_EXPIRED and LOCKED_OUT read as ACTIVE; SUSPENDED and DEPROVISIONED are disabled.
    @Test func usersNeverActivatedAreSaidToBe() throws {
        let (report, _) = try Self.check(
            [
                Self.user("st@example.com", status: "STAGED", lastLogin: nil),
                Self.user("sl@example.com", status: "STAGED", lastLogin: "2025-09-01T00:00:00.000Z"),
                Self.user("pr@example.com", status: "PROVISIONED", lastLogin: nil),
                // A deactivated user activated again: pending, with the sign-ins of before.
                Self.user("pl@example.com", status: "PROVISIONED", lastLogin: "2025-09-01T00:00:00.000Z"),
                Self.user("ac@example.com", status: "ACTIVE", lastLogin: nil),
                Self.user("re@example.com", status: "RECOVERY", lastLogin: nil),
                Self.user("pe@example.com", status: "PASSWORD_EXPIRED", lastLogin: nil),
                Self.user("lo@example.com", status: "LOCKED_OUT", lastLogin: nil),
                Self.user("su@example.com", status: "SUSPENDED", lastLogin: nil),
                Self.user("de@example.com", status: "DEPROVISIONED", lastLogin: nil),
            ], enforced: "all")
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let never = "never signed in; created 335 days ago, over 45"
        #expect(
            AccountImportTests.findings(report, "ACC-012").map(\.message).sorted() == [
                "account 'okta/ac@example.com' is dormant: \(never)",
                "account 'okta/lo@example.com' is dormant: \(never)",
                "account 'okta/pe@example.com' is dormant: \(never)",
                "account 'okta/pl@example.com' is dormant: provisioned, activation pending; last sign-in 273 days ago, over 45",
                "account 'okta/pr@example.com' is dormant: provisioned, activation pending; \(never)",
                "account 'okta/re@example.com' is dormant: \(never)",
                "account 'okta/sl@example.com' is dormant: staged, not activated; last sign-in 273 days ago, over 45",
                "account 'okta/st@example.com' is dormant: staged, never activated; created 335 days ago, over 45",
            ])
        let outcome = InventoryLoader().load(paths: [
            (try #require(report.inputs.first) as NSString).deletingLastPathComponent
        ])
        let pending = Dictionary(uniqueKeysWithValues: outcome.inventory.accounts.map { ($0.id, $0.pendingActivation) })
        #expect(pending["okta/st@example.com"] == .staged && pending["okta/pr@example.com"] == .provisioned)
        #expect(pending["okta/re@example.com"] == .some(nil) && pending["okta/su@example.com"] == .some(nil))
    }

    /// A leaver's user never activated is reported by ACC-013 saying so: a provisioned one's
    /// activation link is live (whoever holds it signs in as the leaver), a staged one is an
    /// activation away from that; the remediation says to revoke the activation. Such a user whose
    /// owner is still employed passes.
    @Test func leaversPendingActivationAreSaidToBe() throws {
        let (report, _) = try Self.check(
            [
                Self.user("pr@example.com", status: "PROVISIONED", lastLogin: nil),
                Self.user("st@example.com", status: "STAGED", lastLogin: nil),
                Self.user("ac@example.com", status: "ACTIVE", lastLogin: "2026-05-20T09:00:00.000Z"),
                Self.user("ok@example.com", status: "PROVISIONED", lastLogin: nil),
            ], enforced: "all",
            people: [
                "{ id: pr, email: pr@example.com, active: false, left_on: 2026-05-01 }",
                "{ id: st, email: st@example.com, active: false, left_on: 2026-05-01 }",
                "{ id: ac, email: ac@example.com, active: false, left_on: 2026-05-01 }",
                "{ id: ok, email: ok@example.com }",
            ])
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let leavers = AccountImportTests.findings(report, "ACC-013")
        #expect(
            leavers.map(\.message).sorted() == [
                "account 'okta/ac@example.com' is enabled but its owner 'ac' left on 2026-05-01",
                "account 'okta/pr@example.com' is enabled but its owner 'pr' left on 2026-05-01; "
                    + "provisioned, activation pending: its activation link is live",
                "account 'okta/st@example.com' is enabled but its owner 'st' left on 2026-05-01; "
                    + "staged, never activated: one activation away from a live login",
            ])
        #expect(leavers.allSatisfy { $0.remediation.contains("revoke the activation or deactivate the user") })
        let result = try #require(report.results.first { $0.rule.id == "ACC-013" })
        let passed = result.subjects.filter(\.findings.isEmpty).map(\.subject.description)
        #expect(passed == ["account:okta/ok@example.com"])
    }

    /// People are matched by a user's `profile.email`, then by its `profile.secondEmail`, as by
    /// a Workspace user's aliases: a leaver recorded under the second address is found, and the
    /// finding points at it; where the two addresses match two people, the primary's is the
    /// owner and a warning names both; a second address equal to the primary (in any case) or
    /// empty matches nothing more.
    @Test func peopleAreMatchedBySecondEmail() throws {
        let signedIn = "2026-05-20T09:00:00.000Z"
        let (report, _) = try Self.check(
            [
                Self.user("ann@example.com", status: "ACTIVE", lastLogin: signedIn, secondEmail: "Ann.Old@example.com"),
                Self.user("bo@example.com", status: "ACTIVE", lastLogin: signedIn, secondEmail: "ed@example.com"),
                Self.user("cy@example.com", status: "ACTIVE", lastLogin: signedIn, secondEmail: "CY@example.com"),
                Self.user("di@example.com", status: "ACTIVE", lastLogin: signedIn, secondEmail: ""),
            ], enforced: "all",
            people: [
                "{ id: ann-old, email: ann.old@example.com, active: false, left_on: 2026-01-01 }",
                "{ id: bo, email: bo@example.com }", "{ id: cy, email: cy@example.com }",
                "{ id: di, email: di@example.com }",
                "{ id: ed, email: ed@example.com, active: false, left_on: 2026-01-01 }",
            ])
        #expect(
            report.diagnostics.map { "\($0.location.pointer) \($0.message)" } == [
                "/1/profile/secondEmail user 'bo@example.com' matches 2 people by its addresses, 'bo' (by its primary address), "
                    + "'ed' (by 'ed@example.com'); its owner is taken to be 'bo'"
            ], "\(report.diagnostics)")
        let leavers = AccountImportTests.findings(report, "ACC-013")
        #expect(leavers.map(\.subject.description) == ["account:okta/ann@example.com"])
        #expect(leavers.first?.location.pointer == "/0/profile/secondEmail")
        let outcome = InventoryLoader().load(paths: [
            (try #require(report.inputs.first) as NSString).deletingLastPathComponent
        ])
        #expect(outcome.inventory.accounts.map(\.owner) == ["ann-old", "bo", "cy", "di"])
    }

    /// Unknown MFA does not pass silently: where the system does not enforce MFA for everyone,
    /// ACC-008 says so at the system.
    @Test func unknownMFAIsLeftToTheSystemsEnforcement() throws {
        let (report, _) = try Self.check(
            [Self.user("ann@example.com", status: "ACTIVE", lastLogin: "2026-05-20T09:00:00.000Z")], enforced: "admins")
        let mfa = AccountImportTests.findings(report, "ACC-008")
        #expect(mfa.map(\.message) == ["tool 'okta' enforces MFA only for admins; enforce it for all users"])
        let outcome = InventoryLoader().load(paths: [
            (try #require(report.inputs.first) as NSString).deletingLastPathComponent
        ])
        #expect(outcome.inventory.accounts.map(\.mfaEnabled) == [nil])
        #expect(outcome.inventory.accounts.map(\.isAdmin) == [false])
    }

    /// Okta's list shows no admin roles, so admins are declared in YAML: the declaration adds
    /// `is_admin` and keeps the export's status and sign-ins (a deprovisioned admin whose owner
    /// left is no ACC-013; a dormant admin is still dormant).
    @Test func declaredAdminsKeepTheExportsStatusAndSignIns() throws {
        let directory = try AccountImportTests.directory([
            "okta-users.json": "[\n"
                + [
                    Self.user("carol@example.com", status: "DEPROVISIONED", lastLogin: "2025-01-01T00:00:00.000Z"),
                    Self.user("rec@example.com", status: "ACTIVE", lastLogin: "2026-01-01T00:00:00.000Z"),
                ].joined(separator: ",\n") + "\n]",
            "stack.yaml": """
            version: 1
            people:
              - { id: carol, email: carol@example.com, active: false, left_on: 2025-01-02 }
              - { id: rec, email: rec@example.com }
            systems:
              - id: okta
                name: Okta
                system_type: idp
                security: { mfa_supported: true, mfa_enforced: all, local_login_disabled: true }
                accounts_import: okta-users.json
            accounts:
              - { id: okta/carol@example.com, system: okta, kind: human, is_admin: true, owner: carol }
              - { id: okta/rec@example.com, system: okta, kind: human, is_admin: true, owner: rec, mfa_methods: [webauthn] }
            """,
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = AccountImportTests.check([directory.path])
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(AccountImportTests.findings(report, "ACC-013").isEmpty)
        let dormant = AccountImportTests.findings(report, "ACC-012")
        #expect(dormant.map(\.subject.description) == ["account:okta/rec@example.com"])
        #expect(dormant.first?.location.pointer == "/1/lastLogin")
        let outcome = InventoryLoader().load(paths: [directory.path])
        let carol = try #require(outcome.inventory.accounts.first { $0.id == "okta/carol@example.com" })
        #expect(carol.isAdmin && !carol.enabled)
        // The export is the system's, recorded once on the inventory when linked.
        #expect(outcome.inventory.accountExports.mapValues(\.formatWithoutAdmins) == ["okta": "Okta's users list"])
        // One enabled admin is declared; the list cannot show the others, and ACC-014 says so.
        #expect(
            AccountImportTests.findings(report, "ACC-014").map(\.message) == [
                "tool 'okta' has 1 administrator declared, fewer than 2; Okta's users list does not show admin roles"
            ])
    }

    /// Okta's list has no admin flag (known, so not warned about); a user with neither
    /// `created` nor `lastLogin` is counted in one warning.
    @Test func usersWithoutDatesAreCounted() throws {
        let (report, _) = try Self.check(
            [
                Self.user("ann@example.com", status: "ACTIVE", lastLogin: "2026-05-20T09:00:00.000Z"),
                #"{"status": "ACTIVE", "lastLogin": null, "profile": {"login": "ben@example.com"}}"#,
            ], enforced: "all")
        #expect(
            report.diagnostics.map(\.message) == [
                "1 of 2 users ('ben@example.com') has no last sign-in or creation time, so whether they are dormant is not known"
            ], "\(report.diagnostics)")
    }

    @Test func problemsAreReportedWithPositions() throws {
        let (report, export) = try Self.check(
            [
                Self.user("ann@example.com", status: "ON_HOLIDAY", lastLogin: "2026-05-20T09:00:00.000Z"),
                Self.user("ben@example.com", status: "ACTIVE", lastLogin: "yesterday"),
                #"{"status": "ACTIVE", "profile": {"login": null}}"#,
            ], enforced: "all")
        let found = report.diagnostics.map { "\($0.level) \($0.location.line) \($0.location.pointer) \($0.message)" }
        #expect(
            found == [
                "warning 2 /0/status unknown Okta user status 'ON_HOLIDAY', read as able to sign in",
                "error 12 /1/lastLogin expected an RFC 3339 date-time for 'lastLogin', found 'yesterday'",
                "error 18 /2 no 'profile.login' in this entry",
            ], "\(found)")
        #expect(report.diagnostics.allSatisfy { $0.location.file == export })
    }
}
