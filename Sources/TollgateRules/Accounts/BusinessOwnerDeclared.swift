import TollgateKit

/// ACC-021: every tool has a business owner who is still with the organisation.
///
/// ACC-021…023 govern the stack itself rather than its logins. The rules reference stops at
/// ACC-020, so these continue the accounts range instead of starting a new domain: they are
/// reviewed by the same people (IT/security) and map to the same framework families.
public struct BusinessOwnerDeclared: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "ACC-021", slug: "business-owner-declared", domain: .accounts,
        title: "Every tool has a current business owner",
        rationale: """
            Tools without an owner are never reviewed, never renewed on purpose and never switched off. Each system \
            names a `business_owner`; when that person is declared in `people` and has left, the tool is orphaned.
            """,
        severity: .medium,
        references: ["ISO/IEC 27001:2022 A.5.9", "CIS Controls v8.1 15.1", "NIST CSF 2.0 ID.AM-02"],
        controls: ControlMapping(
            iso27001: ["A.5.9"], soc2: ["CC2.1"], nistCSF: ["ID.AM-02", "GV.SC-04"], cis: ["15.1"]),
        remediation: "name a current business owner for the tool (someone who can decide to keep or retire it)",
        examples: [
            RuleExample(
                "owner declared and employed",
                """
                version: 1
                people: [{ id: ann, active: true }]
                systems: [{ id: crm, name: CRM, system_type: crm, business_owner: ann }]
                """),
            RuleExample(
                "no owner", failing: ["system:crm"],
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }]
                """),
            RuleExample(
                "owner left on the as-of date (boundary)", failing: ["system:crm"], asOf: "2026-06-01",
                """
                version: 1
                people: [{ id: bob, active: false, left_on: 2026-06-01 }]
                systems: [{ id: crm, name: CRM, system_type: crm, business_owner: bob }]
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        context.inventory.systems.map { system in
            guard let owner = system.businessOwner else {
                return Evaluation(
                    .system(system),
                    [Violation("tool '\(system.id)' has no business owner", at: system.origin.location, key: "owner")]
                )
            }
            if let person = context.index.peopleByID[owner], person.hasLeft(asOf: context.asOf) {
                let when = person.leftOn.map { " on \($0)" } ?? ""
                return Evaluation(
                    .system(system),
                    [
                        Violation(
                            "business owner '\(owner)' of tool '\(system.id)' left\(when)",
                            at: system.origin.location("business_owner"),
                            key: "owner")
                    ])
            }
            return Evaluation(.system(system))
        }
    }
}
