/// Where a transfer of personal data out of the EEA begins (GDPR Chapter V), for the record of
/// processing: the EEA itself and the countries with a Commission adequacy decision (Art. 45).
///
/// Facts as of 2026; see NOTICE. The US adequacy decision (2023, Data Privacy Framework) covers
/// only certified organisations, so the US is not listed: a US recipient needs `dpf` or another
/// safeguard.
enum TransferGeography {
    /// EU member states plus Iceland, Liechtenstein and Norway.
    static let eea: Set<String> = [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
        "MT",
        "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO", "EEA", "EU",
    ]

    /// Countries with an adequacy decision under Art. 45 (Canada's covers commercial organisations).
    static let adequate: Set<String> = [
        "AD", "AR", "CA", "FO", "GG", "IL", "IM", "JP", "JE", "NZ", "KR", "CH", "GB", "UK", "UY",
    ]
}
