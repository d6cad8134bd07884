import Testing
import TollgateKit
import TollgateRules

/// PRIV-109 and a vendor's `deletedDate` in the Global Vendor List.
@Suite("TCF vendor deletion")
struct TCFVendorDeletionTests {
    static let list = """
        {"gvlSpecificationVersion": 3, "vendorListVersion": 150, "tcfPolicyVersion": 5,
         "purposes": {"1": {"id": 1, "name": "Store and/or access information on a device"}},
         "vendors": {
          "11": {"id": 11, "name": "Leaving", "purposes": [1], "deletedDate": "2026-12-31T00:00:00Z"},
          "12": {"id": 12, "name": "Sparse", "deletedDate": "2024-03-01T00:00:00Z"},
          "14": {"id": 14, "name": "Staying", "purposes": [1]}}}
        """

    static func findings(vendor: Int, asOf: String, consent: [Int] = [1]) -> [Finding] {
        let yaml = """
            version: 1
            systems:
              - { id: ads, name: Ads, system_type: ad_platform, tcf: { vendor_id: \(vendor), purposes_consent: \(consent) } }
            """
        let outcome = InventoryLoader(importers: BuiltInImporters.all()).load(
            texts: [("stack.yaml", yaml), ("vendor-list.json", list)])
        #expect(outcome.errors.isEmpty, "\(outcome.errors.map(\.description))")
        let rule = TCFRegistrationMatchesVendorList()
        let policy = Policy(sources: [], settings: [rule.description.id: Policy.Setting()])
        return Checker(rules: [rule], policy: policy).check(outcome.inventory, asOf: Day(iso: asOf)!).findings
    }

    /// A deletion dated the day after the as-of date has not happened, but is said ahead, graded
    /// low (nothing is wrong yet), with what to do.
    @Test func deletionTheDayAfterIsScheduled() {
        let findings = Self.findings(vendor: 11, asOf: "2026-12-30")
        #expect(
            findings.map(\.message) == [
                "vendor 11 (Leaving) is scheduled for deletion from the Global Vendor List on 2026-12-31 and will get "
                    + "no TCF signal from then; move to another vendor or remove its tag"
            ])
        #expect(findings.map(\.severity) == [.low])
    }

    @Test func deletionAppliesFromItsDay() {
        let findings = Self.findings(vendor: 11, asOf: "2026-12-31")
        #expect(
            findings.map(\.message) == ["vendor 11 (Leaving) was deleted from the Global Vendor List on 2026-12-31"])
        #expect(findings.map(\.severity) == [.high])
    }

    /// The scheduled deletion and the deletion are different findings: a waiver of the notice
    /// must not carry over to the deletion once its day comes.
    @Test func scheduledAndDoneDeletionsHaveDifferentFingerprints() throws {
        let scheduled = try #require(Self.findings(vendor: 11, asOf: "2026-12-30").first)
        let deleted = try #require(Self.findings(vendor: 11, asOf: "2026-12-31").first)
        #expect(scheduled.fingerprint != deleted.fingerprint)
    }

    /// Until its deletion the vendor still gets its signals, so its registrations still count.
    @Test func scheduledVendorRegistrationsAreStillChecked() {
        let findings = Self.findings(vendor: 11, asOf: "2026-06-01", consent: [1, 3])
        #expect(findings.map(\.severity).sorted() == [.low, .medium])
        #expect(findings.contains { $0.message.contains("consent for purpose 3") })
    }

    @Test func vendorWithoutDeletionDateHasNoDeletionFinding() {
        #expect(Self.findings(vendor: 14, asOf: "2026-06-01").isEmpty)
    }

    /// A deleted vendor registers nothing that matters any more: only the deletion is reported,
    /// not also that it does not register the declared purpose 1.
    @Test func deletedVendorGetsOnlyTheDeletionFinding() {
        let findings = Self.findings(vendor: 12, asOf: "2026-06-01")
        #expect(findings.map(\.message) == ["vendor 12 (Sparse) was deleted from the Global Vendor List on 2024-03-01"])
    }

    /// The message keeps the acronym "TCF" (it read "tCF vendor id …"); messages start in lower
    /// case, so it reads "the TCF vendor id …".
    @Test func unknownVendorMessageKeepsTheAcronym() {
        #expect(
            Self.findings(vendor: 13, asOf: "2026-06-01").map(\.message) == [
                "the TCF vendor id 13 is not in GVL v150 (policy 5)"
            ])
    }

    @Test func malformedDeletedDateIsAnInputError() {
        let text = Self.list.replacingOccurrences(of: "2024-03-01T00:00:00Z", with: "soon")
        let outcome = InventoryLoader(importers: BuiltInImporters.all()).load(
            texts: [("stack.yaml", "version: 1\n"), ("vendor-list.json", text)])
        #expect(outcome.errors.map(\.message).contains { $0.contains("'deletedDate', found 'soon'") })
    }
}
