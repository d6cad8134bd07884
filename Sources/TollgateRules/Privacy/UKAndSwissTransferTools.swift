import TollgateKit

// Reference data: the countries the UK and Switzerland consider adequate, besides the EEA
// (which both recognise) and themselves.
// Switzerland: FADP Art. 16(1) and Annex 1 to the Data Protection Ordinance (DPO), as quoted in
// rules-reference §3.1.2: EEA states plus Andorra, Argentina, Canada, Faroe Islands, Gibraltar,
// Guernsey, Isle of Man, Israel, Jersey, Monaco, New Zealand, the UK, Uruguay and US
// organisations certified under the Swiss-US DPF (from 15 Sep 2024).
// UK: UK GDPR Art. 45 and DPA 2018 Sch. 21 para. 5 (the EEA, Gibraltar, Switzerland, Canada
// for PIPEDA organisations, Argentina, Guernsey, Isle of Man, Jersey, Andorra, Israel, Uruguay,
// New Zealand and Japan for APPI data, as adopted at the end of 2020), the Data Protection
// (Adequacy) (Republic of Korea) Regulations 2022 (SI 2022/1213) and the Data Protection
// (Adequacy) (United States of America) Regulations 2023 (SI 2023/1028, recipients certified
// under the UK Extension to the DPF). Checked against Sch. 21 and the two SIs; the research
// reference names the UK tools but not this list. The Faroe Islands are on the ICO's list
// (its correction of 13 Oct 2023).
// Version: 2026-06-01. Time-sensitive: override the parameters in policy when either changes.
private enum UKAndSwissAdequacy {
    static let uk = ["AD", "AR", "CA", "CH", "FO", "GG", "GI", "IL", "IM", "JE", "JP", "KR", "NZ", "US", "UY"]
    static let swiss = ["AD", "AR", "CA", "FO", "GB", "GG", "GI", "IL", "IM", "JE", "MC", "NZ", "US", "UY"]
}

/// PRIV-017: data of people in the UK or Switzerland leaves for a third country under a UK or
/// Swiss transfer tool: the EU's SCCs and the EU-US DPF alone do not cover it.
public struct UKAndSwissTransferTools: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "PRIV-017", slug: "uk-swiss-transfer-tools", domain: .privacy,
        title: "UK and Swiss transfers use UK and Swiss tools",
        rationale: """
            The UK GDPR and the Swiss FADP restrict transfers out of the UK and Switzerland as the GDPR does out of \
            the EEA, with their own adequacy lists and tools. A UK restricted transfer needs UK adequacy \
            regulations, the ICO's IDTA or the UK Addendum to the EU SCCs (EU SCCs alone are not valid for it), and \
            a US recipient must be certified under the UK Extension to the DPF. A Swiss transfer needs a country on \
            the Swiss list, SCCs adapted to Swiss law as the FDPIC requires, or the Swiss-US DPF. Both laws keep the \
            Art. 49 derogations, so a named Art. 49 ground is accepted here as in PRIV-012 (PRIV-016 checks that it \
            is not used for recurring transfers). Binding corporate rules count only once approved by the ICO or the \
            FDPIC, which the declarations do not say: add `bcr` to the mechanisms when yours are. An organisation \
            established only in the UK or only in Switzerland (`organization.establishments: [GB]` or `[CH]`) is \
            bound by that law for all its processing wherever the people are (UK GDPR Art. 3(1); FADP Art. 16 for a Swiss controller's \
            disclosures abroad), so every flow of personal data it sends to a third country is checked under that \
            regime, whatever the flow's `subject_regions` say, as PRIV-012 reads an EEA-only organisation; for any \
            other, only flows carrying UK or Swiss subjects' data (declared or reaching them from upstream) are checked.
            """,
        severity: .medium,
        references: [
            "UK GDPR Art. 45", "UK GDPR Art. 46", "DPA 2018 s.17A", "DPA 2018 s.119A", "Swiss FADP Art. 16",
            "Swiss DPO Annex 1",
        ],
        controls: .internationalTransfers,
        remediation:
            "for UK subjects add the UK Addendum to the SCCs or sign the IDTA (`transfer_mechanism: { type: uk_addendum }`); for Swiss subjects adapt the SCCs to Swiss law (`swiss_scc`); for a US recipient record the UK Extension or Swiss-US DPF (`dpf: { frameworks: [EU, UK, CH] }`). A flow whose EEA, UK and Swiss subjects rely on different tools is declared as one flow per region",
        parameters: [
            RuleParameter(
                "uk_adequate_countries", .strings(UKAndSwissAdequacy.uk),
                "countries with UK adequacy regulations besides the EEA [verify against the ICO]", values: .countries),
            RuleParameter(
                "swiss_adequate_countries", .strings(UKAndSwissAdequacy.swiss),
                "countries on the Swiss list (FADP, DPO Annex 1) besides the EEA", values: .countries),
            RuleParameter(
                "dpf_only_countries", .strings(["US"]),
                "adequate countries covering only recipients certified under the UK Extension or the Swiss-US DPF",
                values: .countries),
            RuleParameter(
                "uk_mechanisms", .strings(["idta", "uk_addendum", "art49"]),
                "transfer mechanisms valid for UK restricted transfers (add `bcr` for ICO-approved BCRs)",
                values: .cases(of: TransferMechanismType.self, "transfer mechanism")),
            RuleParameter(
                "swiss_mechanisms", .strings(["swiss_scc", "art49"]),
                "transfer mechanisms valid for Swiss transfers (add `bcr` for FDPIC-approved BCRs)",
                values: .cases(of: TransferMechanismType.self, "transfer mechanism")),
            RuleParameter(
                "dpf_check_max_age_days", .int(365), "how recently the DPF List entry must have been checked"),
        ],
        examples: [
            RuleExample(
                "UK data to a US processor certified under the UK Extension (boundary: extension present)",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, processing_countries: [GB] }
                  - { id: esp, name: US ESP, system_type: esp, processing_countries: [US],
                      dpf: { certified: true, frameworks: [EU, UK], checked_on: 2026-01-10 } }
                flows:
                  - { id: crm-to-esp, from: crm, to: esp, data_categories: [user.contact.email], subject_regions: [UK],
                      data_use: marketing.communications.email, legal_basis: consent, transfer_mechanism: { type: dpf } }
                """),
            RuleExample(
                "the same processor certified under the EU-US DPF only (boundary: extension absent)",
                failing: ["flow:crm-to-esp"],
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, processing_countries: [GB] }
                  - { id: esp, name: US ESP, system_type: esp, processing_countries: [US],
                      dpf: { certified: true, frameworks: [EU], checked_on: 2026-01-10 } }
                flows:
                  - { id: crm-to-esp, from: crm, to: esp, data_categories: [user.contact.email], subject_regions: [UK],
                      data_use: marketing.communications.email, legal_basis: consent, transfer_mechanism: { type: dpf } }
                """),
            RuleExample(
                "UK data to India under the EU SCCs alone", failing: ["flow:crm-to-agency"],
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, processing_countries: [IE] }
                  - { id: agency, name: Agency, system_type: other, processing_countries: [IN] }
                flows:
                  - { id: crm-to-agency, from: crm, to: agency, data_categories: [user.name], subject_regions: [UK],
                      data_use: marketing, legal_basis: consent, transfer_mechanism: { type: scc_2021, scc_module: 2 } }
                """),
            RuleExample(
                "UK data to India under the UK Addendum",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, processing_countries: [IE] }
                  - { id: agency, name: Agency, system_type: other, processing_countries: [IN] }
                flows:
                  - { id: crm-to-agency, from: crm, to: agency, data_categories: [user.name], subject_regions: [UK],
                      data_use: marketing, legal_basis: consent, transfer_mechanism: { type: uk_addendum, scc_module: 2 } }
                """),
            RuleExample(
                "Swiss data to India under the UK Addendum, which is not a Swiss tool", failing: ["flow:crm-to-agency"],
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, processing_countries: [CH] }
                  - { id: agency, name: Agency, system_type: other, processing_countries: [IN] }
                flows:
                  - { id: crm-to-agency, from: crm, to: agency, data_categories: [user.name], subject_regions: [CH],
                      data_use: marketing, legal_basis: consent, transfer_mechanism: { type: uk_addendum } }
                """),
            RuleExample(
                "Swiss data to India under SCCs adapted for Switzerland",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, processing_countries: [CH] }
                  - { id: agency, name: Agency, system_type: other, processing_countries: [IN] }
                flows:
                  - { id: crm-to-agency, from: crm, to: agency, data_categories: [user.name], subject_regions: [CH],
                      data_use: marketing, legal_basis: consent, transfer_mechanism: { type: swiss_scc, scc_module: 2 } }
                """),
            RuleExample(
                "Swiss data to Monaco (on the Swiss list only) and to Korea (on the EU and UK lists, not the Swiss; boundary)",
                failing: ["flow:ch-to-kr"],
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, processing_countries: [DE] }
                  - { id: mc, name: Monaco agency, system_type: other, processing_countries: [MC] }
                  - { id: kr, name: Korean agency, system_type: other, processing_countries: [KR] }
                flows:
                  - { id: ch-to-mc, from: crm, to: mc, data_categories: [user.name], subject_regions: [CH],
                      data_use: marketing, legal_basis: consent }
                  - { id: ch-to-kr, from: crm, to: kr, data_categories: [user.name], subject_regions: [CH],
                      data_use: marketing, legal_basis: consent }
                  - { id: uk-to-kr, from: crm, to: kr, data_categories: [user.name], subject_regions: [UK],
                      data_use: marketing, legal_basis: consent }
                """),
            RuleExample(
                "UK and Swiss data staying in the EEA, in the UK or in Switzerland",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, processing_countries: [GB] }
                  - { id: esp, name: ESP, system_type: esp, processing_countries: [DE, CH, GB] }
                flows:
                  - { id: crm-to-esp, from: crm, to: esp, data_categories: [user.contact.email], subject_regions: [UK, CH],
                      data_use: marketing.communications.email, legal_basis: consent, destination_country: DE }
                  - { id: crm-to-esp-ch, from: crm, to: esp, data_categories: [user.name], subject_regions: [CH],
                      data_use: marketing.communications.email, legal_basis: consent, destination_country: CH }
                """),
            RuleExample(
                "UK data to an EEA processor whose staff reach it from India, with no tool", failing: ["flow:f"],
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, processing_countries: [GB] }
                  - { id: esp, name: ESP, system_type: esp, processing_countries: [DE], remote_access_countries: [IN] }
                flows:
                  - { id: f, from: crm, to: esp, data_categories: [user.contact.email], subject_regions: [GB],
                      data_use: marketing.communications.email, legal_basis: consent }
                """),
            RuleExample(
                "a UK-established organisation sends data to India, the flow naming no subject regions",
                failing: ["flow:crm-to-agency"],
                """
                version: 1
                organization: { name: Shop Ltd, establishments: [GB] }
                systems:
                  - { id: crm, name: CRM, system_type: crm, processing_countries: [GB] }
                  - { id: agency, name: Agency, system_type: other, processing_countries: [IN] }
                flows:
                  - { id: crm-to-agency, from: crm, to: agency, data_categories: [user.name], data_use: marketing,
                      legal_basis: consent }
                """),
            RuleExample(
                "an organisation established only in Switzerland sends only US subjects' data to a US processor outside the Swiss-US DPF",
                failing: ["flow:crm-to-esp"],
                """
                version: 1
                organization: { name: Shop AG, establishments: [CH] }
                systems:
                  - { id: crm, name: CRM, system_type: crm, processing_countries: [CH] }
                  - { id: esp, name: US ESP, system_type: esp, processing_countries: [US],
                      dpf: { certified: true, frameworks: [EU], checked_on: 2026-01-10 } }
                flows:
                  - { id: crm-to-esp, from: crm, to: esp, data_categories: [user.contact.email], subject_regions: [US],
                      data_use: marketing.communications.email, legal_basis: consent, transfer_mechanism: { type: dpf } }
                """),
            RuleExample(
                "a UK-established organisation's flow to India under the UK Addendum (boundary: the tool is there)",
                """
                version: 1
                organization: { name: Shop Ltd, establishments: [GB] }
                systems:
                  - { id: crm, name: CRM, system_type: crm, processing_countries: [GB] }
                  - { id: agency, name: Agency, system_type: other, processing_countries: [IN] }
                flows:
                  - { id: crm-to-agency, from: crm, to: agency, data_categories: [user.name], data_use: marketing,
                      legal_basis: consent, transfer_mechanism: { type: uk_addendum, scc_module: 2 } }
                """),
            RuleExample(
                "an organisation established only in the EEA and the US (boundary: no UK or Swiss scope)",
                """
                version: 1
                organization: { name: Shop GmbH, establishments: [DE, US] }
                systems:
                  - { id: crm, name: CRM, system_type: crm, processing_countries: [DE] }
                  - { id: agency, name: Agency, system_type: other, processing_countries: [IN] }
                flows:
                  - { id: crm-to-agency, from: crm, to: agency, data_categories: [user.name], data_use: marketing,
                      legal_basis: consent }
                """),
            RuleExample(
                "EEA data only is PRIV-012's, not this rule's",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, processing_countries: [FR] }
                  - { id: agency, name: Agency, system_type: other, processing_countries: [IN] }
                flows:
                  - { id: f, from: crm, to: agency, data_categories: [user.name], subject_regions: [EEA],
                      data_use: marketing, legal_basis: consent, transfer_mechanism: { type: scc_2021, scc_module: 2 } }
                """),
            RuleExample(
                "Swiss data to a Swiss-US DPF recipient checked exactly 365 days ago (boundary)",
                asOf: "2026-06-01",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, processing_countries: [CH] }
                  - { id: esp, name: US ESP, system_type: esp, processing_countries: [US],
                      dpf: { certified: true, frameworks: [EU, CH], checked_on: 2025-06-01 } }
                flows:
                  - { id: f, from: crm, to: esp, data_categories: [user.contact.email], subject_regions: [CH],
                      data_use: marketing.communications.email, legal_basis: consent, transfer_mechanism: { type: dpf } }
                """),
            RuleExample(
                "Swiss data to a Swiss-US DPF recipient checked 366 days ago (boundary)", failing: ["flow:f"],
                asOf: "2026-06-02",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, processing_countries: [CH] }
                  - { id: esp, name: US ESP, system_type: esp, processing_countries: [US],
                      dpf: { certified: true, frameworks: [EU, CH], checked_on: 2025-06-01 } }
                flows:
                  - { id: f, from: crm, to: esp, data_categories: [user.contact.email], subject_regions: [CH],
                      data_use: marketing.communications.email, legal_basis: consent, transfer_mechanism: { type: dpf } }
                """),
            RuleExample(
                "Swiss data to a Swiss-US DPF recipient checked on the as-of date (boundary)",
                asOf: "2026-06-01",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, processing_countries: [CH] }
                  - { id: esp, name: US ESP, system_type: esp, processing_countries: [US],
                      dpf: { certified: true, frameworks: [EU, CH], checked_on: 2026-06-01 } }
                flows:
                  - { id: f, from: crm, to: esp, data_categories: [user.contact.email], subject_regions: [CH],
                      data_use: marketing.communications.email, legal_basis: consent, transfer_mechanism: { type: dpf } }
                """),
            RuleExample(
                "Swiss data to a Swiss-US DPF recipient whose check is dated the day after the as-of date (boundary)",
                failing: ["flow:f"],
                asOf: "2026-06-01",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, processing_countries: [CH] }
                  - { id: esp, name: US ESP, system_type: esp, processing_countries: [US],
                      dpf: { certified: true, frameworks: [EU, CH], checked_on: 2026-06-02 } }
                flows:
                  - { id: f, from: crm, to: esp, data_categories: [user.contact.email], subject_regions: [CH],
                      data_use: marketing.communications.email, legal_basis: consent, transfer_mechanism: { type: dpf } }
                """),
            RuleExample(
                "UK data carried on from a CDP that received it (lineage), with no tool", failing: ["flow:claim"],
                """
                version: 1
                systems:
                  - { id: shop, name: Shop, system_type: ecommerce, processing_countries: [GB] }
                  - { id: cdp, name: CDP, system_type: cdp, processing_countries: [IE] }
                  - { id: counsel, name: Counsel, system_type: other, processing_countries: [SG] }
                flows:
                  - { id: in, from: shop, to: cdp, data_categories: [user.name], subject_regions: [UK],
                      data_use: essential.service, legal_basis: contract }
                  - { id: claim, from: cdp, to: counsel, data_categories: [user.name], data_use: essential.legal_obligation,
                      legal_basis: legal_obligation, frequency: one_off }
                """),
            RuleExample(
                "a one-off UK transfer on a named Art. 49 ground",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, processing_countries: [GB] }
                  - { id: counsel, name: Counsel, system_type: other, processing_countries: [SG] }
                flows:
                  - { id: claim, from: crm, to: counsel, data_categories: [user.name], subject_regions: [UK],
                      data_use: essential.legal_obligation, legal_basis: legal_obligation, frequency: one_off,
                      transfer_mechanism: { type: art49, art49_ground: legal_claims } }
                """),
        ])

    /// One of the two regimes: whose data it protects and what it accepts.
    private struct Regime {
        /// `UK` or `Swiss`, as messages use it.
        let name: String
        /// Fingerprint prefix.
        let key: String
        /// The country itself: data staying there is not transferred.
        let home: String
        /// The DPF framework a US recipient must be certified under.
        let framework: String
        let frameworkName: String
        /// What an SCC-only transfer lacks, for the message.
        let sccProblem: String
        let tools: String
        let adequate: Set<String>
        let mechanisms: Set<String>
        let covers: (String) -> Bool
    }

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let p = context.parameters
        let regimes = [
            Regime(
                name: "UK", key: "uk", home: "GB", framework: "UK", frameworkName: "the UK Extension to the DPF",
                sccProblem: "the EU SCCs without the UK Addendum (EU SCCs alone do not cover UK restricted transfers)",
                tools: "UK adequacy regulations, IDTA or UK Addendum",
                adequate: Set(p.strings("uk_adequate_countries")),
                mechanisms: Set(p.strings("uk_mechanisms")), covers: PrivacyScope.isUK),
            Regime(
                name: "Swiss", key: "ch", home: "CH", framework: "CH", frameworkName: "the Swiss-US DPF",
                sccProblem: "SCCs without the adaptations to Swiss law the FDPIC requires",
                tools: "Swiss-list country or SCCs adapted for Switzerland",
                adequate: Set(p.strings("swiss_adequate_countries")), mechanisms: Set(p.strings("swiss_mechanisms")),
                covers: { $0 == "CH" }),
        ]
        let dpfOnly = Set(p.strings("dpf_only_countries"))
        let maxAge = p.int("dpf_check_max_age_days")
        // UK GDPR Art. 3(1) copies the GDPR's: an organisation established only in the UK is
        // subject to it for all its processing wherever the people are, so every personal-data
        // flow it sends to a third country is a restricted transfer, as PRIV-012 reads an
        // EEA-only organisation (`soleEstablishments`). The FADP binds a controller in Switzerland the same way for its
        // disclosures abroad (Art. 16).
        let established = regimes.map {
            PrivacyScope.soleEstablishments(context.inventory.organization, where: $0.covers)
        }
        var evaluations: [Evaluation] = []
        for flow in context.inventory.flows where PrivacyScope.isPersonal(flow) {
            // A flow that names its subjects' regions is taken at its word; one that names none
            // carries what the lineage says reaches it.
            let subjects = regimes.map { regime in
                flow.subjectRegions.isEmpty
                    ? context.lineage.firstCarried(by: flow) {
                        $0.subjectRegions.contains(where: regime.covers) && PrivacyScope.isPersonal($0.category)
                    } != nil
                    : flow.subjectRegions.contains(where: regime.covers)
            }
            let applicable = regimes.indices.filter { subjects[$0] || !established[$0].isEmpty }
            guard !applicable.isEmpty, let destination = context.index.systemsByID[flow.to] else { continue }
            let countries = PrivacyScope.transferCountries(flow, to: destination)
            var violations: [Violation] = []
            for index in applicable {
                let regime = regimes[index]
                lazy var whose = PrivacyScope.transferredData(
                    ofSubjectsIn: regime.name, subjects: subjects[index], establishments: established[index])
                var checked: Set<String> = []
                for country in countries
                where country != regime.home && !EEA.contains(country) && checked.insert(country).inserted {
                    guard
                        let problem = problem(
                            regime, country: country, mechanism: flow.transferMechanism, dpf: destination.dpf,
                            dpfOnly: dpfOnly, maxAge: maxAge, asOf: context.asOf)
                    else { continue }
                    violations.append(
                        Violation(
                            "transfer of \(whose) to \(country) ('\(flow.to)') \(problem)",
                            at: flow.origin.location(flow.transferMechanism == nil ? "to" : "transfer_mechanism"),
                            key: "\(regime.key)/\(country)"))
                }
            }
            evaluations.append(Evaluation(.flow(flow), violations))
        }
        return evaluations
    }

    /// Why the regime does not accept the transfer to `country`, or `nil` when it does.
    private func problem(
        _ regime: Regime, country: String, mechanism: TransferMechanism?, dpf: DPFCertification?,
        dpfOnly: Set<String>, maxAge: Int, asOf: Day
    ) -> String? {
        var dpfProblem: String?
        if regime.adequate.contains(country) {
            guard dpfOnly.contains(country) else { return nil }
            switch DPFStanding(dpf, framework: regime.framework, maxAgeDays: maxAge, asOf: asOf) {
            case .current:
                return nil
            case .stale(let checkedOn):
                dpfProblem =
                    "relies on a certification under \(regime.frameworkName) last checked \(checkedOn.map { "on \($0)" } ?? "never") (more than \(maxAge) days ago)"
            case .postdated(let checkedOn):
                dpfProblem =
                    "relies on a certification under \(regime.frameworkName) whose "
                    + AssessmentGap.notYetOnRecord("check", dated: checkedOn, asOf: asOf)
            case .outsideFramework(let frameworks):
                let listed = frameworks.isEmpty ? "none" : frameworks.joined(separator: ", ")
                dpfProblem =
                    "goes to a recipient whose DPF certification does not include \(regime.frameworkName) (frameworks: \(listed))"
            case .notCertified:
                dpfProblem = "goes to a recipient not certified under \(regime.frameworkName)"
            }
        }
        if let mechanism, let type = mechanism.type, regime.mechanisms.contains(type.rawValue) {
            guard type == .art49, mechanism.art49Ground.nonBlank == nil else { return nil }
            return "relies on Art. 49 without naming the ground"
        }
        // A declared tool that is the wrong one is named; otherwise, for a DPF-only country, what
        // the recipient's certification lacks.
        switch mechanism?.type {
        case .scc2021?:
            return "relies on \(regime.sccProblem)"
        case nil, .none?, .dpf?, .adequacy?:
            if let dpfProblem {
                return mechanism?.type == .dpf || mechanism?.type == .adequacy
                    ? dpfProblem : "\(dpfProblem), and no other \(regime.name) transfer tool is declared"
            }
            if mechanism?.type == .adequacy {
                return "relies on an adequacy decision, but \(country) is not adequate under \(regime.name) law"
            }
            if mechanism?.type == .dpf {
                return "relies on the DPF, which covers only recipients in \(dpfOnly.sorted().joined(separator: ", "))"
            }
            return "has no \(regime.name) transfer tool (\(regime.tools))"
        case let type?:
            return "relies on \(type.rawValue), which is not a \(regime.name) transfer tool (\(regime.tools))"
        }
    }
}
