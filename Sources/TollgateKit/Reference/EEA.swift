// Reference data: the European Economic Area.
// Source: GDPR Chapter V applies to transfers outside the EEA (EEA Agreement, Annex XI as
// amended by Decision 154/2018 of the EEA Joint Committee, bringing the GDPR into the EEA).
// Membership: EU-27 (TEU Art. 52) plus the EEA EFTA states Iceland, Liechtenstein, Norway.
// Compiled for Tollgate from rules-reference §3.1.1; valid from 2020-02-01 (UK withdrawal).
// Version: 2026-06-01. ISO 3166-1 codes: Greece is GR (EU documents write EL).

/// The member states of the European Economic Area: transfers among them are not transfers
/// under GDPR Chapter V, and their residents are "EEA subjects" for scope decisions.
public enum EEA {
    /// Date this list was last reviewed.
    public static let version = "2026-06-01"

    /// The 27 EU member states.
    public static let euMembers: [String] = [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
        "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
    ]

    /// EU members plus Iceland, Liechtenstein and Norway.
    public static let members: [String] = euMembers + ["IS", "LI", "NO"]

    private static let memberSet = Set(members)

    /// Whether `country` (ISO 3166-1 alpha-2) is in the EEA.
    public static func contains(_ country: String) -> Bool { memberSet.contains(country) }

    /// Whether a subject region (`EEA`, `EU`, or a member's country code) means EEA subjects.
    public static func coversRegion(_ region: String) -> Bool {
        region == "EEA" || region == "EU" || memberSet.contains(region)
    }
}
