import TollgateKit

/// PRIV-015: a recipient of transfers under contractual safeguards (SCCs, BCRs and their UK and
/// Swiss counterparts) has a transfer impact assessment on file, reviewed recently.
public struct TransferImpactAssessment: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "PRIV-015", slug: "transfer-impact-assessment", domain: .privacy,
        title: "Transfer impact assessment for SCC, BCR, IDTA and Addendum transfers",
        rationale: """
            Standard contractual clauses and binding corporate rules protect a transfer only if the law and \
            practice of the destination let the importer keep them (CJEU C-311/18 *Schrems II*); the exporter must \
            assess that, document it and re-evaluate it (EDPB Recommendations 01/2020, steps 3 and 6; SCC Clause \
            14). The UK's IDTA and Addendum ask the same (the ICO's transfer risk assessment), and so does the \
            Swiss FDPIC for the adapted clauses, so those mechanisms are in scope by default too. The 24 months \
            after which an assessment counts as stale is a review interval of this tool's choosing, not a legal \
            period: re-assess sooner when the destination's law changes.
            """,
        severity: .medium,
        references: [
            "CJEU C-311/18 (Schrems II)", "EDPB Recommendations 01/2020 v2.0", "SCC 2021/914 Clause 14",
            "GDPR Art. 46(1)",
        ],
        controls: .internationalTransfers,
        remediation:
            "carry out the transfer impact assessment for the destination and record it on the recipient: `tia: { ref: …, date: … }`",
        parameters: [
            RuleParameter("tia_max_age_months", .int(24), "age after which a TIA must be re-evaluated [heuristic]"),
            RuleParameter(
                "assessed_mechanisms", .strings(["scc_2021", "bcr", "idta", "uk_addendum", "swiss_scc"]),
                "transfer mechanisms that need an assessment",
                values: .cases(of: TransferMechanismType.self, "transfer mechanism")),
        ],
        examples: [
            RuleExample(
                "SCC transfer with a TIA exactly 24 months old (boundary)", asOf: "2026-06-01",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm }
                  - { id: agency, name: Agency, system_type: other, tia: { ref: TIA-3, date: 2024-06-01 } }
                flows:
                  - { id: f, from: crm, to: agency, data_categories: [user.name], data_use: marketing, legal_basis: consent,
                      transfer_mechanism: { type: scc_2021, scc_module: 2 } }
                """),
            RuleExample(
                "the same TIA a day later (boundary)", failing: ["system:agency"], asOf: "2026-06-02",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm }
                  - { id: agency, name: Agency, system_type: other, tia: { ref: TIA-3, date: 2024-06-01 } }
                flows:
                  - { id: f, from: crm, to: agency, data_categories: [user.name], data_use: marketing, legal_basis: consent,
                      transfer_mechanism: { type: scc_2021, scc_module: 2 } }
                """),
            RuleExample(
                "a TIA dated on the as-of date (boundary)", asOf: "2026-06-01",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm }
                  - { id: agency, name: Agency, system_type: other, tia: { ref: TIA-3, date: 2026-06-01 } }
                flows:
                  - { id: f, from: crm, to: agency, data_categories: [user.name], data_use: marketing, legal_basis: consent,
                      transfer_mechanism: { type: scc_2021, scc_module: 2 } }
                """),
            RuleExample(
                "a TIA dated the day after the as-of date is not on record yet (boundary)", failing: ["system:agency"],
                asOf: "2026-06-01",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm }
                  - { id: agency, name: Agency, system_type: other, tia: { ref: TIA-3, date: 2026-06-02 } }
                flows:
                  - { id: f, from: crm, to: agency, data_categories: [user.name], data_use: marketing, legal_basis: consent,
                      transfer_mechanism: { type: scc_2021, scc_module: 2 } }
                """),
            RuleExample(
                "BCR transfer with no TIA", failing: ["system:group"],
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }, { id: group, name: Group CRM, system_type: crm }]
                flows:
                  - { id: f, from: crm, to: group, data_categories: [user.name], data_use: marketing, legal_basis: consent,
                      transfer_mechanism: { type: bcr } }
                """),
            RuleExample(
                "a TIA with a reference but no date", failing: ["system:agency"],
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm }
                  - { id: agency, name: Agency, system_type: other, tia: { ref: TIA-3 } }
                flows:
                  - { id: f, from: crm, to: agency, data_categories: [user.name], data_use: marketing, legal_basis: consent,
                      transfer_mechanism: { type: idta } }
                """),
            RuleExample(
                "a TIA of 29 February on the last day of February two years on (boundary)", asOf: "2026-02-28",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm }
                  - { id: agency, name: Agency, system_type: other, tia: { ref: TIA-3, date: 2024-02-29 } }
                flows:
                  - { id: f, from: crm, to: agency, data_categories: [user.name], data_use: marketing, legal_basis: consent,
                      transfer_mechanism: { type: scc_2021, scc_module: 2 } }
                """),
            RuleExample(
                "the same TIA on 1 March (boundary)", failing: ["system:agency"], asOf: "2026-03-01",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm }
                  - { id: agency, name: Agency, system_type: other, tia: { ref: TIA-3, date: 2024-02-29 } }
                flows:
                  - { id: f, from: crm, to: agency, data_categories: [user.name], data_use: marketing, legal_basis: consent,
                      transfer_mechanism: { type: scc_2021, scc_module: 2 } }
                """),
            RuleExample(
                "a dated TIA with a blank reference (boundary)", failing: ["system:agency"],
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm }
                  - { id: agency, name: Agency, system_type: other, tia: { ref: "  ", date: 2026-01-10 } }
                flows:
                  - { id: f, from: crm, to: agency, data_categories: [user.name], data_use: marketing, legal_basis: consent,
                      transfer_mechanism: { type: swiss_scc } }
                """),
            RuleExample(
                "an IDTA transfer when the policy assesses only SCCs and BCRs",
                parameters: ["assessed_mechanisms": .strings(["scc_2021", "bcr"])],
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }, { id: agency, name: Agency, system_type: other }]
                flows:
                  - { id: f, from: crm, to: agency, data_categories: [user.name], data_use: marketing, legal_basis: consent,
                      transfer_mechanism: { type: idta } }
                """),
            RuleExample(
                "an adequacy decision needs no TIA",
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }, { id: agency, name: Agency, system_type: other }]
                flows:
                  - { id: f, from: crm, to: agency, data_categories: [user.name], data_use: marketing, legal_basis: consent,
                      destination_country: JP, transfer_mechanism: { type: adequacy } }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let p = context.parameters
        let maxAge = p.int("tia_max_age_months")
        let assessed = Set(p.strings("assessed_mechanisms"))
        // The assessed transfers into each recipient, in declaration order: the assessment is
        // the recipient's (its country, its importer), so one finding per recipient, not per flow.
        var transfers: [String: [Flow]] = [:]
        for flow in context.inventory.flows {
            guard let type = flow.transferMechanism?.type, assessed.contains(type.rawValue) else { continue }
            transfers[flow.to, default: []].append(flow)
        }
        guard !transfers.isEmpty else { return [] }
        var evaluations: [Evaluation] = []
        for system in context.inventory.systems {
            guard let flows = transfers[system.id], let type = flows[0].transferMechanism?.type else { continue }
            let more = flows.count > 1 ? " and \(flows.count - 1) more" : ""
            let transfer = "transfers under \(type.rawValue) (flow '\(flows[0].id)'\(more))"
            let tia = system.tia
            var violations: [Violation] = []
            if let gap = AssessmentGap.of(tia, maxAgeMonths: maxAge, asOf: context.asOf) {
                let (message, key): (String, String)
                switch gap {
                case .missing:
                    (message, key) = ("receives \(transfer) but no transfer impact assessment is recorded", "tia/ref")
                case .undated:
                    (message, key) = (
                        "receives \(transfer) and its transfer impact assessment has no date, so its age is unknown",
                        "tia/date"
                    )
                case .outdated(let date):
                    (message, key) = (
                        "receives \(transfer) and its transfer impact assessment of \(date) is older than \(maxAge) months",
                        "tia/date"
                    )
                case .future(let date):
                    (message, key) = (
                        "receives \(transfer) and "
                            + AssessmentGap.notYetOnRecord(
                                "its transfer impact assessment", dated: date, asOf: context.asOf),
                        "tia/date"
                    )
                }
                violations.append(Violation(message, at: gap.location(of: tia, in: system, field: "tia"), key: key))
            }
            evaluations.append(Evaluation(.system(system), violations))
        }
        return evaluations
    }
}
