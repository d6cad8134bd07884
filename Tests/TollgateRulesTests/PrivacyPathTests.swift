import Testing
import TollgateKit
import TollgateRules

/// The path-based privacy rules, on whole stacks: a finding at the edge that completes a path,
/// once, with every hop as evidence; and transfers judged along onward paths.
@Suite("Privacy rules along data-flow paths")
struct PrivacyPathTests {
    static let healthStack = """
        version: 1
        systems:
          - { id: web-form, name: Symptom checker form, system_type: cms }
          - { id: crm, name: CRM, system_type: crm }
          - { id: cdp, name: CDP, system_type: cdp }
          - { id: meta-ads, name: Meta Ads, system_type: ad_platform }
        flows:
          - { id: submit, from: data_subject, to: web-form, data_categories: [user.contact.email, user.health_and_medical],
              data_use: essential.service, legal_basis: contract }
          - { id: form-to-crm, from: web-form, to: crm, data_categories: [user.contact.email, user.health_and_medical],
              data_use: essential.service, legal_basis: contract }
          - { id: crm-to-cdp, from: crm, to: cdp, data_categories: [user], data_use: personalize, legal_basis: consent }
          - { id: cdp-to-meta, from: cdp, to: meta-ads, data_categories: [user],
              data_use: marketing.advertising.third_party.targeted, legal_basis: consent }
        """

    static func findings(_ yaml: String, rule: any Rule, asOf: String = "2026-06-01") -> [Finding] {
        let outcome = InventoryLoader().load(text: yaml, name: "stack.yaml")
        #expect(outcome.errors.isEmpty, "\(outcome.errors.map(\.description))")
        let policy = Policy(sources: [], settings: [rule.description.id: Policy.Setting()])
        return Checker(rules: [rule], policy: policy).check(outcome.inventory, asOf: Day(iso: asOf)!).findings
    }

    /// Removes the line that declares flow `id`.
    static func without(_ id: String, in yaml: String) -> String {
        var lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.contains("{ id: \(id),") }) else {
            Issue.record("no flow \(id)")
            return yaml
        }
        var end = start + 1
        while end < lines.count, lines[end].hasPrefix("      ") { end += 1 }
        lines.removeSubrange(start..<end)
        return lines.joined(separator: "\n")
    }

    @Test func threeHopHealthPathIsReportedOnceAtTheCompletingEdge() throws {
        let findings = Self.findings(Self.healthStack, rule: NoSensitiveDataToAdTargeting())
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.subject.description == "flow:cdp-to-meta")
        #expect(finding.evidence == ["web-form", "crm", "cdp", "meta-ads"])
        #expect(finding.message.contains("web-form → crm → cdp → meta-ads"))
        #expect(finding.message.contains("user.health_and_medical"))
        #expect(finding.location.pointer.hasPrefix("/flows/3"))
    }

    @Test(arguments: ["form-to-crm", "crm-to-cdp", "cdp-to-meta"])
    func removingAnyHopClearsTheFinding(hop: String) {
        let stack = Self.without(hop, in: Self.healthStack)
        #expect(!stack.contains("id: \(hop),"))
        #expect(Self.findings(stack, rule: NoSensitiveDataToAdTargeting()).isEmpty)
    }

    static func transferStack(dpf: String, subprocessors: String = "") -> String {
        """
        version: 1
        systems:
          - { id: website, name: Website, system_type: cms, processing_countries: [IE] }
          - { id: cdp, name: CDP, system_type: cdp, processing_countries: [DE] }
          - id: us-processor
            name: US e-mail processor
            system_type: esp
            responsibility: processor
            processing_countries: [US]
        \(dpf.isEmpty ? "" : "    dpf: \(dpf)")
        \(subprocessors.isEmpty ? "" : "    subprocessors: \(subprocessors)")
        flows:
          - { id: signup, from: data_subject, to: website, data_categories: [user.contact.email], subject_regions: [EEA],
              data_use: marketing.communications.email, legal_basis: consent }
          - { id: web-to-cdp, from: website, to: cdp, data_categories: [user.contact.email],
              data_use: marketing.communications.email, legal_basis: consent }
          - { id: cdp-to-us, from: cdp, to: us-processor, data_categories: [user.contact.email],
              data_use: marketing.communications.email, legal_basis: consent }
        """
    }

    static let certified = "{ certified: true, entity: Example Mail Inc., frameworks: [EU], checked_on: 2026-03-01 }"

    @Test func usProcessorPassesWithDPFCertification() {
        #expect(Self.findings(Self.transferStack(dpf: Self.certified), rule: TransferMechanismPresent()).isEmpty)
    }

    @Test func usProcessorFailsWithoutDPFCertification() {
        for dpf in ["", "{ certified: false }", "{ certified: true, frameworks: [UK] }"] {
            let findings = Self.findings(Self.transferStack(dpf: dpf), rule: TransferMechanismPresent())
            #expect(findings.count == 1, "dpf: \(dpf)")
            #expect(findings.first?.subject.description == "flow:cdp-to-us")
            // The EEA scope comes from the collection two hops upstream, so the path shows it.
            #expect(findings.first?.evidence == ["website", "cdp", "us-processor"])
        }
    }

    @Test func usProcessorFailsWhenItsSubprocessorHasNoMechanism() {
        let stack = Self.transferStack(
            dpf: Self.certified, subprocessors: "[{ name: Offshore support, country: PH }]")
        let findings = Self.findings(stack, rule: TransferMechanismPresent())
        #expect(findings.count == 1)
        #expect(findings.first?.evidence == ["website", "cdp", "us-processor", "Offshore support (PH)"])
        #expect(findings.first?.message.contains("sub-processor 'Offshore support' in PH") == true)
        let covered = Self.transferStack(
            dpf: Self.certified,
            subprocessors:
                "[{ name: Offshore support, country: PH, transfer_mechanism: { type: scc_2021, scc_module: 3 } }]")
        #expect(Self.findings(covered, rule: TransferMechanismPresent()).isEmpty)
    }

    /// A one-system collection into a US processor, with the organisation's establishments and
    /// the flow's subject regions as given.
    static func collectionStack(establishments: String, regions: String) -> String {
        """
        version: 1
        organization: { name: Shop, establishments: \(establishments) }
        systems:
          - { id: crm, name: CRM, system_type: crm, responsibility: processor, processing_countries: [US] }
        flows:
          - { id: signup, from: data_subject, to: crm, data_categories: [user.contact.email],\(regions)
              data_use: marketing.communications.email, legal_basis: consent }
        """
    }

    /// GDPR Art. 3(1): an organisation established only in the EEA has its transfers in scope
    /// whatever the flow says of its subjects, and the finding does not call the data EEA
    /// subjects'. Established outside as well, the flow may be the other entity's: not in scope.
    @Test(arguments: ["", " subject_regions: [US],"])
    func eeaEstablishmentPutsEveryTransferInScope(regions: String) throws {
        let findings = Self.findings(
            Self.collectionStack(establishments: "[DE]", regions: regions), rule: TransferMechanismPresent())
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(
            finding.message
                == "transfer of personal data of an organisation established in DE to US ('crm') on collection goes to a recipient not certified under the EU-US Data Privacy Framework"
        )
        #expect(finding.evidence == ["data_subject", "crm"])
        for establishments in ["[US]", "[DE, US]"] {
            let outside = Self.collectionStack(establishments: establishments, regions: regions)
            #expect(Self.findings(outside, rule: TransferMechanismPresent()).isEmpty, "\(establishments)")
        }
    }

    /// UK GDPR Art. 3(1) and the FADP: an organisation established only in the UK or only in
    /// Switzerland has its transfers under PRIV-017 as an EEA-only one has them under PRIV-012,
    /// and the finding says so; established elsewhere as well, the flow's subjects decide.
    @Test(arguments: [
        ("[GB]", "", ["GB"]), ("[CH]", " subject_regions: [US],", ["CH"]), ("[GB, US]", "", []),
        ("[GB, CH]", "", []),
    ])
    func ukOrSwissEstablishmentPutsEveryTransferInScope(establishments: String, regions: String, homes: [String]) {
        let findings = Self.findings(
            Self.collectionStack(establishments: establishments, regions: regions), rule: UKAndSwissTransferTools())
        let expected = homes.map { home in
            let (regime, framework) =
                home == "GB" ? ("UK", "the UK Extension to the DPF") : ("Swiss", "the Swiss-US DPF")
            return "transfer of personal data of an organisation established in \(home) to US ('crm') goes to a "
                + "recipient not certified under \(framework), and no other \(regime) transfer tool is declared"
        }
        #expect(findings.map(\.message) == expected)
        let outside = Self.collectionStack(establishments: "[DE, US]", regions: regions)
        #expect(Self.findings(outside, rule: UKAndSwissTransferTools()).isEmpty)
    }

    /// Data collected straight into the recipient has no route to name: the finding says "on
    /// collection" and the path starts at the data subject, not "via crm" with a one-hop path.
    @Test func collectionIntoAThirdCountryIsWordedPlainly() throws {
        let findings = Self.findings(
            Self.collectionStack(establishments: "[US]", regions: " subject_regions: [EEA],"),
            rule: TransferMechanismPresent())
        let finding = try #require(findings.first)
        #expect(
            finding.message
                == "transfer of EEA subjects' data to US ('crm') on collection goes to a recipient not certified under the EU-US Data Privacy Framework"
        )
        #expect(finding.evidence == ["data_subject", "crm"])
    }
}
