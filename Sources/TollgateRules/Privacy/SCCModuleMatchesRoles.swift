import TollgateKit

/// PRIV-014: the SCC module fits the roles of exporter and importer.
public struct SCCModuleMatchesRoles: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "PRIV-014", slug: "scc-module-matches-roles", domain: .privacy,
        title: "SCC module matches roles",
        rationale: """
            The 2021 standard contractual clauses come in four modules — controller to controller (1), controller \
            to processor (2), processor to processor (3), processor to controller (4). Clauses in the wrong module \
            put obligations on the wrong party and may not cover the transfer. The UK Addendum and the Swiss \
            adaptation select a module of the same clauses, so they are checked too.
            """,
        severity: .medium,
        references: ["Implementing Decision (EU) 2021/914, Annex, Section I"],
        controls: .internationalTransfers,
        remediation: "sign the module that matches the roles (`scc_module`), or correct the systems' `responsibility`",
        examples: [
            RuleExample(
                "controller to processor on module 2",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, responsibility: controller }
                  - { id: esp, name: ESP, system_type: esp, responsibility: processor }
                flows:
                  - { id: f, from: crm, to: esp, data_categories: [user.contact.email], data_use: marketing, legal_basis: consent,
                      transfer_mechanism: { type: scc_2021, scc_module: 2 } }
                """),
            RuleExample(
                "controller to processor on module 1", failing: ["flow:f"],
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, responsibility: controller }
                  - { id: esp, name: ESP, system_type: esp, responsibility: processor }
                flows:
                  - { id: f, from: crm, to: esp, data_categories: [user.contact.email], data_use: marketing, legal_basis: consent,
                      transfer_mechanism: { type: scc_2021, scc_module: 1 } }
                """),
            RuleExample(
                "processor to sub-processor without a module (boundary: module missing)", failing: ["flow:f"],
                """
                version: 1
                systems:
                  - { id: esp, name: ESP, system_type: esp, responsibility: processor }
                  - { id: host, name: Host, system_type: other, responsibility: sub_processor }
                flows:
                  - { id: f, from: esp, to: host, data_categories: [user.contact.email], data_use: marketing, legal_basis: consent,
                      transfer_mechanism: { type: scc_2021 } }
                """),
            RuleExample(
                "the UK Addendum on the controller-to-controller module for a processor", failing: ["flow:f"],
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, responsibility: controller }
                  - { id: esp, name: ESP, system_type: esp, responsibility: processor }
                flows:
                  - { id: f, from: crm, to: esp, data_categories: [user.contact.email], data_use: marketing, legal_basis: consent,
                      transfer_mechanism: { type: uk_addendum, scc_module: 1 } }
                """),
            RuleExample(
                "the UK's IDTA has no modules (boundary: not the EU SCCs)",
                """
                version: 1
                systems:
                  - { id: crm, name: CRM, system_type: crm, responsibility: controller }
                  - { id: esp, name: ESP, system_type: esp, responsibility: processor }
                flows:
                  - { id: f, from: crm, to: esp, data_categories: [user.contact.email], data_use: marketing, legal_basis: consent,
                      transfer_mechanism: { type: idta } }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        func isProcessor(_ id: String) -> Bool { context.index.systemsByID[id]?.isProcessor == true }
        return context.inventory.flows.compactMap { flow in
            guard let mechanism = flow.transferMechanism, mechanism.type?.incorporatesEUSCCs == true else { return nil }
            let expected = TransferClauses.module(
                exporterIsProcessor: isProcessor(flow.from), importerIsProcessor: isProcessor(flow.to))
            guard let module = mechanism.sccModule else {
                return Evaluation(
                    .flow(flow),
                    [
                        Violation(
                            "the SCCs name no module; the roles call for module \(expected)",
                            at: mechanism.origin.location("scc_module"), key: "scc_module")
                    ])
            }
            return Evaluation(
                .flow(flow),
                module == expected
                    ? []
                    : [
                        Violation(
                            "the SCCs use module \(module), which does not match the roles, which call for module \(expected)",
                            at: mechanism.origin.location("scc_module"), key: "scc_module")
                    ])
        }
    }
}
