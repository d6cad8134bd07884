import Testing
import TollgateKit
import TollgateRules

/// Whole-number fields and parameters accept any `Int`: values at either end must give an
/// answer, never a trap (overflow in seat, usage, pageview and day arithmetic).
@Suite("Numbers at the ends of Int")
struct HugeNumberTests {
    static let max = Int.max
    static let day = Day(iso: "2026-11-23")!

    static func findings(
        _ yaml: String, _ rule: any Rule, parameters: [String: ParameterValue] = [:]
    ) -> [Finding] {
        let outcome = InventoryLoader().load(text: yaml, name: "stack.yaml")
        #expect(outcome.errors.isEmpty, "\(outcome.errors.map(\.description))")
        let policy = Policy(sources: [], settings: [rule.description.id: Policy.Setting(parameters: parameters)])
        return Checker(rules: [rule], policy: policy).check(outcome.inventory, asOf: day).findings
    }

    @Test func dayArithmeticSaturates() {
        let far = Self.day.adding(days: Int.max)
        #expect(far.ordinal == Day.limit && far > Day(iso: "9999-12-31")!)
        #expect(Self.day.adding(days: Int.min).ordinal == -Day.limit)
        #expect(Self.day.subtracting(days: Int.min) == far)
        #expect(Self.day.subtracting(days: Int.max).ordinal == -Day.limit)
        #expect(Self.day.adding(months: Int.max) == far && Self.day.adding(months: Int.min).ordinal == -Day.limit)
        #expect(far.adding(months: Int.min).ordinal == -Day.limit, "the whole range is crossed")
        #expect(far.adding(days: 1) == far && far.days(until: far.adding(days: Int.min)) == -2 * Day.limit)
        #expect(!far.description.isEmpty && !Day(ordinal: Int.min).description.isEmpty)
        // Ordinary arithmetic is unchanged.
        #expect(Self.day.adding(days: 38) == Day(iso: "2026-12-31")!)
        #expect(Self.day.subtracting(days: 365) == Day(iso: "2025-11-23")!)
        #expect(Day(iso: "2026-01-31")!.adding(months: 1) == Day(iso: "2026-02-28")!)
    }

    @Test func seatsAndUsageAtIntMax() {
        let stack = """
            version: 1
            systems:
              - id: crm
                name: CRM
                system_type: crm
                subscription:
                  seats_purchased: \(Self.max)
                  seats_assigned: \(Self.max)
                  active_users_90d: 0
                  usage_limits: { contacts: \(Self.max), monthly_sends: 1 }
                  usage_actual: { contacts: \(Self.max), monthly_sends: \(Self.max) }
            """
        #expect(Self.findings(stack, SeatsWithinEntitlement(), parameters: ["tolerance_seats": .int(Int.max)]).isEmpty)
        #expect(
            Self.findings(stack, SeatsWithinEntitlement(), parameters: ["tolerance_seats": .int(Int.min)]).count == 1)
        // Every seat unused; 10 % of Int.max seats tolerated, so reported; 1000 % never.
        #expect(Self.findings(stack, SeatWaste()).count == 1)
        #expect(Self.findings(stack, SeatWaste(), parameters: ["unused_seats_percent": .int(1000)]).isEmpty)
        // contacts at the limit; sends Int.max against a limit of 1, whatever the headroom.
        // Int.max headroom: Int.max contacts are within Int.max; Int.max sends are still over 1.
        let usage = Self.findings(stack, PlanLimits(), parameters: ["headroom_percent": .int(Int.max)])
        #expect(usage.count == 1 && usage.allSatisfy { $0.message.hasPrefix("monthly_sends") })
        let strict = Self.findings(stack, PlanLimits(), parameters: ["headroom_percent": .int(Int.min)])
        #expect(strict.count == 2)
        #expect(Self.findings(stack, PlanLimits()).map(\.message).allSatisfy { $0.hasPrefix("monthly_sends") })
    }

    @Test func pageviewsSumBeyondIntMax() {
        let stack = """
            version: 1
            assets:
              - id: f
                name: Brand Sans
                kind: font
                licence_type: webfont
                licensed_domains: [www.example.com]
                licensed_pageviews_month: \(Self.max)
                used_in:
                  - { channel: web, domain: www.example.com, monthly_pageviews: \(Self.max) }
                  - { channel: web, domain: www.example.com, monthly_pageviews: \(Self.max) }
            """
        #expect(Self.findings(stack, FontLicenceScope()).count == 1)
        #expect(
            Self.findings(stack, FontLicenceScope(), parameters: ["pageview_tolerance_percent": .int(Int.max)]).isEmpty)
    }

    @Test func daysAndMonthsAtTheEndsOfInt() {
        let renewal = """
            version: 1
            systems:
              - { id: crm, name: CRM, system_type: crm, subscription: { end: 2027-06-30, auto_renew: true, notice_period_days: \(Self.max) } }
            """
        #expect(Self.findings(renewal, RenewalDecisionWindow()).count == 1, "the notice deadline has long passed")
        #expect(Self.findings(renewal, RenewalDecisionWindow(), parameters: ["lead_days": .int(Int.max)]).count == 1)
        // A window that opens Int.max days after the deadline never opens.
        #expect(Self.findings(renewal, RenewalDecisionWindow(), parameters: ["lead_days": .int(Int.min)]).isEmpty)
        let dpia = """
            version: 1
            systems:
              - { id: cdp, name: CDP, system_type: cdp, dpia: { ref: DPIA-1, date: 2023-06-01 } }
            """
        for months in [Int.min, Int.max] {
            _ = Self.findings(dpia, DPIAWhereRequired(), parameters: ["dpia_review_months": .int(months)])
        }
        let admins = """
            version: 1
            systems: [{ id: crm, name: CRM, system_type: crm }]
            accounts:
              - { id: a1, system: crm, kind: human, is_admin: true }
              - { id: a2, system: crm, kind: human, is_admin: true }
            """
        let negative = Self.findings(
            admins, AdminCountBounded(), parameters: ["min_admins": .int(Int.min), "max_admins": .int(-1)])
        #expect(negative.count == 1 && negative.first?.location.line == 4, "at the first administrator")
    }
}
