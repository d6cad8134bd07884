import Foundation
import Testing
import TollgateKit
import TollgateRules

/// Two audits of the example stack, before and after the committed Q2 edits
/// (fixtures/retail-stack-q2-changes), must name exactly the changed flows and findings.
@Suite("Audit diff")
struct AuditDiffTests {
    @Test func q2ChangesAreNamedExactly() throws {
        let copy = try AuditTestSupport.q2Copy()
        defer { try? FileManager.default.removeItem(at: copy) }
        let policy = try AuditTestSupport.pinnedPolicy(in: copy)
        let before = AuditSnapshot(AuditTestSupport.retailReport(policy: [policy]))
        let after = AuditSnapshot(
            AuditTestSupport.retailReport(
                stack: copy.appendingPathComponent("retail-stack").path,
                waivers: copy.appendingPathComponent("waivers/retail-waivers.yaml").path, policy: [policy]))
        let diff = AuditDiff(before: before, after: after)
        #expect(diff.addedSystems.map(\.id) == ["pinterest-ads"])
        #expect(diff.removedSystems.isEmpty)
        #expect(diff.addedFlows.map(\.id) == ["segment-to-pinterest-ads"])
        #expect(diff.removedFlows.map(\.id) == ["bynder-campaign-imagery-to-contentful"])
        #expect(diff.changedFlows.map(\.after.id) == ["sgtm-to-hotjar", "sgtm-to-meta-capi"])
        #expect(
            diff.changedFlows.map(\.changes) == [
                ["legal basis none -> consent"], ["categories +user.contact.phone_number"],
            ])
        #expect(
            diff.newThirdPartyCategories.map(\.description) == [
                "user.contact.phone_number -> meta-ads", "user.behavior.purchase_history -> pinterest-ads",
                "user.contact.email -> pinterest-ads",
            ])
        #expect(diff.removedThirdPartyCategories.isEmpty)
        #expect(diff.seatChanges.map(\.system) == ["sprout-social"])
        #expect(diff.seatChanges.first?.after?.purchased == 10)
        #expect(
            diff.newFindings.map { "\($0.ruleID) \($0.subject)" } == [
                "PRIV-001 flow:segment-to-pinterest-ads", "PRIV-001 system:pinterest-ads",
            ])
        #expect(
            diff.fixedFindings.map { "\($0.ruleID) \($0.subject)" } == [
                "LIC-001 system:sprout-social", "PRIV-001 flow:sgtm-to-hotjar",
            ])
        #expect(
            diff.newlyWaivedFindings.map { "\($0.ruleID) \($0.subject)" } == ["ACC-009 account:shopify-owner-kjansen"])
        let text = diff.text(beforeName: "Q2", afterName: "Q3")
        #expect(text.contains("~ sgtm-to-hotjar: legal basis none -> consent"))
        #expect(text.contains("(waiver RISK-2026-077)"))
    }

    @Test func identicalAuditsHaveNoChanges() {
        let snapshot = AuditSnapshot(AuditTestSupport.retailReport())
        let diff = AuditDiff(before: snapshot, after: snapshot)
        #expect(diff.isEmpty)
        #expect(diff.text(beforeName: "a", afterName: "b").hasSuffix("no changes\n"))
    }

    @Test func movingADeclarationToAnotherFileIsNoChange() throws {
        let one = AuditTestSupport.report(
            """
            version: 1
            systems:
              - { id: crm, name: CRM, system_type: crm }
            accounts:
              - { id: ben, system: crm, kind: human, is_admin: true, mfa_enabled: false }
            """)
        let moved = AuditTestSupport.report(
            """
            version: 1
            # moved down a few lines

            systems:
              - { id: crm, name: CRM, system_type: crm }

            accounts:
              - { id: ben, system: crm, kind: human, is_admin: true, mfa_enabled: false }
            """)
        #expect(AuditDiff(before: AuditSnapshot(one), after: AuditSnapshot(moved)).isEmpty)
    }

    /// Names, messages and the audits' names come from declarations and labels: the diff's lines
    /// escape their control characters as the text reporter does (docs/reports.md), so none can
    /// start a line of its own (`::error::` on GitHub) or send escapes to a terminal.
    @Test func declarationTextIsEscaped() {
        let before = AuditSnapshot(AuditTestSupport.report("version: 1\n"))
        let after = AuditSnapshot(
            AuditTestSupport.report(
                """
                version: 1
                systems:
                  - id: ads
                    name: "Pinterest\\u001b[31mAds\\n::error::injected"
                    system_type: ad_platform
                    privacy_declarations:
                      - name: "Customer\\u001b[2Jlist\\n::warning::x"
                        data_categories: [user.contact.email]
                        data_use: marketing.advertising
                """))
        let text = AuditDiff(before: before, after: after).text(
            beforeName: "audit #1 (q\u{1B}[2J\n::error::lbl)", afterName: "audit #2")
        #expect(text.contains("+ ads (Pinterest\\u{1B}[31mAds\\n::error::injected)"), "\(text)")
        #expect(text.contains("Customer\\u{1B}[2Jlist\\n::warning::x"), "\(text)")
        #expect(text.contains("audit #1 (q\\u{1B}[2J\\n::error::lbl)"))
        #expect(!text.contains("\u{1B}"))
        for line in text.split(separator: "\n") { #expect(!line.hasPrefix("::"), "\(line)") }
    }

    /// The same stack under a narrower policy: nothing was fixed. Findings of rules that ran in
    /// one audit only are neither fixed nor new, and the rules added and dropped are named.
    @Test func findingsOfRulesThatDidNotRunAreNotFixed() {
        let all = AuditSnapshot(AuditTestSupport.retailReport())
        let gdpr = AuditSnapshot(
            AuditTestSupport.retailReport(
                policy: [TestSupport.packageRoot.appendingPathComponent("policies/eu-gdpr-marketing.yaml").path]))
        let narrower = AuditDiff(before: all, after: gdpr)
        #expect(narrower.fixedFindings.isEmpty && narrower.newFindings.isEmpty)
        #expect(narrower.addedRules.isEmpty)
        #expect(narrower.droppedRules.contains("ACC-001") && !narrower.droppedRules.contains("PRIV-001"))
        #expect(narrower.findingsOfDroppedRules.count == all.findings.count - gdpr.findings.count)
        let text = narrower.text(beforeName: "a", afterName: "b")
        #expect(text.contains("rules not run in the later audit (\(narrower.droppedRules.count)):"))
        #expect(text.contains("found before, not counted as fixed"))
        #expect(!text.contains("fixed findings"))
        let wider = AuditDiff(before: gdpr, after: all)
        #expect(wider.newFindings.isEmpty && wider.fixedFindings.isEmpty)
        #expect(wider.addedRules == narrower.droppedRules)
        #expect(wider.text(beforeName: "a", afterName: "b").contains("not counted as new"))
        // Without the rules of one audit (recorded by an older Tollgate), every finding counts, and the diff says why.
        let unknown = AuditSnapshot(
            asOf: all.asOf, toolVersion: all.toolVersion, systems: all.systems, flows: all.flows, seats: all.seats,
            findings: all.findings, rules: nil)
        let old = AuditDiff(before: unknown, after: gdpr)
        #expect(!old.rulesRecorded && old.fixedFindings.count == narrower.findingsOfDroppedRules.count)
        #expect(
            old.text(beforeName: "audit #1", afterName: "audit #2").contains("audit #1 did not record which rules ran"))
    }

    /// A waiver that expired between two audits brings its findings back: they are named in a
    /// "no longer waived" section (they are neither new nor fixed: the same findings as before).
    @Test func findingsWhoseWaiverExpiredAreNamed() {
        let november = AuditSnapshot(AuditTestSupport.retailReport())
        let report = CheckRunner(rules: BuiltInRules.all).run(
            paths: [AuditTestSupport.retailStack], policyPaths: [], asOf: Day(iso: "2026-12-16")!,
            failOn: .atOrAbove(.medium),
            exceptions: CheckRunner.Exceptions(waiverFiles: [AuditTestSupport.retailWaivers]))
        let december = AuditSnapshot(report)
        let diff = AuditDiff(before: november, after: december)
        let back = diff.noLongerWaivedFindings
        #expect(!back.isEmpty && back.allSatisfy { $0.ruleID == "ACC-009" && $0.status == "open" })
        #expect(back.map(\.subject).allSatisfy { $0.hasPrefix("account:tiktok-") }, "\(back.map(\.subject))")
        #expect(!diff.newFindings.contains { back.map(\.fingerprint).contains($0.fingerprint) })
        let text = diff.text(beforeName: "November", afterName: "December")
        #expect(text.contains("no longer waived findings (\(back.count)):"), "\(text)")
        #expect(text.contains("(critical; waiver RISK-2026-041 before, now open)"))
        #expect(AuditDiff(before: december, after: november).noLongerWaivedFindings.isEmpty)
    }
}
