import TollgateKit

/// When the CCPA applies, and to which flows, for the CCPA rules (PRIV-030, PRIV-031, PRIV-033).
enum CCPAScope {
    /// The §1798.140(d)(1) "business" thresholds, as parameters every CCPA rule takes, so a
    /// policy can update them (they are adjusted for inflation every two years).
    static let thresholdParameters = [
        RuleParameter(
            "revenue_threshold_usd", .int(26_625_000), "§1798.140(d)(1)(A) revenue threshold (2025 adjustment)"),
        RuleParameter("consumers_threshold", .int(100_000), "§1798.140(d)(1)(B) consumers or households"),
        RuleParameter("selling_revenue_pct_threshold", .double(50), "§1798.140(d)(1)(C) share of revenue"),
    ]

    /// Whether the organisation is a CCPA "business": one threshold met, or no organisation
    /// figures declared at all (unknown counts as in scope, so silence does not pass a check).
    static func isBusiness(_ organization: Organization?, _ parameters: Parameters) -> Bool {
        guard let org = organization else { return true }
        let revenue = (org.annualGrossRevenueUSD ?? 0) > parameters.int("revenue_threshold_usd")
        let consumers = (org.caConsumersPerYear ?? 0) >= parameters.int("consumers_threshold")
        let selling = (org.pctRevenueFromSellingSharing ?? 0) >= parameters.double("selling_revenue_pct_threshold")
        let unknown =
            org.annualGrossRevenueUSD == nil && org.caConsumersPerYear == nil && org.pctRevenueFromSellingSharing == nil
        return revenue || consumers || selling || unknown
    }

    /// Whether `flow` carries data about California consumers: declared on the flow, or carried
    /// from upstream (a CDP passing on what the Californian web shop collected).
    static func concernsCalifornia(_ flow: Flow, _ lineage: Lineage) -> Bool {
        PrivacyScope.isCalifornia(flow.subjectRegions)
            || lineage.firstCarried(by: flow, where: { PrivacyScope.isCalifornia($0.subjectRegions) }) != nil
    }

    /// Whether `flow` carries personal information of California consumers: by its own
    /// `subject_regions` when it declares them (a flow from a CRM that says it carries only EEA
    /// records is taken at its word), otherwise by what the lineage says reaches it.
    static func carriesCalifornianPersonalData(_ flow: Flow, _ lineage: Lineage) -> Bool {
        if !flow.subjectRegions.isEmpty {
            return PrivacyScope.isCalifornia(flow.subjectRegions) && PrivacyScope.isPersonal(flow)
        }
        return lineage.firstCarried(by: flow) {
            PrivacyScope.isCalifornia($0.subjectRegions) && PrivacyScope.isPersonal($0.category)
        } != nil
    }
}
