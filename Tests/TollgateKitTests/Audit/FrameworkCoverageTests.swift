import Testing

@testable import TollgateKit

@Suite("Framework coverage")
struct FrameworkCoverageTests {
    @Test func gdprArticlesFromReferences() {
        #expect(
            FrameworkCoverage.gdprArticles([
                "GDPR Art. 6(1)(a)", "GDPR Art. 13(1)(c), 14(1)(c)", "ePrivacy Directive 2002/58/EC Art. 5(3)",
                "GDPR Art. 7",
            ]) == ["Art. 6", "Art. 13", "Art. 14", "Art. 7"])
    }

    @Test func controlsSortNumerically() {
        let sorted = ["A.5.10", "A.8.2", "A.5.9", "Art. 28", "Art. 6"].sorted(by: FrameworkCoverage.controlOrder)
        #expect(sorted == ["A.5.9", "A.5.10", "A.8.2", "Art. 6", "Art. 28"])
    }

    @Test func exampleStackCoversEveryFramework() {
        let coverage = FrameworkCoverage(AuditTestSupport.retailReport())
        for framework in FrameworkCoverage.Framework.allCases {
            #expect(!coverage.controls(of: framework).isEmpty, "\(framework)")
        }
        let article6 = coverage.controls.first { $0.framework == .gdpr && $0.id == "Art. 6" }
        #expect(article6?.rules.contains("PRIV-001") == true)
        #expect(article6?.status == .failing)
    }
}
