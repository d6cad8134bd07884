import TollgateKit

/// PRIV-109: declared TCF registrations match the Global Vendor List.
public struct TCFRegistrationMatchesVendorList: Rule {
    public init() {}

    static func gvl(_ vendors: String, policy: Int = 5) -> RuleExample.Attachment {
        RuleExample.Attachment(
            "vendor-list.json",
            """
            {"gvlSpecificationVersion": 3, "vendorListVersion": 120, "tcfPolicyVersion": \(policy),
             "purposes": {"1": {"id": 1, "name": "Store and/or access information on a device"}},
             "vendors": {\(vendors)}}
            """)
    }

    static let vendor9000 =
        #""9000": {"id": 9000, "name": "Example Ads", "purposes": [1, 3, 4], "legIntPurposes": [2, 7], "flexiblePurposes": [2], "specialPurposes": [1], "features": [], "specialFeatures": []}"#

    /// Vendor 9000 registering purpose 1 and deleted on `date`.
    static func deleted9000(_ date: String) -> String {
        #""9000": {"id": 9000, "name": "Example Ads", "purposes": [1], "deletedDate": ""# + date + #""}"#
    }

    static func stack(_ tcf: String) -> String {
        """
        version: 1
        systems:
          - { id: ads, name: Example Ads, system_type: ad_platform, tcf: \(tcf) }
        """
    }

    public let description = RuleDescription(
        id: "PRIV-109", slug: "tcf-registration-matches-vendor-list", domain: .privacy,
        title: "TCF registrations match the Global Vendor List",
        rationale: """
            Under the IAB Transparency and Consent Framework a consent platform asks consent, and shows legitimate \
            interest claims, only for what a vendor registered in the Global Vendor List. A declared purpose the \
            vendor did not register gets no signal; a vendor deleted from the list gets none at all (the list keeps \
            its entry with a `deletedDate`, after which the vendor "is considered deleted": a deletion dated later \
            than the as-of date has not happened yet, but is reported ahead so the tag can move before its signals \
            stop); and since TCF v2.2 no vendor may rely on legitimate interest for purposes 3 to 6 (purpose 1 never could). \
            Graded: a vendor id not in the list, a deleted vendor and legitimate interest for a consent-only purpose \
            are high; a consent or legitimate-interest purpose the vendor does not register is medium; a special \
            purpose, feature or special feature it does not register, and a deletion still to come, are low.
            """,
        severity: .medium,
        references: ["IAB Europe TCF Policies v2.2/v2.3", "GDPR Art. 6(1)(a)", "GDPR Art. 6(1)(f)", "CJEU C-604/22"],
        controls: .cookieConsent,
        remediation: """
            align the system's tcf block with the vendor's registration in the current vendor list, or ask the \
            vendor to update its registration; stop relying on a vendor deleted, or scheduled for deletion, from the \
            list: move to another vendor or remove its tag
            """,
        examples: [
            RuleExample(
                "registration matches the list", attachments: [gvl(vendor9000)],
                stack("{ vendor_id: 9000, purposes_consent: [1, 3], purposes_li: [7] }")),
            RuleExample(
                "vendor id not in the list", failing: ["system:ads"], attachments: [gvl(vendor9000)],
                stack("{ vendor_id: 9999, purposes_consent: [1] }")),
            RuleExample(
                "legitimate interest for purpose 4", failing: ["system:ads"], attachments: [gvl(vendor9000)],
                stack("{ vendor_id: 9000, purposes_consent: [1], purposes_li: [4] }")),
            RuleExample(
                "consent for a purpose the vendor does not register", failing: ["system:ads"],
                attachments: [gvl(vendor9000)], stack("{ vendor_id: 9000, purposes_consent: [1, 9] }")),
            RuleExample(
                "a feature the vendor does not register (graded low)", failing: ["system:ads"],
                attachments: [gvl(vendor9000)], stack("{ vendor_id: 9000, purposes_consent: [1], features: [2] }")),
            RuleExample(
                "flexible purpose declared on consent (boundary)", attachments: [gvl(vendor9000)],
                stack("{ vendor_id: 9000, purposes_consent: [1, 2] }")),
            RuleExample(
                "vendor deleted from the list (boundary: entry still present)", failing: ["system:ads"],
                attachments: [gvl(deleted9000("2025-06-30T00:00:00Z"))],
                stack("{ vendor_id: 9000, purposes_consent: [1] }")),
            RuleExample(
                "deletion dated the day after the as-of date is scheduled, graded low (boundary)",
                failing: ["system:ads"], asOf: "2026-12-30",
                attachments: [gvl(deleted9000("2026-12-31T00:00:00Z"))],
                stack("{ vendor_id: 9000, purposes_consent: [1] }")),
            RuleExample(
                "deletion dated on the as-of date applies that day (boundary)", failing: ["system:ads"],
                asOf: "2026-12-31", attachments: [gvl(deleted9000("2026-12-31T00:00:00Z"))],
                stack("{ vendor_id: 9000, purposes_consent: [1] }")),
            RuleExample(
                "deletion dated the day before the as-of date (boundary)", failing: ["system:ads"],
                asOf: "2027-01-01", attachments: [gvl(deleted9000("2026-12-31T00:00:00Z"))],
                stack("{ vendor_id: 9000, purposes_consent: [1] }")),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        // The newest list decides; older lists are kept in the inventory only as imported.
        guard
            let list = context.inventory.tcfVendorLists.max(by: {
                ($0.vendorListVersion ?? 0) < ($1.vendorListVersion ?? 0)
            })
        else { return [] }
        let liForbidden: Set<Int> = (list.tcfPolicyVersion ?? 4) >= 4 ? [1, 3, 4, 5, 6] : [1]
        var evaluations: [Evaluation] = []
        for system in context.inventory.systems {
            guard let tcf = system.tcf, let vendorID = tcf.vendorID else { continue }
            var violations: [Violation] = []
            func purpose(_ id: Int) -> String { list.purposes[id].map { "purpose \(id) (\($0))" } ?? "purpose \(id)" }
            guard let vendor = list.vendors[vendorID] else {
                violations.append(
                    Violation(
                        "the TCF vendor id \(vendorID) is not in \(list.displayName)",
                        at: tcf.origin.location("vendor_id"), severity: .high, key: "vendor_id"))
                evaluations.append(Evaluation(.system(system), violations))
                continue
            }
            // The GVL: a vendor "is considered deleted after this date/time". A deletion dated on
            // the as-of day (GVL deletions fall at midnight UTC) applies to that day; a later one
            // has not happened yet. A deleted vendor gets no signal at all, so its registrations
            // no longer matter: the deletion is the only finding.
            if let deleted = vendor.deletedDate.flatMap(Day.init(iso:)) {
                guard deleted > context.asOf else {
                    violations.append(
                        Violation(
                            "vendor \(vendorID) (\(vendor.name)) was deleted from the Global Vendor List on \(deleted)",
                            at: tcf.origin.location("vendor_id"), severity: .high, key: "vendor_id/deleted"))
                    evaluations.append(Evaluation(.system(system), violations))
                    continue
                }
                // A deletion still to come: the vendor gets its signals until then, so its
                // registrations are checked as usual, and the date is said ahead (low: nothing is
                // wrong yet). Its own key, so a waiver of the notice never covers the deletion.
                violations.append(
                    Violation(
                        "vendor \(vendorID) (\(vendor.name)) is scheduled for deletion from the Global Vendor List on "
                            + "\(deleted) and will get no TCF signal from then; move to another vendor or remove its tag",
                        at: tcf.origin.location("vendor_id"), severity: .low, key: "vendor_id/deletion-scheduled"))
            }
            for (index, id) in tcf.purposesConsent.enumerated()
            where !vendor.purposes.contains(id) && !vendor.flexiblePurposes.contains(id) {
                violations.append(
                    Violation(
                        "declares consent for \(purpose(id)), which vendor \(vendorID) does not register",
                        at: tcf.origin.location("purposes_consent/\(index)"), key: "purposes_consent/\(id)"))
            }
            for (index, id) in tcf.purposesLegitimateInterest.enumerated() {
                if liForbidden.contains(id) {
                    violations.append(
                        Violation(
                            "claims legitimate interest for \(purpose(id)), which the TCF allows only on consent",
                            at: tcf.origin.location("purposes_li/\(index)"), severity: .high, key: "purposes_li/\(id)"))
                } else if !vendor.legIntPurposes.contains(id) && !vendor.flexiblePurposes.contains(id) {
                    violations.append(
                        Violation(
                            "claims legitimate interest for \(purpose(id)), which vendor \(vendorID) does not register on legitimate interest",
                            at: tcf.origin.location("purposes_li/\(index)"), key: "purposes_li/\(id)"))
                }
            }
            let others: [(String, [Int], [Int])] = [
                ("special_purposes", tcf.specialPurposes, vendor.specialPurposes),
                ("features", tcf.features, vendor.features),
                ("special_features", tcf.specialFeatures, vendor.specialFeatures),
            ]
            for (field, declared, registered) in others {
                for (index, id) in declared.enumerated() where !registered.contains(id) {
                    violations.append(
                        Violation(
                            "declares \(field.replacingOccurrences(of: "_", with: " ")) \(id), which vendor \(vendorID) does not register",
                            at: tcf.origin.location("\(field)/\(index)"), severity: .low, key: "\(field)/\(id)"))
                }
            }
            evaluations.append(Evaluation(.system(system), violations))
        }
        return evaluations
    }
}
