import TollgateKit

/// ACC-023: processors show a current independent security attestation.
public struct VendorSecurityEvidence: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "ACC-023", slug: "vendor-security-evidence", domain: .accounts,
        title: "Processors show current security evidence",
        rationale: """
            A processor holds the organisation's customer data, and GDPR Art. 28(1) allows only processors giving \
            sufficient guarantees. A SOC 2 report or ISO/IEC 27001 certificate is the usual evidence; SOC 2 reports \
            cover twelve months, so one older than the policy's period (12 months by default, counted in months: a \
            report stays current through its anniversary, across a 29 February too) no longer says much.
            """,
        severity: .medium,
        references: ["GDPR Art. 28(1)", "ISO/IEC 27001:2022 A.5.19, A.5.22", "CIS Controls v8.1 15.5", "SOC 2 CC9.2"],
        controls: ControlMapping(
            iso27001: ["A.5.19", "A.5.22"], soc2: ["CC9.2"], nistCSF: ["GV.SC-07"], cis: ["15.5"]),
        remediation: "obtain the vendor's latest SOC 2 report or ISO 27001 certificate and record its date",
        parameters: [
            RuleParameter(
                "max_report_age_months", .int(12),
                "months a report or certificate stays current (through the same day of the month; a later month's end clamps)"
            ),
            RuleParameter(
                "accepted_kinds", .strings(["soc2", "iso27001"]),
                "evidence counts when its `kind`, ignoring case, spaces and punctuation, contains one of these (`SOC 2 Type II`); `ISO/IEC` counts as `ISO` (`ISO/IEC 27001:2022 certificate`)",
                values: .freeText("words looked for in the free-text `kind` of security evidence")
            ),
        ],
        examples: [
            RuleExample(
                "SOC 2 report dated 12 months ago (boundary)", asOf: "2026-06-01",
                """
                version: 1
                systems:
                  - { id: esp, name: ESP, system_type: esp, responsibility: processor, security_evidence: [{ kind: SOC 2 Type II, report_date: 2025-06-01 }] }
                """),
            RuleExample(
                "ISO 27001 certificate dated 12 months and a day ago (boundary)", failing: ["system:esp"],
                asOf: "2026-06-01",
                """
                version: 1
                systems:
                  - { id: esp, name: ESP, system_type: esp, responsibility: processor, security_evidence: [{ kind: ISO 27001 certificate, report_date: 2025-05-31 }] }
                """),
            RuleExample(
                "anniversary in a leap year: report of 2027-03-01, as of 2028-03-01 (boundary)", asOf: "2028-03-01",
                """
                version: 1
                systems:
                  - { id: esp, name: ESP, system_type: esp, responsibility: processor, security_evidence: [{ kind: SOC 2 Type II, report_date: 2027-03-01 }] }
                """),
            RuleExample(
                "a day after the anniversary in a leap year (boundary)", failing: ["system:esp"], asOf: "2028-03-02",
                """
                version: 1
                systems:
                  - { id: esp, name: ESP, system_type: esp, responsibility: processor, security_evidence: [{ kind: SOC 2 Type II, report_date: 2027-03-01 }] }
                """),
            RuleExample(
                "the standard's full name: ISO/IEC 27001:2022 certificate",
                """
                version: 1
                systems:
                  - { id: esp, name: ESP, system_type: esp, responsibility: processor, security_evidence: [{ kind: "ISO/IEC 27001:2022 certificate", report_date: 2026-01-15 }] }
                  - { id: crm, name: CRM, system_type: crm, responsibility: processor, security_evidence: [{ kind: ISO-IEC 27001, report_date: 2026-01-15 }] }
                """),
            RuleExample(
                "neighbouring standards are not SOC 2 or ISO 27001 (boundary)",
                failing: ["system:crm", "system:esp", "system:pay"],
                """
                version: 1
                systems:
                  - { id: esp, name: ESP, system_type: esp, responsibility: processor, security_evidence: [{ kind: "ISO/IEC 27002:2022", report_date: 2026-01-15 }] }
                  - { id: crm, name: CRM, system_type: crm, responsibility: processor, security_evidence: [{ kind: ISO 9001 certificate, report_date: 2026-01-15 }] }
                  - { id: pay, name: Pay, system_type: other, responsibility: processor, security_evidence: [{ kind: SOC 1 Type II, report_date: 2026-01-15 }] }
                """),
            RuleExample(
                "report dated on the as-of date (boundary)", asOf: "2026-06-01",
                """
                version: 1
                systems:
                  - { id: esp, name: ESP, system_type: esp, responsibility: processor, security_evidence: [{ kind: SOC 2 Type II, report_date: 2026-06-01 }] }
                """),
            RuleExample(
                "report dated the day after the as-of date (boundary)", failing: ["system:esp"], asOf: "2026-06-01",
                """
                version: 1
                systems:
                  - { id: esp, name: ESP, system_type: esp, responsibility: processor, security_evidence: [{ kind: SOC 2 Type II, report_date: 2026-06-02 }] }
                """),
            RuleExample(
                "a later report is not on record yet; the earlier current one counts", asOf: "2026-06-01",
                """
                version: 1
                systems:
                  - id: esp
                    name: ESP
                    system_type: esp
                    responsibility: processor
                    security_evidence: [{ kind: SOC 2 Type II, report_date: 2026-09-01 }, { kind: SOC 2 Type II, report_date: 2025-09-01 }]
                """),
            RuleExample(
                "processor without evidence", failing: ["system:esp"],
                """
                version: 1
                systems: [{ id: esp, name: ESP, system_type: esp, responsibility: processor }]
                """),
            RuleExample(
                "controller tools are out of scope",
                """
                version: 1
                systems: [{ id: ads, name: Ads, system_type: ad_platform, responsibility: controller }]
                """),
        ])

    /// `SOC 2 Type II` → `soc2typeii`, so free-text kinds match the accepted names. The
    /// standard's official name, `ISO/IEC 27001`, becomes `iso27001` like its short name: `IEC`
    /// right after `ISO` is dropped.
    static func normalised(_ kind: String) -> String {
        String(kind.lowercased().filter { $0.isLetter || $0.isNumber }).replacing("isoiec", with: "iso")
    }

    public func evaluate(_ context: RuleContext) -> [Evaluation] {
        let maxAge = context.parameters.int("max_report_age_months")
        let accepted = context.parameters.strings("accepted_kinds").map(Self.normalised)
        return context.inventory.systems.compactMap { system in
            guard system.isProcessor else { return nil }
            let evidence = system.securityEvidence.filter { item in
                accepted.contains { Self.normalised(item.kind).contains($0) }
            }
            // Evidence dated after the as-of date was not on record that day: the latest dated on
            // or before it counts; only when every dated item is later is the earliest reported.
            let dated = evidence.filter { $0.reportDate != nil }
            let onRecord = dated.filter { $0.reportDate! <= context.asOf }
            if onRecord.isEmpty, let first = dated.min(by: { $0.reportDate! < $1.reportDate! }),
                let future = AsOfDates.afterAsOf(
                    "processor: the \(first.kind) evidence is dated", first.reportDate!, context.asOf)
            {
                return Evaluation(
                    .system(system), [Violation(future, at: first.origin.location("report_date"), key: "evidence")])
            }
            guard let latest = onRecord.max(by: { $0.reportDate! < $1.reportDate! }) else {
                let reason =
                    evidence.isEmpty ? "no SOC 2 or ISO 27001 evidence is recorded" : "evidence has no report date"
                let location =
                    evidence.first?.origin.location("report_date") ?? system.origin.location("security_evidence")
                return Evaluation(.system(system), [Violation("processor: \(reason)", at: location, key: "evidence")])
            }
            let lapsed = latest.reportDate!.adding(months: maxAge)
            guard lapsed < context.asOf else { return Evaluation(.system(system)) }
            return Evaluation(
                .system(system),
                [
                    Violation(
                        "latest \(latest.kind) evidence, of \(latest.reportDate!), is older than \(maxAge) months "
                            + "(current through \(lapsed))",
                        at: latest.origin.location("report_date"), key: "evidence")
                ])
        }
    }
}
