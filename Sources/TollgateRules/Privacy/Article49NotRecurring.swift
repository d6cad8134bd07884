import TollgateKit

/// PRIV-016: Art. 49 derogations carry only occasional transfers, never an integration.
public struct Article49NotRecurring: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "PRIV-016", slug: "article-49-not-recurring", domain: .privacy,
        title: "Art. 49 derogations not used for recurring transfers",
        rationale: """
            The derogations of GDPR Art. 49 (explicit consent, contract, legal claims…) are exceptions for \
            occasional and non-repetitive transfers (EDPB Guidelines 2/2018). A recurring sync, a continuous event \
            stream or a real-time API cannot rely on them; it needs adequacy or Art. 46 safeguards.
            """,
        severity: .high,
        references: ["GDPR Art. 49(1)", "EDPB Guidelines 2/2018 on derogations of Article 49"],
        controls: .internationalTransfers,
        remediation: "put the recurring transfer on the 2021 SCCs or BCRs (or a DPF-certified US recipient)",
        parameters: [
            RuleParameter(
                "occasional_frequencies", .strings(["one_off", "occasional"]),
                "frequencies for which Art. 49 may be relied on",
                values: .cases(of: FlowFrequency.self, "flow frequency"))
        ],
        examples: [
            RuleExample(
                "a one-off transfer for legal claims",
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }, { id: lawyer, name: Counsel, system_type: other }]
                flows:
                  - { id: f, from: crm, to: lawyer, data_categories: [user.name], data_use: essential.legal_obligation,
                      legal_basis: legal_obligation, frequency: one_off,
                      transfer_mechanism: { type: art49, art49_ground: legal_claims } }
                """),
            RuleExample(
                "a real-time event stream on explicit consent", failing: ["flow:f"],
                """
                version: 1
                systems: [{ id: site, name: Site, system_type: cms }, { id: ads, name: Ads, system_type: ad_platform }]
                flows:
                  - { id: f, from: site, to: ads, data_categories: [user.device.cookie_id], data_use: marketing.advertising,
                      legal_basis: consent, frequency: realtime,
                      transfer_mechanism: { type: art49, art49_ground: explicit_consent } }
                """),
            RuleExample(
                "Art. 49 with no declared frequency (boundary: cannot show it is occasional)", failing: ["flow:f"],
                """
                version: 1
                systems: [{ id: crm, name: CRM, system_type: crm }, { id: lawyer, name: Counsel, system_type: other }]
                flows:
                  - { id: f, from: crm, to: lawyer, data_categories: [user.name], data_use: essential.legal_obligation,
                      legal_basis: legal_obligation, transfer_mechanism: { type: art49, art49_ground: legal_claims } }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let occasional = Set(context.parameters.strings("occasional_frequencies"))
        return context.inventory.flows.compactMap { flow in
            guard flow.transferMechanism?.type == .art49 else { return nil }
            if let frequency = flow.frequency, occasional.contains(frequency.rawValue) {
                return Evaluation(.flow(flow))
            }
            let message =
                flow.frequency.map { "the \($0.rawValue) transfer relies on an Art. 49 derogation" }
                ?? "the transfer relies on an Art. 49 derogation but does not declare its frequency"
            return Evaluation(
                .flow(flow), [Violation(message, at: flow.origin.location("frequency"), key: "frequency")])
        }
    }
}
