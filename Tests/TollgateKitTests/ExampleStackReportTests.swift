import Foundation
import Testing
import TollgateKit
import TollgateRules

/// Every format for the shipped example stack, validated against its schema: what a pipeline
/// running `tollgate check fixtures/retail-stack` would upload.
@Suite("Example stack reports")
struct ExampleStackReportTests {
    static let stack = TestSupport.packageRoot.appendingPathComponent("fixtures/retail-stack")
    static var stackAvailable: Bool { FileManager.default.fileExists(atPath: stack.path) }

    static func report() -> Report {
        CheckRunner(rules: BuiltInRules.all).run(
            paths: [stack.path], policyPaths: [], asOf: Day(iso: "2026-11-23")!, failOn: .atOrAbove(.medium))
    }

    static let paths = RepositoryPaths(
        root: TestSupport.packageRoot.path, workingDirectory: TestSupport.packageRoot.path)

    /// Every format of `report` against its schema (JUnit and SARIF when ../shared and the
    /// validator are there).
    static func assertValid(_ report: Report) throws {
        let native = try XMLSchemaValidator(schemaPath: NativeSchema.path)
        #expect(native.validate(try ReportFormat.xml.reporter(paths: paths).render(report)) == [])
        let gitlab = try ReportFormat.gitlab.reporter(paths: paths).render(report)
        let issues = try JSONSerialization.jsonObject(with: gitlab) as? [[String: Any]]
        #expect(issues?.allSatisfy { ($0["location"] as? [String: Any])?["path"] as? String != nil } == true)
        guard TestSupport.sharedExternalAvailable else { return }
        #expect(try JUnitSchemas.problems(try ReportFormat.junit.reporter().render(report)) == [])
        if JSONSchemaValidation.available {
            let sarif = try ReportFormat.sarif.reporter(paths: paths).render(report)
            #expect(try JSONSchemaValidation.validate(sarif, schema: JSONSchemaValidation.sarifSchema) == [])
            #expect(String(decoding: sarif, as: UTF8.self).contains("\"uri\" : \"fixtures/retail-stack/"))
        }
    }

    @Test(.enabled(if: stackAvailable, "fixtures/retail-stack is not in this checkout yet"))
    func everyFormatIsValid() throws {
        let report = Self.report()
        #expect(!report.isInvalidInput, "\(report.diagnostics.map(\.description))")
        #expect(!report.findings.isEmpty, "the example stack has deliberate violations")
        let github = String(decoding: try ReportFormat.github.reporter(paths: Self.paths).render(report), as: UTF8.self)
        #expect(github.contains("::error file=fixtures/retail-stack/"))
        try Self.assertValid(report)
    }

    @Test(.enabled(if: stackAvailable, "fixtures/retail-stack is not in this checkout yet"))
    func exampleWaiversApplyAndEveryFormatStaysValid() throws {
        let waivers = TestSupport.packageRoot.appendingPathComponent("fixtures/waivers/retail-waivers.yaml").path
        let report = CheckRunner(rules: BuiltInRules.all).run(
            paths: [Self.stack.path], policyPaths: [], asOf: Day(iso: "2026-11-23")!, failOn: .atOrAbove(.medium),
            exceptions: CheckRunner.Exceptions(waiverFiles: [waivers]))
        #expect(!report.isInvalidInput, "\(report.diagnostics.map(\.description))")
        let waivedTikTok = Set(
            report.findings.filter { $0.status == .waived && $0.ruleID == "ACC-009" }.map(\.subject.id))
        #expect(
            waivedTikTok.count >= 2 && waivedTikTok.allSatisfy { $0.hasPrefix("tiktok-") },
            "the glob matches the TikTok admins")
        #expect(report.findings.contains { $0.status == .waived })
        try Self.assertValid(report)
    }
}
