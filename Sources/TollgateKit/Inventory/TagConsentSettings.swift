/// A tag's "Additional consent checks" in Google Tag Manager (`consentSettings`).
///
/// GTM writes `consentStatus` as `NOT_SET`, `NOT_NEEDED` or `NEEDED` in UI exports and as
/// `notSet`, `notNeeded`, `needed` through the API; both are read. A tag without
/// `consentSettings` (exports made before the feature existed) is `notSet`.
public struct TagConsentSettings: Sendable {
    public let status: TagConsentStatus
    /// The consent types the tag waits for when `status` is `needed` (`ad_storage`,
    /// `analytics_storage`, `ad_user_data`, `ad_personalization`, or a custom type).
    public let types: [String]
    public let location: SourceLocation

    public init(status: TagConsentStatus, types: [String], location: SourceLocation) {
        self.status = status
        self.types = types
        self.location = location
    }

    /// Whether the tag waits for at least one consent type before it fires.
    public var requiresConsent: Bool { status == .needed && !types.isEmpty }
}

/// The three consent states of a GTM tag.
public enum TagConsentStatus: String, Sendable, Hashable, CaseIterable {
    /// No additional consent check configured; the tag may still have built-in checks.
    case notSet = "not_set"
    /// Configured as needing no consent.
    case notNeeded = "not_needed"
    /// Fires only when the listed consent types are granted.
    case needed

    /// Reads any spelling GTM uses: `NOT_SET`, `notSet`, `not_set`.
    public init?(export text: String) {
        switch text.lowercased().replacingOccurrences(of: "_", with: "") {
        case "notset": self = .notSet
        case "notneeded": self = .notNeeded
        case "needed": self = .needed
        default: return nil
        }
    }
}
