/// How a report's findings divide by severity and status, counted in one pass.
///
/// Every reporter prints the same summary (findings per severity, blocking, waived, in the
/// baseline); counting them here once keeps the formats in agreement and avoids filtering
/// a copy of every finding per figure, which at L (hundreds of thousands of findings) cost
/// more than writing the text summary itself.
public struct FindingTally: Sendable, Equatable {
    /// All findings, whatever their status.
    public private(set) var total = 0
    /// Open findings at or above `--fail-on`: what fails the run.
    public private(set) var blocking = 0
    /// Findings a current waiver accepts.
    public private(set) var waived = 0
    /// Findings known in the baseline and not waived.
    public private(set) var baselined = 0
    /// Findings of each severity, whatever their status; indexed by `Severity.allCases`.
    private var severityCounts = [Int](repeating: 0, count: Severity.allCases.count)

    /// Counts `findings` against `failOn`.
    public init(_ findings: some Sequence<Finding>, failOn: FailThreshold) {
        for finding in findings {
            total += 1
            if finding.blocks(at: failOn) { blocking += 1 }
            switch finding.status {
            case .open: break
            case .waived: waived += 1
            case .baselined: baselined += 1
            }
            severityCounts[Self.slot(finding.severity)] += 1
        }
    }

    /// The number of findings of `severity`, whatever their status.
    public func count(_ severity: Severity) -> Int { severityCounts[Self.slot(severity)] }

    private static func slot(_ severity: Severity) -> Int {
        Severity.allCases.firstIndex(of: severity)!
    }
}

extension Report {
    /// The findings counted by severity and status (see `FindingTally`).
    public var tally: FindingTally { FindingTally(findings, failOn: failOn) }

    /// Whether some open finding is at or above `--fail-on`.
    public var hasBlockingFindings: Bool { findings.contains(where: isBlocking) }
}
