/// A website or app: its consent banner, the tags it fires and its CCPA links.
/// A class, like the entities: the rules that walk these copied every field of a struct.
public final class WebProperty: DeclarationDecodable, Identifiable {
    public let id: String
    public let domain: String
    public let monthlyPageviews: Int?
    public let audienceRegions: [String]
    public let cmp: ConsentBanner?
    public let tags: [TagPlacement]
    public let ccpaLinks: CCPALinks?
    public let privacyNoticeURL: String?
    public let thirdPartyNoticesURL: String?
    public let sbom: SBOMReference?
    public let childDirected: Bool?
    /// Public ids (`GTM-XXXX`) of the tag-manager containers the property loads; an imported
    /// container with one of these ids is checked against this property (its audience regions,
    /// its domain as first party, its declared tags).
    public let tagManagerContainers: [String]
    public let origin: Origin

    public init(reading r: inout FieldReader) {
        id = r.string("id", required: true) ?? ""
        domain = r.string("domain", required: true) ?? ""
        monthlyPageviews = r.int("monthly_pageviews")
        audienceRegions = r.strings("audience_regions")
        cmp = r.object("cmp")
        tags = r.objects("tags", context: "tag")
        ccpaLinks = r.object("ccpa_links")
        privacyNoticeURL = r.string("privacy_notice_url")
        thirdPartyNoticesURL = r.string("third_party_notices_url")
        sbom = r.object("sbom")
        childDirected = r.bool("child_directed")
        tagManagerContainers = r.strings("tag_manager_containers")
        origin = r.origin
    }
}

/// The consent-management platform configuration of a property.
public struct ConsentBanner: DeclarationDecodable {
    public let vendor: String?
    /// IAB TCF version string, e.g. `2.2`, `2.3`.
    public let tcfVersion: String?
    public let rejectFirstLayer: Bool?
    public let prechecked: Bool?
    public let withdrawalLink: Bool?
    public let consentMaxAgeDays: Int?
    public let gpcHonoured: Bool?
    public let gpcStatusDisplayed: Bool?
    public let origin: Origin

    public init(reading r: inout FieldReader) {
        vendor = r.string("vendor")
        tcfVersion = r.string("tcf_version")
        rejectFirstLayer = r.bool("reject_first_layer")
        prechecked = r.bool("prechecked")
        withdrawalLink = r.bool("withdrawal_link")
        consentMaxAgeDays = r.int("consent_max_age_days")
        gpcHonoured = r.bool("gpc_honoured")
        gpcStatusDisplayed = r.bool("gpc_status_displayed")
        origin = r.origin
    }
}

/// A tag or script placed on a property.
public struct TagPlacement: DeclarationDecodable {
    public let name: String?
    /// The system the tag sends data to.
    public let system: String?
    /// The asset (script) the tag loads.
    public let asset: String?
    /// The purpose of the tag, as a Fides data use.
    public let purpose: String?
    public let firesBeforeConsent: Bool?
    public let consentGated: Bool?
    public let origin: Origin

    public init(reading r: inout FieldReader) {
        name = r.string("name")
        system = r.string("system")
        asset = r.string("asset")
        purpose = r.string("purpose")
        firesBeforeConsent = r.bool("fires_before_consent")
        consentGated = r.bool("consent_gated")
        origin = r.origin
        if system == nil && asset == nil {
            r.report(
                "a tag names neither a system nor an asset",
                hint: "add `system:` (where it sends data) or `asset:` (what it loads)")
        }
    }
}

/// The CCPA opt-out links shown on a property (§1798.135).
public struct CCPALinks: DeclarationDecodable {
    public let doNotSellOrShare: Bool?
    public let limitSensitive: Bool?
    public let alternativeLink: Bool?
    public let origin: Origin

    public init(reading r: inout FieldReader) {
        doNotSellOrShare = r.bool("do_not_sell_or_share")
        limitSensitive = r.bool("limit_spi")
        alternativeLink = r.bool("alternative_link")
        origin = r.origin
    }
}

/// Where a property's software bill of materials is.
public struct SBOMReference: DeclarationDecodable {
    public let path: String?
    public let format: String?
    public let generatedOn: Day?
    public let origin: Origin

    public init(reading r: inout FieldReader) {
        path = r.string("path")
        format = r.string("format")
        generatedOn = r.day("generated_on")
        origin = r.origin
    }
}
