import Foundation
import Testing
import TollgateRules

@testable import TollgateKit

/// AWS IAM and Okta password-policy exports: imported onto the systems that name them, checked
/// with locations in the export, and refused clearly when malformed.
@Suite("Password-policy imports")
struct PasswordPolicyImportTests {
    static let fixtures = TestSupport.packageRoot.appendingPathComponent("fixtures/importers").path
    static let asOf = Day(iso: "2026-11-23")!

    static func check(_ paths: [String]) -> Report {
        return CheckRunner(rules: BuiltInRules.all).run(
            paths: paths, policyPaths: [], asOf: asOf, failOn: .atOrAbove(.medium))
    }

    static func findings(_ report: Report, _ rule: String) -> [Finding] {
        report.findings.filter { $0.ruleID == rule }
    }

    @Test func awsExportImportsAndChecks() throws {
        let report = Self.check(["\(Self.fixtures)/aws"])
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let export = "\(Self.fixtures)/aws/aws-iam-password-policy.json"
        #expect(report.inputs.contains(export))
        let length = try #require(Self.findings(report, "ACC-001").first)
        #expect(length.subject.description == "system:aws-analytics")
        #expect(
            length.location
                == SourceLocation(file: export, line: 3, column: 34, pointer: "/PasswordPolicy/MinimumPasswordLength"))
        #expect(length.message == "minimum password length is 8, below 15 for passwords that can be the only factor")
        let composition = try #require(Self.findings(report, "ACC-003").first)
        #expect(composition.location.pointer == "/PasswordPolicy/RequireSymbols" && composition.location.line == 4)
        let rotation = try #require(Self.findings(report, "ACC-004").first)
        #expect(rotation.location.pointer == "/PasswordPolicy/MaxPasswordAge" && rotation.message.contains("90 days"))
        // The NIST-shaped export passes length, composition and rotation; IAM cannot screen or lock out.
        let nist = report.findings.filter { $0.subject.description == "system:aws-web" }.map(\.ruleID).sorted()
        #expect(nist == ["ACC-005", "ACC-006"])
    }

    @Test func oktaExportImportsAndChecks() throws {
        let report = Self.check(["\(Self.fixtures)/okta"])
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let export = "\(Self.fixtures)/okta/okta-password-policy.json"
        let byRule = Dictionary(grouping: report.findings.filter { $0.location.file == export }, by: \.ruleID)
        #expect(Set(byRule.keys) == ["ACC-003", "ACC-005", "ACC-007"])
        #expect(byRule["ACC-003"]?.first?.location.pointer == "/settings/password/complexity/minLowerCase")
        #expect(byRule["ACC-005"]?.first?.location.pointer == "/settings/password/complexity/dictionary/common/exclude")
        #expect(
            byRule["ACC-007"]?.first?.location.pointer == "/settings/recovery/factors/recovery_question/status")
        // 8 characters pass ACC-001 because the system enforces MFA for all; lockout 10 passes ACC-006.
        #expect(Self.findings(report, "ACC-001").isEmpty && Self.findings(report, "ACC-006").isEmpty)
        // The staff policy, with nulls in places, passes every password rule.
        let staff = report.findings.filter { $0.location.file.hasSuffix("okta-password-policy-nist.json") }
        #expect(staff.isEmpty, "\(staff.map(\.message))")
    }

    @Test func oktaNullsTakeDocumentedDefaults() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try """
        {"type": "PASSWORD", "settings": {"password": {"complexity": {"minLength": null, "minLowerCase": null,
         "minUpperCase": 0, "minNumber": 0, "minSymbol": 0, "dictionary": null}, "age": null, "lockout": {"maxAttempts": null}}}}
        """.write(to: directory.appendingPathComponent("okta.json"), atomically: true, encoding: .utf8)
        try """
        version: 1
        systems: [{ id: okta, name: Okta, system_type: idp, security: { password_policy_import: okta.json } }]
        """.write(to: directory.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
        let report = Self.check([directory.path])
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let rules = Set(report.findings.filter { $0.location.file.hasSuffix("okta.json") }.map(\.ruleID))
        // minLength null → 8 (too short without MFA for all), minLowerCase null → 1 (composition),
        // dictionary null → off, maxAttempts null → 0 (no lockout); maxAgeDays absent → 0 (no expiry).
        #expect(rules == ["ACC-001", "ACC-003", "ACC-005", "ACC-006"])
    }

    @Test func malformedExportsGiveClearErrorsWithLocations() {
        let report = Self.check(["\(Self.fixtures)/malformed"])
        #expect(report.exitCode == .invalidInput)
        let messages = report.diagnostics.map(\.description)
        let aws = "\(Self.fixtures)/malformed/aws-iam-password-policy.json"
        let okta = "\(Self.fixtures)/malformed/okta-password-policy.json"
        #expect(
            messages.contains {
                $0.hasPrefix("\(aws):3:34: error: expected a whole number for 'MinimumPasswordLength', found a string")
            })
        #expect(messages.contains { $0.hasPrefix("\(aws):4:27: error: expected true or false for 'RequireSymbols'") })
        #expect(messages.contains { $0.hasPrefix("\(okta):6:42: error: expected a whole number for 'minLength'") })
        #expect(
            messages.contains {
                $0.hasPrefix("\(okta):7:24: error: expected a mapping at '/settings/password/lockout'")
            })
    }

    @Test func linkingProblemsAreErrors() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        func write(_ text: String, _ name: String) throws {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try write(#"{"PasswordPolicy": {"MinimumPasswordLength": 15}}"#, "orphan.json")
        try write(#"{"PasswordPolicy": {"MinimumPasswordLength": 15}}"#, "aws.json")
        try write(#"{"not": "an export"}"#, "other.txt")
        try write(
            """
            version: 1
            systems:
              - { id: a, name: A, system_type: other, security: { password_policy_import: aws.json, password_policy: { min_length: 15 } } }
              - { id: b, name: B, system_type: other, security: { password_policy_import: missing.json } }
              - { id: c, name: C, system_type: other, security: { password_policy_import: other.txt } }
            """, "stack.yaml")
        let report = Self.check([directory.path])
        let messages = report.diagnostics.map(\.description)
        #expect(
            messages.contains {
                $0.contains("orphan.json:1:1: error: aws-iam-password-policy export is not linked to any system")
            })
        #expect(messages.contains { $0.contains("both `password_policy` and `password_policy_import` are declared") })
        #expect(messages.contains { $0.contains("stack.yaml:4:") && $0.contains("'missing.json' (resolved to ") })
        #expect(messages.contains { $0.contains("'other.txt' is not a password-policy export Tollgate can read") })
    }

    /// A missing export is reported where the system names it, with the path it resolved to and
    /// what to do: not at line 1 of a file that does not exist (as it once was).
    @Test func aMissingExportIsReportedAtTheKeyThatNamesIt() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("exports/folder.json"), withIntermediateDirectories: true)
        let stack = directory.appendingPathComponent("stack.yaml").path
        try """
        version: 1
        systems:
          - id: a
            name: A
            system_type: other
            security:
              password_policy_import: exports/nothere.json
          - { id: b, name: B, system_type: other, security: { password_policy_import: exports/folder.json } }
        """.write(toFile: stack, atomically: true, encoding: .utf8)
        let report = Self.check([stack])
        #expect(report.exitCode == .invalidInput)
        let messages = report.diagnostics.map(\.description)
        #expect(
            messages.contains(
                "\(stack):7:31: error: password_policy_import 'exports/nothere.json' (resolved to \(directory.path)/exports/nothere.json) does not exist; the path is relative to the declaring file, \(stack); correct it, or save the export there"
            ), "\(messages)")
        #expect(
            messages.contains {
                $0.hasPrefix("\(stack):8:")
                    && $0.contains(
                        "'exports/folder.json' (resolved to \(directory.path)/exports/folder.json) is a directory")
            }, "\(messages)")
        #expect(report.diagnostics.allSatisfy { $0.location.file == stack }, "\(messages)")
    }

    /// Exports are chosen in one way (`exportImporter`), with one difference pinned here: a
    /// file a system names as its export is read by the importer that recognises it although it
    /// has a top-level key of a declaration (`people: []`), since the name says what it is; the
    /// same file that no system names is read from its content alone, as a declaration.
    @Test func aNamedExportWithADeclarationKeyIsStillTheExport() throws {
        let export = """
            {"PasswordPolicy": {"MinimumPasswordLength": 8, "RequireSymbols": false, "RequireNumbers": false,
             "RequireUppercaseCharacters": false, "RequireLowercaseCharacters": false, "ExpirePasswords": false},
             "people": []}
            """
        let stack = """
            version: 1
            systems:
              - { id: aws, name: AWS, system_type: other, security: { password_policy_import: policy.json } }
            """
        for outside in [false, true] {
            let directory = try TestSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let stackDirectory = outside ? directory.appendingPathComponent("stack") : directory
            try FileManager.default.createDirectory(at: stackDirectory, withIntermediateDirectories: true)
            try export.write(to: directory.appendingPathComponent("policy.json"), atomically: true, encoding: .utf8)
            try stack.replacingOccurrences(of: "policy.json", with: outside ? "../policy.json" : "policy.json").write(
                to: stackDirectory.appendingPathComponent("stack.yaml"), atomically: true, encoding: .utf8)
            let report = Self.check([stackDirectory.path])
            #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
            #expect(Self.findings(report, "ACC-001").first?.location.pointer == "/PasswordPolicy/MinimumPasswordLength")
        }
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try export.write(to: directory.appendingPathComponent("policy.json"), atomically: true, encoding: .utf8)
        let unnamed = Self.check([directory.path])
        #expect(
            unnamed.diagnostics.map(\.message) == [
                "missing required key 'version' in a declaration file",
                "unknown key 'PasswordPolicy' in a declaration file",
            ], "\(unnamed.diagnostics)")
    }

    @Test func anExportOutsideTheGivenPathsIsLoadedWhenNamed() {
        // Only the declaration is named; the export beside it is read because the system names it.
        let report = Self.check(["\(Self.fixtures)/aws/stack.yaml"])
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(report.inputs.contains("\(Self.fixtures)/aws/aws-iam-password-policy.json"))
        #expect(
            Self.findings(report, "ACC-001").first?.location.file == "\(Self.fixtures)/aws/aws-iam-password-policy.json"
        )
    }

    /// An export read only because a system names it is scanned for pasted credentials like
    /// every input file, in its JSON as written (pointer and line in the export).
    @Test func anExportOutsideTheGivenPathsIsScannedForSecrets() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let exports = directory.appendingPathComponent("exports")
        try FileManager.default.createDirectory(at: exports, withIntermediateDirectories: true)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        let token = "ghp_" + String((0..<36).map { _ in alphabet.randomElement()! })
        try """
        {"type": "PASSWORD", "description": "admin token \(token)",
         "settings": {"password": {"complexity": {"minLength": 15}}}}
        """.write(to: exports.appendingPathComponent("okta.json"), atomically: true, encoding: .utf8)
        let stack = directory.appendingPathComponent("stack.yaml")
        try """
        version: 1
        systems: [{ id: okta, name: Okta, system_type: idp, security: { password_policy_import: exports/okta.json } }]
        """.write(to: stack, atomically: true, encoding: .utf8)
        let report = Self.check([stack.path])
        let secrets = Self.findings(report, "ACC-018").filter { $0.location.file.hasSuffix("exports/okta.json") }
        #expect(secrets.map(\.location.pointer) == ["/description"], "\(report.findings.map(\.message))")
        #expect(secrets.map(\.location.line) == [1])
        #expect(!secrets.contains { $0.message.contains(token) })
    }

    /// Writes `export` and a stack naming it, and checks only the stack file (the export is read
    /// because the system names it).
    static func checkNamed(_ export: String, name: String, systemType: String = "idp") throws -> Report {
        let directory = try TestSupport.temporaryDirectory()
        try export.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        let stack = directory.appendingPathComponent("stack.yaml")
        try """
        version: 1
        systems: [{ id: s, name: S, system_type: \(systemType), security: { mfa_supported: true, mfa_enforced: all, password_policy_import: \(name) } }]
        """.write(to: stack, atomically: true, encoding: .utf8)
        return check([stack.path])
    }

    static func oktaPolicy(_ name: String, status: String, priority: Int, minLength: Int) -> String {
        """
        {"id": "00p\(priority)", "type": "PASSWORD", "name": "\(name)", "status": "\(status)", "priority": \(priority),
         "settings": {"password": {"complexity": {"minLength": \(minLength), "minLowerCase": 0, "minUpperCase": 0,
           "minNumber": 0, "minSymbol": 0, "dictionary": {"common": {"exclude": true}}}, "lockout": {"maxAttempts": 10}}}}
        """
    }

    /// The list endpoint's array: the highest-priority ACTIVE policy is checked (an INACTIVE one
    /// ranked above it is not), and the other active policies are named in a warning.
    @Test func oktaPolicyListIsReadByPriority() throws {
        let list = [
            Self.oktaPolicy("Off", status: "INACTIVE", priority: 1, minLength: 4),
            Self.oktaPolicy("Staff", status: "ACTIVE", priority: 2, minLength: 6),
            Self.oktaPolicy("Default Policy", status: "ACTIVE", priority: 3, minLength: 15),
        ].joined(separator: ",\n")
        let report = try Self.checkNamed("[\n\(list)\n]", name: "policies.json")
        #expect(report.diagnostics.map(\.level) == [.warning], "\(report.diagnostics)")
        #expect(
            report.diagnostics.first?.message
                == "this Okta policy list holds 2 ACTIVE password policies; only the highest-priority one, 'Staff', is checked, not 'Default Policy'"
        )
        let length = try #require(Self.findings(report, "ACC-001").first)
        #expect(length.message.contains("minimum password length is 6"))
        #expect(length.location.line == 6)  // Staff's minLength
    }

    /// Checked as a directory, the list is read once, as the export its declaration names, and
    /// not taken for a declaration file (which would be a mapping).
    @Test func oktaPolicyListInsideTheStackDirectoryIsAnExport() throws {
        let list = Self.oktaPolicy("Staff", status: "ACTIVE", priority: 1, minLength: 6)
        let report = try Self.checkNamed("[\n\(list)\n]", name: "policies.json")
        let directory = (try #require(report.inputs.first) as NSString).deletingLastPathComponent
        let whole = Self.check([directory])
        #expect(!whole.isInvalidInput, "\(whole.diagnostics)")
        #expect(try #require(Self.findings(whole, "ACC-001").first).message.contains("minimum password length is 6"))
    }

    @Test func oktaPolicyListWithNoActivePolicyIsAnError() throws {
        let report = try Self.checkNamed(
            "[\(Self.oktaPolicy("Off", status: "INACTIVE", priority: 1, minLength: 4))]", name: "policies.json")
        #expect(
            report.diagnostics.map(\.message) == [
                "this Okta policy list (GET /api/v1/policies?type=PASSWORD) holds no ACTIVE password policy"
            ])
    }

    /// A whole number written as `14.0` is 14; `14.5` is refused as not whole.
    @Test func awsWholeValuedDecimalsAreWholeNumbers() throws {
        let whole = try Self.checkNamed(
            #"{"PasswordPolicy": {"MinimumPasswordLength": 15.0, "RequireSymbols": false}}"#, name: "aws.json",
            systemType: "other")
        #expect(whole.diagnostics.isEmpty, "\(whole.diagnostics)")
        #expect(Self.findings(whole, "ACC-001").isEmpty)
        let fraction = try Self.checkNamed(
            #"{"PasswordPolicy": {"MinimumPasswordLength": 14.5}}"#, name: "aws.json", systemType: "other")
        #expect(
            fraction.diagnostics.map(\.message) == ["'MinimumPasswordLength' must be a whole number, found 14.5"])
    }

    /// Whole or not is decided on the decimal text, not on a Double: 14.0000000000000001 and
    /// 1e-400 were read as 14 and 0. A whole number too large for Tollgate is out of range, not
    /// "not whole", however it is written (1e19, 9.3e18), said once, with the bound it passes
    /// (the lower one for a negative number). Each says how to write it. The same for Okta.
    @Test func importedNumbersAreWholeExactly() throws {
        func messages(_ value: String) throws -> [String] {
            try Self.checkNamed(
                #"{"PasswordPolicy": {"MinimumPasswordLength": \#(value)}}"#, name: "aws.json", systemType: "other"
            ).diagnostics.map { "\($0.message); \($0.hint ?? "-")" }
        }
        let digitsOnly = "write digits only, without a decimal point or exponent"
        for value in ["14.0000000000000001", "1e-400", "1.45e1"] {
            #expect(
                try messages(value) == ["'MinimumPasswordLength' must be a whole number, found \(value); \(digitsOnly)"]
            )
        }
        // Whole numbers beyond Int's range are "out of range" however they are written, said
        // once, with the bound they pass.
        let atMost = "a whole number here is at most 9223372036854775807"
        for value in [
            "18446744073709551616", "9223372036854775808", "1e19", "9.3e18", "9.223372036854775808e18",
            "1e400", "1e99999999999999999999", "92233720368547758080e-1",
        ] {
            #expect(try messages(value) == ["'MinimumPasswordLength' is out of range, found \(value); \(atMost)"])
        }
        let atLeast = "a whole number here is at least -9223372036854775808"
        for value in ["-9223372036854775809", "-1e19", "-9.3e18"] {
            #expect(try messages(value) == ["'MinimumPasswordLength' is out of range, found \(value); \(atLeast)"])
        }
        for value in ["1.4e1", "140e-1", "14.000", "1400000e-5", "9.223372036854775807e18"] {
            #expect(try messages(value).isEmpty, "\(value)")
        }
        // 0e5000 is 0 (whole, within range); so is -0.0e-5000. ACC-001 then says the length is too short.
        for value in ["0e5000", "-0.0e-5000", "0"] {
            #expect(try messages(value).allSatisfy { !$0.contains("whole") && !$0.contains("range") }, "\(value)")
        }
        for value in ["-2.55e1", "1e-99999999999999999999", "1.5e0"] {
            #expect(
                try messages(value) == ["'MinimumPasswordLength' must be a whole number, found \(value); \(digitsOnly)"]
            )
        }
        #expect(ExportReader.wholeNumber("0e5000") == .whole(0))
        #expect(ExportReader.wholeNumber("-9223372036854775808") == .whole(Int.min))
        #expect(ExportReader.wholeNumber("-9.223372036854775808e18") == .whole(Int.min))
        #expect(ExportReader.wholeNumber("9.3e18") == .outOfRange(bound: Int.max))
        #expect(ExportReader.wholeNumber("-1e19") == .outOfRange(bound: Int.min))
        #expect(ExportReader.wholeNumber("1e-400") == .notWhole)
        // YAML's spellings of 14.0 and 0.5.
        #expect(ExportReader.wholeNumber("14.") == .whole(14))
        #expect(ExportReader.wholeNumber(".5") == .notWhole)
        for text in ["abc", "1e", "1e+", "-", "1.2.3", "0x10", ""] {
            #expect(ExportReader.wholeNumber(text) == nil, "\(text)")
        }
        let okta = try Self.checkNamed(
            Self.oktaPolicy("Big", status: "ACTIVE", priority: 1, minLength: 14).replacingOccurrences(
                of: #""minLength": 14"#, with: #""minLength": 18446744073709551616"#), name: "okta.json")
        #expect(okta.diagnostics.map(\.message) == ["'minLength' is out of range, found 18446744073709551616"])
    }

}
