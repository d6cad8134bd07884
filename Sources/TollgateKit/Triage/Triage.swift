/// Applies the user's exceptions to a checked report: waivers (accepted risks with an owner,
/// an approver and an expiry) and a baseline (findings already known).
///
/// This is the one place where exceptions touch a run. It sits between checking and
/// reporting: rules never see waivers, reporters never decide whether a finding counts, and
/// nothing is dropped — a waived or baselined finding stays in the report with its status, and
/// only stops failing the run. Notes for the reviewer (expired, expiring and stale waivers,
/// baseline entries that no longer occur) become warnings at the waiver's or entry's
/// file:line:col, so every format shows them where it shows input problems.
///
/// Staleness is judged only against the rules that ran (`Report.results`): a waiver or baseline
/// entry for a rule the policy left out could not have matched, so it is `unchecked`, and one
/// note per file says how many there are instead of a warning per entry.
public struct Triage: Sendable {
    public let waivers: [Waiver]
    public let waiverFiles: [InputFile]
    public let baseline: Baseline?
    /// A waiver whose expiry is this many days away, or fewer, is reported as expiring.
    public let warningDays: Int

    /// The default warning window: a month gives an owner time to fix or renew.
    public static let defaultWarningDays = 30

    public init(
        waivers: [Waiver] = [], waiverFiles: [InputFile] = [], baseline: Baseline? = nil,
        warningDays: Int = Triage.defaultWarningDays
    ) {
        self.waivers = waivers
        self.waiverFiles = waiverFiles
        self.baseline = baseline
        self.warningDays = warningDays
    }

    /// Whether there is anything to apply.
    public var isEmpty: Bool { waivers.isEmpty && waiverFiles.isEmpty && baseline == nil }

    /// The report with every finding's waiver and baseline state set, the review of waivers and
    /// baseline attached, and the notes added to its diagnostics. A report of invalid input is
    /// returned as it is: nothing was checked, so nothing can be waived.
    public func apply(to report: Report) -> Report {
        guard !isEmpty, !report.isInvalidInput else { return report }
        let states = waivers.map { $0.state(asOf: report.asOf, warningDays: warningDays) }
        var matched = [[String]](repeating: [], count: waivers.count)
        let known = Set(baseline?.entries.map(\.fingerprint) ?? [])
        var seen = Set<String>()

        func triage(_ finding: Finding) -> Finding {
            var finding = finding
            let matching = waivers.indices.filter { waivers[$0].matches(finding) }
            // A current waiver wins over an expired one; among equals, the first in the file.
            if let chosen = matching.first(where: { states[$0].waives }) ?? matching.first {
                finding.waiver = AppliedWaiver(waiver: waivers[chosen], state: states[chosen])
            }
            finding.isInBaseline = known.contains(finding.fingerprint)
            return finding
        }

        var out = report
        out.findings = report.findings.map { finding in
            for index in waivers.indices where waivers[index].matches(finding) {
                matched[index].append(finding.fingerprint)
            }
            seen.insert(finding.fingerprint)
            return triage(finding)
        }
        out.results = report.results.map { result in
            var result = result
            result.subjects.updateFindings { $0.map(triage) }
            return result
        }
        let ran = Set(report.results.map(\.rule.id))
        let reviews = waivers.indices.map { index in
            WaiverReview(
                waiver: waivers[index], state: states[index], matched: matched[index],
                checked: ran.contains(where: waivers[index].rule.matches))
        }
        let absent = (baseline?.entries ?? []).filter { !seen.contains($0.fingerprint) }
        let missing = absent.filter { ran.contains($0.rule) }
        let unchecked = absent.filter { !ran.contains($0.rule) }
        out.triage = TriageSummary(
            waiverFiles: waiverFiles, waivers: reviews, warningDays: warningDays,
            baseline: baseline.map {
                BaselineReview(file: $0.file, entryCount: $0.entries.count, missing: missing, unchecked: unchecked)
            })
        let notes =
            reviews.compactMap(Self.note) + missing.map(Self.note)
            + Self.uncheckedNotes(reviews.filter { $0.status == .unchecked }, unchecked, of: baseline)
        out.diagnostics = (report.diagnostics + Self.redact(notes, waivers: reviews, entries: absent)).sorted()
        return out
    }

    /// `notes` with every credential masked in what they quote of the waivers and baseline
    /// `entries`: a waiver's subject, owner and ticket, an entry's rule and subject, as written
    /// (a waiver's rule matches a known rule, or the loader refused it). Only these values are
    /// scanned, each as the file's scan judges it under its key, not the whole files: their
    /// loaders scan a file only when they report a problem in it, and a baseline of a large
    /// stack holds hundreds of thousands of strings.
    static func redact(_ notes: [Diagnostic], waivers: [WaiverReview], entries: [Baseline.Entry]) -> [Diagnostic] {
        guard !notes.isEmpty else { return notes }
        let quoted =
            waivers.flatMap { review in
                [("subject", review.waiver.subject), ("owner", review.waiver.owner), ("ticket", review.waiver.ticket)]
                    .map { (text: $0.1, field: $0.0, location: review.waiver.location) }
            }
            + entries.flatMap { entry in
                [("rule", entry.rule), ("subject", entry.subject)].map {
                    (text: $0.1, field: $0.0, location: entry.location)
                }
            }
        let redactor = SecretRedactor(SecretScanner().scan(quoted))
        return notes.map(redactor.redact)
    }

    /// One note per file for the waivers and baseline entries whose rules did not run. A file
    /// shared by gates with different policies is normal, so this informs once instead of
    /// warning about each entry.
    static func uncheckedNotes(
        _ waivers: [WaiverReview], _ entries: [Baseline.Entry], of baseline: Baseline?
    )
        -> [Diagnostic]
    {
        var notes: [Diagnostic] = []
        var files: [String] = []
        for review in waivers where !files.contains(review.waiver.location.file) {
            files.append(review.waiver.location.file)
        }
        for file in files {
            let rules = waivers.filter { $0.waiver.location.file == file }.map(\.waiver.rule.pattern)
            let (message, hint) =
                rules.count == 1
                ? (
                    "1 waiver was not checked: no rule it names ran under this policy",
                    "a run whose policy includes that rule checks it"
                )
                : (
                    "\(rules.count) waivers were not checked: no rule they name ran under this policy",
                    "a run whose policy includes those rules checks them"
                )
            notes.append(
                Diagnostic(
                    .note, at: SourceLocation(file: file, line: 1, column: 1), message + " (\(ruleList(rules)))",
                    hint: hint))
        }
        if let baseline, !entries.isEmpty {
            let message =
                entries.count == 1
                ? "1 baseline entry was not checked: its rule did not run under this policy"
                : "\(entries.count) baseline entries were not checked: their rules did not run under this policy"
            notes.append(
                Diagnostic(
                    .note, at: SourceLocation(file: baseline.file.path, line: 1, column: 1),
                    message + " (\(ruleList(entries.map(\.rule))))",
                    hint: "`tollgate baseline create` with this run's policy writes a baseline of its rules only"))
        }
        return notes
    }

    /// `ACC-009, LIC-001`: the distinct rules, sorted, the first five named.
    static func ruleList(_ rules: [String]) -> String {
        let distinct = Set(rules).sorted()
        let shown = distinct.prefix(5).joined(separator: ", ")
        return distinct.count > 5 ? "\(shown) and \(distinct.count - 5) more" : shown
    }

    /// The reviewer's note about a waiver, or `nil` when there is nothing to act on.
    static func note(_ review: WaiverReview) -> Diagnostic? {
        let waiver = review.waiver
        let count = review.matched.count
        let findings = count.counted("finding")
        switch review.status {
        case .active, .unchecked:
            return nil
        case .expired:
            let ago = -review.daysLeft
            let expired =
                "waiver for \(waiver.summary) expired on \(waiver.expires) (\(ago.counted("day")) ago)"
            if count > 0 {
                return Diagnostic(
                    .warning, at: waiver.location, expired + "; \(findings) no longer waived",
                    hint: "fix the findings or renew the waiver (\(waiver.ticket))")
            }
            // Whether it matches nothing is unknown when its rule did not run.
            return review.checked
                ? Diagnostic(.warning, at: waiver.location, expired + " and matches no finding", hint: "remove it")
                : Diagnostic(
                    .warning, at: waiver.location, expired + "; its rule did not run under this policy",
                    hint: "renew the waiver (\(waiver.ticket)) or remove it")
        case .stale:
            return Diagnostic(
                .warning, at: waiver.location, "waiver for \(waiver.summary) matches no finding (stale)",
                hint: "remove it if the problem was fixed, or correct its rule or subject")
        case .expiring:
            let when = review.daysLeft == 0 ? "today" : "in " + review.daysLeft.counted("day")
            return Diagnostic(
                .warning, at: waiver.location,
                "waiver for \(waiver.summary) expires on \(waiver.expires) (\(when)); it waives \(findings)",
                hint: "\(waiver.owner) should fix the findings or renew the waiver (\(waiver.ticket)) before then")
        }
    }

    /// The reviewer's note about a baseline entry that no longer occurs.
    static func note(_ entry: Baseline.Entry) -> Diagnostic {
        Diagnostic(
            .warning, at: entry.location,
            "baseline entry \(entry.rule) on \(entry.subject) (\(entry.fingerprint)) no longer occurs",
            hint: "it was fixed or its subject renamed; refresh the baseline with `tollgate baseline create`")
    }
}
