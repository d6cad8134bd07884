import Foundation
import Testing
import TollgateRules

@testable import TollgateKit

/// ACC-018's subjects are files; their ids feed the fingerprints that baselines, waivers and
/// `audit diff` match on, so a file must have the same id however the stack was spelled.
@Suite("File subjects (ACC-018)")
struct FileSubjectNameTests {
    /// `root/stack/{api-keys.yaml, systems/crm.yaml}` and, outside the stack, the Okta export
    /// `root/exports/okta.json` that `api-keys.yaml` names as `../exports/okta.json`: a made-up
    /// token pasted into each.
    static func stack() throws -> URL {
        let root = try TestSupport.temporaryDirectory()
        let token = SecretScanTests.madeUpToken()
        let manager = FileManager.default
        for directory in ["stack/systems", "exports"] {
            try manager.createDirectory(
                at: root.appendingPathComponent(directory), withIntermediateDirectories: true)
        }
        try """
        version: 1
        systems:
          - id: okta
            name: Okta
            system_type: idp
            x-notes: "sync uses \(token)"
            security: { password_policy_import: ../exports/okta.json }
        """.write(to: root.appendingPathComponent("stack/api-keys.yaml"), atomically: true, encoding: .utf8)
        try """
        version: 1
        systems: [{ id: crm, name: CRM, system_type: crm, x-notes: "token \(token)" }]
        """.write(to: root.appendingPathComponent("stack/systems/crm.yaml"), atomically: true, encoding: .utf8)
        try """
        {"type": "PASSWORD", "description": "admin token \(token)",
         "settings": {"password": {"complexity": {"minLength": 15}}}}
        """.write(to: root.appendingPathComponent("exports/okta.json"), atomically: true, encoding: .utf8)
        return root
    }

    static func secretFindings(_ paths: [String]) -> [Finding] {
        let report = CheckRunner(rules: BuiltInRules.all.filter { $0.description.id == "ACC-018" }).run(
            paths: paths, policyPaths: [], asOf: Day(iso: "2026-11-23")!, failOn: .atOrAbove(.medium))
        #expect(report.diagnostics.filter { $0.level == .error }.isEmpty, "\(report.diagnostics)")
        return report.findings.filter { $0.ruleID == "ACC-018" }
    }

    /// `absolute` as a path relative to the working directory, through `..` up to `/`.
    static func relative(_ absolute: String) -> String {
        let depth = FileManager.default.currentDirectoryPath.split(separator: "/").count
        return String(repeating: "../", count: depth) + absolute.dropFirst()
    }

    @Test func theSameStackSpelledFourWaysHasTheSameSubjectsAndFingerprints() throws {
        let root = try Self.stack()
        defer { try? FileManager.default.removeItem(at: root) }
        let absolute = root.appendingPathComponent("stack").path
        let spellings = [
            absolute, Self.relative(absolute), "./" + Self.relative(absolute) + "/", absolute + "/../stack",
        ]
        var fingerprints: Set<[String]> = []
        for spelling in spellings {
            let findings = Self.secretFindings([spelling])
            #expect(
                Set(findings.map(\.subject.description)) == [
                    "file:api-keys.yaml", "file:systems/crm.yaml", "file:../exports/okta.json",
                ], "\(spelling): \(findings.map(\.subject.description))")
            fingerprints.insert(findings.map(\.fingerprint).sorted())
            // Locations keep the path as given: that is what editors and CI annotations open.
            #expect(findings.allSatisfy { $0.location.file.hasPrefix(spelling) }, "\(findings.map(\.location.file))")
        }
        #expect(fingerprints.count == 1, "\(fingerprints)")
        #expect(fingerprints.first?.count == 3)
        // A file named on its own is named by its file name: as when its directory is named.
        let alone = Self.secretFindings([root.appendingPathComponent("stack/api-keys.yaml").path])
        let inDirectory = Self.secretFindings([absolute])
        let apiKeys = { (findings: [Finding]) in
            findings.filter { $0.subject.id == "api-keys.yaml" }.map(\.fingerprint)
        }
        #expect(!apiKeys(alone).isEmpty && apiKeys(alone) == apiKeys(inDirectory))
    }

    /// Two files that would share a name (`a/main.yaml`, `b/main.yaml` with `check a b`) keep
    /// the paths as given, so no two files share a subject or a fingerprint.
    @Test func filesThatWouldShareANameKeepTheirPaths() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let token = SecretScanTests.madeUpToken()
        for name in ["a", "b"] {
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent(name), withIntermediateDirectories: true)
            try """
            version: 1
            systems: [{ id: crm-\(name), name: CRM, system_type: crm, x-notes: "token \(token)" }]
            """.write(to: root.appendingPathComponent("\(name)/main.yaml"), atomically: true, encoding: .utf8)
        }
        let a = root.appendingPathComponent("a").path
        let b = root.appendingPathComponent("b").path
        let findings = Self.secretFindings([a, b])
        #expect(
            findings.map(\.subject.description).sorted() == ["file:\(a)/main.yaml", "file:\(b)/main.yaml"],
            "\(findings.map(\.subject.description))")
        #expect(Set(findings.map(\.fingerprint)).count == 2)
    }

    /// A waiver names the file as reported now, or, as waivers written before did, by the path
    /// given on the command line.
    @Test func waiversNameTheFileEitherWay() throws {
        let root = try Self.stack()
        defer { try? FileManager.default.removeItem(at: root) }
        let stack = root.appendingPathComponent("stack").path
        let report = CheckRunner(rules: BuiltInRules.all.filter { $0.description.id == "ACC-018" }).run(
            paths: [stack], policyPaths: [], asOf: Day(iso: "2026-11-23")!, failOn: .atOrAbove(.medium))
        func waived(_ subject: String) -> [String] {
            let waiver = Waiver(
                rule: "ACC-018", subject: subject, justification: "test value", owner: "ops", approver: "ciso",
                ticket: "SEC-1", expires: Day(iso: "2027-01-01")!,
                location: SourceLocation(file: "w.yaml", line: 1, column: 1))
            return Triage(waivers: [waiver]).apply(to: report).findings.filter { $0.status == .waived }
                .map(\.subject.id)
        }
        #expect(waived("file:api-keys.yaml") == ["api-keys.yaml"])
        #expect(waived("file:\(stack)/api-keys.yaml") == ["api-keys.yaml"])
        #expect(waived("file:systems/*") == ["systems/crm.yaml"])
        #expect(waived("file:stack/api-keys.yaml").isEmpty)
    }

    @Test func namesAreLexicallyNormalised() {
        #expect(LexicalPath.normalized("./a//b/./c") == "a/b/c")
        #expect(LexicalPath.normalized("a/../../b") == "../b")
        #expect(LexicalPath.normalized("../../b") == "../../b")
        #expect(LexicalPath.normalized("/x/../../y") == "/y")
        #expect(LexicalPath.normalized("./") == ".")
        #expect(InputFileNames.name(of: "../exports/okta.json", declaredIn: "systems/idp.yaml") == "exports/okta.json")
        #expect(InputFileNames.name(of: "/etc/okta.json", declaredIn: "idp.yaml") == "/etc/okta.json")
    }
}
