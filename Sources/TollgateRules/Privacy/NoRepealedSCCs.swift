import TollgateKit

/// PRIV-013: no transfer relies on the repealed pre-2021 standard contractual clauses.
public struct NoRepealedSCCs: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "PRIV-013", slug: "no-repealed-sccs", domain: .privacy,
        title: "No repealed standard contractual clauses",
        rationale: """
            The clauses of Decisions 2001/497/EC, 2004/915/EC and 2010/87/EU were repealed by Implementing \
            Decision (EU) 2021/914; contracts on them stayed valid only until 27 Dec 2022. A transfer that still \
            cites them has no Art. 46 safeguard.
            """,
        severity: .high,
        references: ["Implementing Decision (EU) 2021/914 Art. 4", "GDPR Art. 46(2)(c)"],
        controls: .internationalTransfers,
        remediation:
            "replace the contract with the 2021 SCCs (Decision (EU) 2021/914), in the module that fits the roles",
        parameters: [
            RuleParameter(
                "repealed_decisions", .strings(TransferClauses.repealed), "decisions whose clauses are repealed",
                values: Self.decisions)
        ],
        examples: [
            RuleExample(
                "2021 clauses",
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }, { id: agency, name: Agency, system_type: other }]
                flows:
                  - { id: f, from: crm, to: agency, data_categories: [user.name], data_use: marketing, legal_basis: consent,
                      transfer_mechanism: { type: scc_2021, scc_module: 2, decision_ref: "(EU) 2021/914" } }
                """),
            RuleExample(
                "2010 controller-to-processor clauses", failing: ["flow:f"],
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }, { id: agency, name: Agency, system_type: other }]
                flows:
                  - { id: f, from: crm, to: agency, data_categories: [user.name], data_use: marketing, legal_basis: consent,
                      transfer_mechanism: { type: scc_2021, decision_ref: "Commission Decision 2010/87/EU" } }
                """),
            RuleExample(
                "a sub-processor on the 2004 clauses, written without the suffix (boundary: normalisation)",
                failing: ["system:esp"],
                """
                version: 1
                systems:
                  - id: esp
                    name: ESP
                    system_type: esp
                    subprocessors:
                      - { name: Hosting, country: IN, transfer_mechanism: { type: scc_repealed, decision_ref: "2004/915" } }
                """),
        ])

    /// References `TransferClauses.normalized` reads as a year and a number: any other text
    /// would never equal a contract's decision, so the decision it meant would pass.
    static let decisions = ParameterVocabulary(
        noun: "Commission decision", summary: "decision references such as 2010/87/EU"
    ) { value in
        let normalized = TransferClauses.normalized(value)
        return normalized.contains("/") && normalized.allSatisfy { $0.isNumber || $0 == "/" }
            ? nil : "write the decision's year and number, e.g. 2010/87/EU"
    }

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let repealed = Set(context.parameters.strings("repealed_decisions").map(TransferClauses.normalized))
        func isRepealed(_ mechanism: TransferMechanism?) -> Bool {
            guard let mechanism else { return false }
            return mechanism.type == .sccRepealed
                || mechanism.decisionRef.map { repealed.contains(TransferClauses.normalized($0)) } == true
        }
        func violation(_ mechanism: TransferMechanism, _ what: String, key: String) -> Violation {
            Violation(
                "\(what) relies on repealed standard contractual clauses (\(mechanism.decisionRef ?? "scc_repealed")), invalid since \(TransferClauses.repealedValidUntil.adding(days: 1))",
                at: mechanism.origin.location("decision_ref"), key: key)
        }
        var evaluations: [Evaluation] = []
        for flow in context.inventory.flows {
            guard let mechanism = flow.transferMechanism, mechanism.type == .scc2021 || mechanism.type == .sccRepealed
            else { continue }
            evaluations.append(
                Evaluation(
                    .flow(flow),
                    isRepealed(mechanism) ? [violation(mechanism, "transfer", key: "transfer_mechanism")] : []))
        }
        for system in context.inventory.systems {
            let subs = system.subprocessors.filter { $0.transferMechanism != nil }
            guard !subs.isEmpty else { continue }
            let violations = subs.filter { isRepealed($0.transferMechanism) }.map {
                violation(
                    $0.transferMechanism!, "transfer to sub-processor '\($0.name)'", key: "subprocessor/\($0.name)")
            }
            evaluations.append(Evaluation(.system(system), violations))
        }
        return evaluations
    }
}
