// Reference data: public holidays that are not business days, for deadline arithmetic.
// US: federal holidays of 5 U.S.C. §6103(a), with the observed day when a holiday falls on a
// weekend (Saturday → Friday, Sunday → Monday; Executive Order 11582), 2024–2027.
// Canada: federal statutory holidays (Canada Labour Code s. 166, incl. the National Day for
// Truth and Reconciliation) with the federal public service's observed days, 2024–2027.
// Computed by Tollgate from those definitions. Version: 2026-06-01. Extend the lists in
// policy (`us_federal_holidays`, `ca_federal_holidays`) for later years.

/// Public holidays that do not count as business days.
public enum PublicHolidays {
    /// Date these lists were last reviewed.
    public static let version = "2026-06-01"

    /// US federal holidays (observed), ISO dates.
    public static let usFederal = [
        "2024-01-01", "2024-01-15", "2024-02-19", "2024-05-27", "2024-06-19", "2024-07-04", "2024-09-02", "2024-10-14",
        "2024-11-11", "2024-11-28", "2024-12-25", "2025-01-01", "2025-01-20", "2025-02-17", "2025-05-26", "2025-06-19",
        "2025-07-04", "2025-09-01", "2025-10-13", "2025-11-11", "2025-11-27", "2025-12-25", "2026-01-01", "2026-01-19",
        "2026-02-16", "2026-05-25", "2026-06-19", "2026-07-03", "2026-09-07", "2026-10-12", "2026-11-11", "2026-11-26",
        "2026-12-25", "2027-01-01", "2027-01-18", "2027-02-15", "2027-05-31", "2027-06-18", "2027-07-05", "2027-09-06",
        "2027-10-11", "2027-11-11", "2027-11-25", "2027-12-24", "2027-12-31",
    ]

    /// Canadian federal statutory holidays (observed), ISO dates.
    public static let canadaFederal = [
        "2024-01-01", "2024-03-29", "2024-05-20", "2024-07-01", "2024-09-02", "2024-09-30", "2024-10-14", "2024-11-11",
        "2024-12-25", "2024-12-26", "2025-01-01", "2025-04-18", "2025-05-19", "2025-07-01", "2025-09-01", "2025-09-30",
        "2025-10-13", "2025-11-11", "2025-12-25", "2025-12-26", "2026-01-01", "2026-04-03", "2026-05-18", "2026-07-01",
        "2026-09-07", "2026-09-30", "2026-10-12", "2026-11-11", "2026-12-25", "2026-12-28", "2027-01-01", "2027-03-26",
        "2027-05-24", "2027-07-01", "2027-09-06", "2027-09-30", "2027-10-11", "2027-11-11", "2027-12-27", "2027-12-28",
    ]
}
