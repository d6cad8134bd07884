import Foundation
import Testing
import TollgateKit
import TollgateRules

/// The formats CI systems read: paths relative to the repository root, workflow-command
/// escaping, Code Quality fields, SARIF's GitHub requirements.
@Suite("Pipeline formats")
struct PipelineFormatTests {
    @Test func pathsAreMadeRelativeToTheRepositoryRoot() {
        let paths = RepositoryPaths(root: ".", workingDirectory: "/work/repo")
        #expect(paths.display("stack/accounts.yaml") == "stack/accounts.yaml")
        #expect(paths.display("./stack/../stack/a.yaml") == "stack/a.yaml")
        #expect(paths.display("/work/repo/stack/a.yaml") == "stack/a.yaml")
        #expect(paths.display("/elsewhere/a.yaml") == "/elsewhere/a.yaml", "outside the root: as given")
        #expect(paths.display("../other/a.yaml") == "../other/a.yaml", "outside the root: as given")
        #expect(paths.display("/work/repository/a.yaml") == "/work/repository/a.yaml", "a prefix is not a parent")
        let nested = RepositoryPaths(root: "..", workingDirectory: "/work/repo/sub")
        #expect(nested.display("stack/a.yaml") == "sub/stack/a.yaml")
        #expect(paths.uri("stack/my file #1.yaml") == ("stack/my%20file%20%231.yaml", true))
        #expect(paths.uri("/elsewhere/ä.yaml") == ("file:///elsewhere/%C3%A4.yaml", false))
        #expect(RepositoryPaths.asGiven.display("a/b.yaml") == "a/b.yaml")
    }

    @Test func workflowCommandsEscapeDataAndProperties() {
        #expect(GitHubAnnotationsReporter.escapeData("100% done\r\nnext") == "100%25 done%0D%0Anext")
        #expect(GitHubAnnotationsReporter.escapeProperty("a:b,c%\n") == "a%3Ab%2Cc%25%0A")
        #expect(GitHubAnnotationsReporter.escapeData("esc\u{1B}[31m") == "esc\u{FFFD}[31m")
    }

    @Test func annotationsPlaceBlockingFindingsAsErrors() throws {
        let report = try ReporterTests.goldenReport()
        let paths = RepositoryPaths(root: "/repo", workingDirectory: "/repo/stacks")
        let text = String(decoding: try GitHubAnnotationsReporter(paths: paths).render(report), as: UTF8.self)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(
            lines.contains {
                $0.hasPrefix(
                    "::error file=stacks/stack.yaml,line=30,col=71,title=ACC-009 MFA for every admin%2C phishing-resistant preferred::critical: admin account 'ben' has no MFA%0A"
                )
            })
        #expect(lines.last?.hasSuffix("4 at or above medium: failed") == true)
    }

    /// A run whose input is invalid exits 2 having checked nothing: the annotations' last line
    /// says so, and never "passed" (it used to read "0 findings … none at or above medium:
    /// passed").
    @Test func annotationsOfInvalidInputDoNotSayPassed() throws {
        let invalid = Report.invalidInput(
            asOf: ReporterTests.asOf, inputs: ["stack.yaml"], policy: [], failOn: .atOrAbove(.medium),
            diagnostics: [
                Diagnostic(at: SourceLocation(file: "stack.yaml", line: 2, column: 11), "missing required key 'name'"),
                Diagnostic(at: SourceLocation(file: "stack.yaml", line: 3, column: 1), "unknown key 'nme'"),
            ])
        let text = String(decoding: try GitHubAnnotationsReporter().render(invalid), as: UTF8.self)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("::error file=stack.yaml,line=2,col=11,title=Tollgate input::"))
        #expect(lines.last == "2 errors in the input; nothing was checked")
        #expect(!text.contains("passed"))
        #expect(TextReporter().summary(invalid) == lines.last)
    }

    /// A run that checked nothing shows its input errors in the merge request, not an empty list.
    @Test func codeQualityOfInvalidInputListsTheErrors() throws {
        let invalid = Report.invalidInput(
            asOf: ReporterTests.asOf, inputs: ["stack.yaml"], policy: [], failOn: .atOrAbove(.medium),
            diagnostics: [
                Diagnostic(at: SourceLocation(file: "stack.yaml", line: 2, column: 11), "missing required key 'name'"),
                Diagnostic(.warning, at: SourceLocation(file: "stack.yaml", line: 3, column: 1), "a warning"),
                Diagnostic(
                    at: SourceLocation(file: "stack.yaml", line: 4, column: 1), "unknown key 'nme'",
                    hint: "did you mean 'name'?"),
            ])
        let data = try GitLabCodeQualityReporter().render(invalid)
        let issues = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(issues.count == 2, "errors only")
        #expect(issues.allSatisfy { $0["check_name"] as? String == "tollgate/invalid-input" })
        #expect(issues.allSatisfy { $0["severity"] as? String == "blocker" })
        #expect(issues[1]["description"] as? String == "invalid input: unknown key 'nme'; did you mean 'name'?")
        let lines = issues.map { (($0["location"] as? [String: Any])?["lines"] as? [String: Any])?["begin"] as? Int }
        #expect(lines == [2, 4])
        let fingerprints = issues.compactMap { $0["fingerprint"] as? String }
        #expect(fingerprints.count == 2 && Set(fingerprints).count == 2 && fingerprints.allSatisfy { $0.count == 32 })
        #expect(try GitLabCodeQualityReporter().render(invalid) == data, "same input, same bytes")
    }

    /// An input error keeps its fingerprint however the stack's path was typed, in GitLab and in
    /// SARIF (which share it), so neither shows it as a new issue when a pipeline changes the path.
    @Test func inputErrorFingerprintsDoNotDependOnThePathsSpelling() throws {
        let paths = RepositoryPaths(root: "/repo", workingDirectory: "/repo")
        func fingerprints(_ file: String) throws -> [String] {
            let invalid = Report.invalidInput(
                asOf: ReporterTests.asOf, inputs: [file], policy: [], failOn: .atOrAbove(.medium),
                diagnostics: [Diagnostic(at: SourceLocation(file: file, line: 2, column: 11), "unknown key 'nme'")])
            let issues =
                try JSONSerialization.jsonObject(
                    with: try GitLabCodeQualityReporter(paths: paths).render(invalid)) as? [[String: Any]]
            let log =
                try JSONSerialization.jsonObject(with: try SARIFReporter(paths: paths).render(invalid))
                as? [String: Any]
            let results = ((log?["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
            return (issues ?? []).compactMap { $0["fingerprint"] as? String }
                + results.compactMap { ($0["partialFingerprints"] as? [String: String])?[SARIFReporter.fingerprintKey] }
        }
        let typed = try fingerprints("stack/a.yaml")
        #expect(typed.count == 2 && typed[0] == typed[1], "GitLab and SARIF agree")
        #expect(try fingerprints("./stack/a.yaml") == typed)
        #expect(try fingerprints("/repo/stack/a.yaml") == typed)
    }

    @Test func codeQualityHasTheFieldsGitLabReads() throws {
        let report = try ReporterTests.triagedReport()
        let data = try GitLabCodeQualityReporter(paths: ReporterTests.repositoryPaths).render(report)
        let issues = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(issues.count == 2, "the two waived findings are left out")
        for issue in issues {
            #expect(issue["description"] is String && issue["check_name"] is String)
            #expect((issue["fingerprint"] as? String)?.count == 32)
            #expect(["info", "minor", "major", "critical", "blocker"].contains(issue["severity"] as? String ?? ""))
            let location = issue["location"] as? [String: Any]
            #expect(location?["path"] as? String == "stack.yaml")
            #expect(((location?["lines"] as? [String: Any])?["begin"] as? Int ?? 0) >= 1)
        }
        #expect(Set(issues.compactMap { $0["fingerprint"] as? String }).count == issues.count, "unique fingerprints")
    }

    /// Without waivers no result has `suppressions`; with input errors, each error is a result
    /// (it was only a tool notification, with `results: []`, which code scanning reads as
    /// "everything fixed").
    @Test func sarifOfInvalidInputHasAResultPerError() throws {
        let untriaged = try SARIFReporter(paths: ReporterTests.repositoryPaths).render(try ReporterTests.goldenReport())
        let plain = try #require(try JSONSerialization.jsonObject(with: untriaged) as? [String: Any])
        let plainResults = try #require((plain["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        #expect(!plainResults.isEmpty && plainResults.allSatisfy { $0["suppressions"] == nil })

        let yaml =
            "version: 1\nsystems:\n  - { id: crm, name: CRM, system_type: crmm }\n  - { id: ads, name: Ads, system_type: adz }\n"
        let loaded = InventoryLoader().load(text: yaml, name: "/repo/stack.yaml")
        #expect(loaded.errors.count == 2)
        let report = Report.invalidInput(
            asOf: ReporterTests.asOf, inputs: ["/repo/stack.yaml"], policy: [], failOn: .atOrAbove(.medium),
            diagnostics: loaded.errors + [Diagnostic(.warning, at: loaded.errors[0].location, "a warning")])
        let data = try SARIFReporter(paths: ReporterTests.repositoryPaths).render(report)
        let log = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 2, "errors only, not the warning")
        let rules = try #require(
            ((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == ["tollgate/invalid-input"])
        for (result, error) in zip(results, loaded.errors) {
            #expect(result["ruleId"] as? String == "tollgate/invalid-input" && result["ruleIndex"] as? Int == 0)
            #expect(result["level"] as? String == "error")
            let physical = (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
            #expect((physical?["artifactLocation"] as? [String: Any])?["uri"] as? String == "stack.yaml")
            #expect((physical?["region"] as? [String: Any])?["startLine"] as? Int == error.location.line)
            let print = (result["partialFingerprints"] as? [String: String])?[SARIFReporter.fingerprintKey]
            #expect(print?.count == 32)
        }
        #expect(Set(results.compactMap { ($0["partialFingerprints"] as? [String: String])?.values.first }).count == 2)
        // The same error gives the same fingerprint in the next run.
        #expect(try SARIFReporter(paths: ReporterTests.repositoryPaths).render(report) == data)
        if TestSupport.sharedExternalAvailable && JSONSchemaValidation.available {
            #expect(try JSONSchemaValidation.validate(data, schema: JSONSchemaValidation.sarifSchema) == [])
        }
    }

    @Test func sarifMeetsGitHubCodeScanningRequirements() throws {
        let data = try SARIFReporter(paths: ReporterTests.repositoryPaths).render(try ReporterTests.triagedReport())
        let log = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        // One descriptor per rule, and ACC-009/medium for its medium finding (the rule runs at critical).
        #expect(rules.compactMap { $0["id"] as? String } == ["ACC-009", "ACC-009/medium", "LIC-001", "PRIV-001"])
        for rule in rules {
            #expect(rule["id"] is String)
            #expect(((rule["shortDescription"] as? [String: Any])?["text"] as? String)?.isEmpty == false)
            #expect(((rule["fullDescription"] as? [String: Any])?["text"] as? String)?.isEmpty == false)
            #expect(((rule["help"] as? [String: Any])?["text"] as? String)?.isEmpty == false)
            let score = Double((rule["properties"] as? [String: Any])?["security-severity"] as? String ?? "") ?? 0
            #expect(score > 0 && score <= 10)
        }
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 4)
        for result in results {
            #expect(((result["message"] as? [String: Any])?["text"] as? String)?.isEmpty == false)
            let physical = (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
            #expect((physical?["artifactLocation"] as? [String: Any])?["uri"] as? String == "stack.yaml")
            #expect(((physical?["region"] as? [String: Any])?["startLine"] as? Int ?? 0) >= 1)
            #expect(((result["partialFingerprints"] as? [String: String])?[SARIFReporter.fingerprintKey])?.count == 32)
        }
        // SARIF §3.27.23: with any result suppressed, every result has `suppressions` (`[]` if none).
        #expect(results.allSatisfy { $0["suppressions"] is [Any] })
        let suppressed = results.filter { !(($0["suppressions"] as? [Any])?.isEmpty ?? true) }
        #expect(suppressed.count == 2)
        // A result names the descriptor of its own severity, whose score GitHub shows.
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            let rule = rules[index]
            #expect(rule["id"] as? String == result["ruleId"] as? String)
            let severity = (result["properties"] as? [String: Any])?["tollgate-severity"] as? String
            #expect((rule["properties"] as? [String: Any])?["tollgate-severity"] as? String == severity)
        }
        #expect(results.filter { $0["baselineState"] as? String == "unchanged" }.count == 1)
        #expect(results.filter { $0["baselineState"] as? String == "new" }.count == 3)
    }
}
