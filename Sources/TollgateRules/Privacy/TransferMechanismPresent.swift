import TollgateKit

/// PRIV-012: every transfer of EEA subjects' data to a third country — or of any personal data,
/// when the organisation has an EEA establishment — and every onward transfer (to a later system
/// or a recipient's sub-processor), relies on a valid Chapter V tool.
public struct TransferMechanismPresent: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "PRIV-012", slug: "transfer-mechanism-present", domain: .privacy,
        title: "Transfer mechanism present, including onward transfers",
        rationale: """
            Personal data of people in the EEA may leave the EEA only under an adequacy decision within its scope, \
            appropriate safeguards such as the 2021 standard contractual clauses or binding corporate rules, or an \
            Art. 49 derogation; GDPR Art. 44 applies the same to onward transfers. The US decision covers only \
            organisations certified under the Data Privacy Framework, and a processor's sub-processor in a third \
            country is an onward transfer that needs its own tool. The UK Addendum and the Swiss adaptation are \
            amendments to the 2021 SCCs, so a flow declaring them has the EU clauses too. An organisation \
            established only in the EEA (`organization.establishments`) is subject to the GDPR for all its \
            processing wherever the people are (Art. 3(1)), so every flow of personal data it sends to a third \
            country is a transfer, whatever the flow's `subject_regions` say. For any other organisation, including \
            one with establishments outside the EEA as well (whose flows may be those of a non-EEA establishment), \
            only flows carrying EEA subjects' data (declared on the flow or reaching it from upstream) are checked: \
            declare `subject_regions`, or check each entity's stack on its own.
            """,
        severity: .critical,
        references: [
            "GDPR Art. 44", "GDPR Art. 45", "GDPR Art. 46(2)(c)", "GDPR Art. 49(1)",
            "Implementing Decision (EU) 2023/1795", "EDPB Guidelines 05/2021",
        ],
        controls: .internationalTransfers,
        remediation:
            "sign the 2021 SCCs (`transfer_mechanism: { type: scc_2021, scc_module: N }`), rely on BCRs, or for a US recipient record its current DPF certification (`dpf: { certified: true, frameworks: [EU], checked_on: … }`); for a sub-processor, record the mechanism the processor relies on",
        parameters: [
            RuleParameter(
                "adequate_countries", .strings(AdequacyDecisions.countries),
                "countries with an EU adequacy decision (reference data version \(AdequacyDecisions.version))",
                values: .countries),
            RuleParameter(
                "dpf_only_countries", .strings(AdequacyDecisions.dpfOnlyCountries),
                "adequate countries whose decision covers only DPF-certified recipients", values: .countries),
            RuleParameter(
                "dpf_check_max_age_days", .int(365), "how recently the DPF List entry must have been checked"),
        ],
        examples: [
            RuleExample(
                "EEA data to a DPF-certified US processor",
                """
                version: 1
                systems:
                  - { id: cdp, name: CDP, system_type: cdp, processing_countries: [DE] }
                  - id: us-esp
                    name: US ESP
                    system_type: esp
                    processing_countries: [US]
                    dpf: { certified: true, frameworks: [EU], checked_on: 2026-01-10 }
                flows:
                  - { id: cdp-to-esp, from: cdp, to: us-esp, data_categories: [user.contact.email],
                      subject_regions: [EEA], data_use: marketing.communications.email, legal_basis: consent }
                """),
            RuleExample(
                "EEA data to a US processor without DPF or SCCs", failing: ["flow:cdp-to-esp"],
                """
                version: 1
                systems:
                  - { id: cdp, name: CDP, system_type: cdp, processing_countries: [DE] }
                  - { id: us-esp, name: US ESP, system_type: esp, processing_countries: [US] }
                flows:
                  - { id: cdp-to-esp, from: cdp, to: us-esp, data_categories: [user.contact.email],
                      subject_regions: [EEA], data_use: marketing.communications.email, legal_basis: consent }
                """),
            RuleExample(
                "the certified processor's sub-processor is in a country without a mechanism",
                failing: ["flow:cdp-to-esp"],
                """
                version: 1
                systems:
                  - { id: cdp, name: CDP, system_type: cdp, processing_countries: [DE] }
                  - id: us-esp
                    name: US ESP
                    system_type: esp
                    processing_countries: [US]
                    dpf: { certified: true, frameworks: [EU], checked_on: 2026-01-10 }
                    subprocessors: [{ name: Support desk, country: IN }]
                flows:
                  - { id: cdp-to-esp, from: cdp, to: us-esp, data_categories: [user.contact.email],
                      subject_regions: [EEA], data_use: marketing.communications.email, legal_basis: consent }
                """),
            RuleExample(
                "onward transfer: EEA data collected on the website reaches a third country two hops later",
                failing: ["flow:cdp-to-ads"],
                """
                version: 1
                systems:
                  - { id: website, name: Website, system_type: cms, processing_countries: [IE] }
                  - { id: cdp, name: CDP, system_type: cdp, processing_countries: [DE] }
                  - { id: ads, name: Ads, system_type: ad_platform, processing_countries: [SG] }
                flows:
                  - { id: visit, from: data_subject, to: website, data_categories: [user.device.cookie_id],
                      subject_regions: [EEA], data_use: analytics, legal_basis: consent }
                  - { id: web-to-cdp, from: website, to: cdp, data_categories: [user.device.cookie_id],
                      data_use: analytics, legal_basis: consent }
                  - { id: cdp-to-ads, from: cdp, to: ads, data_categories: [user.device.cookie_id],
                      data_use: marketing.advertising.third_party.targeted, legal_basis: consent }
                """),
            RuleExample(
                "an EEA-established organisation collects into a US ad platform, the flow naming no subject regions",
                failing: ["flow:collect"],
                """
                version: 1
                organization: { name: Shop GmbH, establishments: [DE] }
                systems:
                  - { id: ads, name: Ads, system_type: ad_platform, processing_countries: [US] }
                flows:
                  - { id: collect, from: data_subject, to: ads, data_categories: [user.device.cookie_id],
                      data_use: marketing.advertising.third_party.targeted, legal_basis: consent }
                """),
            RuleExample(
                "an organisation established only in the EEA sends only US subjects' data to the US: still a transfer (Art. 3(1))",
                failing: ["flow:crm-to-esp"],
                """
                version: 1
                organization: { name: Shop GmbH, establishments: [DE] }
                systems:
                  - { id: crm, name: CRM, system_type: crm, processing_countries: [DE] }
                  - { id: us-esp, name: US ESP, system_type: esp, processing_countries: [US] }
                flows:
                  - { id: crm-to-esp, from: crm, to: us-esp, data_categories: [user.contact.email], subject_regions: [US],
                      data_use: marketing.communications.email, legal_basis: consent }
                """),
            RuleExample(
                "an organisation established in the EEA and the US sends US subjects' data to the US (boundary: possibly the US entity's flow)",
                """
                version: 1
                organization: { name: Shop GmbH, establishments: [DE, US] }
                systems:
                  - { id: crm, name: CRM, system_type: crm, processing_countries: [US] }
                  - { id: us-esp, name: US ESP, system_type: esp, processing_countries: [US] }
                flows:
                  - { id: crm-to-esp, from: crm, to: us-esp, data_categories: [user.contact.email], subject_regions: [US],
                      data_use: marketing.communications.email, legal_basis: consent }
                """),
            RuleExample(
                "an organisation established only outside the EEA sends non-EEA data to the US (boundary: no EU scope)",
                """
                version: 1
                organization: { name: Shop Inc., establishments: [US, CH] }
                systems:
                  - { id: crm, name: CRM, system_type: crm, processing_countries: [CH] }
                  - { id: us-esp, name: US ESP, system_type: esp, processing_countries: [US] }
                flows:
                  - { id: crm-to-esp, from: crm, to: us-esp, data_categories: [user.contact.email],
                      data_use: marketing.communications.email, legal_basis: consent }
                """),
            RuleExample(
                "an EEA-established organisation's flow to a DPF-certified US processor",
                """
                version: 1
                organization: { name: Shop GmbH, establishments: [DE] }
                systems:
                  - { id: us-esp, name: US ESP, system_type: esp, processing_countries: [US],
                      dpf: { certified: true, frameworks: [EU], checked_on: 2026-01-10 } }
                flows:
                  - { id: signup, from: data_subject, to: us-esp, data_categories: [user.contact.email],
                      data_use: marketing.communications.email, legal_basis: consent }
                """),
            RuleExample(
                "DPF checked exactly 365 days ago (boundary)", asOf: "2026-06-01",
                """
                version: 1
                systems:
                  - { id: cdp, name: CDP, system_type: cdp, processing_countries: [DE] }
                  - { id: us-esp, name: US ESP, system_type: esp, processing_countries: [US],
                      dpf: { certified: true, frameworks: [EU], checked_on: 2025-06-01 } }
                flows:
                  - { id: cdp-to-esp, from: cdp, to: us-esp, data_categories: [user.contact.email],
                      subject_regions: [EEA], data_use: marketing.communications.email, legal_basis: consent }
                """),
            RuleExample(
                "DPF checked 366 days ago (boundary)", failing: ["flow:cdp-to-esp"], asOf: "2026-06-02",
                """
                version: 1
                systems:
                  - { id: cdp, name: CDP, system_type: cdp, processing_countries: [DE] }
                  - { id: us-esp, name: US ESP, system_type: esp, processing_countries: [US],
                      dpf: { certified: true, frameworks: [EU], checked_on: 2025-06-01 } }
                flows:
                  - { id: cdp-to-esp, from: cdp, to: us-esp, data_categories: [user.contact.email],
                      subject_regions: [EEA], data_use: marketing.communications.email, legal_basis: consent }
                """),
            RuleExample(
                "DPF checked on the as-of date (boundary)", asOf: "2026-06-01",
                """
                version: 1
                systems:
                  - { id: cdp, name: CDP, system_type: cdp, processing_countries: [DE] }
                  - { id: us-esp, name: US ESP, system_type: esp, processing_countries: [US],
                      dpf: { certified: true, frameworks: [EU], checked_on: 2026-06-01 } }
                flows:
                  - { id: cdp-to-esp, from: cdp, to: us-esp, data_categories: [user.contact.email],
                      subject_regions: [EEA], data_use: marketing.communications.email, legal_basis: consent }
                """),
            RuleExample(
                "DPF check dated the day after the as-of date is not on record yet (boundary)",
                failing: ["flow:cdp-to-esp"], asOf: "2026-06-01",
                """
                version: 1
                systems:
                  - { id: cdp, name: CDP, system_type: cdp, processing_countries: [DE] }
                  - { id: us-esp, name: US ESP, system_type: esp, processing_countries: [US],
                      dpf: { certified: true, frameworks: [EU], checked_on: 2026-06-02 } }
                flows:
                  - { id: cdp-to-esp, from: cdp, to: us-esp, data_categories: [user.contact.email],
                      subject_regions: [EEA], data_use: marketing.communications.email, legal_basis: consent }
                """),
            RuleExample(
                "SCCs to an Indian processor, remote access from an adequate country",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, processing_countries: [FR] }
                  - { id: agency, name: Agency, system_type: other, processing_countries: [IN], remote_access_countries: [GB] }
                flows:
                  - { id: crm-to-agency, from: crm, to: agency, data_categories: [user.name], subject_regions: [FR],
                      data_use: marketing.communications.email, legal_basis: consent,
                      transfer_mechanism: { type: scc_2021, scc_module: 2 } }
                """),
            RuleExample(
                "EEA and UK data on the EU SCCs with the UK Addendum (which incorporates them)",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, processing_countries: [IE] }
                  - { id: agency, name: Agency, system_type: other, processing_countries: [IN] }
                flows:
                  - { id: crm-to-agency, from: crm, to: agency, data_categories: [user.name], subject_regions: [EEA, UK],
                      data_use: marketing.communications.email, legal_basis: consent,
                      transfer_mechanism: { type: uk_addendum, scc_module: 2 } }
                """),
            RuleExample(
                "the UK's IDTA does not cover EEA data (boundary: a UK tool that is not the EU SCCs)",
                failing: ["flow:crm-to-agency"],
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, processing_countries: [IE] }
                  - { id: agency, name: Agency, system_type: other, processing_countries: [IN] }
                flows:
                  - { id: crm-to-agency, from: crm, to: agency, data_categories: [user.name], subject_regions: [EEA, UK],
                      data_use: marketing.communications.email, legal_basis: consent, transfer_mechanism: { type: idta } }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let adequate = Set(context.parameters.strings("adequate_countries"))
        let dpfOnly = Set(context.parameters.strings("dpf_only_countries"))
        let maxAge = context.parameters.int("dpf_check_max_age_days")
        // GDPR Art. 3(1): an organisation established in the EEA is subject to the GDPR for the
        // processing of that establishment wherever its data subjects are, and a transfer is an
        // export by a controller or processor subject to the GDPR (EDPB Guidelines 05/2021,
        // criterion 1). So for an organisation established only in the EEA every personal-data
        // flow to a third country is in scope, whatever its `subject_regions` say; otherwise
        // (none there, or establishments outside too: `soleEstablishments`) EEA subjects' data.
        let establishments = PrivacyScope.soleEstablishments(context.inventory.organization, where: EEA.contains)
        var evaluations: [Evaluation] = []
        // A recipient's sub-processors are judged once, on the first in-scope flow into it.
        var subprocessorsJudged: Set<String> = []
        var senderHoldsEEA: [String: Bool] = [:]
        func holdsEEA(_ system: String) -> Bool {
            var found = false
            context.lineage.forEachFact(at: system) {
                if !found, PrivacyScope.isEEA($0.subjectRegions) { found = true }
            }
            senderHoldsEEA[system] = found
            return found
        }
        for flow in context.inventory.flows where PrivacyScope.isPersonal(flow) {
            // The lineage is asked only when the flow itself names no EEA subjects, or when a
            // finding needs the evidence path: most flows answer from their own fields.
            lazy var arrival = PrivacyScope.eeaArrival(flow, context.lineage)
            let direct = PrivacyScope.isEEA(flow.subjectRegions)
            if establishments.isEmpty {
                // A carried fact keeps its upstream regions (or takes the flow's, not EEA here), so
                // EEA data can only travel on if some fact at the sender is EEA: asked once per sender.
                if !direct, !(senderHoldsEEA[flow.from] ?? holdsEEA(flow.from)) { continue }
                guard direct || arrival != nil else { continue }
            }
            guard let destination = context.index.systemsByID[flow.to] else { continue }
            // Worded and walked only for a finding: most transfers are in order, and the walk allocates.
            lazy var whose = PrivacyScope.transferredData(
                ofSubjectsIn: "EEA", subjects: direct || arrival != nil, establishments: establishments)
            lazy var path = Self.route(
                of: flow,
                arrival ?? context.lineage.firstCarried(by: flow) { PrivacyScope.isPersonal($0.category) },
                in: context.lineage)
            let countries = PrivacyScope.transferCountries(flow, to: destination)
            var violations: [Violation] = []
            var checked: Set<String> = []
            for country in countries where !EEA.contains(country) && checked.insert(country).inserted {
                if let problem = problem(
                    country: country, mechanism: flow.transferMechanism, dpf: destination.dpf, adequate: adequate,
                    dpfOnly: dpfOnly, maxAge: maxAge, asOf: context.asOf)
                {
                    violations.append(
                        Violation(
                            "transfer of \(whose) to \(country) ('\(flow.to)') \(Self.describe(path)) \(problem)",
                            at: flow.origin.location(flow.transferMechanism == nil ? "to" : "transfer_mechanism"),
                            evidence: path, key: "transfer/\(country)"))
                }
            }
            // Onward transfers to the recipient's sub-processors (GDPR Art. 44, second sentence).
            let judgeSubprocessors = subprocessorsJudged.insert(destination.id).inserted
            for sub in destination.subprocessors where judgeSubprocessors {
                guard let country = sub.country, !EEA.contains(country) else { continue }
                if let problem = problem(
                    country: country, mechanism: sub.transferMechanism, dpf: nil, adequate: adequate, dpfOnly: dpfOnly,
                    maxAge: maxAge, asOf: context.asOf)
                {
                    let onward = path + ["\(sub.name) (\(country))"]
                    violations.append(
                        Violation(
                            "onward transfer of \(whose) from '\(flow.to)' to its sub-processor '\(sub.name)' in \(country) \(problem)",
                            at: flow.origin.location("to"), evidence: onward, key: "onward/\(sub.name)"))
                }
            }
            evaluations.append(Evaluation(.flow(flow), violations))
        }
        return evaluations
    }

    /// The evidence path of a transfer along `flow`: the lineage path of the data it carries.
    /// Data collected straight into the recipient has a one-system lineage path, so it shows
    /// as `data_subject → recipient`, which names where it came from.
    private static func route(of flow: Flow, _ arrival: Lineage.Arrival?, in lineage: Lineage) -> [String] {
        let path = arrival.map { lineage.path($0) } ?? []
        return path.count >= 2 ? path : [flow.from, flow.to]
    }

    /// How a finding names the route: "on collection" for data collected straight into the
    /// recipient, else "via website → cdp → ads".
    private static func describe(_ path: [String]) -> String {
        path.first == Flow.dataSubjectSource ? "on collection" : "via \(PrivacyScope.render(path))"
    }

    /// Why a transfer to `country` is not covered, or `nil` when it is (GDPR Art. 45, 46, 49 in order).
    private func problem(
        country: String, mechanism: TransferMechanism?, dpf: DPFCertification?, adequate: Set<String>,
        dpfOnly: Set<String>, maxAge: Int, asOf: Day
    ) -> String? {
        var dpfProblem: String?
        if adequate.contains(country) {
            guard dpfOnly.contains(country) else { return nil }
            switch DPFStanding(dpf, framework: "EU", maxAgeDays: maxAge, asOf: asOf) {
            case .current:
                return nil
            case .stale(let checkedOn):
                dpfProblem =
                    "relies on a DPF certification last checked \(checkedOn.map { "on \($0)" } ?? "never") (more than \(maxAge) days ago)"
            case .postdated(let checkedOn):
                dpfProblem =
                    "relies on a DPF certification whose "
                    + AssessmentGap.notYetOnRecord("check", dated: checkedOn, asOf: asOf)
            case .outsideFramework, .notCertified:
                dpfProblem = "goes to a recipient not certified under the EU-US Data Privacy Framework"
            }
        }
        if mechanism?.type?.incorporatesEUSCCs == true { return nil }
        switch mechanism?.type {
        case .bcr?: return nil
        case .art49?: return mechanism?.art49Ground == nil ? "relies on Art. 49 without naming the ground" : nil
        case .dpf? where dpfProblem == nil && dpfOnly.contains(country): return nil
        default:
            return dpfProblem
                ?? "has no transfer mechanism (no adequacy decision for \(country), no SCCs, BCRs or Art. 49 ground)"
        }
    }
}
