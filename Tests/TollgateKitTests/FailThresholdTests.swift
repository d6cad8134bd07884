import Foundation
import Testing
import TollgateKit

/// `--fail-on none`: a report-only run records `none` in every report that records the
/// threshold, reports every finding, and fails on none of them. No golden file: the goldens are
/// made at the default threshold.
@Suite("Fail threshold")
struct FailThresholdTests {
    @Test func parsesAndWritesSeveritiesAndNone() {
        #expect(FailThreshold.allCases.map(\.rawValue) == ["info", "low", "medium", "high", "critical", "none"])
        #expect(FailThreshold(rawValue: "none") == .never)
        #expect(FailThreshold(rawValue: "high") == .atOrAbove(.high))
        #expect(FailThreshold(rawValue: "None") == nil && FailThreshold(rawValue: "") == nil)
        #expect(FailThreshold.allCases.allSatisfy { FailThreshold(rawValue: $0.rawValue) == $0 })
        #expect(FailThreshold.atOrAbove(.medium).fails(.medium) && !FailThreshold.atOrAbove(.medium).fails(.low))
        #expect(Severity.allCases.allSatisfy { !FailThreshold.never.fails($0) })
    }

    /// The same stack at the default fails; at `none` nothing blocks, every finding is still
    /// there, and open findings are below the threshold rather than failed.
    @Test func nothingBlocksAReportOnlyRun() throws {
        let gated = try ReporterTests.triagedReport()
        let reportOnly = try ReporterTests.triagedReport(failOn: .never)
        #expect(gated.exitCode == .findings)
        #expect(reportOnly.exitCode == .passed && !reportOnly.hasBlockingFindings)
        #expect(gated.runOutcome == .failed && reportOnly.runOutcome == .reportOnly)
        #expect(reportOnly.findings == gated.findings && !reportOnly.findings.isEmpty)
        #expect(reportOnly.tally.blocking == 0 && reportOnly.tally.total == gated.tally.total)
        let outcomes = reportOnly.results.map { $0.subjects.outcomeCounts(failOn: reportOnly.failOn) }
        #expect(outcomes.allSatisfy { $0[.failed, default: 0] == 0 })
        #expect(outcomes.contains { $0[.belowThreshold, default: 0] > 0 })
    }

    /// The exit code is the outcome's: exit 0 for a passed and a report-only run, 1 for a failed
    /// one, 2 when input errors stopped the check.
    @Test func exitCodeFollowsTheOutcome() throws {
        let codes = Report.RunOutcome.allCases.map { [$0.jsonValue: $0.exitCode.rawValue] }
        #expect(codes == [["passed": 0], ["failed": 1], ["report_only": 0], ["invalid_input": 2]])
        for failOn in [FailThreshold.never, .atOrAbove(.critical), .atOrAbove(.info)] {
            let report = try ReporterTests.triagedReport(failOn: failOn)
            #expect(report.exitCode == report.runOutcome.exitCode)
        }
    }

    /// The HTML badge's class is the outcome's stable XML spelling, not its display words ("could
    /// not check" once gave `outcome-could-not-check`).
    @Test func htmlOutcomeClassIsTheXMLSpelling() throws {
        let (_, invalid) = try #require(try ReporterTests.schemaTestReports().last)
        let text = String(decoding: try ReporterTests.render(.html, invalid), as: UTF8.self)
        #expect(text.contains(#"<span class="outcome outcome-invalid-input">could not check</span>"#), "\(text)")
    }

    @Test(arguments: ReportFormat.allCases)
    func reportOnlyIsWrittenAsNone(_ format: ReportFormat) throws {
        let report = try ReporterTests.triagedReport(failOn: .never)
        let data = try ReporterTests.render(format, report)
        let text = String(decoding: data, as: UTF8.self)
        switch format {
        case .text:
            #expect(text.hasSuffix("; report only (--fail-on none)\n"), "\(text)")
            #expect(!text.contains(": failed") && !text.contains(": passed"), "\(text)")
        case .json:
            let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(json["fail_on"] as? String == "none")
            #expect(json["outcome"] as? String == "report_only")
            #expect((json["summary"] as? [String: Any])?["blocking"] as? Int == 0)
            let findings = try #require(json["findings"] as? [[String: Any]])
            #expect(!findings.isEmpty && findings.allSatisfy { $0["blocking"] as? Bool == false })
        case .junit:
            #expect(text.contains(#"<property name="tollgate.fail-on" value="none"/>"#), "\(text)")
            #expect(!text.contains(#"value="medium""#) && !text.contains("<failure"), "\(text)")
        case .sarif:
            #expect(text.contains(#""failOn" : "none""#), "\(text)")
            #expect(!text.contains(#""blocking" : true"#), "\(text)")
        case .xml:
            #expect(text.contains(#"fail-on="none" outcome="report-only""#), "\(text)")
            #expect(!text.contains(#"blocking="true""#), "\(text)")
        case .html:
            #expect(text.contains("report only (fail on none)"), "\(text)")
            // Not the green "passed" badge: the outcome says the run was not gated.
            #expect(text.contains(#"<span class="outcome outcome-report-only">report only</span>"#), "\(text)")
            #expect(!text.contains("outcome-passed\">"), "\(text)")
            #expect(!text.contains("and above"), "\(text)")
        case .github:
            // Blocking findings are errors; nothing blocks, so nothing is an error.
            #expect(!text.isEmpty && !text.contains("::error "), "\(text)")
        case .gitlab:
            // Code Quality records no threshold: the same issues as at the default.
            #expect(data == (try ReporterTests.render(format, try ReporterTests.triagedReport())))
        }
    }
}
