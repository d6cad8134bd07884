// Reference data: derived sets of Fides taxonomy keys that privacy rules test against
// (matched by ancestor prefix on dot boundaries).
// Sources: GDPR Art. 9(1) and 10; Cal. Civ. Code §1798.140(ae) (CPRA sensitive personal
// information); COPPA 16 CFR 312 and GDPR Art. 8 (children); ISO/IEC 27001:2022 A.5.17
// (authentication information); IAB TCF v2.2 Purposes 1, 3–6, ePrivacy Art. 5(3) and CJEU
// C-252/21 (consent-only uses); GDPR Art. 21(2)–(3) (direct marketing); WP248 rev.01 criterion 1
// (profiling). Compiled from rules-reference §2.9. Version: 2026-06-01.

/// Sets of taxonomy keys the privacy rules use as parameter defaults.
public enum PrivacyCategorySets {
    /// Date these sets were last reviewed.
    public static let version = "2026-06-01"

    /// Special categories of personal data (GDPR Art. 9(1)), with Tollgate's extension keys.
    public static let gdprArt9 = [
        "user.demographic.race_ethnicity", "user.demographic.political_opinion", "user.demographic.religious_belief",
        "user.demographic.sexual_orientation", "user.demographic.trade_union_membership",
        "user.demographic.philosophical_belief", "user.health_and_medical", "user.biometric",
        "user.authorization.biometric",
    ]

    /// Criminal convictions and offences (GDPR Art. 10).
    public static let gdprArt10 = ["user.criminal_history"]

    /// Sensitive personal information under the CPRA (§1798.140(ae)); credentials count when
    /// combined with an account or financial data. Philosophical beliefs are in (ae)(1)(C) with
    /// religious ones, though rules-reference §2.9 leaves them out; the statute wins.
    public static let cpraSensitive = [
        "user.government_id", "user.authorization.credentials", "user.authorization.password", "user.location.precise",
        "user.demographic.race_ethnicity", "user.demographic.religious_belief",
        "user.demographic.philosophical_belief", "user.demographic.sexual_orientation",
        "user.demographic.trade_union_membership", "user.content.private", "user.health_and_medical",
        "user.biometric",
    ]

    /// Children's data: the category; the data subject `child` counts as well.
    public static let childCategories = ["user.childrens"]

    /// The data subject that marks data about children (Tollgate extension).
    public static let childSubject = "child"

    /// Authentication information (ISO/IEC 27001:2022 A.5.17).
    public static let credentials = ["user.authorization"]

    /// Data that identifies a person directly.
    public static let directIdentifiers = ["user.name", "user.contact", "user.government_id", "user.account.username"]

    /// Online identifiers (GDPR Recital 30).
    public static let onlineIdentifiers = ["user.device", "user.unique_id"]

    /// Data uses that need consent whatever else applies.
    public static let consentOnlyUses = [
        "marketing.advertising.profiling", "marketing.advertising.first_party.targeted",
        "marketing.advertising.third_party", "personalize.content.profiling", "personalize.content.profiled",
        "functional.storage",
    ]

    /// Direct marketing (objection is absolute, GDPR Art. 21(3)).
    public static let directMarketingUses = ["marketing.communications", "marketing.advertising"]

    /// Uses exempt from consent for device access (ePrivacy Art. 5(3)).
    public static let essentialUses = ["essential", "functional.storage.privacy_preferences"]

    /// Profiling and scoring (WP248 criterion 1).
    public static let profilingUses = [
        "marketing.advertising.profiling", "personalize.content.profiling",
        "marketing.advertising.first_party.targeted", "marketing.advertising.third_party.targeted",
        "analytics.reporting.campaign_insights",
    ]
}
