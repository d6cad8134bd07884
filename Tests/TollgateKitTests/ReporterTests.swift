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
    static func goldenReport(failOn: Severity = .medium) throws -> Report {
        let text = try String(contentsOf: goldenDirectory.appendingPathComponent("stack.yaml"), encoding: .utf8)
        let inventory = TestSupport.inventory(text, name: "stack.yaml")
        return Checker(rules: BuiltInRules.all, policy: .allRules(BuiltInRules.catalog)).check(
            inventory, asOf: asOf, failOn: failOn)
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

    @Test(arguments: ReportFormat.allCases)
    func goldenOutput(_ format: ReportFormat) throws {
        let report = try Self.goldenReport()
        let first = try format.reporter().render(report)
        let second = try format.reporter().render(try Self.goldenReport())
        #expect(first == second, "same input, same bytes")
        let ext = ["text": "txt", "json": "json", "junit": "xml"][format.rawValue]!
        try assertGolden(first, "report.\(ext)")
    }

    @Test(
        .enabled(if: TestSupport.sharedExternalAvailable, TestSupport.skipMessage),
        arguments: ["junit/jenkins-junit-10.xsd", "junit/windyroad-JUnit.xsd"])
    func junitIsValidAgainstBothSchemas(_ schema: String) throws {
        let validator = try XMLSchemaValidator(
            schemaPath: TestSupport.sharedExternal.appendingPathComponent(schema).path)
        for failOn in [Severity.info, .medium, .critical] {
            let xml = try JUnitReporter().render(try Self.goldenReport(failOn: failOn))
            #expect(validator.validate(xml) == [], "fail-on \(failOn)")
        }
        let invalid = Report.invalidInput(
            asOf: Self.asOf, inputs: ["bad.yaml"], policy: [], failOn: .medium,
            diagnostics: [
                Diagnostic(
                    at: SourceLocation(file: "bad.yaml", line: 3, column: 7), "unknown key 'x'", hint: "remove it")
            ])
        #expect(validator.validate(try JUnitReporter().render(invalid)) == [])
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
        let inventory = TestSupport.inventory(yaml)
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
