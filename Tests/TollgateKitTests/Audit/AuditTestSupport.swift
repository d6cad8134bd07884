import Foundation
import Testing
import TollgateKit
import TollgateRules

/// The example stack as the audit tests use it.
enum AuditTestSupport {
    static let asOf = Day(iso: "2026-11-23")!
    static let retailStack = TestSupport.packageRoot.appendingPathComponent("fixtures/retail-stack").path
    static let retailWaivers = TestSupport.packageRoot.appendingPathComponent("fixtures/waivers/retail-waivers.yaml")
        .path

    /// The example stack checked with every built-in rule and its example waivers.
    static func retailReport(
        stack: String = retailStack, waivers: String = retailWaivers, policy: [String] = []
    ) -> Report {
        let report = CheckRunner(rules: BuiltInRules.all).run(
            paths: [stack], policyPaths: policy, asOf: asOf, failOn: .atOrAbove(.medium),
            exceptions: CheckRunner.Exceptions(waiverFiles: [waivers]))
        #expect(!report.isInvalidInput, "\(report.diagnostics.map(\.description))")
        return report
    }

    /// Checks an in-memory stack with every built-in rule.
    static func report(_ yaml: String) -> Report {
        Checker(rules: BuiltInRules.all, policy: .allRules(BuiltInRules.catalog)).check(
            TestSupport.inventory(yaml), asOf: asOf)
    }

    static func html(_ report: Report) throws -> String {
        String(decoding: try HTMLReporter().render(report), as: UTF8.self)
    }

    /// Applies `fixtures/retail-stack-q2-changes/edits.json` to a copy of `fixtures/` (the
    /// same edits `scripts/apply-stack-edits` makes) and returns the copy's root.
    static func q2Copy() throws -> URL {
        let root = try TestSupport.temporaryDirectory()
        let fixtures = TestSupport.packageRoot.appendingPathComponent("fixtures")
        for folder in ["retail-stack", "waivers"] {
            try FileManager.default.copyItem(
                at: fixtures.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
        }
        let editsData = try Data(
            contentsOf: fixtures.appendingPathComponent("retail-stack-q2-changes/edits.json"))
        let document = try #require(try JSONSerialization.jsonObject(with: editsData) as? [String: Any])
        let edits = try #require(document["edits"] as? [[String: String]])
        for edit in edits {
            let url = root.appendingPathComponent(try #require(edit["file"]))
            var text = try String(contentsOf: url, encoding: .utf8)
            if let appended = edit["append"] {
                text += appended
            } else {
                let old = try #require(edit["replace"])
                let parts = text.components(separatedBy: old)
                #expect(parts.count == 2, "\(edit["file"]!): the text to replace must occur exactly once")
                text = parts.joined(separator: edit["with"] ?? "")
            }
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    /// A policy pack of the three rules the diff test pins, so that rules merged later do not
    /// change which findings the Q2 edits add or fix.
    static func pinnedPolicy(in directory: URL) throws -> String {
        let url = directory.appendingPathComponent("pinned-policy.yaml")
        try "version: 1\nname: audit-diff-pinned\ninclude: [PRIV-001, ACC-009, LIC-001]\n".write(
            to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}
