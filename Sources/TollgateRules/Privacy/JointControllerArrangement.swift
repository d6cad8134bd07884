import TollgateKit

/// PRIV-009: a vendor that decides purposes and means together with you (a social plug-in, a
/// pixel feeding its own ad products) is covered by a recorded Art. 26 arrangement.
public struct JointControllerArrangement: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "PRIV-009", slug: "joint-controller-arrangement", domain: .privacy,
        title: "Joint-controller arrangement",
        rationale: """
            Joint controllers must determine their respective responsibilities in an arrangement whose essence is \
            made available to the data subject (GDPR Art. 26(1)–(2)). The CJEU held that a website embedding a \
            social plug-in is a joint controller for the collection and transmission of visitors' data (C-40/17 \
            *Fashion ID*), and that joint control follows from what the parties do, not from what they signed \
            (C-683/21, C-604/22): the rule reads the declared role and asks for the arrangement.
            """,
        severity: .medium,
        references: ["GDPR Art. 26", "CJEU C-40/17 (Fashion ID)", "CJEU C-683/21", "CJEU C-604/22"],
        controls: ControlMapping(
            iso27001: ["A.5.19", "A.5.34"], soc2: ["CC2.3", "P6.1"], nistCSF: ["GV.OC-03"]),
        remediation:
            "conclude the Art. 26 arrangement (or accept the vendor's controller addendum), publish its essence, and record it: `joint_controller_info: …`",
        examples: [
            RuleExample(
                "a social plug-in with its arrangement recorded",
                """
                version: 1
                systems:
                  - { id: social, name: Social plug-in, system_type: social, responsibility: joint_controller,
                      joint_controller_info: "Page Insights Controller Addendum, 2025-03-01; essence in the privacy notice §7" }
                """),
            RuleExample(
                "a pixel as joint controller without one", failing: ["system:pixel"],
                """
                version: 1
                systems: [{ id: pixel, name: Pixel, system_type: ad_platform, responsibility: joint_controller }]
                """),
            RuleExample(
                "an arrangement of only spaces (boundary)", failing: ["system:pixel"],
                """
                version: 1
                systems:
                  - { id: pixel, name: Pixel, system_type: ad_platform, responsibility: joint_controller,
                      joint_controller_info: "   " }
                """),
            RuleExample(
                "an arrangement of only a line break (boundary)", failing: ["system:pixel"],
                """
                version: 1
                systems:
                  - { id: pixel, name: Pixel, system_type: ad_platform, responsibility: joint_controller,
                      joint_controller_info: "\\n" }
                """),
            RuleExample(
                "a third-party controller needs no Art. 26 arrangement",
                """
                version: 1
                systems: [{ id: ads, name: Ads, system_type: ad_platform, responsibility: third_party_controller }]
                """),
            RuleExample(
                "a processor is not a joint controller",
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp, responsibility: processor }]
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        context.inventory.systems.compactMap { system in
            guard system.responsibility == .jointController else { return nil }
            let recorded = system.jointControllerInfo.nonBlank != nil
            return Evaluation(
                .system(system),
                recorded
                    ? []
                    : [
                        Violation(
                            "the vendor is a joint controller but no Art. 26 arrangement is recorded",
                            at: system.origin.location("joint_controller_info"), key: "joint_controller_info")
                    ])
        }
    }
}
