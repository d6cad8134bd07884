import TollgateKit

/// ACC-020: sessions end after a bounded time and after inactivity.
public struct SessionTimeouts: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "ACC-020", slug: "session-timeouts", domain: .accounts,
        title: "Session timeouts for admin consoles",
        rationale: """
            A session that never ends turns a borrowed laptop or a stolen cookie into lasting access. NIST SP \
            800-63B-4 asks at AAL2 for reauthentication at least every 24 hours and an inactivity timeout of no \
            more than one hour (12 hours and 15 minutes at AAL3). A `session` block that gives no \
            `reauth_hours` declares sessions without an overall end, which the reauthentication requirement (a \
            SHALL) does not allow; a system with no `session` block at all is not judged.
            """,
        severity: .low,
        references: ["NIST SP 800-63B-4 §2.2.3", "NIST SP 800-63B-4 §2.3.3"],
        controls: ControlMapping(iso27001: ["A.8.5"], soc2: ["CC6.1"], nistCSF: ["PR.AA-03"]),
        remediation: "set the tool's session lifetime and idle timeout (or the SSO provider's) within the limits",
        parameters: [
            RuleParameter("max_reauth_hours", .int(24), "longest session before signing in again"),
            RuleParameter("max_idle_minutes", .int(60), "longest inactivity before the session ends"),
        ],
        examples: [
            RuleExample(
                "24 hours and 60 minutes (boundary)",
                """
                version: 1
                systems:
                  - { id: cms, name: CMS, system_type: cms, security: { session: { reauth_hours: 24, idle_minutes: 60 } } }
                """),
            RuleExample(
                "25 hours and 61 minutes (boundary)", failing: ["system:cms"],
                """
                version: 1
                systems:
                  - { id: cms, name: CMS, system_type: cms, security: { session: { reauth_hours: 25, idle_minutes: 61 } } }
                """),
            RuleExample(
                "an idle timeout but no overall session end", failing: ["system:cms"],
                """
                version: 1
                systems:
                  - { id: cms, name: CMS, system_type: cms, security: { session: { idle_minutes: 30 } } }
                """),
            RuleExample(
                "no session block: not judged (boundary)",
                """
                version: 1
                systems:
                  - { id: cms, name: CMS, system_type: cms, security: { mfa_enforced: all } }
                """),
            RuleExample(
                "AAL3 limits for admin consoles",
                failing: ["system:cms"], parameters: ["max_reauth_hours": .int(12), "max_idle_minutes": .int(15)],
                """
                version: 1
                systems:
                  - { id: cms, name: CMS, system_type: cms, security: { session: { reauth_hours: 24, idle_minutes: 30 } } }
                """),
        ])

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let maxHours = context.parameters.int("max_reauth_hours")
        let maxIdle = context.parameters.int("max_idle_minutes")
        return context.inventory.systems.compactMap { system in
            guard let session = system.security?.session else { return nil }
            var violations: [Violation] = []
            if session.reauthHours == nil {
                violations.append(
                    Violation(
                        "the session block sets no reauth_hours, so sessions have no declared overall end "
                            + "(at most \(maxHours) hours)",
                        at: session.origin.location, key: "reauth_hours"))
            }
            if let hours = session.reauthHours, hours > maxHours {
                violations.append(
                    Violation(
                        "sessions last \(hours) hours before reauthentication, over \(maxHours)",
                        at: session.origin.location("reauth_hours"), key: "reauth_hours"))
            }
            if let idle = session.idleMinutes, idle > maxIdle {
                violations.append(
                    Violation(
                        "idle sessions end after \(idle) minutes, over \(maxIdle)",
                        at: session.origin.location("idle_minutes"), key: "idle_minutes"))
            }
            return Evaluation(.system(system), violations)
        }
    }
}
