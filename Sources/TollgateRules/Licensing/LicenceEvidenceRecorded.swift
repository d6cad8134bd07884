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
            (ISO/IEC 27001 A.5.32 asks for proof of ownership of licences, A.5.33 for protected records). Every \
            asset records its vendor, its licence and, for bought licences, the purchase and the licensee; an asset \
            whose terms are not a public licence text (bought or custom terms, a `LicenseRef-`) records where its \
            copy is kept (`licence_url`), while an open-source or OFL licence named by its SPDX id needs none (its \
            text is public; keeping its copyright notices is LIC-012); every subscription records the system's \
            vendor, the plan or licence types, the purchase, the licensee and where its signed order form or \
            terms are kept (`licence_url`): a subscription's terms are the contract signed with the vendor, never \
            a public text.
            """,
        severity: .low,
        references: ["ISO/IEC 27001:2022 A.5.32", "ISO/IEC 27001:2022 A.5.33"],
        controls: .creativeLicences,
        remediation: """
            record the vendor, licence (and where a copy of it or of the signed order form is kept), licensee and \
            purchase reference (order, invoice or contract number)
            """,
        examples: [
            RuleExample(
                "complete records",
                """
                version: 1
                systems:
                  - id: dam
                    name: DAM
                    system_type: dam
                    vendor: DAM Co
                    subscription: { plan: Team, purchase_reference: PO-1, licensee: Acme B.V.,
                                    licence_url: https://files.example/contracts/po-1.pdf }
                assets:
                  - { id: img, kind: image, vendor: Stock Co, licence: LicenseRef-Standard, licence_type: royalty_free,
                      licence_url: https://files.example/licences/inv-9.pdf, purchase_reference: INV-9, licensee: Acme B.V. }
                  - { id: lib, kind: script, vendor: OSS, licence: MIT, licence_type: open_source,
                      licence_url: https://files.example/licences/lib-MIT.txt }
                """),
            RuleExample(
                "open-source and OFL licences named by SPDX id need no copy on file",
                """
                version: 1
                assets:
                  - { id: lib, kind: script, vendor: OSS, licence: MIT }
                  - { id: sans, kind: font, vendor: Foundry, licence: OFL-1.1, licence_type: ofl }
                """),
            RuleExample(
                "a LicenseRef- licence needs its copy on file (boundary)", failing: ["asset:lib"],
                """
                version: 1
                assets:
                  - { id: lib, kind: script, vendor: Vendor, licence: LicenseRef-Vendor-EULA }
                """),
            RuleExample(
                "bought image without a copy of the licence, subscription without vendor and plan",
                failing: ["asset:img", "system:dam"],
                """
                version: 1
                systems:
                  - { id: dam, name: DAM, system_type: dam, subscription: { purchase_reference: PO-1, licensee: Acme B.V. } }
                assets:
                  - { id: img, kind: image, vendor: Stock Co, licence: LicenseRef-Standard, licence_type: royalty_free,
                      purchase_reference: INV-9, licensee: Acme B.V. }
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
                "a subscription with everything but where its order form is kept (boundary)", failing: ["system:crm"],
                """
                version: 1
                systems:
                  - id: crm
                    name: CRM
                    system_type: crm
                    vendor: CRM Co
                    subscription: { plan: Enterprise, purchase_reference: PO-7, licensee: Acme B.V. }
                """),
            RuleExample(
                "open-source code needs no purchase record (boundary)",
                """
                version: 1
                assets:
                  - { id: lib, kind: script, vendor: OSS, licence: Apache-2.0, licence_type: open_source,
                      licence_url: https://files.example/licences/lib-Apache-2.0.txt }
                """),
        ])

    /// Licence types that are bought, so a purchase and a licensee must be on file.
    static let purchased: Set<CreativeLicenceType> = [
        .royaltyFree, .rightsManaged, .editorial, .custom, .desktop, .webfont,
    ]

    /// Whether the licence's terms are known only from a copy the organisation keeps (the signed
    /// or bought terms). An open-source or OFL licence named by SPDX id has a public, canonical
    /// text; its copyright notices are LIC-012's concern. A `LicenseRef-` is a private text.
    static func needsCopy(_ asset: Asset) -> Bool {
        guard let licence = asset.licence, !licence.lowercased().containsPlainText("licenseref-") else { return true }
        return asset.licenceType.map { $0 != .openSource && $0 != .ofl } ?? false
    }

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        var evaluations: [Evaluation] = []
        // Imported SBOM components are third-party code with their own evidence (the SBOM).
        for asset in context.inventory.assets where asset.importedFrom == nil {
            var missing: [String] = []
            if asset.vendor == nil { missing.append("vendor") }
            if asset.licence == nil && asset.licenceType == nil { missing.append("licence") }
            if asset.licenceURL == nil && Self.needsCopy(asset) { missing.append("licence_url") }
            if let type = asset.licenceType, Self.purchased.contains(type) {
                if asset.purchaseReference == nil { missing.append("purchase_reference") }
                if asset.licensee == nil { missing.append("licensee") }
            }
            evaluations.append(Evaluation(.asset(asset), Self.violation(missing.map { ($0, asset.origin) })))
        }
        for system in context.inventory.systems {
            guard let subscription = system.subscription else { continue }
            var missing: [(String, Origin)] = []
            // The vendor of a subscription is the system's; `vendor_legal_entity` names it as well.
            if system.vendor == nil && system.vendorLegalEntity == nil { missing.append(("vendor", system.origin)) }
            if subscription.plan == nil && subscription.licenceTypes.isEmpty {
                missing.append(("plan", subscription.origin))
            }
            if subscription.purchaseReference == nil { missing.append(("purchase_reference", subscription.origin)) }
            if subscription.licensee == nil { missing.append(("licensee", subscription.origin)) }
            if subscription.licenceURL == nil { missing.append(("licence_url", subscription.origin)) }
            evaluations.append(Evaluation(.system(system), Self.violation(missing)))
        }
        return evaluations
    }

    /// One finding naming every missing field, placed where the first should be declared.
    static func violation(_ missing: [(field: String, origin: Origin)]) -> [Violation] {
        guard let first = missing.first else { return [] }
        return [
            Violation(
                "licence evidence missing: \(missing.map(\.field).joined(separator: ", "))",
                at: first.origin.location(first.field), key: "evidence")
        ]
    }
}
