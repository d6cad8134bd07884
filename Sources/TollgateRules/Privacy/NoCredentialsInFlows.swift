import TollgateKit

/// PRIV-006: passwords and other authentication secrets never travel through marketing flows.
public struct NoCredentialsInFlows: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "PRIV-006", slug: "no-credentials-in-flows", domain: .privacy,
        title: "No credentials in marketing flows",
        rationale: """
            Authentication information belongs in the identity provider or a password manager (ISO/IEC 27001 \
            A.5.17). A flow that copies passwords or tokens into a CRM, CDP or ad platform multiplies the places a \
            breach exposes them and is neither minimal nor secure (GDPR Art. 5(1)(c),(f), 32).
            """,
        severity: .critical,
        references: ["GDPR Art. 5(1)(c)", "GDPR Art. 5(1)(f)", "GDPR Art. 32", "ISO/IEC 27001:2022 A.5.17"],
        controls: ControlMapping(
            iso27001: ["A.5.17", "A.5.14", "A.8.12"], soc2: ["CC6.1", "CC6.7"], nistCSF: ["PR.AA-01", "PR.DS-02"],
            cis: ["3.3"]),
        remediation: "remove the credential fields from the sync; authenticate through SSO instead of copying secrets",
        parameters: [
            RuleParameter(
                "credential_categories", .strings(PrivacyCategorySets.credentials), "authentication data",
                values: .taxonomy(.dataCategory)),
            RuleParameter(
                "allowed_credential_sinks", .strings(["idp", "password_manager"]),
                "system types that may receive credentials", values: .cases(of: SystemType.self, "system type")),
        ],
        examples: [
            RuleExample(
                "sign-up form sends passwords to the identity provider",
                """
                version: 1
                systems: [{ id: site, name: Site, system_type: cms }, { id: okta, name: Okta, system_type: idp }]
                flows:
                  - { id: signup, from: site, to: okta, data_categories: [user.authorization.password, user.account.username],
                      data_use: essential.service.authentication, legal_basis: contract }
                """),
            RuleExample(
                "account sync copies password hashes into the CRM", failing: ["flow:sync"],
                """
                version: 1
                systems: [{ id: shop, name: Shop, system_type: ecommerce }, { id: crm, name: CRM, system_type: crm }]
                flows:
                  - { id: sync, from: shop, to: crm, data_categories: [user.contact.email, user.authorization.password],
                      hashed: true, data_use: marketing.communications.email, legal_basis: consent }
                """),
            RuleExample(
                "usernames are account data, not credentials (boundary)",
                """
                version: 1
                systems: [{ id: shop, name: Shop, system_type: ecommerce }, { id: crm, name: CRM, system_type: crm }]
                flows:
                  - { id: sync, from: shop, to: crm, data_categories: [user.account.username],
                      data_use: marketing.communications.email, legal_basis: consent }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let credentials = context.parameters.strings("credential_categories")
        let sinks = Set(context.parameters.strings("allowed_credential_sinks"))
        return context.inventory.flows.compactMap { flow in
            guard PrivacyScope.isPersonal(flow) else { return nil }
            let found = PrivacyScope.matching(flow.dataCategories, credentials)
            let sinkType = context.index.systemsByID[flow.to]?.systemType?.rawValue
            guard !found.isEmpty, !sinks.contains(sinkType ?? "") else { return Evaluation(.flow(flow)) }
            return Evaluation(
                .flow(flow),
                [
                    Violation(
                        "credentials (\(PrivacyScope.list(found))) flow to '\(flow.to)', a \(sinkType ?? "system") rather than an identity provider or password manager",
                        at: flow.origin.location("data_categories"), key: "credentials")
                ])
        }
    }
}
