import Yams

/// Writes an inventory's systems and flows as a Fides manifest (`system:` list), the reverse
/// of `FidesManifestImporter`: fideslang fields where fideslang has them, Tollgate's other
/// system fields under `meta.tollgate`, flows as system-level `egress` data flows.
///
/// Importing the output gives back the same systems and flows (a tested round trip). What a
/// Fides manifest cannot hold (accounts, API keys, assets, web properties, e-mail programs,
/// the organisation, flow attributes other than their data categories, system `security` and
/// `subscription`) is listed in `notes` so the caller can say what was left out.
public struct FidesManifestExporter: Sendable {
    public init() {}

    /// The manifest text and what it could not carry.
    public func export(_ inventory: Inventory) throws -> (text: String, notes: [String]) {
        var notes: [String] = []
        let left = [
            (inventory.organization == nil ? 0 : 1, "organization", "organizations"),
            (inventory.people.count, "person", "people"), (inventory.accounts.count, "account", "accounts"),
            (inventory.apiKeys.count, "API key", "API keys"), (inventory.assets.count, "asset", "assets"),
            (inventory.webProperties.count, "web property", "web properties"),
            (inventory.emailPrograms.count, "e-mail program", "e-mail programs"),
            (inventory.tagManagerContainers.count, "tag-manager container", "tag-manager containers"),
            (inventory.tcfVendorLists.count, "TCF vendor list", "TCF vendor lists"),
        ]
        for (count, singular, plural) in left where count > 0 {
            notes.append("\(count.counted(singular, plural)) not exported (Fides has no equivalent)")
        }
        let lossyFlows = inventory.flows.filter(Self.hasAttributesBeyondCategories).count
        if lossyFlows > 0 {
            notes.append(
                "\(lossyFlows.counted("flow")) exported with data categories only (Fides data flows carry nothing else)"
            )
        }
        var systems: [Yams.Node] = []
        for system in inventory.systems {
            if system.security != nil || system.subscription != nil {
                notes.append("system '\(system.id)': security and subscription not exported")
            }
            systems.append(systemNode(system, flows: inventory.flows))
        }
        let root = map([("system", .sequence(Yams.Node.Sequence(systems)))])
        return (try Yams.serialize(node: root, width: -1, allowUnicode: true, sortKeys: false), notes)
    }

    private func systemNode(_ system: System, flows: [Flow]) -> Yams.Node {
        var fields: [(String, Yams.Node?)] = [
            ("fides_key", str(system.id)), ("name", str(system.name)), ("description", system.description.map(str)),
            ("system_type", str(system.systemType?.rawValue ?? SystemType.other.rawValue)),
        ]
        if let responsibility = system.responsibility,
            let title = FidesManifestImporter.responsibilities.first(where: { $0.value == responsibility })?.key
        {
            fields.append(("responsibility", list([title])))
        }
        fields += [
            ("uses_cookies", system.usesCookies.map(bool)),
            ("cookie_max_age_seconds", system.cookieMaxAgeSeconds.map(int)),
            ("uses_non_cookie_access", system.usesNonCookieAccess.map(bool)),
            ("uses_profiling", system.usesProfiling.map(bool)),
            (
                "legal_basis_for_profiling",
                system.legalBasisForProfiling.isEmpty ? nil : list(system.legalBasisForProfiling)
            ),
            ("joint_controller_info", system.jointControllerInfo.map(str)),
            ("vendor_id", system.tcf?.vendorID.map { str("gvl.\($0)") }),
        ]
        if !system.privacyDeclarations.isEmpty {
            fields.append(
                ("privacy_declarations", .sequence(Yams.Node.Sequence(system.privacyDeclarations.map(declarationNode))))
            )
        }
        let egress = flows.filter { $0.from == system.id }.map { flow in
            map([("fides_key", str(flow.to)), ("type", str("system")), ("data_categories", list(flow.dataCategories))])
        }
        let ingress = flows.filter { $0.to == system.id && $0.from == Flow.dataSubjectSource }.map { flow in
            map([("fides_key", str("user")), ("type", str("user")), ("data_categories", list(flow.dataCategories))])
        }
        if !egress.isEmpty { fields.append(("egress", .sequence(Yams.Node.Sequence(egress)))) }
        if !ingress.isEmpty { fields.append(("ingress", .sequence(Yams.Node.Sequence(ingress)))) }
        let extras = tollgateFields(system)
        if !extras.isEmpty { fields.append(("meta", map([("tollgate", map(extras))]))) }
        return map(fields)
    }

    private func declarationNode(_ declaration: PrivacyDeclaration) -> Yams.Node {
        let legal = declaration.legalBasis.flatMap { basis in
            FidesManifestImporter.legalBases.first(where: { $0.value == basis })?.key
        }
        let special = declaration.specialCategoryLegalBasis.flatMap { basis in
            FidesManifestImporter.specialCategoryBases.first(where: { $0.value == basis })?.key
        }
        return map([
            ("name", declaration.name.map(str)), ("data_categories", list(declaration.dataCategories)),
            ("data_use", declaration.dataUse.map(str)), ("data_subjects", list(declaration.dataSubjects)),
            ("legal_basis_for_processing", legal.map(str)), ("special_category_legal_basis", special.map(str)),
            ("retention_period", declaration.retentionDays.map { str($0.counted("day")) }),
            ("impact_assessment_location", declaration.impactAssessmentLocation.map(str)),
            ("egress", declaration.egress.isEmpty ? nil : list(declaration.egress)),
            ("ingress", declaration.ingress.isEmpty ? nil : list(declaration.ingress)),
        ])
    }

    /// Tollgate's system fields fideslang has no place for, in Tollgate's declaration format.
    private func tollgateFields(_ system: System) -> [(String, Yams.Node?)] {
        var fields: [(String, Yams.Node?)] = [
            ("vendor", system.vendor.map(str)), ("vendor_legal_entity", system.vendorLegalEntity.map(str)),
            ("processing_countries", system.processingCountries.isEmpty ? nil : list(system.processingCountries)),
            (
                "remote_access_countries",
                system.remoteAccessCountries.isEmpty ? nil : list(system.remoteAccessCountries)
            ),
            ("vendor_hq_country", system.vendorHQCountry.map(str)),
            ("consent_gated", system.consentGated.map(bool)), ("consent_category", system.consentCategory.map(str)),
            ("business_owner", system.businessOwner.map(str)),
            ("tag_ids", system.tagIDs.isEmpty ? nil : list(system.tagIDs)),
        ]
        if let responsibility = system.responsibility,
            ![.controller, .processor, .subProcessor].contains(responsibility)
        {
            fields.append(("responsibility", str(responsibility.rawValue)))
        }
        if let dpa = system.dpa {
            fields.append(
                (
                    "dpa",
                    map([
                        ("signed", bool(dpa.signed)), ("signed_date", dpa.signedDate.map { str($0.description) }),
                        ("url", dpa.url.map(str)),
                        ("art28_clauses", dpa.art28Clauses.isEmpty ? nil : list(dpa.art28Clauses)),
                        ("subprocessor_list_url", dpa.subprocessorListURL.map(str)),
                        ("subprocessor_change_notice_days", dpa.subprocessorChangeNoticeDays.map(int)),
                    ])
                ))
        }
        if !system.subprocessors.isEmpty {
            fields.append(
                (
                    "subprocessors",
                    .sequence(
                        Yams.Node.Sequence(
                            system.subprocessors.map { sub in
                                map([
                                    ("name", str(sub.name)), ("country", sub.country.map(str)),
                                    ("purpose", sub.purpose.map(str)),
                                    ("transfer_mechanism", sub.transferMechanism.map(transferNode)),
                                ])
                            }))
                ))
        }
        if let contract = system.ccpaContract {
            fields.append(
                (
                    "ccpa_contract",
                    map([
                        ("role", contract.role.map { str($0.rawValue) }), ("signed", bool(contract.signed)),
                        ("clauses", contract.clauses.isEmpty ? nil : list(contract.clauses)),
                    ])
                ))
        }
        if let dpf = system.dpf {
            fields.append(
                (
                    "dpf",
                    map([
                        ("certified", bool(dpf.certified)), ("entity", dpf.entity.map(str)),
                        ("frameworks", dpf.frameworks.isEmpty ? nil : list(dpf.frameworks)),
                        ("covered_data", dpf.coveredData.isEmpty ? nil : list(dpf.coveredData)),
                        ("checked_on", dpf.checkedOn.map { str($0.description) }),
                    ])
                ))
        }
        if let tcf = system.tcf {
            func ints(_ values: [Int]) -> Yams.Node? {
                values.isEmpty ? nil : .sequence(Yams.Node.Sequence(values.map(int)))
            }
            fields.append(
                (
                    "tcf",
                    map([
                        ("vendor_id", tcf.vendorID.map(int)), ("purposes_consent", ints(tcf.purposesConsent)),
                        ("purposes_li", ints(tcf.purposesLegitimateInterest)),
                        ("special_purposes", ints(tcf.specialPurposes)), ("features", ints(tcf.features)),
                        ("special_features", ints(tcf.specialFeatures)),
                    ])
                ))
        }
        if let mode = system.googleConsentMode {
            fields.append(
                (
                    "google_consent_mode",
                    map([
                        ("version", mode.version.map(int)), ("ad_user_data", mode.adUserData.map(bool)),
                        ("ad_personalization", mode.adPersonalization.map(bool)),
                    ])
                ))
        }
        for (key, record) in [("dpia", system.dpia), ("tia", system.tia)] {
            guard let record else { continue }
            fields.append(
                (
                    key,
                    map([
                        ("required", record.required.map(bool)), ("ref", record.ref.map(str)),
                        ("date", record.date.map { str($0.description) }),
                    ])
                ))
        }
        if let review = system.itReview {
            fields.append(
                (
                    "it_review",
                    map([
                        ("reviewer", review.reviewer.map(str)), ("date", review.date.map { str($0.description) }),
                        ("outcome", review.outcome.map { str($0.rawValue) }), ("ticket", review.ticket.map(str)),
                    ])
                ))
        }
        if !system.securityEvidence.isEmpty {
            fields.append(
                (
                    "security_evidence",
                    .sequence(
                        Yams.Node.Sequence(
                            system.securityEvidence.map { evidence in
                                map([
                                    ("kind", str(evidence.kind)),
                                    ("report_date", evidence.reportDate.map { str($0.description) }),
                                    ("url", evidence.url.map(str)),
                                ])
                            }))
                ))
        }
        return fields.filter { $0.1 != nil }
    }

    private func transferNode(_ mechanism: TransferMechanism) -> Yams.Node {
        map([
            ("type", mechanism.type.map { str($0.rawValue) }), ("scc_module", mechanism.sccModule.map(int)),
            ("decision_ref", mechanism.decisionRef.map(str)), ("art49_ground", mechanism.art49Ground.map(str)),
        ])
    }

    static func hasAttributesBeyondCategories(_ flow: Flow) -> Bool {
        flow.dataUse != nil || flow.legalBasis != nil || !flow.subjectRegions.isEmpty || flow.transferMechanism != nil
            || flow.destinationCountry != nil || !flow.dataSubjects.isEmpty || flow.ccpaSale || flow.ccpaShare
            || flow.description != nil || flow.frequency != nil
    }

    // MARK: - Node building

    private func str(_ text: String) -> Yams.Node {
        // Quote whatever a YAML reader could take for something other than a string.
        let plain = Yams.Node.Scalar(text)
        let needsQuotes =
            text.isEmpty || Int(text) != nil || Double(text) != nil
            || ["true", "false", "yes", "no", "on", "off", "null", "~"].contains(text.lowercased())
        return .scalar(needsQuotes ? Yams.Node.Scalar(text, .implicit, .doubleQuoted) : plain)
    }

    private func int(_ value: Int) -> Yams.Node { .scalar(Yams.Node.Scalar(String(value))) }

    private func bool(_ value: Bool) -> Yams.Node { .scalar(Yams.Node.Scalar(value ? "true" : "false")) }

    private func list(_ values: [String]) -> Yams.Node { .sequence(Yams.Node.Sequence(values.map(str))) }

    private func map(_ fields: [(String, Yams.Node?)]) -> Yams.Node {
        .mapping(
            Yams.Node.Mapping(fields.compactMap { key, value in value.map { (Yams.Node.scalar(.init(key)), $0) } }))
    }
}
