import TollgateKit

/// PRIV-007: processors of personal data are bound by a signed DPA with the Art. 28(3) content.
public struct ProcessorContract: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "PRIV-007", slug: "processor-contract", domain: .privacy,
        title: "Processor contract (DPA) with Art. 28(3) clauses",
        rationale: """
            A controller may use only processors bound by a contract that sets out the eight obligations of GDPR \
            Art. 28(3)(a)–(h): documented instructions including on transfers, confidentiality, Art. 32 security, \
            sub-processor conditions, help with data-subject rights and Arts. 32–36, deletion or return, and audit \
            information. Most marketing SaaS vendors are processors.
            """,
        severity: .high,
        references: ["GDPR Art. 28(1)", "GDPR Art. 28(3)(a)–(h)"],
        controls: ControlMapping(
            iso27001: ["A.5.19", "A.5.20", "A.5.34"], soc2: ["CC9.2", "P6.4"], nistCSF: ["GV.SC-05"], cis: ["15.4"]),
        remediation:
            "sign the vendor's DPA (`dpa: { signed: true, signed_date: … }`) and record its Art. 28(3) clauses in `art28_clauses`",
        parameters: [
            RuleParameter(
                "required_clauses",
                .strings([
                    "instructions_incl_transfers", "confidentiality", "security_art32", "subprocessor_conditions",
                    "assist_data_subject_rights", "assist_art32_36", "delete_or_return", "audit_information",
                ]), "the clauses of Art. 28(3)(a)–(h) a DPA must contain",
                values: .freeText("clause names as DPAs record them in `art28_clauses`"))
        ],
        examples: [
            RuleExample(
                "processor with a complete DPA",
                """
                version: 1
                systems:
                  - id: esp
                    name: ESP
                    system_type: esp
                    responsibility: processor
                    dpa:
                      signed: true
                      art28_clauses: [instructions_incl_transfers, confidentiality, security_art32, subprocessor_conditions,
                                      assist_data_subject_rights, assist_art32_36, delete_or_return, audit_information]
                    privacy_declarations: [{ data_use: marketing.communications.email, data_categories: [user.contact.email] }]
                """),
            RuleExample(
                "processor without a signed DPA", failing: ["system:esp"],
                """
                version: 1
                systems:
                  - { id: esp, name: ESP, system_type: esp, responsibility: processor }
                  - { id: crm, name: CRM, system_type: crm }
                flows:
                  - { id: crm-esp, from: crm, to: esp, data_categories: [user.contact.email],
                      data_use: marketing.communications.email, legal_basis: consent }
                """),
            RuleExample(
                "DPA with seven of the eight clauses (boundary)", failing: ["system:esp"],
                """
                version: 1
                systems:
                  - id: esp
                    name: ESP
                    system_type: esp
                    responsibility: sub_processor
                    dpa:
                      signed: true
                      art28_clauses: [instructions_incl_transfers, confidentiality, security_art32, subprocessor_conditions,
                                      assist_data_subject_rights, assist_art32_36, delete_or_return]
                    privacy_declarations: [{ data_use: marketing.communications.email, data_categories: [user.contact.email] }]
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let required = context.parameters.strings("required_clauses")
        var evaluations: [Evaluation] = []
        for system in context.inventory.systems where system.isProcessor {
            let personal =
                system.privacyDeclarations.contains { $0.dataCategories.contains(where: PrivacyScope.isPersonal) }
                || (context.index.flowsTo[system.id] ?? []).contains(where: PrivacyScope.isPersonal)
            guard personal else { continue }
            var violations: [Violation] = []
            if system.dpa?.signed != true {
                violations.append(
                    Violation(
                        "processor of personal data has no signed data processing agreement",
                        at: system.dpa?.origin.location("signed") ?? system.origin.location("dpa"), key: "dpa/signed"))
            } else if let dpa = system.dpa {
                let missing = required.filter { !dpa.art28Clauses.contains($0) }
                if !missing.isEmpty {
                    violations.append(
                        Violation(
                            "data processing agreement lacks Art. 28(3) clauses: \(missing.joined(separator: ", "))",
                            at: dpa.origin.location("art28_clauses"), key: "dpa/art28_clauses"))
                }
            }
            evaluations.append(Evaluation(.system(system), violations))
        }
        return evaluations
    }
}
