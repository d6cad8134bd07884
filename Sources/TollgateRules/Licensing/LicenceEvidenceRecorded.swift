import TollgateKit

/// LIC-018: every licensed asset and subscription records who licensed what, from whom, on
/// which purchase.
public struct LicenceEvidenceRecorded: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "LIC-018", slug: "licence-evidence-recorded", domain: .licensing,
        title: "Licence evidence recorded",
        rationale: """
            In a vendor audit or an infringement claim the organisation must show the licence: the licensor, the \
            licence, the licensee entity and the purchase. Records nobody can find are the same as no licence \
            (ISO/IEC 27001 A.5.32 asks for proof of ownership of licences, A.5.33 for protected records).
            """,
        severity: .low,
        references: ["ISO/IEC 27001:2022 A.5.32", "ISO/IEC 27001:2022 A.5.33"],
        controls: .creativeLicences,
        remediation: "record the vendor, licence, licensee and purchase reference (order, invoice or contract number)",
        examples: [
            RuleExample(
                "complete records",
                """
                version: 1
                systems:
                  - { id: dam, name: DAM, system_type: dam, subscription: { purchase_reference: PO-1, licensee: Acme B.V. } }
                assets:
                  - { id: img, kind: image, vendor: Stock Co, licence: LicenseRef-Standard, licence_type: royalty_free, purchase_reference: INV-9, licensee: Acme B.V. }
                  - { id: lib, kind: script, vendor: OSS, licence: MIT, licence_type: open_source }
                """),
            RuleExample(
                "missing purchase and licensee records", failing: ["asset:img", "system:dam"],
                """
                version: 1
                systems:
                  - { id: dam, name: DAM, system_type: dam, subscription: { plan: Team } }
                assets:
                  - { id: img, kind: image, vendor: Stock Co, licence_type: royalty_free }
                """),
            RuleExample(
                "open-source code needs no purchase record (boundary)",
                """
                version: 1
                assets:
                  - { id: lib, kind: script, vendor: OSS, licence: Apache-2.0, licence_type: open_source }
                """),
        ])

    /// Licence types that are bought, so a purchase and a licensee must be on file.
    static let purchased: Set<CreativeLicenceType> = [
        .royaltyFree, .rightsManaged, .editorial, .custom, .desktop, .webfont,
    ]

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        var evaluations: [Evaluation] = []
        // Imported SBOM components are third-party code with their own evidence (the SBOM).
        for asset in context.inventory.assets where asset.importedFrom == nil {
            var missing: [String] = []
            if asset.vendor == nil { missing.append("vendor") }
            if asset.licence == nil && asset.licenceType == nil { missing.append("licence") }
            if let type = asset.licenceType, Self.purchased.contains(type) {
                if asset.purchaseReference == nil { missing.append("purchase_reference") }
                if asset.licensee == nil { missing.append("licensee") }
            }
            evaluations.append(Evaluation(.asset(asset), Self.violation(missing, asset.origin)))
        }
        for system in context.inventory.systems {
            guard let subscription = system.subscription else { continue }
            var missing: [String] = []
            if subscription.purchaseReference == nil { missing.append("purchase_reference") }
            if subscription.licensee == nil { missing.append("licensee") }
            evaluations.append(Evaluation(.system(system), Self.violation(missing, subscription.origin)))
        }
        return evaluations
    }

    static func violation(_ missing: [String], _ origin: Origin) -> [Violation] {
        guard !missing.isEmpty else { return [] }
        return [
            Violation(
                "licence evidence missing: \(missing.joined(separator: ", "))", at: origin.location(missing[0]),
                key: "evidence")
        ]
    }
}
