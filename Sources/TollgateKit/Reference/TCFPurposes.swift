// Reference data: IAB Europe Transparency & Consent Framework purposes and the legal bases the
// TCF Policies allow for them, with the Fides data uses they map to.
// Sources: IAB Europe TCF Policies v2.2 (switch-over 20 Nov 2023: legitimate interest removed for
// Purposes 3–6) and v2.3 (June 2025: DisclosedVendors segment mandatory from 28 Feb 2026);
// fideslang `src/fideslang/gvl/gvl_data_use_mapping.json` (Ethyca, CC BY 4.0). Compiled from
// rules-reference §2.7. Only ids and short names are reproduced. Version: 2026-06-01.

/// The TCF purposes and what the framework allows for them.
public enum TCFPurposes {
    /// One purpose.
    public struct Purpose: Sendable, Hashable {
        public let id: Int
        public let name: String
        public let dataUses: [String]
        /// Whether a vendor may declare legitimate interest for it (false: consent only).
        public let legitimateInterestAllowed: Bool
    }

    /// Date this table was last reviewed.
    public static let version = "2026-06-01"

    /// The last day TC strings without the v2.3 `DisclosedVendors` segment are accepted.
    public static let v23Deadline = Day(year: 2026, month: 2, day: 28)!

    public static let purposes: [Purpose] = [
        Purpose(
            id: 1, name: "Store and/or access information on a device", dataUses: ["functional.storage"],
            legitimateInterestAllowed: false),
        Purpose(
            id: 2, name: "Use limited data to select advertising",
            dataUses: [
                "marketing.advertising.first_party.contextual", "marketing.advertising.frequency_capping",
                "marketing.advertising.negative_targeting",
            ], legitimateInterestAllowed: true),
        Purpose(
            id: 3, name: "Create profiles for personalised advertising", dataUses: ["marketing.advertising.profiling"],
            legitimateInterestAllowed: false),
        Purpose(
            id: 4, name: "Use profiles to select personalised advertising",
            dataUses: ["marketing.advertising.first_party.targeted", "marketing.advertising.third_party.targeted"],
            legitimateInterestAllowed: false),
        Purpose(
            id: 5, name: "Create profiles to personalise content", dataUses: ["personalize.content.profiling"],
            legitimateInterestAllowed: false),
        Purpose(
            id: 6, name: "Use profiles to select personalised content", dataUses: ["personalize.content.profiled"],
            legitimateInterestAllowed: false),
        Purpose(
            id: 7, name: "Measure advertising performance", dataUses: ["analytics.reporting.ad_performance"],
            legitimateInterestAllowed: true),
        Purpose(
            id: 8, name: "Measure content performance", dataUses: ["analytics.reporting.content_performance"],
            legitimateInterestAllowed: true),
        Purpose(
            id: 9, name: "Understand audiences through statistics or combinations of data",
            dataUses: ["analytics.reporting.campaign_insights"], legitimateInterestAllowed: true),
        Purpose(
            id: 10, name: "Develop and improve services", dataUses: ["functional.service.improve"],
            legitimateInterestAllowed: true),
        Purpose(
            id: 11, name: "Use limited data to select content", dataUses: ["personalize.content.limited"],
            legitimateInterestAllowed: true),
    ]

    /// Purposes for which only consent is allowed (1, 3, 4, 5, 6).
    public static var consentOnly: [Int] { purposes.filter { !$0.legitimateInterestAllowed }.map(\.id) }
}
