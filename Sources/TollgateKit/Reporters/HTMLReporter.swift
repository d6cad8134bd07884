import Foundation

/// A self-contained HTML report for people who do not read XML: one file with inline CSS, a
/// little inline JavaScript for filtering, and an inline SVG data-flow map. It references
/// nothing outside itself (no fonts, images, scripts or links to the network), so it opens
/// offline in any browser, can be filed as evidence, and prints to PDF.
///
/// Without JavaScript every finding is shown and the filters stay hidden; the data-flow map and
/// the record of processing need the report's inventory (set by the checker) and are left out
/// when the input could not be checked.
public struct HTMLReporter: Reporter {
    public init() {}

    public func render(_ report: Report) throws -> Data {
        var page = HTMLPage()
        let organization = report.inventory?.organization?.name
        let title = "Tollgate audit report" + (organization.map { " — \($0)" } ?? "")
        page.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        // The policy forbids every fetch: even a stray reference in declaration text cannot load anything.
        page.raw(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
        )
        page.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        page.element("title", title)
        page.raw("\n<style>\n\(Self.style)</style>\n</head>\n<body>\n")
        header(report, title: title, into: &page)
        page.raw(
            "<nav><a href=\"#summary\">Summary</a> <a href=\"#coverage\">Coverage</a> <a href=\"#findings\">Findings</a> <a href=\"#map\">Data-flow map</a> <a href=\"#ropa\">Record of processing</a> <a href=\"#evidence\">Inputs and waivers</a></nav>\n"
        )
        page.raw("<main>\n")
        if report.isInvalidInput {
            diagnostics(report, into: &page)
        }
        summary(report, into: &page)
        coverage(report, into: &page)
        findings(report, into: &page)
        if let inventory = report.inventory {
            DataFlowMap(inventory: inventory, findings: report.findings).render(into: &page)
            recordOfProcessing(RecordOfProcessing(inventory), into: &page)
        }
        evidence(report, into: &page)
        page.raw("</main>\n<script>\n\(Self.script)</script>\n</body>\n</html>\n")
        return Data(page.text.utf8)
    }

    // MARK: - Sections

    private func header(_ report: Report, title: String, into page: inout HTMLPage) {
        let outcome = report.runOutcome
        page.raw("<header>\n")
        page.element("h1", title)
        page.raw("<p class=\"meta\">")
        // The class is the XML spelling (kebab-case, stable); the words can be reworded freely.
        page.raw("<span class=\"outcome outcome-\(outcome.xmlValue)\">")
        page.text(outcome.words)
        page.raw("</span> ")
        let gate: String
        switch report.failOn {
        case .atOrAbove(let severity): gate = "fail on \(severity.rawValue) and above"
        case .never: gate = "report only (fail on none)"
        }
        page.text(
            "as of \(report.asOf) · \(gate) · Tollgate \(report.toolVersion) · \(report.inputs.count) input files · policy: "
                + report.policy.map(\.name).joined(separator: ", "))
        page.raw("</p>\n</header>\n")
    }

    private func diagnostics(_ report: Report, into page: inout HTMLPage) {
        page.raw("<section id=\"diagnostics\">\n")
        page.element("h2", "Input problems: nothing was checked")
        page.raw("<ul>\n")
        for diagnostic in report.diagnostics {
            page.raw("<li>")
            page.text("\(diagnostic.location): \(diagnostic.level): \(diagnostic.message)")
            page.raw("</li>\n")
        }
        page.raw("</ul>\n</section>\n")
    }

    private func summary(_ report: Report, into page: inout HTMLPage) {
        let passed = report.results.reduce(0) { total, result in
            total + result.subjects.outcomeCounts(failOn: report.failOn)[.passed, default: 0]
        }
        let tally = report.tally
        page.raw("<section id=\"summary\">\n")
        page.element("h2", "Summary")
        page.raw("<div class=\"cards\">")
        let cards: [(String, Int, String)] = [
            ("checks", report.evaluationCount, ""), ("passed", passed, "good"),
            ("findings", tally.total, ""), ("failing the gate", tally.blocking, "bad"),
            ("waived", tally.waived, ""),
            ("rules", report.results.count, ""),
        ]
        for (label, count, kind) in cards {
            page.raw("<div class=\"card \(kind)\"><b>\(count)</b><span>")
            page.text(label)
            page.raw("</span></div>")
        }
        page.raw("</div>\n")
        let severities = Severity.allCases.reversed()
        page.raw(
            "<table class=\"grid\"><caption>Findings by domain: open ones by severity, then waived, baselined and checks passed</caption>\n<thead><tr><th>Domain</th>"
        )
        for severity in severities { page.raw("<th class=\"num\">\(severity.rawValue)</th>") }
        page.raw(
            "<th class=\"num\">waived</th><th class=\"num\">baselined</th><th class=\"num\">checks passed</th></tr></thead>\n<tbody>\n"
        )
        for domain in Domain.allCases {
            let findings = report.findings.filter { $0.domain == domain }
            let results = report.results.filter { $0.rule.domain == domain }
            let checks = results.reduce(0) { $0 + $1.subjects.count }
            let passed = results.reduce(0) { total, result in
                total + result.subjects.outcomeCounts(failOn: report.failOn)[.passed, default: 0]
            }
            page.raw("<tr><th>\(domain.rawValue)</th>")
            for severity in severities {
                let count = findings.filter { $0.severity == severity && $0.status == .open }.count
                page.raw("<td class=\"num\(count > 0 ? " sev-\(severity.rawValue)" : "")\">\(count)</td>")
            }
            page.raw("<td class=\"num\">\(findings.filter { $0.status == .waived }.count)</td>")
            page.raw("<td class=\"num\">\(findings.filter { $0.status == .baselined }.count)</td>")
            page.raw("<td class=\"num\">\(passed) of \(checks)</td></tr>\n")
        }
        page.raw("</tbody></table>\n</section>\n")
    }

    private func coverage(_ report: Report, into page: inout HTMLPage) {
        let coverage = FrameworkCoverage(report)
        page.raw("<section id=\"coverage\">\n")
        page.element("h2", "Coverage by framework")
        page.element(
            "p",
            "Controls for which the rules that ran provide evidence, and how the checks behind them came out. A control missing from a table has no automated check in this policy.",
            class: "note")
        page.raw("<div class=\"columns\">\n")
        for framework in FrameworkCoverage.Framework.allCases {
            let controls = coverage.controls(of: framework)
            page.raw("<table class=\"grid coverage\"><caption>")
            page.text("\(framework.rawValue) — \(controls.count) controls")
            page.raw(
                "</caption>\n<thead><tr><th>Control</th><th>Rules</th><th class=\"num\">Passed</th><th>Status</th></tr></thead>\n<tbody>\n"
            )
            if controls.isEmpty {
                page.raw("<tr><td colspan=\"4\" class=\"note\">no rule that ran maps to this framework</td></tr>\n")
            }
            for control in controls {
                page.raw("<tr><td>")
                page.text(control.id)
                page.raw("</td><td>")
                page.text(control.rules.joined(separator: ", "))
                page.raw("</td><td class=\"num\">\(control.passed)/\(control.evaluations)</td>")
                let status = control.status.rawValue
                page.raw("<td><span class=\"status status-\(status.replacingOccurrences(of: " ", with: "-"))\">")
                page.text(status)
                page.raw("</span></td></tr>\n")
            }
            page.raw("</tbody></table>\n")
        }
        page.raw("</div>\n</section>\n")
    }

    private func findings(_ report: Report, into page: inout HTMLPage) {
        page.raw("<section id=\"findings\">\n")
        page.element("h2", "Findings (\(report.findings.count))")
        page.raw(
            "<form id=\"filters\" class=\"filters\" hidden>\n<input type=\"search\" name=\"q\" placeholder=\"Search findings\" aria-label=\"Search findings\">\n"
        )
        for severity in Severity.allCases.reversed() {
            page.raw(
                "<label class=\"sev-\(severity.rawValue)\"><input type=\"checkbox\" name=\"sev\" value=\"\(severity.rawValue)\" checked> \(severity.rawValue)</label>\n"
            )
        }
        page.raw("<select name=\"domain\" aria-label=\"Domain\"><option value=\"\">all domains</option>")
        for domain in Domain.allCases { page.raw("<option>\(domain.rawValue)</option>") }
        page.raw("</select>\n<select name=\"status\" aria-label=\"Status\"><option value=\"\">any status</option>")
        for status in Finding.Status.allCases { page.raw("<option>\(status.rawValue)</option>") }
        page.raw("</select>\n<output id=\"shown\"></output>\n</form>\n")
        if report.findings.isEmpty { page.element("p", "No findings.", class: "note") }
        let ordered = report.findings.sorted {
            ($0.severity, $1.ruleID, $1.subject) > ($1.severity, $0.ruleID, $0.subject)
        }
        for finding in ordered {
            page.raw(
                "<article class=\"finding sev-\(finding.severity.rawValue)\" id=\"f-\(finding.fingerprint)\" data-severity=\"\(finding.severity.rawValue)\" data-domain=\"\(finding.domain.rawValue)\" data-status=\"\(finding.status.rawValue)\">\n"
            )
            page.raw("<h3><span class=\"badge sev-\(finding.severity.rawValue)\">\(finding.severity.rawValue)</span> ")
            page.text(finding.message)
            page.raw(" <small>")
            page.text("\(finding.ruleID) · \(finding.ruleTitle)")
            page.raw("</small>")
            if finding.status != .open {
                page.raw(" <span class=\"badge status-\(finding.status.rawValue)\">\(finding.status.rawValue)</span>")
            }
            page.raw("</h3>\n<dl>\n")
            page.definition("Subject", finding.subject.description)
            page.definition("Location", finding.location.description)
            if !finding.evidence.isEmpty {
                page.definition("Evidence path", finding.evidence.joined(separator: " → "))
            }
            page.definition("Legal references", finding.references.joined(separator: "; "))
            if !finding.controls.qualifiedIDs.isEmpty {
                page.definition("Controls", finding.controls.qualifiedIDs.joined(separator: ", "))
            }
            page.definition("Remediation", finding.remediation)
            if let waiver = finding.waiver {
                page.definition(
                    "Waiver",
                    "\(waiver.note) (owner \(waiver.waiver.owner), approver \(waiver.waiver.approver))"
                )
            }
            page.definition("Fingerprint", finding.fingerprint)
            page.raw("</dl>\n</article>\n")
        }
        page.raw("</section>\n")
    }

    private func recordOfProcessing(_ record: RecordOfProcessing, into page: inout HTMLPage) {
        page.raw("<section id=\"ropa\" class=\"appendix\">\n")
        page.element("h2", "Appendix A — Record of processing activities (GDPR Art. 30(1))")
        page.element(
            "p",
            "Controller: \(record.controller ?? "not declared") · DPO: \(record.dpo ?? "not declared") · Representatives: \(record.representatives) · \(record.entries.count) activities, \(record.entriesWithGaps.count) with gaps. The same record is exported as CSV.",
            class: "note")
        page.raw(
            "<table class=\"grid ropa\"><thead><tr><th>System</th><th>Activity and purpose</th><th>Legal basis</th><th>Subjects</th><th>Data categories</th><th>Recipients</th><th>Third-country transfers</th><th class=\"num\">Retention (days)</th><th>DPIA</th><th>Security measures</th><th>Gaps</th><th>Declared at</th></tr></thead>\n<tbody>\n"
        )
        for entry in record.entries {
            page.raw(entry.gaps.isEmpty ? "<tr>" : "<tr class=\"has-gaps\">")
            page.cell(
                entry.systemName + " (" + entry.systemID + ")"
                    + (entry.jointController.map { " — joint controller: " + $0 } ?? ""))
            page.cell(entry.activity + (entry.purpose.map { " — " + $0 } ?? ""))
            page.cell(entry.legalBases.joined(separator: ", "))
            page.cell(entry.dataSubjects.joined(separator: ", "))
            page.cell(entry.dataCategories.joined(separator: ", "))
            page.cell(entry.recipients.joined(separator: "; "))
            page.cell(entry.transfers.joined(separator: ", "))
            page.cell(entry.retentionDays.map(String.init) ?? "", class: "num")
            page.cell(entry.dpia ?? "")
            page.cell(entry.securityMeasures.joined(separator: "; "))
            page.raw("<td>")
            for gap in entry.gaps {
                page.raw("<span class=\"gap\">")
                page.text(gap.rawValue)
                page.raw("</span> ")
            }
            page.raw("</td>")
            // Where the activity is declared, so an auditor can trace each row to its source.
            page.cell(entry.location.description, class: "mono")
            page.raw("</tr>\n")
        }
        page.raw("</tbody></table>\n</section>\n")
    }

    private func evidence(_ report: Report, into page: inout HTMLPage) {
        page.raw("<section id=\"evidence\" class=\"appendix\">\n")
        page.element("h2", "Appendix B — Inputs, policy and waivers")
        page.raw("<table class=\"grid\"><thead><tr><th>Input</th><th>SHA-256</th></tr></thead><tbody>\n")
        for input in report.inputs {
            page.raw("<tr>")
            page.cell(input)
            page.cell(report.inputDigests[input] ?? "", class: "mono")
            page.raw("</tr>\n")
        }
        page.raw("</tbody></table>\n")
        page.raw(
            "<table class=\"grid\"><thead><tr><th>Policy pack</th><th>File</th><th>SHA-256</th></tr></thead><tbody>\n")
        for source in report.policy {
            page.raw("<tr>")
            page.cell(source.name)
            // The built-in defaults have no file: say where they come from rather than leave
            // blank cells a reader may take for missing evidence.
            page.cell(source.file.isEmpty ? "built into Tollgate \(report.toolVersion)" : source.file)
            page.cell(source.digest.isEmpty ? "—" : source.digest, class: "mono")
            page.raw("</tr>\n")
        }
        page.raw("</tbody></table>\n")
        if let triage = report.triage, !triage.waivers.isEmpty {
            page.raw(
                "<table class=\"grid\"><caption>Waivers</caption><thead><tr><th>Rule and subject</th><th>Status</th><th>Expires</th><th>Owner / approver</th><th>Ticket</th><th>Justification</th><th class=\"num\">Findings</th></tr></thead><tbody>\n"
            )
            for review in triage.waivers {
                page.raw("<tr>")
                page.cell(review.waiver.summary)
                page.cell(review.status.rawValue)
                page.cell(review.waiver.expires.description)
                page.cell("\(review.waiver.owner) / \(review.waiver.approver)")
                page.cell(review.waiver.ticket)
                page.cell(review.waiver.justification)
                page.cell(String(review.matched.count), class: "num")
                page.raw("</tr>\n")
            }
            page.raw("</tbody></table>\n")
        }
        page.raw("</section>\n")
    }

    // MARK: - Inline assets

    /// Colours are chosen to stay distinguishable in greyscale print (by weight and borders too).
    static let style = """
        :root { --ink: #1f2933; --muted: #52606d; --line: #d9e2ec; --bg: #f5f7fa; --crit: #8b1111; --high: #c2410c;
          --med: #a16207; --low: #1d4ed8; --info: #52606d; --good: #1f7a3a; --hot: #d62828; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
        header { padding: 20px 28px 12px; background: var(--bg); border-bottom: 1px solid var(--line); }
        h1 { margin: 0 0 6px; font-size: 22px; }
        h2 { margin: 28px 0 10px; font-size: 18px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
        h3 { margin: 0 0 6px; font-size: 14px; }
        nav { padding: 8px 28px; border-bottom: 1px solid var(--line); position: sticky; top: 0; background: #fff; z-index: 2; }
        nav a { margin-right: 14px; color: var(--low); text-decoration: none; }
        main { padding: 0 28px 40px; max-width: 1400px; }
        .meta { margin: 0; color: var(--muted); }
        .note { color: var(--muted); }
        .outcome { font-weight: 700; padding: 2px 8px; border-radius: 4px; color: #fff; background: var(--muted); }
        .outcome-failed { background: var(--crit); } .outcome-passed { background: var(--good); }
        .cards { display: flex; flex-wrap: wrap; gap: 10px; margin-bottom: 14px; }
        .card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 120px; background: var(--bg); }
        .card b { display: block; font-size: 22px; } .card span { color: var(--muted); }
        .card.bad b { color: var(--crit); } .card.good b { color: var(--good); }
        table.grid { border-collapse: collapse; margin: 0 0 16px; font-size: 13px; }
        .grid caption { text-align: left; font-weight: 600; padding: 4px 0; }
        .grid th, .grid td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
        .grid thead th { background: var(--bg); }
        .num { text-align: right !important; font-variant-numeric: tabular-nums; }
        .mono { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 11px; word-break: break-all; }
        .columns { display: flex; flex-wrap: wrap; gap: 18px; align-items: flex-start; }
        .sev-critical { color: var(--crit); font-weight: 700; } .sev-high { color: var(--high); font-weight: 600; }
        .sev-medium { color: var(--med); } .sev-low { color: var(--low); } .sev-info { color: var(--info); }
        .badge { display: inline-block; min-width: 64px; text-align: center; border: 1px solid currentColor; border-radius: 4px; padding: 0 6px; font-size: 12px; text-transform: uppercase; }
        .status { padding: 0 6px; border-radius: 4px; font-size: 12px; border: 1px solid var(--line); white-space: nowrap; }
        .status-failing { color: #fff; background: var(--crit); } .status-passing { color: #fff; background: var(--good); }
        .status-findings { background: #fde68a; } .status-not-applicable { color: var(--muted); }
        .status-waived, .status-baselined { color: var(--muted); }
        .filters { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; padding: 8px; background: var(--bg); border: 1px solid var(--line); border-radius: 6px; margin-bottom: 10px; }
        .filters input[type=search] { min-width: 260px; padding: 4px 6px; }
        .finding { border: 1px solid var(--line); border-left: 6px solid var(--info); border-radius: 4px; padding: 8px 12px; margin: 0 0 10px; }
        .finding.sev-critical { border-left-color: var(--crit); } .finding.sev-high { border-left-color: var(--high); }
        .finding.sev-medium { border-left-color: var(--med); } .finding.sev-low { border-left-color: var(--low); }
        .finding, .finding h3 { color: var(--ink); font-weight: 400; }
        .finding h3 { font-weight: 600; } .finding small { color: var(--muted); font-weight: 400; }
        .finding dl { display: grid; grid-template-columns: 140px 1fr; gap: 2px 12px; margin: 0; font-size: 13px; }
        .finding dt { color: var(--muted); } .finding dd { margin: 0; overflow-wrap: anywhere; }
        .map { border: 1px solid var(--line); border-radius: 6px; overflow-x: auto; background: #fff; }
        .map svg { display: block; }
        .map .node rect { fill: #eef2f7; stroke: #9aa5b1; stroke-width: 1; }
        .map .node.subject rect { fill: #fff7e6; stroke: #b7791f; }
        .map .node.hot rect { stroke: var(--hot); stroke-width: 2.5; }
        .map .node text { font: 12px system-ui, sans-serif; fill: var(--ink); }
        .map .edge { fill: none; stroke: #9aa5b1; stroke-width: 1.3; }
        .map .edge.hot { stroke: var(--hot); stroke-width: 2.6; }
        .map .count { fill: var(--hot); } .map .count-text { font: bold 10px system-ui, sans-serif; fill: #fff; }
        .legend { font-size: 12px; color: var(--muted); }
        .legend .swatch { display: inline-block; width: 28px; height: 0; border-top: 3px solid var(--hot); vertical-align: middle; margin: 0 4px 0 12px; }
        .legend .swatch.plain { border-top: 2px solid #9aa5b1; }
        .ropa td { font-size: 12px; } .ropa tr.has-gaps td:last-child { background: #fff4e5; }
        .gap { display: inline-block; border: 1px solid var(--high); color: var(--high); border-radius: 3px; padding: 0 4px; margin: 1px 0; font-size: 11px; }
        @media print {
          nav, .filters { display: none !important; }
          body { font-size: 10pt; } main, header { padding-left: 0; padding-right: 0; }
          .finding { display: block !important; break-inside: avoid; }
          section { break-before: auto; } .appendix, #map { break-before: page; }
          h2, h3 { break-after: avoid; } tr { break-inside: avoid; }
          .map { overflow: visible; border: none; } .map svg { max-width: 100%; height: auto; }
          .status-failing, .status-passing, .outcome { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }

        """

    /// Filters and search. Kept free of comments and of any URL-like text on purpose.
    static let script = """
        (function () {
          var form = document.getElementById('filters');
          if (!form) { return; }
          form.hidden = false;
          var items = Array.prototype.slice.call(document.querySelectorAll('.finding'));
          var shown = document.getElementById('shown');
          function apply() {
            var query = form.q.value.toLowerCase();
            var severities = {};
            Array.prototype.forEach.call(form.querySelectorAll('input[name=sev]'), function (box) { severities[box.value] = box.checked; });
            var domain = form.domain.value, status = form.status.value, count = 0;
            items.forEach(function (item) {
              var visible = severities[item.dataset.severity]
                && (domain === '' || item.dataset.domain === domain)
                && (status === '' || item.dataset.status === status)
                && (query === '' || item.textContent.toLowerCase().indexOf(query) >= 0);
              item.hidden = !visible;
              if (visible) { count += 1; }
            });
            shown.textContent = count + ' of ' + items.length + ' findings shown';
          }
          form.addEventListener('input', apply);
          form.addEventListener('change', apply);
          form.addEventListener('submit', function (event) { event.preventDefault(); });
          apply();
        })();

        """
}

/// HTML text being built, with escaping that also neutralises anything URL-like in declaration
/// text (`:`, `/` and `=` become character references), so no attacker-controlled or accidental
/// `https://…` or `src=…` ever appears literally in the page.
struct HTMLPage {
    private(set) var text = ""

    mutating func raw(_ html: String) { text += html }

    mutating func text(_ value: String) { text += Self.escape(value) }

    mutating func element(_ name: String, _ value: String, class className: String? = nil) {
        text += "<\(name)" + (className.map { " class=\"\($0)\"" } ?? "") + ">" + Self.escape(value) + "</\(name)>\n"
    }

    mutating func cell(_ value: String, class className: String? = nil) {
        text += (className.map { "<td class=\"\($0)\">" } ?? "<td>") + Self.escape(value) + "</td>"
    }

    mutating func definition(_ term: String, _ value: String) {
        text += "<dt>" + Self.escape(term) + "</dt><dd>" + Self.escape(value) + "</dd>\n"
    }

    static func escape(_ value: String) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "/": result += "&#47;"
            case ":": result += "&#58;"
            case "=": result += "&#61;"
            case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{7F}": result += "\u{FFFD}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
