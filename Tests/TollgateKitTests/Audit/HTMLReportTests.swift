import Foundation
import Testing
import TollgateRules

@testable import TollgateKit

@Suite("HTML report")
struct HTMLReportTests {
    /// Anything that would make a browser fetch something: scheme URLs, protocol-relative
    /// URLs, `src=` to anything but `data:`, stylesheets, imports and CSS `url()` other than
    /// in-document fragments.
    static func externalReferences(_ html: String) -> [String] {
        var found: [String] = []
        let lowered = html.lowercased()
        for needle in ["http:", "https:", "//", "<link", "@import", "ftp:", "file:"] where lowered.contains(needle) {
            found.append(needle)
        }
        var rest = lowered[...]
        while let range = rest.range(of: "src=") {
            let after = rest[range.upperBound...].drop { $0 == "\"" || $0 == "'" || $0 == " " }
            if !after.hasPrefix("data:") { found.append("src=" + after.prefix(20)) }
            rest = rest[range.upperBound...]
        }
        rest = lowered[...]
        while let range = rest.range(of: "url(") {
            if !rest[range.upperBound...].hasPrefix("#") { found.append("url(" + rest[range.upperBound...].prefix(20)) }
            rest = rest[range.upperBound...]
        }
        return found
    }

    @Test func exampleStackReportHasNoExternalReferences() throws {
        let html = try AuditTestSupport.html(AuditTestSupport.retailReport())
        #expect(Self.externalReferences(html) == [])
        // The retail stack's declarations do contain URLs (DPA links): they must not survive as text.
        let stack = try String(
            contentsOfFile: AuditTestSupport.retailStack + "/systems/commerce-and-crm.yaml", encoding: .utf8)
        #expect(stack.contains("https://"))
    }

    @Test func theCheckerItselfSeesReferences() {
        #expect(Self.externalReferences("<img src=\"https://x.example/a.png\">").count >= 2)
        #expect(Self.externalReferences("<script src=a.js></script>") == ["src=a.js></script>"])
        #expect(Self.externalReferences("<img src=\"data:image/png;base64,AAAA\">") == [])
        #expect(Self.externalReferences("a { background: url(x.png) }") == ["url(x.png) }"])
    }

    @Test func hostileDeclarationTextIsEscapedAndNeutralised() throws {
        let report = AuditTestSupport.report(
            """
            version: 1
            organization: { name: "Evil <script>alert(1)</script> Ltd" }
            systems:
              - id: crm
                name: "<img src=//evil.example/x.png onerror=alert(1)>"
                system_type: crm
                description: "see https://evil.example/payload.js"
              - { id: esp, name: "javascript:alert(1)", system_type: esp }
            flows:
              - { id: f1, from: crm, to: esp, data_categories: [user.contact.email], description: "</svg><script>x</script>" }
            """)
        let html = try AuditTestSupport.html(report)
        #expect(Self.externalReferences(html) == [])
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<img"))
        #expect(html.components(separatedBy: "<script>").count == 2, "only the report's own script")
        #expect(html.contains("Evil &lt;script&gt;alert(1)&lt;&#47;script&gt; Ltd"))
    }

    @Test func showsSummaryCoverageFindingsMapAndRecordOfProcessing() throws {
        let html = try AuditTestSupport.html(AuditTestSupport.retailReport())
        for anchor in ["id=\"summary\"", "id=\"coverage\"", "id=\"findings\"", "id=\"map\"", "id=\"ropa\"", "<svg"] {
            #expect(html.contains(anchor), "\(anchor)")
        }
        for framework in FrameworkCoverage.Framework.allCases {
            #expect(html.contains(HTMLPage.escape(framework.rawValue)), "\(framework)")
        }
        #expect(html.contains("@media print"))
        // The filters are hidden until the script shows them, so the page reads without JavaScript.
        #expect(html.contains("<form id=\"filters\" class=\"filters\" hidden>"))
    }

    @Test func sameReportSameBytes() throws {
        let report = AuditTestSupport.retailReport()
        #expect(try HTMLReporter().render(report) == (try HTMLReporter().render(AuditTestSupport.retailReport())))
    }

    @Test func highlightsTheFlowsNamedInFindings() throws {
        let report = AuditTestSupport.report(
            """
            version: 1
            systems:
              - { id: shop, name: Shop, system_type: ecommerce }
              - { id: crm, name: CRM, system_type: crm }
              - { id: ads, name: Ads, system_type: ad_platform }
            flows:
              - { id: checkout, from: data_subject, to: shop, data_categories: [user.contact.email], legal_basis: contract }
              - { id: to-crm, from: shop, to: crm, data_categories: [user.contact.email], legal_basis: contract }
              - { id: to-ads, from: crm, to: ads, data_categories: [user.contact.email] }
            """)
        #expect(report.findings.contains { $0.subject.description == "flow:to-ads" })
        let html = try AuditTestSupport.html(report)
        let hot = html.components(separatedBy: "<path class=\"edge hot\"").dropFirst().map { $0.prefix(300) }
        #expect(hot.count == 1)
        #expect(hot.first?.contains("crm → ads") == true)
        #expect(html.components(separatedBy: "<path class=\"edge\"").count - 1 == 2)
    }

    @Test func invalidInputStillRenders() throws {
        let report = Report.invalidInput(
            asOf: AuditTestSupport.asOf, inputs: ["bad.yaml"], policy: [], failOn: .atOrAbove(.medium),
            diagnostics: [Diagnostic(at: SourceLocation(file: "bad.yaml", line: 1, column: 1), "unknown key 'x'")])
        let html = try AuditTestSupport.html(report)
        #expect(html.contains("could not check"))
        #expect(!html.contains("id=\"map\""))
        #expect(Self.externalReferences(html) == [])
    }

    @Test func isAReportFormat() {
        #expect(ReportFormat(rawValue: "html") == .html)
        #expect(ReportFormat.html.fileExtension == "html")
    }
}
