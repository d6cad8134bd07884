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
            paths: [stack.path], policyPaths: [], asOf: Day(iso: "2026-11-23")!, failOn: .medium)
    }

    static let paths = RepositoryPaths(
        root: TestSupport.packageRoot.path, workingDirectory: TestSupport.packageRoot.path)

    @Test(.enabled(if: stackAvailable, "fixtures/retail-stack is not in this checkout yet"))
    func everyFormatIsValid() throws {
        let report = Self.report()
        #expect(!report.isInvalidInput, "\(report.diagnostics.map(\.description))")
        #expect(!report.findings.isEmpty, "the example stack has deliberate violations")
        let native = try XMLSchemaValidator(schemaPath: NativeSchema.path)
        #expect(native.validate(try ReportFormat.xml.reporter(paths: Self.paths).render(report)) == [])
        let gitlab = try ReportFormat.gitlab.reporter(paths: Self.paths).render(report)
        let issues = try JSONSerialization.jsonObject(with: gitlab) as? [[String: Any]]
        #expect(issues?.allSatisfy { ($0["location"] as? [String: Any])?["path"] as? String != nil } == true)
        let github = String(decoding: try ReportFormat.github.reporter(paths: Self.paths).render(report), as: UTF8.self)
        #expect(github.contains("::error file=fixtures/retail-stack/"))
        guard TestSupport.sharedExternalAvailable else { return }
        let junit = try ReportFormat.junit.reporter().render(report)
        for schema in ["junit/jenkins-junit-10.xsd", "junit/windyroad-JUnit.xsd"] {
            let validator = try XMLSchemaValidator(
                schemaPath: TestSupport.sharedExternal.appendingPathComponent(schema).path)
            #expect(validator.validate(junit) == [], "\(schema)")
        }
        if JSONSchemaValidation.available {
            let sarif = try ReportFormat.sarif.reporter(paths: Self.paths).render(report)
            #expect(try JSONSchemaValidation.validate(sarif, schema: JSONSchemaValidation.sarifSchema) == [])
            #expect(String(decoding: sarif, as: UTF8.self).contains("\"uri\" : \"fixtures/retail-stack/"))
        }
    }
}
