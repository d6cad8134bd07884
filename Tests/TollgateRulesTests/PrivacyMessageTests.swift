import Testing
import TollgateKit
import TollgateRules

/// What privacy findings say where the rule's examples check only who fails.
@Suite("Privacy finding messages")
struct PrivacyMessageTests {
    /// PRIV-032's example of sharing with no risk assessment and no `processing_started`.
    static let sharing =
        CCPASensitivePersonalInformation().description.examples.first {
            $0.name == "sharing with no risk assessment on 2026-01-01 (boundary)"
        }?.declaration ?? ""

    /// Without `processing_started` PRIV-032 treats the sharing as new processing, and says
    /// when processing begun before 2026 would be due.
    @Test func riskAssessmentMessageNamesTheDeadlineForExistingProcessing() throws {
        let findings = PrivacyPathTests.findings(
            Self.sharing, rule: CCPASensitivePersonalInformation(), asOf: "2026-11-23")
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.message.contains("required from 2026-01-01"))
        #expect(finding.message.contains("processing begun before 2026-01-01 has until 2027-12-31"))
        #expect(finding.message.contains("processing_started"))
    }

    @Test func riskAssessmentMessageForProcessingBegunBefore2026() throws {
        let yaml = Self.sharing.replacingOccurrences(
            of: "ccpa_share: true }", with: "ccpa_share: true, processing_started: 2025-06-01 }")
        let findings = PrivacyPathTests.findings(yaml, rule: CCPASensitivePersonalInformation(), asOf: "2028-01-01")
        let finding = try #require(findings.first)
        #expect(finding.message.contains("flow 'f' began on 2025-06-01 and had until 2027-12-31"))
    }

    /// PRIV-022 reports each banner property the banner does not declare, as not declared.
    @Test func undeclaredBannerPropertiesAreNamed() throws {
        let rule = ConsentBannerValid()
        let yaml = try #require(
            rule.description.examples.first { $0.name == "a banner that declares none of the three" }?.declaration)
        let messages = Set(PrivacyPathTests.findings(yaml, rule: rule).map(\.message))
        #expect(
            messages == [
                "whether the consent banner pre-ticks purposes is not declared (`prechecked`)",
                "a \"reject all\" on the consent banner's first layer is not declared (`reject_first_layer`)",
                "a link to change or withdraw consent is not declared (`withdrawal_link`)",
            ])
    }

    /// PRIV-029 counts the CASL period back from the send day (Interpretation Act s. 28) and says
    /// on which day the period began.
    @Test func caslLapseNamesTheStartOfThePeriodBeforeTheSend() throws {
        let rule = CASLConsentAndForm()
        let yaml = try #require(
            rule.description.examples.first { $0.name == "an inquiry on 29 April, sent on 31 October (boundary)" }?
                .declaration)
        let messages = PrivacyPathTests.findings(yaml, rule: rule).map(\.message)
        #expect(
            messages == [
                "implied consent from an inquiry on 2026-04-29 has lapsed: the 6-month period before the send on 2026-10-31 began on 2026-04-30"
            ])
    }

    /// A date after the as-of date is not on record on that day: PRIV-015, PRIV-020, PRIV-012
    /// and PRIV-017 say so in the same words.
    @Test(arguments: [
        (
            TransferImpactAssessment() as any Rule,
            "a TIA dated the day after the as-of date is not on record yet (boundary)",
            "receives transfers under scc_2021 (flow 'f') and its transfer impact assessment is dated 2026-06-02, after the as-of date 2026-06-01, so it is not on record as of that day"
        ),
        (
            DPIAWhereRequired(),
            "a DPIA dated the day after the as-of date is not on record yet (boundary)",
            "and the DPIA is dated 2026-06-02, after the as-of date 2026-06-01, so it is not on record as of that day"
        ),
        (
            TransferMechanismPresent(),
            "DPF check dated the day after the as-of date is not on record yet (boundary)",
            "relies on a DPF certification whose check is dated 2026-06-02, after the as-of date 2026-06-01, so it is not on record as of that day"
        ),
        (
            UKAndSwissTransferTools(),
            "Swiss data to a Swiss-US DPF recipient whose check is dated the day after the as-of date (boundary)",
            "whose check is dated 2026-06-02, after the as-of date 2026-06-01, so it is not on record as of that day"
        ),
    ])
    func datesAfterTheAsOfDateAreNotOnRecord(rule: any Rule, example: String, expected: String) throws {
        let yaml = try #require(rule.description.examples.first { $0.name == example }?.declaration)
        let messages = PrivacyPathTests.findings(yaml, rule: rule, asOf: "2026-06-01").map(\.message)
        #expect(messages.count == 1)
        #expect(messages.allSatisfy { $0.contains(expected) }, "\(messages)")
    }

    /// PRIV-005 says "data about children" once for the children's category and the `child`
    /// subject, not "data about children, user.childrens".
    @Test func childrensDataIsNamedOnce() throws {
        let yaml = """
            version: 1
            systems:
              - { id: crm, name: CRM, system_type: crm }
              - { id: ads, name: Ads, system_type: ad_platform }
            flows:
              - { id: f, from: crm, to: ads, data_categories: [user.childrens, user.health_and_medical],
                  data_subjects: [child], data_use: marketing.advertising.third_party.targeted, legal_basis: consent }
            """
        let messages = PrivacyPathTests.findings(yaml, rule: NoSensitiveDataToAdTargeting()).map(\.message)
        #expect(
            messages == ["data about children, user.health_and_medical reaches ad targeting at 'ads' via crm → ads"])
    }

    /// PRIV-032 cites the CCPA regulations as "11 CCR §7027(m)", as it cites the Civil Code with
    /// its section numbers, so the two are not confused.
    @Test func sensitiveInformationPurposesCiteTheRegulations() throws {
        let rule = CCPASensitivePersonalInformation()
        let yaml = try #require(
            rule.description.examples.first {
                $0.name == "precise geolocation used for e-mail marketing with no \"Limit\" link"
            }?.declaration)
        let messages = PrivacyPathTests.findings(yaml, rule: rule, asOf: "2026-11-23").map(\.message)
        let beyond = messages.filter { $0.contains("§7027(m)") }
        #expect(!beyond.isEmpty && beyond.allSatisfy { $0.contains("beyond the purposes 11 CCR §7027(m) allows") })
    }

    /// PRIV-027 is reported at the first flow into the tool when there is one, so its message
    /// names the tool: at a flow's line, "direct-marketing system" alone did not say which end.
    @Test func suppressionFindingNamesTheTool() throws {
        let rule = SuppressionReachesMarketing()
        let yaml = try #require(
            rule.description.examples.first { $0.name == "the ad platform gets audiences but never the opt-outs" }?
                .declaration)
        let messages = PrivacyPathTests.findings(yaml, rule: rule).map(\.message)
        #expect(
            messages == [
                "direct-marketing tool 'ads' receives no opt-outs or objections (user.privacy_preferences) by any path, and no suppression sync is declared"
            ])
    }

    /// PRIV-010 reports a system that receives or sends personal data and declares no privacy
    /// declaration, naming its flows and categories, at the system, where the declarations
    /// belong; the system data it also moves is not personal data and is not named.
    @Test func systemWithoutDeclarationsIsMissingFromTheRecord() throws {
        let yaml = """
            version: 1
            organization: { name: Shop B.V., dpo: privacy@shop.example }
            systems:
              - { id: crm, name: CRM, system_type: crm }
              - { id: esp, name: ESP, system_type: esp }
              - { id: ads, name: Ads, system_type: ad_platform }
            flows:
              - { id: crm-esp, from: crm, to: esp, data_categories: [user.contact.email, system.operations],
                  data_use: marketing, legal_basis: consent }
              - { id: signup, from: data_subject, to: esp, data_categories: [user.contact.email, user.name],
                  data_use: marketing, legal_basis: consent }
              - { id: esp-ads, from: esp, to: ads, data_categories: [user.contact.email],
                  data_use: marketing, legal_basis: consent }
            """
        let findings = PrivacyPathTests.findings(yaml, rule: RecordOfProcessingComplete())
        let said = findings.map { "\($0.subject) \($0.location.pointer) \($0.location.line): \($0.message)" }
        #expect(
            said == [
                "system:crm /systems/0 4: sends personal data (user.contact.email) by flow 'crm-esp' but declares "
                    + "no privacy declaration, so its processing is missing from the record",
                "system:esp /systems/1 5: receives and sends personal data (user.contact.email, user.name) by flows "
                    + "'crm-esp', 'signup', 'esp-ads' but declares no privacy declaration, so its processing is "
                    + "missing from the record",
                "system:ads /systems/2 6: receives personal data (user.contact.email) by flow 'esp-ads' but declares "
                    + "no privacy declaration, so its processing is missing from the record",
            ], "\(said)")
    }
}
