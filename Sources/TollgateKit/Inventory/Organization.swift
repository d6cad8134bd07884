/// The organisation whose stack is declared: establishments, size and the facts that put it in
/// scope of GDPR, CCPA/CPRA and COPPA.
public struct Organization: DeclarationDecodable {
    public let name: String
    /// ISO 3166-1 alpha-2 codes of the organisation's establishments.
    public let establishments: [String]
    public let employeeCount: Int?
    public let annualGrossRevenueUSD: Int?
    public let caConsumersPerYear: Int?
    public let pctRevenueFromSellingSharing: Double?
    public let childDirected: Bool
    public let actualKnowledgeUnder13: Bool
    public let dpo: String?
    public let euRepresentative: String?
    public let ukRepresentative: String?
    /// E-mail domains the organisation controls (for recovery-channel checks).
    public let corporateDomains: [String]
    public let coppa: COPPAProgram?
    /// Date of the latest CPPA risk assessment, when the organisation sells or shares data.
    public let ccpaRiskAssessmentOn: Day?
    public let origin: Origin

    public init(reading r: inout FieldReader) {
        name = r.string("name", required: true) ?? ""
        establishments = r.strings("establishments")
        employeeCount = r.int("employee_count")
        annualGrossRevenueUSD = r.int("annual_gross_revenue_usd")
        caConsumersPerYear = r.int("ca_consumers_per_year")
        pctRevenueFromSellingSharing = r.double("pct_revenue_from_selling_sharing", in: 0...100)
        childDirected = r.bool("child_directed") ?? false
        actualKnowledgeUnder13 = r.bool("actual_knowledge_under_13") ?? false
        dpo = r.string("dpo")
        euRepresentative = r.string("eu_representative")
        ukRepresentative = r.string("uk_representative")
        corporateDomains = r.strings("corporate_domains")
        coppa = r.object("coppa")
        ccpaRiskAssessmentOn = r.day("ccpa_risk_assessment_on")
        origin = r.origin
    }
}

/// COPPA programme facts (16 CFR 312, 2025 amendments).
public struct COPPAProgram: DeclarationDecodable {
    public let verifiableParentalConsent: Bool?
    public let separateConsentForThirdPartyDisclosure: Bool?
    public let writtenRetentionPolicy: Bool?
    public let securityProgram: Bool?
    public let origin: Origin

    public init(reading r: inout FieldReader) {
        verifiableParentalConsent = r.bool("verifiable_parental_consent")
        separateConsentForThirdPartyDisclosure = r.bool("separate_consent_for_third_party_disclosure")
        writtenRetentionPolicy = r.bool("written_retention_policy")
        securityProgram = r.bool("security_program")
        origin = r.origin
    }
}
