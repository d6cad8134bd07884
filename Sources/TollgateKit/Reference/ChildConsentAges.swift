// Reference data: age below which a child's consent to an information-society service needs
// parental authorisation (GDPR Art. 8(1); member states may set 13–16, default 16).
// Sources: the national implementing acts as summarised by the European Commission's Better
// Internet for Kids portal ("age of digital consent" map) and EDPB member-state overviews,
// as compiled mid-2026 [verify per state before relying on a value]. Version: 2026-06-01.

/// The age of digital consent per EEA state.
public enum ChildConsentAges {
    /// Date this table was last reviewed.
    public static let version = "2026-06-01"

    /// Art. 8(1) default where a state made no choice.
    public static let defaultAge = 16

    public static let byCountry: [String: Int] = [
        "AT": 14, "BE": 13, "BG": 14, "CY": 14, "CZ": 15, "DE": 16, "DK": 13, "EE": 13, "ES": 14, "FI": 13, "FR": 15,
        "GR": 15, "HR": 16, "HU": 16, "IE": 16, "IS": 13, "IT": 14, "LI": 16, "LT": 14, "LU": 16, "LV": 13, "MT": 13,
        "NL": 16, "NO": 13, "PL": 16, "PT": 13, "RO": 16, "SE": 13, "SI": 15, "SK": 16,
    ]

    /// The table as `CC=age` strings, the form policy packs override it in.
    public static var parameterDefault: [String] { byCountry.keys.sorted().map { "\($0)=\(byCountry[$0]!)" } }
}
