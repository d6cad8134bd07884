/// What waivers and a baseline did to a run, for reporters to show.
public struct TriageSummary: Sendable {
    /// The waiver files read, with their digests.
    public let waiverFiles: [InputFile]
    /// Every waiver, in file order, with its state and the findings it matched.
    public let waivers: [WaiverReview]
    /// How many days before expiry a waiver is reported as expiring.
    public let warningDays: Int
    /// The baseline, when one was given.
    public let baseline: BaselineReview?
}

/// How a baseline fared in a run.
public struct BaselineReview: Sendable {
    public let file: InputFile
    /// Number of entries in the baseline.
    public let entryCount: Int
    /// Entries whose finding no longer occurs (fixed, or the subject was renamed).
    public let missing: [Baseline.Entry]
    /// Entries whose rule did not run under this run's policy: neither found nor fixed, so in
    /// neither `missing` nor the matched count.
    public let unchecked: [Baseline.Entry]

    public init(file: InputFile, entryCount: Int, missing: [Baseline.Entry], unchecked: [Baseline.Entry] = []) {
        self.file = file
        self.entryCount = entryCount
        self.missing = missing
        self.unchecked = unchecked
    }

    /// Entries whose finding occurred in this run.
    public var matchedCount: Int { entryCount - missing.count - unchecked.count }
}
