// Closed sets of values used by the declaration format v1 (rules-reference §1).

/// What kind of marketing tool a system is.
public enum SystemType: String, DeclarationEnum {
    case crm, esp, cdp, adPlatform = "ad_platform", analytics, tagManager = "tag_manager", social, cms, cmp, dam
    case idp, passwordManager = "password_manager", ecommerce, survey, other
}

/// A system's GDPR role for the organisation's data (GDPR Art. 4(7), 4(8), 26, 28(4)).
public enum Responsibility: String, DeclarationEnum {
    case controller, processor, subProcessor = "sub_processor", jointController = "joint_controller"
    case thirdPartyController = "third_party_controller"
}

/// GDPR Art. 6(1) lawful bases.
public enum LegalBasis: String, DeclarationEnum {
    case consent, contract, legalObligation = "legal_obligation", vitalInterests = "vital_interests"
    case publicInterest = "public_interest", legitimateInterests = "legitimate_interests"
}

/// GDPR Art. 9(2)(a)–(j) conditions for special-category data.
public enum SpecialCategoryBasis: String, DeclarationEnum {
    case explicitConsent = "explicit_consent", employment, vitalInterests = "vital_interests"
    case notForProfit = "not_for_profit", madePublic = "made_public", legalClaims = "legal_claims"
    case substantialPublicInterest = "substantial_public_interest", healthOrSocialCare = "health_or_social_care"
    case publicHealth = "public_health", archivingResearch = "archiving_research"
}

/// The tool a transfer to a third country relies on (GDPR Arts. 45–49, UK and Swiss tools).
public enum TransferMechanismType: String, DeclarationEnum {
    case adequacy, scc2021 = "scc_2021", sccRepealed = "scc_repealed", bcr, art49, dpf, idta
    case ukAddendum = "uk_addendum", swissScc = "swiss_scc", none

    /// Whether the tool is the EU's 2021 SCCs (Decision (EU) 2021/914), alone or as the UK
    /// Addendum and the FDPIC's Swiss adaptation use them: both amend the EU clauses rather
    /// than replace them, so a transfer of EEA and UK data together signs the EU SCCs with the
    /// Addendum, and the EU SCCs' module and transfer rules apply to it.
    public var incorporatesEUSCCs: Bool { self == .scc2021 || self == .ukAddendum || self == .swissScc }
}

/// The Data Privacy Framework programmes a US recipient is certified under: the EU-US DPF, the
/// UK Extension and the Swiss-US DPF. Written in upper case, as the DPF List names them.
public enum DPFFramework: String, DeclarationEnum {
    case eu = "EU", uk = "UK", ch = "CH"
}

/// The data a DPF certification covers: HR data, non-HR data (marketing data is `non_hr`).
public enum DPFCoveredData: String, DeclarationEnum {
    case hr, nonHR = "non_hr"
}

/// How often data moves along a flow (Art. 49 is for occasional transfers only).
public enum FlowFrequency: String, DeclarationEnum {
    case oneOff = "one_off", occasional, recurring, continuous, realtime
}

/// Whether MFA is enforced for nobody, administrators only, or everybody.
public enum MFAEnforcement: String, DeclarationEnum {
    case none, admins, all
}

/// Authenticator types (NIST SP 800-63B-4 §3.1).
public enum MFAMethod: String, DeclarationEnum {
    case webauthn, passkey, fido2, piv, totp, push, sms, voice, email
}

/// Account kinds.
public enum AccountKind: String, DeclarationEnum {
    case human, shared, service, breakGlass = "break_glass"
}

/// CycloneDX `licenseTypes` values, the vocabulary for SaaS subscriptions (§5.1).
public enum LicenceType: String, DeclarationEnum {
    case academic, appliance, clientAccess = "client-access", concurrentUser = "concurrent-user"
    case corePoints = "core-points", customMetric = "custom-metric", device, evaluation
    case namedUser = "named-user", nodeLocked = "node-locked", oem, perpetual
    case processorPoints = "processor-points", subscription, user, other
}

/// Kinds of licensed asset shipped or published.
public enum AssetKind: String, DeclarationEnum {
    case font, image, video, audio, music, tag, script, sdk
}

/// Licence models for creative assets.
public enum CreativeLicenceType: String, DeclarationEnum {
    case royaltyFree = "royalty_free", rightsManaged = "rights_managed", editorial
    case platformLibrary = "platform_library", ofl, custom, openSource = "open_source", desktop, webfont
}

/// How a script or font reaches visitors.
public enum Delivery: String, DeclarationEnum {
    case selfHosted = "self_hosted", thirdPartyCDN = "third_party_cdn"
}

/// Whether a social account posting an asset is a personal or business account.
public enum AccountOwnership: String, DeclarationEnum {
    case personal, business
}

/// The consent an e-mail program relies on (ePrivacy Art. 13, CASL s. 10).
public enum EmailConsentBasis: String, DeclarationEnum {
    case express, softOptIn = "soft_opt_in", impliedEBR = "implied_ebr", impliedInquiry = "implied_inquiry"
    case conspicuousPublication = "conspicuous_publication", none
}

/// CCPA role of a recipient (§1798.140).
public enum CCPARole: String, DeclarationEnum {
    case serviceProvider = "service_provider", contractor, thirdParty = "third_party"
}

/// Outcome of an IT/security review of a system.
public enum ReviewOutcome: String, DeclarationEnum {
    case approved, approvedWithConditions = "approved_with_conditions", rejected, pending
}

/// A person's relation to the organisation.
public enum PersonKind: String, DeclarationEnum {
    case employee, contractor, agency
}
