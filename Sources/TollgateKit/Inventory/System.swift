/// One marketing tool or vendor instance (fideslang `System` plus Tollgate's additions).
/// A class, not a struct: rules and indexes pass these around by the hundred thousand, and copying
/// a struct of thirty fields retains every one of them (measured: 15% of an L run in swift_retain).
///
/// `@unchecked Sendable` for one field: `security` is set by the loader when it attaches an
/// imported password-policy export, before the inventory is shared with any other thread.
public final class System: DeclarationDecodable, Identifiable, @unchecked Sendable {
    public let id: String
    public let name: String
    public let description: String?
    public let vendor: String?
    public let vendorLegalEntity: String?
    public let systemType: SystemType?
    public let responsibility: Responsibility?
    /// Countries where the vendor processes the data (ISO 3166-1 alpha-2).
    public let processingCountries: [String]
    /// Countries from which the vendor's staff can access the data (a transfer too).
    public let remoteAccessCountries: [String]
    public let vendorHQCountry: String?
    public let dpa: DataProcessingAgreement?
    public let subprocessors: [Subprocessor]
    public let ccpaContract: CCPAContract?
    public let dpf: DPFCertification?
    public let privacyDeclarations: [PrivacyDeclaration]
    public let usesCookies: Bool?
    public let cookieMaxAgeSeconds: Int?
    public let usesNonCookieAccess: Bool?
    /// Whether the tool only loads or receives data after consent (CMP-gated).
    public let consentGated: Bool?
    public let consentCategory: String?
    public let tcf: TCFDeclaration?
    public let googleConsentMode: GoogleConsentMode?
    /// Settable inside the package so that an imported password-policy export can be attached.
    public internal(set) var security: SecurityConfiguration?
    public let subscription: Subscription?
    public let dpia: AssessmentRecord?
    public let tia: AssessmentRecord?
    public let jointControllerInfo: String?
    public let usesProfiling: Bool?
    public let legalBasisForProfiling: [String]
    /// Person (id in `people`) accountable for the tool in the business.
    public let businessOwner: String?
    public let itReview: ITReview?
    public let securityEvidence: [SecurityEvidence]
    /// Ids this system is known by in tag-manager configuration, e.g. a GA4 measurement id
    /// (`G-…`), a Google Ads id (`AW-…`), a Meta pixel id, or, for a `tag_manager` system,
    /// its container ids (`GTM-…`). Imported tags carrying one of these ids send data here.
    public let tagIDs: [String]
    /// Path (relative to the declaring file) of an identity provider's user export whose users
    /// are this system's accounts: a Google Workspace Directory `users.list` response or an
    /// Okta `/api/v1/users` array (`InventoryLoader+AccountImports`).
    public let accountsImport: String?
    public let origin: Origin

    /// Whether the vendor processes your data on your behalf (a processor or sub-processor):
    /// the systems a DPA, sub-processor controls and vendor security evidence are asked of.
    public var isProcessor: Bool { responsibility == .processor || responsibility == .subProcessor }

    public init(reading r: inout FieldReader) {
        id = r.string("id", required: true) ?? ""
        name = r.string("name", required: true) ?? ""
        description = r.string("description")
        vendor = r.string("vendor")
        vendorLegalEntity = r.string("vendor_legal_entity")
        systemType = r.enumValue("system_type", required: true)
        responsibility = r.enumValue("responsibility")
        processingCountries = r.strings("processing_countries")
        remoteAccessCountries = r.strings("remote_access_countries")
        vendorHQCountry = r.string("vendor_hq_country")
        dpa = r.object("dpa")
        subprocessors = r.objects("subprocessors", context: "subprocessor")
        ccpaContract = r.object("ccpa_contract")
        dpf = r.object("dpf")
        privacyDeclarations = r.objects("privacy_declarations", context: "privacy declaration")
        usesCookies = r.bool("uses_cookies")
        cookieMaxAgeSeconds = r.int("cookie_max_age_seconds")
        usesNonCookieAccess = r.bool("uses_non_cookie_access")
        consentGated = r.bool("consent_gated")
        consentCategory = r.string("consent_category")
        tcf = r.object("tcf")
        googleConsentMode = r.object("google_consent_mode")
        security = r.object("security")
        subscription = r.object("subscription")
        dpia = r.object("dpia")
        tia = r.object("tia")
        jointControllerInfo = r.string("joint_controller_info")
        usesProfiling = r.bool("uses_profiling")
        legalBasisForProfiling = r.strings("legal_basis_for_profiling")
        businessOwner = r.string("business_owner")
        itReview = r.object("it_review")
        securityEvidence = r.objects("security_evidence")
        tagIDs = r.strings("tag_ids")
        accountsImport = r.string("accounts_import")
        origin = r.origin
    }
}

/// One purpose for which a system processes personal data (fideslang `PrivacyDeclaration`).
/// A class, like the entities: rules walk these for every system, flow or asset, and each
/// copy of a struct retained all its fields (see docs/performance.md, eighteenth round).
public final class PrivacyDeclaration: DeclarationDecodable {
    public let name: String?
    public let dataCategories: [String]
    public let dataUse: String?
    public let dataSubjects: [String]
    public let legalBasis: LegalBasis?
    public let specialCategoryLegalBasis: SpecialCategoryBasis?
    /// Retention in days; fideslang's `retention_period` is free text, this is the number rules read.
    public let retentionDays: Int?
    public let impactAssessmentLocation: String?
    /// Systems this declaration sends data to / receives data from (ids).
    public let egress: [String]
    public let ingress: [String]
    public let origin: Origin

    public init(reading r: inout FieldReader) {
        name = r.string("name")
        dataCategories = r.strings("data_categories")
        dataUse = r.string("data_use", required: true)
        dataSubjects = r.strings("data_subjects")
        legalBasis = r.enumValue("legal_basis")
        specialCategoryLegalBasis = r.enumValue("special_category_legal_basis")
        retentionDays = r.int("retention_days")
        impactAssessmentLocation = r.string("impact_assessment_location")
        egress = r.strings("egress")
        ingress = r.strings("ingress")
        origin = r.origin
    }
}

extension PrivacyDeclaration {
    /// Whether `flow`, leaving the declaring system, discloses data for this declaration's
    /// purpose: its data use is this one, a narrower or a broader one. A flow or a declaration
    /// without a data use could serve any purpose, so it counts. The recipients of an activity
    /// (Art. 30(1)(d)) are those of its own purpose, not every system the tool sends to.
    public func sharesPurpose(with flow: Flow) -> Bool {
        guard let use = dataUse.nonBlank, let flowUse = flow.dataUse.nonBlank else { return true }
        return Taxonomy.matches(flowUse, ancestor: use) || Taxonomy.matches(use, ancestor: flowUse)
    }

    /// The flows among `outgoing` (those leaving the system that declares this and `siblings`,
    /// its declarations) that disclose data for this activity: those of its purpose, and those
    /// whose purpose none of the siblings has, which could serve any of them, so that no
    /// recipient drops out of the record.
    public func onwardFlows(_ outgoing: [Flow], siblings: [PrivacyDeclaration]) -> [Flow] {
        outgoing.filter { flow in
            sharesPurpose(with: flow) || !siblings.contains { $0.sharesPurpose(with: flow) }
        }
    }
}

/// The data processing agreement with a processor (GDPR Art. 28(3)).
public struct DataProcessingAgreement: DeclarationDecodable {
    public let signed: Bool
    public let signedDate: Day?
    public let url: String?
    /// Art. 28(3)(a)–(h) clauses present, by name (see the rule reference for the names).
    public let art28Clauses: [String]
    public let subprocessorListURL: String?
    public let subprocessorChangeNoticeDays: Int?
    public let origin: Origin

    public init(reading r: inout FieldReader) {
        signed = r.bool("signed") ?? false
        signedDate = r.day("signed_date")
        url = r.string("url")
        art28Clauses = r.strings("art28_clauses")
        subprocessorListURL = r.string("subprocessor_list_url")
        subprocessorChangeNoticeDays = r.int("subprocessor_change_notice_days")
        origin = r.origin
    }
}

/// A vendor's own processor, for onward-transfer checks (GDPR Art. 44).
public struct Subprocessor: DeclarationDecodable {
    public let name: String
    public let country: String?
    public let purpose: String?
    public let transferMechanism: TransferMechanism?
    public let origin: Origin

    public init(reading r: inout FieldReader) {
        name = r.string("name", required: true) ?? ""
        country = r.string("country", required: true)
        purpose = r.string("purpose")
        transferMechanism = r.object("transfer_mechanism")
        origin = r.origin
    }
}

/// The CCPA contract with a recipient (§1798.100(d)).
public struct CCPAContract: DeclarationDecodable {
    public let role: CCPARole?
    public let signed: Bool
    public let clauses: [String]
    public let origin: Origin

    public init(reading r: inout FieldReader) {
        role = r.enumValue("role")
        signed = r.bool("signed") ?? false
        clauses = r.strings("clauses")
        origin = r.origin
    }
}

/// EU-US Data Privacy Framework certification of a US recipient.
public struct DPFCertification: DeclarationDecodable {
    public let certified: Bool
    public let entity: String?
    /// Raw values of `DPFFramework`: `EU`, `UK`, `CH`.
    public let frameworks: [String]
    /// Raw values of `DPFCoveredData`: `hr` or `non_hr`.
    public let coveredData: [String]
    public let checkedOn: Day?
    public let origin: Origin

    public init(reading r: inout FieldReader) {
        certified = r.bool("certified") ?? false
        entity = r.string("entity")
        // Closed sets (declarations.md, rules-reference §1), kept as their spellings for rules.
        frameworks = r.enumValues("frameworks", DPFFramework.self).map(\.rawValue)
        coveredData = r.enumValues("covered_data", DPFCoveredData.self).map(\.rawValue)
        checkedOn = r.day("checked_on")
        origin = r.origin
    }
}

/// A vendor's IAB TCF registration.
public struct TCFDeclaration: DeclarationDecodable {
    public let vendorID: Int?
    public let purposesConsent: [Int]
    public let purposesLegitimateInterest: [Int]
    public let specialPurposes: [Int]
    public let features: [Int]
    public let specialFeatures: [Int]
    public let origin: Origin

    public init(reading r: inout FieldReader) {
        vendorID = r.int("vendor_id")
        purposesConsent = r.ints("purposes_consent")
        purposesLegitimateInterest = r.ints("purposes_li")
        specialPurposes = r.ints("special_purposes")
        features = r.ints("features")
        specialFeatures = r.ints("special_features")
        origin = r.origin
    }
}

/// Google Consent Mode configuration of a Google destination.
public struct GoogleConsentMode: DeclarationDecodable {
    public let version: Int?
    public let adUserData: Bool?
    public let adPersonalization: Bool?
    public let origin: Origin

    public init(reading r: inout FieldReader) {
        version = r.int("version")
        adUserData = r.bool("ad_user_data")
        adPersonalization = r.bool("ad_personalization")
        origin = r.origin
    }
}

/// A dated assessment: DPIA (Art. 35), transfer impact assessment, LIA.
public struct AssessmentRecord: DeclarationDecodable {
    public let required: Bool?
    public let ref: String?
    public let date: Day?
    public let origin: Origin

    public init(reading r: inout FieldReader) {
        required = r.bool("required")
        ref = r.string("ref")
        date = r.day("date")
        origin = r.origin
    }
}

/// The IT/security review a system passed before marketing started using it.
public struct ITReview: DeclarationDecodable {
    public let reviewer: String?
    public let date: Day?
    public let outcome: ReviewOutcome?
    public let ticket: String?
    public let origin: Origin

    public init(reading r: inout FieldReader) {
        reviewer = r.string("reviewer")
        date = r.day("date")
        outcome = r.enumValue("outcome")
        ticket = r.string("ticket")
        origin = r.origin
    }
}

/// A vendor's security attestation (SOC 2 report, ISO 27001 certificate).
public struct SecurityEvidence: DeclarationDecodable {
    public let kind: String
    public let reportDate: Day?
    public let url: String?
    public let origin: Origin

    public init(reading r: inout FieldReader) {
        kind = r.string("kind", required: true) ?? ""
        reportDate = r.day("report_date")
        url = r.string("url")
        origin = r.origin
    }
}
