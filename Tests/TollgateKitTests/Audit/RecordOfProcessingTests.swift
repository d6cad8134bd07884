import Testing
import TollgateRules

@testable import TollgateKit

@Suite("Record of processing")
struct RecordOfProcessingTests {
    static let stack = """
        version: 1
        organization: { name: "Acme, \\"Retail\\" B.V.", dpo: dpo@acme.example }
        systems:
          - id: crm
            name: CRM
            system_type: crm
            responsibility: processor
            vendor: CRM Co
            processing_countries: [DE]
            privacy_declarations:
              - { name: Customer master, data_use: essential.service, data_categories: [user.name], data_subjects: [customer], legal_basis: contract, retention_days: 365 }
          - id: ads
            name: Ads
            system_type: ad_platform
            processing_countries: [IN]
            privacy_declarations:
              - { name: "=HYPERLINK(1), with comma", data_use: marketing.advertising, data_categories: [user.contact.email] }
        flows:
          - { id: crm-to-ads, from: crm, to: ads, data_categories: [user.contact.email], legal_basis: consent, data_use: marketing.advertising, destination_country: IN }
        """

    @Test func listsGapsPerActivity() {
        let record = RecordOfProcessing(TestSupport.inventory(Self.stack))
        #expect(record.controller == "Acme, \"Retail\" B.V.")
        #expect(record.dpo == "dpo@acme.example")
        let crm = record.entries.first { $0.systemID == "crm" }!
        #expect(crm.gaps == [])
        // The flow to Ads is for advertising, a purpose the CRM declares no activity for: it could
        // serve the one it has, so Ads stays its recipient rather than drop out of the record.
        #expect(crm.recipients == ["CRM Co (processor)", "Ads"])
        let ads = record.entries.first { $0.systemID == "ads" }!
        // The legal basis comes from the flow that feeds the purpose; no subjects, no vendor or
        // onward flow, a transfer to India without safeguard, no retention.
        #expect(ads.legalBases == ["consent"])
        #expect(ads.gaps == [.dataSubjects, .recipients, .transferSafeguards, .retention])
        #expect(ads.transfers == ["IN (none)"])
    }

    /// Art. 30(1)(d) recipients are an activity's own: the systems its system's flows go to for
    /// its purpose (a narrower or broader one too); a flow for a purpose no activity of the
    /// system has counts for each, and the declaration's `egress` for its own.
    @Test func recipientsAreThoseOfTheActivitysPurpose() {
        let record = RecordOfProcessing(
            TestSupport.inventory(
                """
                version: 1
                systems:
                  - id: crm
                    name: CRM
                    system_type: crm
                    vendor: CRM Co
                    privacy_declarations:
                      - { name: Newsletter, data_use: marketing.communications.email, data_categories: [user.contact.email], data_subjects: [customer], legal_basis: consent, retention_days: 30 }
                      - { name: Audiences, data_use: marketing.advertising, data_categories: [user.contact.email], data_subjects: [customer], legal_basis: consent, retention_days: 30, egress: [dsp] }
                  - { id: esp, name: ESP, system_type: esp }
                  - { id: ads, name: Ads, system_type: ad_platform }
                  - { id: dsp, name: DSP, system_type: ad_platform }
                  - { id: counsel, name: Counsel, system_type: other }
                flows:
                  - { id: to-esp, from: crm, to: esp, data_categories: [user.contact.email], data_use: marketing.communications.email }
                  - { id: to-ads, from: crm, to: ads, data_categories: [user.contact.email], data_use: marketing.advertising.third_party.targeted }
                  - { id: to-counsel, from: crm, to: counsel, data_categories: [user.contact.email], data_use: essential.legal_obligation }
                """))
        let crm = record.entries.filter { $0.systemID == "crm" }
        let recipients = Dictionary(uniqueKeysWithValues: crm.map { ($0.activity, $0.recipients) })
        #expect(recipients["Newsletter"] == ["CRM Co", "Counsel", "ESP"])
        #expect(recipients["Audiences"] == ["CRM Co", "Ads", "Counsel", "DSP"])
    }

    @Test func adequacyAndDPFCoverTransfers() {
        let record = RecordOfProcessing(
            TestSupport.inventory(
                """
                version: 1
                systems:
                  - id: a
                    name: A
                    system_type: crm
                    vendor: A Inc
                    processing_countries: [US, JP, FR]
                    dpf: { certified: true }
                    privacy_declarations:
                      - { data_use: essential.service, data_categories: [user.name], data_subjects: [customer], legal_basis: contract, retention_days: 30 }
                """))
        #expect(record.entries[0].transfers == ["JP (adequacy)", "US (dpf)"])
        #expect(record.entries[0].gaps == [])
    }

    /// A flow that declares no transfer mechanism (or `none`) into a country is a transfer
    /// without safeguard there, as PRIV-012 reports it: the mechanism of another flow into the
    /// system does not cover it. Repealed SCCs (2010/87/EU, PRIV-013) are no safeguard either.
    /// (The record once lent one flow's Art. 49 ground to every country of the system.)
    @Test func aFlowWithoutMechanismIsAnUnsafeguardedTransfer() {
        let record = RecordOfProcessing(
            TestSupport.inventory(
                """
                version: 1
                systems:
                  - { id: cdp, name: CDP, system_type: cdp }
                  - id: ads
                    name: Ads
                    system_type: ad_platform
                    vendor: Ads Co
                    processing_countries: [SG, US, MY]
                    privacy_declarations:
                      - { data_use: marketing.advertising, data_categories: [user.contact.email], data_subjects: [customer], legal_basis: consent, retention_days: 30 }
                  - id: sizes
                    name: Sizes
                    system_type: other
                    vendor: Sizes Inc
                    processing_countries: [US]
                    privacy_declarations:
                      - { data_use: personalize, data_categories: [user.name], data_subjects: [customer], legal_basis: consent, retention_days: 30 }
                flows:
                  - { id: a, from: cdp, to: ads, data_categories: [user.contact.email], data_use: marketing.advertising, legal_basis: consent, destination_country: SG, transfer_mechanism: { type: none } }
                  - { id: b, from: cdp, to: ads, data_categories: [user.contact.email], data_use: marketing.advertising, legal_basis: consent, destination_country: SG, transfer_mechanism: { type: art49, art49_ground: explicit_consent } }
                  - { id: c, from: cdp, to: ads, data_categories: [user.contact.email], data_use: marketing.advertising, legal_basis: consent, destination_country: US }
                  - { id: d, from: cdp, to: sizes, data_categories: [user.name], data_use: personalize, legal_basis: consent, destination_country: US, transfer_mechanism: { type: scc_repealed, decision_ref: 2010/87/EU } }
                """))
        let ads = record.entries.first { $0.systemID == "ads" }!
        // MY is reached by no flow: the flows' mechanism (the contract with the vendor) covers it.
        #expect(ads.transfers == ["MY (art49)", "SG (none)", "US (none)"])
        #expect(ads.gaps == [.transferSafeguards])
        let sizes = record.entries.first { $0.systemID == "sizes" }!
        #expect(sizes.transfers == ["US (scc_repealed)"])
        #expect(sizes.gaps == [.transferSafeguards])
    }

    /// Art. 30(1)(g) asks "where possible" for the security measures: the record lists what the
    /// system declares of them, and nothing declared is not a gap.
    @Test func securityMeasuresComeFromTheSystem() {
        let record = RecordOfProcessing(
            TestSupport.inventory(
                """
                version: 1
                systems:
                  - id: crm
                    name: CRM
                    system_type: crm
                    vendor: CRM Co
                    security:
                      sso_enforced: true
                      local_login_disabled: true
                      mfa_enforced: admins
                      password_policy: { min_length: 15 }
                      last_access_review: 2026-09-30
                    security_evidence: [{ kind: soc2_type2, report_date: 2026-03-31 }]
                    privacy_declarations:
                      - { data_use: essential.service, data_categories: [user.name], data_subjects: [customer], legal_basis: contract, retention_days: 30 }
                  - id: esp
                    name: ESP
                    system_type: esp
                    vendor: ESP Co
                    privacy_declarations:
                      - { data_use: essential.service, data_categories: [user.name], data_subjects: [customer], legal_basis: contract, retention_days: 30 }
                """))
        let crm = record.entries.first { $0.systemID == "crm" }!
        #expect(
            crm.securityMeasures == [
                "SSO enforced, local login disabled", "MFA for administrators", "passwords of 15+ characters",
                "access review 2026-09-30", "soc2_type2 (2026-03-31)",
            ])
        let esp = record.entries.first { $0.systemID == "esp" }!
        #expect(esp.securityMeasures.isEmpty && esp.gaps.isEmpty)
        #expect(record.csv().contains("soc2_type2 (2026-03-31)"))
    }

    /// Art. 30(1)(a) names, "where applicable, the joint controller": a system run as joint
    /// controllers names its vendor's legal entity and the Art. 26 arrangement; others none.
    @Test func jointControllersAreNamed() {
        let record = RecordOfProcessing(
            TestSupport.inventory(
                """
                version: 1
                systems:
                  - id: meta
                    name: Meta Ads
                    system_type: ad_platform
                    vendor: Meta
                    vendor_legal_entity: Meta Platforms Ireland Ltd
                    responsibility: joint_controller
                    joint_controller_info: Controller Addendum of 2023-05-01, essence on our privacy page
                    privacy_declarations:
                      - { data_use: marketing.advertising, data_categories: [user.contact.email], data_subjects: [customer], legal_basis: consent, retention_days: 30 }
                  - id: crm
                    name: CRM
                    system_type: crm
                    vendor: CRM Co
                    responsibility: processor
                    privacy_declarations:
                      - { data_use: essential.service, data_categories: [user.name], data_subjects: [customer], legal_basis: contract, retention_days: 30 }
                """))
        let joint = record.entries.map(\.jointController)
        #expect(
            joint == [
                nil,
                "Meta Platforms Ireland Ltd (arrangement: Controller Addendum of 2023-05-01, essence on our privacy page)",
            ])
        #expect(
            record.csv().hasPrefix(
                "controller,dpo,representatives,system_id,system,activity,vendor,vendor_role,joint_controller,"))
    }

    /// The vendor's sub-processors outside the EEA are onward transfers the record lists, each
    /// judged by its own mechanism or adequacy: one without a safeguard is a gap, as PRIV-012
    /// reports it, even when the vendor's own processing is covered.
    @Test func subprocessorTransfersAreListed() {
        let record = RecordOfProcessing(
            TestSupport.inventory(
                """
                version: 1
                systems:
                  - id: desk
                    name: Desk
                    system_type: other
                    vendor: Desk GmbH
                    processing_countries: [DE]
                    subprocessors:
                      - { name: Support centre, country: IN }
                      - { name: Hosting, country: JP }
                      - { name: Mail relay, country: US, transfer_mechanism: { type: scc_2021 } }
                      - { name: Backup, country: FR }
                    privacy_declarations:
                      - { data_use: essential.service, data_categories: [user.name], data_subjects: [customer], legal_basis: contract, retention_days: 30 }
                """))
        let desk = record.entries[0]
        #expect(
            desk.transfers == [
                "IN via sub-processor 'Support centre' (none)", "JP via sub-processor 'Hosting' (adequacy)",
                "US via sub-processor 'Mail relay' (scc_2021)",
            ])
        #expect(desk.gaps == [.transferSafeguards])
    }

    /// A system whose flows move personal data but that declares no processing is in the record
    /// too, built from its flows, with the gap PRIV-010 reports; one that moves only system
    /// data is not processing personal data and has no entry.
    @Test func aSystemWithoutDeclarationsIsListedFromItsFlows() {
        let record = RecordOfProcessing(
            TestSupport.inventory(
                """
                version: 1
                systems:
                  - id: crm
                    name: CRM
                    system_type: crm
                    vendor: CRM Co
                    privacy_declarations:
                      - { data_use: essential.service, data_categories: [user.name], data_subjects: [customer], legal_basis: contract, retention_days: 30 }
                  - { id: form, name: Form, system_type: survey, vendor: Form Co, responsibility: processor }
                  - { id: ads, name: Ads, system_type: ad_platform }
                  - { id: monitor, name: Monitor, system_type: analytics }
                flows:
                  - { id: signup, from: data_subject, to: form, data_categories: [user.contact.email, user.name], data_subjects: [customer], data_use: marketing.communications.email, legal_basis: consent }
                  - { id: form-ads, from: form, to: ads, data_categories: [user.contact.email, system.operations], data_use: marketing.advertising }
                  - { id: form-monitor, from: form, to: monitor, data_categories: [system.operations], data_use: analytics.reporting }
                """))
        #expect(record.entries.map(\.systemID) == ["ads", "crm", "form"])
        let form = record.entries.first { $0.systemID == "form" }!
        #expect(form.activity == "undeclared, from its flows")
        #expect(form.purpose == "marketing.advertising; marketing.communications.email")
        #expect(form.legalBases == ["consent"])
        #expect(form.dataSubjects == ["customer"])
        #expect(form.dataCategories == ["user.contact.email", "user.name"])
        #expect(form.recipients == ["Form Co (processor)", "Ads"])
        // Consent covers the sign-up; the form's sending on to Ads for advertising has no basis.
        #expect(form.gaps == [.undeclared, .legalBasis, .retention])
        #expect(form.location.pointer == "/systems/1")
        let ads = record.entries.first { $0.systemID == "ads" }!
        // No legal basis on the flow into it, no subjects, nobody it goes on to, no vendor.
        #expect(ads.gaps == [.undeclared, .legalBasis, .dataSubjects, .recipients, .retention])
        #expect(ads.dataCategories == ["user.contact.email"])
        // The label holds a comma, so the CSV quotes it.
        #expect(record.csv().contains(",\"undeclared, from its flows\","))
    }

    /// An undeclared system's legal bases include those of the flows it sends: a shop that only
    /// sends under consent has a basis, not a gap; and a purpose none of whose flows has a basis
    /// is a gap even when another purpose has one. (The record once took the bases of incoming
    /// flows only: the sender showed a 'legal basis' gap, the receiver 'consent' for both.)
    @Test func anUndeclaredSystemsBasesComeFromEveryFlowAndEachPurpose() {
        let record = RecordOfProcessing(
            TestSupport.inventory(
                """
                version: 1
                systems:
                  - { id: shop, name: Shop, system_type: ecommerce, vendor: Shop Co }
                  - { id: crm, name: CRM, system_type: crm, vendor: CRM Co }
                  - { id: ads, name: Ads, system_type: ad_platform, vendor: Ads Co }
                flows:
                  - { id: a, from: shop, to: crm, data_categories: [user.contact.email], data_subjects: [customer], data_use: marketing.communications.email, legal_basis: consent }
                  - { id: b, from: crm, to: ads, data_categories: [user.contact.email], data_subjects: [customer], data_use: marketing.advertising }
                """))
        let shop = record.entries.first { $0.systemID == "shop" }!
        #expect(shop.legalBases == ["consent"])
        #expect(shop.gaps == [.undeclared, .retention])
        let crm = record.entries.first { $0.systemID == "crm" }!
        #expect(crm.legalBases == ["consent"])
        #expect(crm.gaps == [.undeclared, .legalBasis, .retention])
    }

    /// A recipient written as white space only names nobody: the exported record lists the gap,
    /// and PRIV-010, which judges the same record, reports the same declaration. (The record
    /// once counted "  " as a vendor while the rule did not.)
    @Test func aBlankRecipientIsAGapInTheRecordAndForPRIV010() {
        let inventory = TestSupport.inventory(
            """
            version: 1
            organization: { name: Shop, dpo: privacy@shop.example }
            systems:
              - id: blank
                name: Blank
                system_type: other
                vendor_legal_entity: "  "
                privacy_declarations:
                  - { data_use: analytics.reporting, data_categories: [user.name], data_subjects: [customer], legal_basis: legitimate_interests, retention_days: 30 }
              - id: named
                name: Named
                system_type: other
                vendor_legal_entity: "Named GmbH"
                privacy_declarations:
                  - { data_use: analytics.reporting, data_categories: [user.name], data_subjects: [customer], legal_basis: legitimate_interests, retention_days: 30 }
            """)
        let record = RecordOfProcessing(inventory)
        #expect(record.entries.map(\.systemID) == ["blank", "named"])
        #expect(record.entries.map(\.gaps) == [[.recipients], []])
        let rule = RecordOfProcessingComplete()
        let report = Checker(rules: [rule], policy: .allRules([rule.description])).check(
            inventory, asOf: Day(iso: "2026-06-01")!)
        #expect(report.findings.map(\.subject.id) == ["blank"])
        #expect(report.findings.first?.message.contains("any recipient") == true)
    }

    @Test func blankTextIsWhiteSpaceOfAnyKind() {
        #expect("".isBlank && " \t\r\n\u{00A0}\u{2028}\u{3000}".isBlank)
        #expect(!" x ".isBlank && !"\u{200B}".isBlank)
        #expect((nil as String?).nonBlank == nil && ("  " as String?).nonBlank == nil)
        #expect((" a" as String?).nonBlank == " a")
    }

    @Test func csvFollowsRFC4180() {
        let csv = RecordOfProcessing(TestSupport.inventory(Self.stack)).csv()
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines.count == 4 && lines[3].isEmpty, "header, two rows, final CRLF")
        #expect(!csv.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        // Art. 30(1)(a): the controller, the DPO's contact and the representatives lead every row.
        #expect(lines[0].hasPrefix("controller,dpo,representatives,system_id,system,activity,"))
        #expect(
            lines[2].hasPrefix(
                "\"Acme, \"\"Retail\"\" B.V.\",dpo@acme.example,EU: not declared,crm,CRM,Customer master,"))
        // A leading '=' is defused so that spreadsheets do not run it as a formula.
        #expect(lines[1].contains(",\"'=HYPERLINK(1), with comma\","))
    }

    /// Art. 30(1)(a) names the representative: the UK one declared is listed, and an EU one is
    /// "not required" of an organisation established in the EEA rather than "not declared" as
    /// if missing. (The record once left `uk_representative` out and the CSV had neither.)
    @Test func representativesAreListedWithTheirScope() {
        let record = RecordOfProcessing(
            TestSupport.inventory(
                """
                version: 1
                organization: { name: Shop, dpo: dpo@shop.example, establishments: [NL, US], uk_representative: UK Rep Ltd }
                systems: []
                """))
        #expect(record.representatives == "EU: not required (established in the EEA); UK: UK Rep Ltd")
        #expect(record.csv().hasPrefix("controller,dpo,representatives,"))
        let outside = RecordOfProcessing(
            TestSupport.inventory(
                """
                version: 1
                organization: { name: Shop, establishments: [US], eu_representative: EU Rep B.V. }
                systems: []
                """))
        #expect(outside.representatives == "EU: EU Rep B.V.")
    }

    @Test func csvFieldQuoting() {
        #expect(RecordOfProcessing.csvField("plain") == "plain")
        #expect(RecordOfProcessing.csvField("a\nb") == "\"a\nb\"")
        #expect(RecordOfProcessing.csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(RecordOfProcessing.csvField("-1") == "'-1")
        #expect(RecordOfProcessing.csvField("") == "")
    }
}
