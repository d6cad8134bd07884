/// A system's SaaS subscription: plan, seats, term and permitted use (CycloneDX licensing terms).
/// A class, like the entities: the rules that walk these copied every field of a struct.
public final class Subscription: DeclarationDecodable {
    public let plan: String?
    public let licenceTypes: [LicenceType]
    public let seatsPurchased: Int?
    public let seatsAssigned: Int?
    public let activeUsers90d: Int?
    public let start: Day?
    public let end: Day?
    public let autoRenew: Bool?
    public let noticePeriodDays: Int?
    /// Date a renewal decision was recorded, if any.
    public let renewalDecisionOn: Day?
    public let purchaseReference: String?
    public let licensee: String?
    /// Where the signed order form or the subscription's terms are kept (as an asset's `licence_url`).
    public let licenceURL: String?
    public let usageLimits: UsageFigures?
    public let usageActual: UsageFigures?
    public let permittedUse: PermittedUse?
    public let origin: Origin

    public init(reading r: inout FieldReader) {
        plan = r.string("plan")
        licenceTypes = r.enumValues("licence_types")
        seatsPurchased = r.int("seats_purchased")
        seatsAssigned = r.int("seats_assigned")
        activeUsers90d = r.int("active_users_90d")
        start = r.day("start")
        end = r.day("end")
        autoRenew = r.bool("auto_renew")
        noticePeriodDays = r.int("notice_period_days")
        renewalDecisionOn = r.day("renewal_decision_on")
        purchaseReference = r.string("purchase_reference")
        licensee = r.string("licensee")
        licenceURL = r.string("licence_url")
        usageLimits = r.object("usage_limits")
        usageActual = r.object("usage_actual")
        permittedUse = r.object("permitted_use")
        origin = r.origin
        if let start, let end, end < start {
            r.report("subscription ends (\(end)) before it starts (\(start))", at: "end", hint: "check the two dates")
        }
    }
}

/// Plan limits or measured usage of a subscription.
public struct UsageFigures: DeclarationDecodable {
    public let contacts: Int?
    public let monthlySends: Int?
    public let monthlyTrackedUsers: Int?
    public let events: Int?
    public let apiCalls: Int?
    public let pageviews: Int?
    public let origin: Origin

    /// The figures by name, in a fixed order, for rules that compare limits with usage.
    public var named: [(name: String, value: Int?)] {
        [
            ("contacts", contacts), ("monthly_sends", monthlySends), ("mtu", monthlyTrackedUsers), ("events", events),
            ("api_calls", apiCalls), ("pageviews", pageviews),
        ]
    }

    public init(reading r: inout FieldReader) {
        contacts = r.int("contacts")
        monthlySends = r.int("monthly_sends")
        monthlyTrackedUsers = r.int("mtu")
        events = r.int("events")
        apiCalls = r.int("api_calls")
        pageviews = r.int("pageviews")
        origin = r.origin
    }
}

/// Who may use a subscription, where, and whether contractors may.
public struct PermittedUse: DeclarationDecodable {
    public let internalOnly: Bool?
    public let affiliates: [String]
    public let licenseeEntities: [String]
    public let territories: [String]
    public let contractorsAllowed: Bool?
    public let origin: Origin

    public init(reading r: inout FieldReader) {
        internalOnly = r.bool("internal_only")
        affiliates = r.strings("affiliates")
        licenseeEntities = r.strings("licensee_entities")
        territories = r.strings("territories")
        contractorsAllowed = r.bool("contractors_allowed")
        origin = r.origin
    }
}
