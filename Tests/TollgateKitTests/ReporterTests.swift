import Foundation
import Testing
import TollgateKit
import TollgateRules

/// Reporters: golden files (byte-identical output), schema validity, hostile text.
@Suite("Reporters")
struct ReporterTests {
    static let goldenDirectory = TestSupport.packageRoot.appendingPathComponent("Tests/TollgateKitTests/Golden")
    static let asOf = Day(iso: "2026-11-23")!
    /// Tests about reporting one kind of finding run one rule, so new rules do not change them.
    static let onlyAdminMFA = Policy(sources: [], settings: ["ACC-009": Policy.Setting()])

    /// The golden stack checked with every built-in rule.
    static func goldenReport(failOn: FailThreshold = .atOrAbove(.medium)) throws -> Report {
        let text = try String(contentsOf: goldenDirectory.appendingPathComponent("stack.yaml"), encoding: .utf8)
        let inventory = TestSupport.inventory(text, name: "stack.yaml")
        // Pinned to the first rule of each domain, so that adding rules does not churn the golden files.
        let rules = BuiltInRules.all.filter { goldenRuleIDs.contains($0.description.id) }
        return Checker(rules: rules, policy: .allRules(rules.map(\.description))).check(
            inventory, asOf: asOf, failOn: failOn)
    }

    /// The rules the golden reports are made with.
    static let goldenRuleIDs: Set<String> = ["PRIV-001", "ACC-009", "LIC-001"]

    /// The golden stack with the golden waivers and baseline applied: an expiring waiver over
    /// two subjects (glob), an expired one, a stale one, a baselined finding, a baseline
    /// entry that no longer occurs, and a waiver and a baseline entry for a rule that did not run.
    static func triagedReport(failOn: FailThreshold = .atOrAbove(.medium)) throws -> Report {
        let waiverBytes = try Data(contentsOf: goldenDirectory.appendingPathComponent("waivers.yaml"))
        let baselineBytes = try Data(contentsOf: goldenDirectory.appendingPathComponent("baseline.json"))
        let waivers = WaiverLoader(catalog: BuiltInRules.catalog).load(data: waiverBytes, file: "waivers.yaml")
        let baseline = BaselineLoader().load(data: baselineBytes, file: "baseline.json")
        #expect(waivers.diagnostics.isEmpty && baseline.diagnostics.isEmpty)
        return Triage(waivers: waivers.waivers, waiverFiles: [waivers.file], baseline: baseline.baseline).apply(
            to: try goldenReport(failOn: failOn))
    }

    /// Paths as a CI job in a checkout at /repo would see them.
    static let repositoryPaths = RepositoryPaths(root: "/repo", workingDirectory: "/repo")

    static func render(_ format: ReportFormat, _ report: Report) throws -> Data {
        try format.reporter(paths: repositoryPaths).render(report)
    }

    /// The golden file name of a format: report.txt, report.sarif, report.native.xml, …
    static func goldenName(_ format: ReportFormat, prefix: String) -> String {
        switch format {
        case .text, .json, .junit, .sarif: return "\(prefix).\(format.fileExtension)"
        case .xml: return "\(prefix).native.xml"
        case .github, .gitlab: return "\(prefix).\(format.rawValue).\(format.fileExtension)"
        case .html: return "\(prefix).html"
        }
    }

    /// Compares with the golden file; `TOLLGATE_UPDATE_GOLDEN=1 swift test` rewrites them.
    func assertGolden(_ data: Data, _ name: String) throws {
        let url = Self.goldenDirectory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["TOLLGATE_UPDATE_GOLDEN"] == "1" {
            try data.write(to: url)
            return
        }
        let expected = try Data(contentsOf: url)
        #expect(
            data == expected,
            "\(name) differs from the golden file; if the change is intended, run TOLLGATE_UPDATE_GOLDEN=1 swift test")
    }

    /// A GitHub annotation adds the subject only when the message does not already quote its id:
    /// "admin account 'ben' has no MFA (account:ben)" said it twice.
    @Test func githubAnnotationsNameTheSubjectOnce() throws {
        let github = String(decoding: try Self.render(.github, try Self.goldenReport()), as: UTF8.self)
        #expect(github.contains("critical: admin account 'ben' has no MFA%0A"), "\(github)")
        #expect(!github.contains("(account:ben)"), "\(github)")
        #expect(github.contains("by 2 (system:crm)%0A"), "a message that does not name its subject keeps it")
    }

    @Test(arguments: ReportFormat.allCases)
    func goldenOutput(_ format: ReportFormat) throws {
        let first = try Self.render(format, try Self.goldenReport())
        let second = try Self.render(format, try Self.goldenReport())
        #expect(first == second, "same input, same bytes")
        try assertGolden(first, Self.goldenName(format, prefix: "report"))
        let triaged = try Self.render(format, try Self.triagedReport())
        #expect(triaged == (try Self.render(format, try Self.triagedReport())), "same input, same bytes")
        try assertGolden(triaged, Self.goldenName(format, prefix: "report-triaged"))
    }

    /// Reports for schema tests: fail-on levels from lowest to none, with and without waivers
    /// and baseline, and a run whose input was invalid.
    static func schemaTestReports() throws -> [(String, Report)] {
        var reports: [(String, Report)] = []
        for failOn in [FailThreshold.atOrAbove(.info), .atOrAbove(.medium), .atOrAbove(.critical), .never] {
            reports.append(("golden, fail-on \(failOn)", try goldenReport(failOn: failOn)))
            reports.append(("triaged, fail-on \(failOn)", try triagedReport(failOn: failOn)))
        }
        reports.append(
            (
                "invalid input",
                Report.invalidInput(
                    asOf: asOf, inputs: ["bad.yaml"], policy: [], failOn: .atOrAbove(.medium),
                    diagnostics: [
                        Diagnostic(
                            at: SourceLocation(file: "bad.yaml", line: 3, column: 7), "unknown key 'x'",
                            hint: "remove it")
                    ])
            ))
        return reports
    }

    @Test(
        .enabled(if: TestSupport.sharedExternalAvailable, TestSupport.skipMessage),
        .enabled(if: JSONSchemaValidation.available, JSONSchemaValidation.skipMessage))
    func sarifIsValidAgainstTheSchema() throws {
        for (name, report) in try Self.schemaTestReports() {
            let sarif = try Self.render(.sarif, report)
            #expect(try JSONSchemaValidation.validate(sarif, schema: JSONSchemaValidation.sarifSchema) == [], "\(name)")
        }
        // The validator really validates: a result without a message is refused.
        let broken = Data(
            #"{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"ruleId":"A"}]}]}"#.utf8)
        #expect(try !JSONSchemaValidation.validate(broken, schema: JSONSchemaValidation.sarifSchema).isEmpty)
    }

    @Test func nativeXMLIsValidAgainstItsSchema() throws {
        let validator = try XMLSchemaValidator(schemaPath: NativeSchema.path)
        for (name, report) in try Self.schemaTestReports() {
            #expect(validator.validate(try Self.render(.xml, report)) == [], "\(name)")
        }
        #expect(
            !validator.validate(Data("<report xmlns=\"urn:tollgate:report:1\" format-version=\"1\"/>".utf8)).isEmpty)
    }

    @Test(
        .enabled(if: TestSupport.sharedExternalAvailable, TestSupport.skipMessage),
        arguments: ["junit/jenkins-junit-10.xsd", "junit/windyroad-JUnit.xsd"])
    func junitIsValidAgainstBothSchemas(_ schema: String) throws {
        let validator = try XMLSchemaValidator(
            schemaPath: TestSupport.sharedExternal.appendingPathComponent(schema).path)
        for (name, report) in try Self.schemaTestReports() {
            #expect(validator.validate(try JUnitReporter().render(report)) == [], "\(name)")
        }
    }

    @Test func schemaValidatorRejectsInvalidDocuments() throws {
        guard TestSupport.sharedExternalAvailable else { return }
        let validator = try XMLSchemaValidator(
            schemaPath: TestSupport.sharedExternal.appendingPathComponent("junit/windyroad-JUnit.xsd").path)
        #expect(!validator.validate(Data("<testsuites><testsuite/></testsuites>".utf8)).isEmpty)
        #expect(!validator.validate(Data("<testsuites>".utf8)).isEmpty)
        // An external entity must not be fetched or expanded.
        let xxe =
            "<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><testsuites>&x;</testsuites>"
        let problems = validator.validate(Data(xxe.utf8))
        #expect(!problems.isEmpty)
        #expect(!problems.joined().contains("root:"))
    }

    /// Ids and names with control characters, `]]>`, quotes, emoji and right-to-left text
    /// (possible through YAML escapes) still give well-formed, schema-valid XML.
    @Test func hostileTextStaysWellFormed() throws {
        let yaml = #"""
            version: 1
            systems:
              - { id: "crm\u001B]]>\"'&<x>", name: "CRM 🚀 \u202Eevil", system_type: crm }
            accounts:
              - { id: "adm\u0000in 👩‍💻 مدير", system: "crm\u001B]]>\"'&<x>", kind: human, is_admin: true, mfa_enabled: false }
            """#
        // Validation rejects these ids (checked in ValidationTests); the reporters must still
        // be safe for whatever reaches them, so the inventory is checked as loaded.
        let loaded = InventoryLoader().load(text: yaml, name: "stack.yaml")
        #expect(loaded.errors.count == 2 && loaded.errors.allSatisfy { $0.message.contains("control character") })
        let inventory = loaded.inventory
        let report = Checker(rules: BuiltInRules.all, policy: Self.onlyAdminMFA).check(inventory, asOf: Self.asOf)
        #expect(report.findings.count == 1)
        let xml = try JUnitReporter().render(report)
        let text = String(decoding: xml, as: UTF8.self)
        #expect(!text.contains("\u{1B}") && !text.contains("\u{0}"))
        #expect(text.contains("👩‍💻") && text.contains("مدير"))
        if TestSupport.sharedExternalAvailable {
            for schema in ["junit/jenkins-junit-10.xsd", "junit/windyroad-JUnit.xsd"] {
                let validator = try XMLSchemaValidator(
                    schemaPath: TestSupport.sharedExternal.appendingPathComponent(schema).path)
                #expect(validator.validate(xml) == [], "\(schema)")
            }
        }
        let json = try JSONSerialization.jsonObject(with: try JSONReporter().render(report)) as? [String: Any]
        #expect((json?["findings"] as? [Any])?.count == 1)
        // The same text in a waiver (justification, owner, ticket) and every other format.
        let hostile = "fix\u{1B}]]> \"quoted\" 'single' & <tag> 🚀 \u{202E}evil مدير\nsecond line\r%0A,:"
        let waiver = Waiver(
            rule: "ACC-009", subject: "account:adm*", justification: hostile, owner: hostile, approver: "ciso",
            ticket: "T-\u{0}1", expires: Day(iso: "2027-01-01")!,
            location: SourceLocation(file: "w.yaml", line: 1, column: 1))
        let waived = Triage(waivers: [waiver]).apply(to: report)
        #expect(waived.findings.first?.status == .waived)
        let nativeValidator = try XMLSchemaValidator(schemaPath: NativeSchema.path)
        for candidate in [report, waived] {
            for format in [ReportFormat.junit, .xml] {
                let data = try Self.render(format, candidate)
                let text = String(decoding: data, as: UTF8.self)
                #expect(!text.contains("\u{1B}") && !text.contains("\u{0}"), "\(format)")
                #expect(text.contains("👩‍💻") && text.contains("مدير"), "\(format)")
                if format == .xml { #expect(nativeValidator.validate(data) == []) }
                if format == .junit, TestSupport.sharedExternalAvailable {
                    #expect(try JUnitSchemas.problems(data) == [])
                }
            }
            let sarif = try Self.render(.sarif, candidate)
            #expect(try JSONSerialization.jsonObject(with: sarif) is [String: Any])
            if TestSupport.sharedExternalAvailable && JSONSchemaValidation.available {
                #expect(try JSONSchemaValidation.validate(sarif, schema: JSONSchemaValidation.sarifSchema) == [])
            }
            #expect(try JSONSerialization.jsonObject(with: try Self.render(.gitlab, candidate)) is [Any])
            let github = String(decoding: try Self.render(.github, candidate), as: UTF8.self)
            for line in github.split(separator: "\n", omittingEmptySubsequences: false).dropLast(2) {
                #expect(line.hasPrefix("::"), "every annotation is one line: \(line)")
            }
            #expect(!github.contains("\u{1B}") && !github.contains("\r") && !github.contains("\u{0}"))
        }
    }

    /// A flow id with line breaks printed a forged `::error` annotation and `::stop-commands::`
    /// as lines of their own in the text report, and ESC and BEL reached the log raw. Every
    /// string from the declarations is escaped: one finding, one line.
    @Test func textReportKeepsEachFindingOnOneLine() throws {
        let forged = "f\n::error file=README.md,line=1,title=Injected::forged annotation\n::stop-commands::tok"
        let hostile = "\(forged)\u{1B}[31m\u{07}\r\u{85}\u{2028}\u{2029}\u{7F}"
        let yaml = #"""
            version: 1
            systems: [{ id: crm, name: CRM, system_type: crm }]
            accounts:
              - id: "f\n::error file=README.md,line=1,title=Injected::forged annotation\n::stop-commands::tok\x1B[31m\x07\r\u0085\u2028\u2029\x7F"
                system: crm
                kind: human
                is_admin: true
                mfa_enabled: false
            """#
        // Validation rejects the id; the report is made from the loaded declarations anyway.
        let loaded = InventoryLoader().load(text: yaml, name: "dir\n::warning::x/stack.yaml")
        #expect(loaded.errors.count == 1)
        let report = Checker(rules: BuiltInRules.all, policy: Self.onlyAdminMFA).check(
            loaded.inventory, asOf: Self.asOf)
        #expect(report.findings.count == 1)
        let invalid = Report.invalidInput(
            asOf: Self.asOf, inputs: [], policy: [], failOn: .atOrAbove(.medium),
            diagnostics: [Diagnostic(at: report.findings[0].location, hostile, hint: hostile)])
        let waiver = Waiver(
            rule: "ACC-009", subject: "account:*", justification: hostile, owner: hostile, approver: "ciso",
            ticket: hostile, expires: Day(iso: "2027-01-01")!, location: report.findings[0].location)
        // The location's path in every one; the hostile text in a waiver's ticket and a diagnostic.
        for (candidate, quotesHostile) in [
            (report, false), (Triage(waivers: [waiver]).apply(to: report), true), (invalid, true),
        ] {
            for color in [false, true] {
                let text = String(decoding: try TextReporter(color: color).render(candidate), as: UTF8.self)
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
                #expect(lines.count == 2, "one finding or diagnostic, and the summary: \(lines)")
                for line in lines {
                    #expect(!line.hasPrefix("::"), "\(line)")
                    let raw = line.unicodeScalars.filter {
                        ($0.value < 0x20 && $0 != "\u{1B}") || (0x7F...0x9F).contains($0.value)
                            || $0.value == 0x2028 || $0.value == 0x2029
                    }
                    #expect(raw.isEmpty, "\(line)")
                }
                // ESC only in the reporter's own colours.
                #expect(color || !text.contains("\u{1B}"))
                #expect(text.contains(#"dir\n::warning::x/"#))
                if quotesHostile {
                    #expect(text.contains(#"f\n::error file=README.md"#))
                    #expect(text.contains(#"\u{1B}[31m\u{7}\r\u{85}\u{2028}\u{2029}\u{7F}"#))
                }
            }
        }
    }

    /// The summary line's counts agree with their nouns at one: it said "from 1 checks".
    @Test func summaryOfOneCheckIsSingular() throws {
        let yaml = """
            version: 1
            systems: [{ id: crm, name: CRM, system_type: crm }]
            accounts: [{ id: ben, system: crm, kind: human, is_admin: true, mfa_enabled: false }]
            """
        let report = Checker(rules: BuiltInRules.all, policy: Self.onlyAdminMFA).check(
            TestSupport.inventory(yaml), asOf: Self.asOf)
        #expect(
            TextReporter().summary(report)
                == "1 finding (1 critical) from 1 check by 1 rule as of 2026-11-23; 1 at or above medium: failed")
    }

    /// The built-in defaults come from no file: the JSON report leaves their `file` and `sha256`
    /// out, as docs/reports.md says of optional keys and as the XML report does (it wrote `""`).
    @Test func policyFromNoFileHasNoFileOrDigest() throws {
        let digest = String(repeating: "ab", count: 32)
        let policy = Policy(
            sources: [
                Policy.Source(name: "built-in defaults", file: "", description: nil, digest: ""),
                Policy.Source(name: "acme", file: "policies/acme.yaml", description: nil, digest: digest),
            ],
            settings: ["ACC-009": Policy.Setting()])
        let report = Checker(rules: BuiltInRules.all, policy: policy).check(
            TestSupport.inventory("version: 1\n"), asOf: Self.asOf)
        let json = try #require(
            try JSONSerialization.jsonObject(with: JSONReporter().render(report)) as? [String: Any])
        let sources = try #require(json["policy"] as? [[String: String]])
        #expect(
            sources == [
                ["name": "built-in defaults"], ["name": "acme", "file": "policies/acme.yaml", "sha256": digest],
            ])
        let xml = try #require(String(data: try XMLReporter().render(report), encoding: .utf8))
        #expect(xml.contains("name=\"built-in defaults\"/>") && !xml.contains("=\"\""), "\(xml)")
    }

    @Test func fingerprintsSurviveReorderingAndChangeWithTheSubject() throws {
        let base = """
            version: 1
            systems: [{ id: crm, name: CRM, system_type: crm }, { id: esp, name: ESP, system_type: esp }]
            accounts:
              - { id: ben, system: crm, kind: human, is_admin: true, mfa_enabled: false }
              - { id: cy, system: esp, kind: human, is_admin: true, mfa_enabled: false }
            """
        let reordered = """
            version: 1
            # an unrelated comment that moves every line
            systems: [{ id: esp, name: ESP, system_type: esp }, { id: crm, name: CRM, system_type: crm }]
            accounts:
              - { id: cy, system: esp, kind: human, is_admin: true, mfa_enabled: false }
              - { id: ben, system: crm, kind: human, is_admin: true, mfa_enabled: false }
            """
        let renamed = base.replacingOccurrences(of: "id: ben", with: "id: benjamin")
        func prints(_ yaml: String) -> Set<String> {
            let report = Checker(rules: BuiltInRules.all, policy: Self.onlyAdminMFA).check(
                TestSupport.inventory(yaml), asOf: Self.asOf)
            return Set(report.findings.map(\.fingerprint))
        }
        #expect(prints(base).count == 2)
        #expect(prints(base) == prints(reordered))
        #expect(prints(base).intersection(prints(renamed)).count == 1)
    }
}

/// The native report's schema, shipped in the repository.
enum NativeSchema {
    static let path = TestSupport.packageRoot.appendingPathComponent("docs/schemas/tollgate-report-1.xsd").path
}
