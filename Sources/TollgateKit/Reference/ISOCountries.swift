/// ISO 3166-1 alpha-2 country codes (generated data in `ISOCountries+Data.swift`) and the
/// region names declarations may use for where data subjects are.
public enum ISOCountries {
    /// Every assigned alpha-2 code.
    public static let codes: Set<String> = Set(alpha2.map(\.code))

    /// Region names accepted besides country codes in `subject_regions`-like fields.
    public static let regionNames: Set<String> = ["EEA", "EU", "UK"]

    /// US state and territory codes for `US-XX` regions (ISO 3166-2:US).
    public static let usStates: Set<String> = [
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
        "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK",
        "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC", "AS", "GU", "MP",
        "PR", "UM", "VI",
    ]

    /// Whether `code` is an assigned alpha-2 country code.
    public static func isCountry(_ code: String) -> Bool { codes.contains(code) }

    /// Whether `code` is a country code, a region name, or a `US-XX` state.
    public static func isRegion(_ code: String) -> Bool {
        if codes.contains(code) || regionNames.contains(code) { return true }
        if code.hasPrefix("US-") { return usStates.contains(String(code.dropFirst(3))) }
        return false
    }

    /// A hint for a code that is not valid: common mistakes first, then the closest code.
    public static func hint(for code: String, allowRegions: Bool) -> String {
        if code == "UK" && !allowRegions { return "the ISO 3166-1 code of the United Kingdom is GB" }
        if code == "EL" { return "the ISO 3166-1 code of Greece is GR (EU documents write EL)" }
        if code.uppercased() != code, isRegion(code.uppercased()) {
            return "write country codes in upper case: \(code.uppercased())"
        }
        return "use an ISO 3166-1 alpha-2 code such as DE, US or GB" + (allowRegions ? ", or EEA, UK, US-CA" : "")
    }
}
