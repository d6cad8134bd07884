import TollgateKit

/// PRIV-008: the controller can see and object to a processor's sub-processors.
public struct SubprocessorControl: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "PRIV-008", slug: "subprocessor-control", domain: .privacy,
        title: "Sub-processor control",
        rationale: """
            A processor may engage another processor only with the controller's authorisation, and under a general \
            authorisation must inform the controller of changes so it can object (GDPR Art. 28(2), 28(4)). That \
            needs a published sub-processor list and a notice period.
            """,
        severity: .medium,
        references: ["GDPR Art. 28(2)", "GDPR Art. 28(4)"],
        controls: ControlMapping(
            iso27001: ["A.5.21", "A.5.22"], soc2: ["CC9.2", "P6.4"], nistCSF: ["GV.SC-07", "DE.CM-06"], cis: ["15.6"]),
        remediation: "record the vendor's sub-processor list URL and change-notice period in `dpa`",
        parameters: [RuleParameter("min_notice_days", .int(0), "minimum notice of sub-processor changes [heuristic]")],
        examples: [
            RuleExample(
                "list and 30 days' notice",
                """
                version: 1
                systems:
                  - { id: esp, name: ESP, system_type: esp, responsibility: processor,
                      dpa: { signed: true, subprocessor_list_url: "https://esp.example/subs", subprocessor_change_notice_days: 30 } }
                """),
            RuleExample(
                "no sub-processor list", failing: ["system:esp"],
                """
                version: 1
                systems:
                  - { id: esp, name: ESP, system_type: esp, responsibility: processor,
                      dpa: { signed: true, subprocessor_change_notice_days: 30 } }
                """),
            RuleExample(
                "30 days' notice against a 30-day minimum (boundary)",
                parameters: ["min_notice_days": .int(30)],
                """
                version: 1
                systems:
                  - { id: esp, name: ESP, system_type: esp, responsibility: processor,
                      dpa: { signed: true, subprocessor_list_url: "https://esp.example/subs", subprocessor_change_notice_days: 30 } }
                """),
            RuleExample(
                "29 days' notice against a 30-day minimum (boundary)", failing: ["system:esp"],
                parameters: ["min_notice_days": .int(30)],
                """
                version: 1
                systems:
                  - { id: esp, name: ESP, system_type: esp, responsibility: processor,
                      dpa: { signed: true, subprocessor_list_url: "https://esp.example/subs", subprocessor_change_notice_days: 29 } }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let minimum = context.parameters.int("min_notice_days")
        return context.inventory.systems.compactMap { system in
            guard system.isProcessor else { return nil }
            let dpa = system.dpa
            func at(_ field: String) -> SourceLocation { dpa?.origin.location(field) ?? system.origin.location("dpa") }
            var violations: [Violation] = []
            if (dpa?.subprocessorListURL ?? "").isEmpty {
                violations.append(
                    Violation(
                        "no sub-processor list is recorded", at: at("subprocessor_list_url"),
                        key: "subprocessor_list_url"))
            }
            if let days = dpa?.subprocessorChangeNoticeDays {
                if days < minimum {
                    violations.append(
                        Violation(
                            "sub-processor changes are notified \(days) days ahead; the policy requires \(minimum)",
                            at: at("subprocessor_change_notice_days"), key: "subprocessor_change_notice_days"))
                }
            } else {
                violations.append(
                    Violation(
                        "no notice of sub-processor changes (and so no chance to object) is agreed",
                        at: at("subprocessor_change_notice_days"), key: "subprocessor_change_notice_days"))
            }
            return Evaluation(.system(system), violations)
        }
    }
}
