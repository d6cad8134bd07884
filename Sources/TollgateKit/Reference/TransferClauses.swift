// Reference data: Standard contractual clauses for transfers to third countries (GDPR Art. 46(2)(c)).
// Source: Commission Implementing Decision (EU) 2021/914 of 4 June 2021, Art. 4 (repeal of
// Decisions 2001/497/EC and 2010/87/EU; contracts concluded before 27 Sep 2021 remained valid
// until 27 Dec 2022); Decision 2004/915/EC amended 2001/497/EC and fell with it.
// Not to be confused with Implementing Decision (EU) 2021/915 (Art. 28(7) clauses inside the EU).
// Compiled from rules-reference §3.1.3. Version: 2026-06-01.

/// The Commission's standard contractual clauses: the current set and the repealed ones.
public enum TransferClauses {
    /// Date this list was last reviewed.
    public static let version = "2026-06-01"

    /// The decision of the clauses in force.
    public static let current = "2021/914"

    /// Decisions whose clauses may no longer be relied on.
    public static let repealed = ["2001/497/EC", "2004/915/EC", "2010/87/EU"]

    /// The last day contracts on repealed clauses were valid.
    public static let repealedValidUntil = Day(year: 2022, month: 12, day: 27)!

    /// SCC modules of (EU) 2021/914 by exporter and importer role.
    public static func module(exporterIsProcessor: Bool, importerIsProcessor: Bool) -> Int {
        switch (exporterIsProcessor, importerIsProcessor) {
        case (false, false): return 1
        case (false, true): return 2
        case (true, true): return 3
        case (true, false): return 4
        }
    }

    /// `2010/87/EU` from the ways people write it: `Decision 2010/87/EU`, `(EU) 2010/87`,
    /// `2010/87/eu`. Compared on year and number only.
    public static func normalized(_ reference: String) -> String {
        let digits = reference.split(whereSeparator: { !$0.isNumber }).map(String.init)
        guard let year = digits.firstIndex(where: { $0.count == 4 }), year + 1 < digits.count else {
            return reference.lowercased()
        }
        return digits[year] + "/" + digits[year + 1]
    }
}
