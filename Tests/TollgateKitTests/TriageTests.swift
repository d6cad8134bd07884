import Foundation
import Testing
import TollgateRules

@testable import TollgateKit

/// Waivers and baselines: matching, expiry, stale entries, strict loading, fingerprints.
@Suite("Waivers and baselines")
struct TriageTests {
    static let asOf = Day(iso: "2026-11-23")!

    /// Two agency admins and one staff admin, all without MFA.
    static let stack = """
        version: 1
        systems: [{ id: crm, name: CRM, system_type: crm }]
        accounts:
          - { id: agency-north, system: crm, kind: human, is_admin: true, mfa_enabled: false }
          - { id: agency-south, system: crm, kind: human, is_admin: true, mfa_enabled: false }
          - { id: staff-ana, system: crm, kind: human, is_admin: true, mfa_enabled: false }
        """

    static func check(_ yaml: String = stack) -> Report {
        // Only ACC-009, so that rules added later do not change what these stacks find.
        let rules = BuiltInRules.all.filter { $0.description.id == "ACC-009" }
        return Checker(rules: rules, policy: .allRules(rules.map(\.description))).check(
            TestSupport.inventory(yaml), asOf: asOf)
    }

    static func waiver(subject: String, expires: String, rule: String = "ACC-009", line: Int = 1) -> Waiver {
        Waiver(
            rule: rule, subject: subject, justification: "moving to SSO", owner: "ops", approver: "ciso",
            ticket: "RISK-1", expires: Day(iso: expires)!,
            location: SourceLocation(file: "w.yaml", line: line, column: 5))
    }

    static func loadWaivers(_ yaml: String) -> (waivers: [Waiver], diagnostics: [Diagnostic]) {
        let loaded = WaiverLoader(catalog: BuiltInRules.catalog).load(data: Data(yaml.utf8), file: "w.yaml")
        return (loaded.waivers, loaded.diagnostics)
    }

    /// A file of another kind given to --baseline, --policy or --waivers is named for what it is,
    /// with the option's expectation, in one error: it got one "unknown key … remove it" per key
    /// of the wrong format, advice meant for a stray file in a stack directory.
    @Test func aFileOfAnotherKindGivenToAnOptionIsNamed() {
        let pack = Data("version: 1\nname: eu\ninclude: [all]\n".utf8)
        let baseline = Data("{\"version\": 1, \"as_of\": \"2026-01-01\", \"findings\": []}".utf8)
        let report = Data("{\"format_version\": 1, \"findings\": [], \"outcome\": \"passed\"}".utf8)
        let declarations = Data("version: 1\nsystems: []\n".utf8)
        let asBaseline = BaselineLoader().load(data: pack, file: "eu.yaml").diagnostics
        #expect(asBaseline.map(\.message) == ["this is a policy pack, not a baseline file"])
        #expect(
            asBaseline.first?.hint
                == "--baseline expects a baseline written by `tollgate baseline create`; pass this file with --policy")
        #expect(asBaseline.first?.location.line == 3)
        let asPolicy = PolicyLoader(catalog: BuiltInRules.catalog).loadPack(data: baseline, file: "b.json").2
        #expect(asPolicy.map(\.message) == ["this is a baseline file, not a policy pack"])
        #expect(asPolicy.first?.hint?.hasSuffix("pass this file with --baseline") == true)
        let declared = PolicyLoader(catalog: BuiltInRules.catalog).loadPack(data: declarations, file: "s.yaml").2
        #expect(declared.map(\.message) == ["this is a declaration file, not a policy pack"])
        let asWaivers = WaiverLoader(catalog: BuiltInRules.catalog).load(data: report, file: "r.json").diagnostics
        #expect(asWaivers.map(\.message) == ["this is a JSON report (`--report json`), not a waivers file"])
        #expect(asWaivers.first?.hint?.hasPrefix("--waivers expects a waivers file") == true)
        // A file of the kind expected keeps its own, precise problems.
        let broken = BaselineLoader().load(
            data: Data("{\"version\": 1, \"findings\": [], \"extra\": 1}".utf8), file: "b.json")
        #expect(broken.diagnostics.map(\.message) == ["unknown key 'extra' in a baseline file"])
    }

    @Test func globMatchingTwoSubjectsWaivesBothAndNothingElse() {
        let report = Triage(waivers: [Self.waiver(subject: "account:agency-*", expires: "2027-06-30")]).apply(
            to: Self.check())
        let waived = report.findings.filter { $0.status == .waived }.map(\.subject.id).sorted()
        #expect(waived == ["agency-north", "agency-south"])
        #expect(report.blockingFindings.map(\.subject.id) == ["staff-ana"])
        #expect(report.exitCode == .findings)
        #expect(report.findings.count == 3, "waived findings are reported, not dropped")
        #expect(report.triage?.waivers.first?.matched.count == 2)
        #expect(report.triage?.waivers.first?.status == .active)
        #expect(report.diagnostics.isEmpty, "an active waiver needs no note")
    }

    @Test func waiverExpiringTodayStillWaivesAndIsReported() {
        let report = Triage(waivers: [Self.waiver(subject: "account:*", expires: "2026-11-23")]).apply(
            to: Self.check())
        #expect(report.findings.allSatisfy { $0.status == .waived })
        #expect(report.exitCode == .passed)
        #expect(report.triage?.waivers.first?.status == .expiring)
        #expect(report.triage?.waivers.first?.daysLeft == 0)
        let note = report.diagnostics.first
        #expect(note?.level == .warning)
        #expect(note?.message.contains("expires on 2026-11-23 (today)") == true)
        #expect(note?.location.description == "w.yaml:1:5")
    }

    @Test func waiverExpiredYesterdayStopsWaivingAndSaysSo() throws {
        let report = Triage(waivers: [Self.waiver(subject: "account:*", expires: "2026-11-22")]).apply(
            to: Self.check())
        #expect(report.findings.allSatisfy { $0.status == .open && $0.waiver?.waives == false })
        #expect(report.exitCode == .findings)
        #expect(report.triage?.waivers.first?.status == .expired)
        #expect(
            report.diagnostics.first?.message.contains("expired on 2026-11-22 (1 day ago); 3 findings no longer waived")
                == true)
        let text = String(decoding: try TextReporter().render(report), as: UTF8.self)
        #expect(text.contains("(waiver expired on 2026-11-22, RISK-1)"))
    }

    @Test func warningWindowIsAParameter() {
        let waiver = Self.waiver(subject: "account:*", expires: "2026-12-03")  // 10 days left
        #expect(Triage(waivers: [waiver]).apply(to: Self.check()).triage?.waivers.first?.status == .expiring)
        #expect(
            Triage(waivers: [waiver], warningDays: 9).apply(to: Self.check()).triage?.waivers.first?.status == .active)
        #expect(
            Triage(waivers: [waiver], warningDays: 10).apply(to: Self.check()).triage?.waivers.first?.status
                == .expiring)
    }

    @Test func staleWaiverIsReported() {
        let report = Triage(waivers: [
            Self.waiver(subject: "account:agency-*", expires: "2027-06-30"),
            Self.waiver(subject: "account:contractor-*", expires: "2027-06-30", line: 9),
        ]).apply(to: Self.check())
        #expect(report.triage?.waivers.map(\.status) == [.active, .stale])
        #expect(report.diagnostics.count == 1)
        #expect(
            report.diagnostics.first?.message == "waiver for ACC-009 on account:contractor-* matches no finding (stale)"
        )
        #expect(report.diagnostics.first?.location.line == 9)
    }

    /// Only ACC-009 runs here: waivers for other rules could not have matched, so they are
    /// neither stale nor warned about; one note per file counts them. A glob that covers a rule
    /// that ran is still judged.
    @Test func waiversForRulesThatDidNotRunAreNotStale() {
        let report = Triage(waivers: [
            Self.waiver(subject: "account:agency-*", expires: "2027-06-30"),
            Self.waiver(subject: "account:*", expires: "2027-06-30", rule: "ACC-010", line: 9),
            Self.waiver(subject: "system:*", expires: "2026-11-30", rule: "LIC-*", line: 17),
            Self.waiver(subject: "account:contractor-*", expires: "2027-06-30", rule: "ACC-*", line: 25),
        ]).apply(to: Self.check())
        #expect(report.triage?.waivers.map(\.status) == [.active, .unchecked, .unchecked, .stale])
        #expect(report.triage?.waivers.map(\.checked) == [true, false, false, true])
        #expect(report.diagnostics.filter { $0.level == .warning }.map(\.location.line) == [25], "only the stale one")
        let notes = report.diagnostics.filter { $0.level == .note }
        #expect(notes.count == 1)
        #expect(notes.first?.location.description == "w.yaml:1:1")
        #expect(
            notes.first?.message
                == "2 waivers were not checked: no rule they name ran under this policy (ACC-010, LIC-*)")
    }

    @Test func anExpiredWaiverForARuleThatDidNotRunIsStillExpired() {
        let report = Triage(waivers: [Self.waiver(subject: "*", expires: "2026-11-01", rule: "LIC-001")]).apply(
            to: Self.check())
        #expect(report.triage?.waivers.first?.status == .expired)
        #expect(report.diagnostics.count == 1)
        let warning = report.diagnostics.first
        #expect(warning?.level == .warning)
        #expect(
            warning?.message
                == "waiver for LIC-001 on * expired on 2026-11-01 (22 days ago); its rule did not run under this policy"
        )
    }

    @Test func aCurrentWaiverWinsOverAnExpiredOne() {
        let report = Triage(waivers: [
            Self.waiver(subject: "account:agency-north", expires: "2026-01-01"),
            Self.waiver(subject: "account:*", expires: "2027-06-30", line: 9),
        ]).apply(to: Self.check())
        #expect(report.findings.allSatisfy { $0.status == .waived })
        // Both matched, so neither is stale; the expired one is still reported.
        #expect(report.triage?.waivers.map(\.status) == [.expired, .active])
    }

    @Test func subjectPatternsAndRuleGlobs() {
        let finding = Self.check().findings.first { $0.subject.id == "agency-north" }!
        #expect(Self.waiver(subject: "agency-north", expires: "2027-01-01").matches(finding))
        #expect(Self.waiver(subject: "account:agency-?orth", expires: "2027-01-01").matches(finding))
        #expect(!Self.waiver(subject: "system:agency-north", expires: "2027-01-01").matches(finding))
        #expect(Self.waiver(subject: "*", expires: "2027-01-01", rule: "ACC-*").matches(finding))
        #expect(!Self.waiver(subject: "*", expires: "2027-01-01", rule: "PRIV-*").matches(finding))
        #expect(Glob("a*b*c").matches("aXbYc") && !Glob("a*b*c").matches("aXbY"))
        #expect(Glob("*").matches("") && Glob("").matches("") && !Glob("").matches("x"))
        #expect(!Glob("*a*a*a*a*a*b").matches(String(repeating: "a", count: 5000)), "no exponential backtracking")
    }

    @Test func waiverFilesRequireEveryFieldWithFileLineColumn() {
        let (waivers, diagnostics) = Self.loadWaivers(
            """
            version: 1
            waivers:
              - rule: ACC-009
                subject: account:agency-*
                justification: moving to SSO
                owner: ops
                approver: ciso
                ticket: RISK-1
                expires: 2026-12-31
              - rule: ACC-09
                subject: acount:ben
                owner: ops
                approver: ops
                expires: 2026-02-30
                expiry: 2026-12-31
            """)
        #expect(waivers.count == 1)
        let lines = diagnostics.map(\.description)
        #expect(
            lines.contains("w.yaml:10:5: error: missing required key 'justification' in waiver; add `justification: …`")
        )
        #expect(lines.contains("w.yaml:10:5: error: missing required key 'ticket' in waiver; add `ticket: …`"))
        #expect(lines.contains("w.yaml:10:11: error: rule 'ACC-09' matches no rule; did you mean 'ACC-009'?"))
        #expect(lines.contains("w.yaml:11:14: error: unknown subject kind 'acount'; did you mean 'account'?"))
        #expect(lines.contains { $0.hasPrefix("w.yaml:14:14: error: '2026-02-30' is not a valid date for 'expires'") })
        #expect(lines.contains { $0.hasPrefix("w.yaml:15:5: error: unknown key 'expiry' in waiver") })
        #expect(
            lines.contains(
                "w.yaml:13:15: warning: waiver is approved by its own owner; have someone other than the owner approve the exception"
            ))
        #expect(
            Self.loadWaivers("version: 1\n").diagnostics.map(\.message) == [
                "missing required key 'waivers' in a waiver file"
            ])
        #expect(Self.loadWaivers("version: 2\nwaivers: []\n").diagnostics.first?.message.contains("version 2") == true)
        #expect(
            Self.loadWaivers("version: 1\nwaivers: nope\n").diagnostics.first?.message.contains("expected a list")
                == true)
    }

    /// An approver of spaces names nobody, and an approver who is the owner in other letter
    /// case is still the owner.
    @Test func blankApproversAreErrorsAndTheOwnerInOtherCaseIsTheOwner() {
        func messages(owner: String, approver: String) -> [String] {
            Self.loadWaivers(
                """
                version: 1
                waivers:
                  - {rule: ACC-009, subject: "*", justification: j, owner: "\(owner)", approver: "\(approver)", ticket: T-1, expires: 2027-01-01}
                """
            ).diagnostics.map(\.text)
        }
        #expect(
            messages(owner: "ops", approver: "  \\t\\n") == [
                "'approver' is blank; give it a value; 'approver' is required"
            ])
        #expect(
            messages(owner: "ops", approver: "") == ["'approver' is empty; give it a value; 'approver' is required"])
        #expect(
            messages(owner: "CISO@example.com", approver: "ciso@example.com ") == [
                "waiver is approved by its own owner; have someone other than the owner approve the exception"
            ])
        #expect(messages(owner: "ops", approver: " ciso") == [])
        // A long rule or subject kind is repeated cut to 60 characters (it was repeated whole).
        let long = Self.loadWaivers(
            """
            version: 1
            waivers:
              - {rule: \(String(repeating: "X", count: 5000)), subject: \(String(repeating: "q", count: 5000)):id, justification: j, owner: o, approver: a, ticket: T-1, expires: 2027-01-01}
            """
        ).diagnostics.map(\.text)
        #expect(long.count == 2 && long.allSatisfy { $0.count < 400 }, "\(long.map(\.count))")
        #expect(
            messages(owner: "ops", approver: "\\u2060\\u200B") == [
                "'approver' is blank; give it a value; 'approver' is required"
            ])
        #expect(
            messages(owner: "ciso", approver: "CISO\\n") == [
                "waiver is approved by its own owner; have someone other than the owner approve the exception"
            ])
    }

    /// A subject prefix that reads as a kind but names none is an error, not a bare id that
    /// silently matches nothing; ids holding a colon are still bare ids or `kind:id`.
    @Test func unknownSubjectKindsAreErrorsButColonsInIDsAreNot() {
        func messages(_ subject: String) -> [String] {
            Self.loadWaivers(
                """
                version: 1
                waivers:
                  - {rule: ACC-009, subject: "\(subject)", justification: j, owner: o, approver: a, ticket: T-1, expires: 2027-01-01}
                """
            ).diagnostics.map(\.text)
        }
        #expect(
            messages("region:eu-shop") == [
                "unknown subject kind 'region'; kinds are organization, person, system, flow, account, api_key, asset, web_property, email_program, file, tag, tag_manager_container; for an id that holds a colon, write its kind first (account:region:eu-shop)"
            ])
        // A word of a kind's name is that kind, not "write its kind first (account:key:x)".
        #expect(messages("key:x") == ["unknown subject kind 'key'; did you mean 'api_key:x'?"])
        #expect(
            messages("property:eu-shop") == ["unknown subject kind 'property'; did you mean 'web_property:eu-shop'?"])
        #expect(
            messages("manager:GTM-1") == ["unknown subject kind 'manager'; did you mean 'tag_manager_container:GTM-1'?"]
        )
        #expect(messages("nosuchkind:foo").first?.hasPrefix("unknown subject kind 'nosuchkind'") == true)
        #expect(messages("acount:x") == ["unknown subject kind 'acount'; did you mean 'account'?"])
        #expect(messages("GTM-AB12/GA4: Purchase") == [])
        #expect(messages("account:salesforce:ops") == [])
        #expect(messages("agency-*") == [])
    }

    @Test func baselineFailsOnlyOnNewFindingsAndReportsVanishedEntries() throws {
        let before = Self.check()
        let document = try Baseline.document(for: before)
        let text = String(decoding: document, as: UTF8.self)
        #expect(text.contains("\"rule\" : \"ACC-009\"") && text.contains("\"subject\" : \"account:agency-north\""))
        #expect(try Baseline.document(for: Self.check()) == document, "same findings, same bytes")
        let loaded = BaselineLoader().load(data: document, file: "baseline.json")
        #expect(loaded.diagnostics.isEmpty)
        let baseline = try #require(loaded.baseline)
        #expect(
            baseline.entries.map(\.subject) == ["account:agency-north", "account:agency-south", "account:staff-ana"])

        // Reordered, an unrelated edit, one subject renamed and one new admin.
        let after = """
            version: 1
            # a comment that moves every line
            systems: [{ id: crm, name: CRM customer platform, system_type: crm }]
            accounts:
              - { id: staff-ana, system: crm, kind: human, is_admin: true, mfa_enabled: false }
              - { id: agency-west, system: crm, kind: human, is_admin: true, mfa_enabled: false }
              - { id: agency-south, system: crm, kind: human, is_admin: true, mfa_enabled: false }
              - { id: agency-north-2, system: crm, kind: human, is_admin: true, mfa_enabled: false }
            """
        let report = Triage(baseline: baseline).apply(to: Self.check(after))
        #expect(
            report.findings.filter { $0.status == .baselined }.map(\.subject.id).sorted() == [
                "agency-south", "staff-ana",
            ])
        #expect(report.blockingFindings.map(\.subject.id).sorted() == ["agency-north-2", "agency-west"])
        #expect(report.triage?.baseline?.missing.map(\.subject) == ["account:agency-north"])
        #expect(
            report.diagnostics.map(\.message) == [
                "baseline entry ACC-009 on account:agency-north (\(baseline.entries[0].fingerprint)) no longer occurs"
            ])
        // With everything in the baseline, the run passes.
        #expect(Triage(baseline: baseline).apply(to: Self.check()).exitCode == .passed)
    }

    /// A baseline made under a wider policy: entries for rules that did not run are neither
    /// missing nor matched, and one note counts them instead of a warning each.
    @Test func baselineEntriesForRulesThatDidNotRunAreNotMissing() throws {
        let document = """
            {
              "version": 1,
              "findings": [
                { "fingerprint": "00000000000000000000000000000001", "rule": "ACC-009", "subject": "account:gone" },
                { "fingerprint": "00000000000000000000000000000002", "rule": "LIC-001", "subject": "system:crm" },
                { "fingerprint": "00000000000000000000000000000003", "rule": "PRIV-001", "subject": "flow:a" }
              ]
            }
            """
        let baseline = try #require(BaselineLoader().load(data: Data(document.utf8), file: "b.json").baseline)
        let report = Triage(baseline: baseline).apply(to: Self.check())
        let review = try #require(report.triage?.baseline)
        #expect(review.missing.map(\.rule) == ["ACC-009"])
        #expect(review.unchecked.map(\.rule) == ["LIC-001", "PRIV-001"])
        #expect(review.matchedCount == 0)
        #expect(report.diagnostics.filter { $0.level == .warning }.count == 1, "only the ACC-009 entry is missing")
        let notes = report.diagnostics.filter { $0.level == .note }
        #expect(
            notes.map(\.description) == [
                "b.json:1:1: note: 2 baseline entries were not checked: their rules did not run under this policy (LIC-001, PRIV-001); `tollgate baseline create` with this run's policy writes a baseline of its rules only"
            ])
        // The XML and JSON reports keep them out of the missing list and count them apart.
        let xml = String(decoding: try XMLReporter().render(report), as: UTF8.self)
        #expect(xml.contains("entries=\"3\" matched=\"0\" unchecked=\"2\""))
        #expect(xml.components(separatedBy: "<missing ").count == 2)
        let json = try JSONSerialization.jsonObject(with: try JSONReporter().render(report)) as? [String: Any]
        let section = json?["baseline"] as? [String: Any]
        #expect(section?["unchecked"] as? Int == 2 && (section?["missing"] as? [Any])?.count == 1)
    }

    @Test func ruleListsNameTheFirstFiveRules() {
        #expect(Triage.ruleList(["B", "A", "B"]) == "A, B")
        #expect(Triage.ruleList((1...7).map { "R-\($0)" }) == "R-1, R-2, R-3, R-4, R-5 and 2 more")
    }

    @Test func tallyCountsEachStatusOnceAndAgreesWithTheFindings() throws {
        // staff-ana in the baseline, agency-north waived, agency-south open.
        let partlyWaived = Triage(waivers: [Self.waiver(subject: "account:agency-*", expires: "2027-06-30")]).apply(
            to: Self.check())
        let baseline = try #require(
            BaselineLoader().load(data: try Baseline.document(for: partlyWaived), file: "b.json").baseline)
        let report = Triage(
            waivers: [Self.waiver(subject: "account:agency-north", expires: "2027-06-30")], baseline: baseline
        ).apply(to: Self.check())
        let tally = report.tally
        #expect(tally.total == 3 && tally.waived == 1 && tally.baselined == 1 && tally.blocking == 1)
        #expect(tally.count(.critical) == 3 && tally.count(.high) == 0, "severity counts ignore status")
        #expect(tally.blocking == report.blockingFindings.count)
        #expect(report.hasBlockingFindings && report.exitCode == .findings)
        // At the boundary: a finding exactly at --fail-on blocks.
        #expect(FindingTally(report.findings, failOn: .atOrAbove(.critical)).blocking == 1)
        #expect(FindingTally([], failOn: .atOrAbove(.info)) == FindingTally([], failOn: .atOrAbove(.critical)))
    }

    @Test func baselineLeavesOutWaivedFindings() throws {
        let waived = Triage(waivers: [Self.waiver(subject: "account:agency-*", expires: "2027-06-30")]).apply(
            to: Self.check())
        let loaded = BaselineLoader().load(data: try Baseline.document(for: waived), file: "b.json")
        #expect(loaded.baseline?.entries.map(\.subject) == ["account:staff-ana"])
    }

    @Test func badBaselinesAreReportedWithFileLineColumn() {
        let bad = """
            {
              "version": 1,
              "findings": [
                { "fingerprint": "XYZ", "rule": "ACC-009", "subject": "account:a" },
                { "rule": "ACC-009", "subject": "account:b" }
              ]
            }
            """
        let loaded = BaselineLoader().load(data: Data(bad.utf8), file: "b.json")
        #expect(loaded.baseline == nil)
        let lines = loaded.diagnostics.map(\.description)
        #expect(lines.contains { $0.hasPrefix("b.json:4:22: error: 'XYZ' is not a Tollgate fingerprint") })
        #expect(lines.contains { $0.hasPrefix("b.json:5:5: error: missing required key 'fingerprint' in baseline") })
    }

    /// An empty baseline file is called a baseline, with advice to write one; not a declaration
    /// file to remove.
    @Test func anEmptyBaselineSaysHowToWriteOne() {
        for text in ["", " \n\n"] {
            let loaded = BaselineLoader().load(data: Data(text.utf8), file: "b.json")
            #expect(loaded.baseline == nil)
            #expect(
                loaded.diagnostics.map(\.description) == [
                    "b.json:1:1: error: the baseline file is empty; write one with `tollgate baseline create STACK --output b.json`, or leave out --baseline"
                ])
        }
    }

    @Test func invalidInputIsNotTriaged() {
        let invalid = Report.invalidInput(
            asOf: Self.asOf, inputs: [], policy: [], failOn: .atOrAbove(.medium),
            diagnostics: [Diagnostic(at: SourceLocation(file: "x.yaml", line: 1, column: 1), "broken")])
        let triaged = Triage(waivers: [Self.waiver(subject: "*", expires: "2027-01-01")]).apply(to: invalid)
        #expect(triaged.triage == nil && triaged.exitCode == .invalidInput)
    }
}
