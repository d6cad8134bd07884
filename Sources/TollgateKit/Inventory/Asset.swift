/// Something licensed that the organisation ships or publishes: fonts, images, video, music,
/// and the tags, scripts and SDKs delivered to visitors' browsers.
/// A class, not a struct: rules and indexes pass these around by the hundred thousand, and copying
/// a struct of thirty fields retains every one of them (measured: 15% of an L run in swift_retain).
public final class Asset: DeclarationDecodable, Identifiable {
    public let id: String
    public let kind: AssetKind
    public let name: String?
    public let vendor: String?
    public let version: String?
    /// SPDX licence expression (or `LicenseRef-…`) for code; licence name for creative assets.
    public let licence: String?
    public let licenceType: CreativeLicenceType?
    public let licenceURL: String?
    public let purchaseReference: String?
    public let licensee: String?
    public let editorialOnly: Bool
    public let depictsPeople: Bool?
    public let depictsProperty: Bool?
    public let modelRelease: Bool?
    public let propertyRelease: Bool?
    public let territories: [String]
    public let validFrom: Day?
    public let expires: Day?
    public let maxCopies: Int?
    public let maxProductionBudget: Int?
    public let licensedDomains: [String]
    public let licensedPageviewsMonth: Int?
    public let platformsAllowed: [String]
    public let paidMediaAllowed: Bool?
    public let usedIn: [AssetUse]
    public let delivery: Delivery?
    public let sourceOfferURL: String?
    public let noticesPreserved: Bool?
    /// For fonts: a Reserved Font Name the (modified) font is published under.
    public let reservedFontName: String?
    public let modified: Bool?
    public let soldSeparately: Bool?
    /// The system the script belongs to (for tags and SDKs).
    public let system: String?
    /// Package URL (`pkg:npm/jquery@3.7.1`), the identity SBOMs use for a component.
    public let packageURL: String?
    /// The SBOM format the asset was imported from; `nil` when it was declared in YAML/JSON.
    public let importedFrom: SBOMFormat?
    public let origin: Origin

    /// The asset an SBOM component stands for: a script (or SDK) shipped to visitors, with the
    /// component's licence, located in the SBOM file.
    public init(_ component: SBOMComponent, format: SBOMFormat, file: String) {
        var fields: [(key: String, mark: Mark)] = [("id", component.mark), ("name", component.mark)]
        if let licenceMark = component.licenceMark { fields.append(("licence", licenceMark)) }
        id = component.assetID
        kind = component.kind
        name = component.name
        vendor = component.supplier
        version = component.version
        licence = component.licence
        licenceType = .openSource
        licenceURL = nil
        purchaseReference = nil
        licensee = nil
        editorialOnly = false
        depictsPeople = nil
        depictsProperty = nil
        modelRelease = nil
        propertyRelease = nil
        territories = []
        validFrom = nil
        expires = nil
        maxCopies = nil
        maxProductionBudget = nil
        licensedDomains = []
        licensedPageviewsMonth = nil
        platformsAllowed = []
        paidMediaAllowed = nil
        usedIn = []
        delivery = nil
        sourceOfferURL = component.sourceURL
        noticesPreserved = nil
        reservedFontName = nil
        modified = nil
        soldSeparately = nil
        system = nil
        packageURL = component.packageURL
        importedFrom = format
        origin = Origin(file: file, pointer: component.pointer, mark: component.mark, fields: fields)
    }

    public init(reading r: inout FieldReader) {
        id = r.string("id", required: true) ?? ""
        kind = r.enumValue("kind", required: true) ?? .image
        name = r.string("name")
        vendor = r.string("vendor")
        version = r.string("version")
        licence = r.string("licence")
        licenceType = r.enumValue("licence_type")
        licenceURL = r.string("licence_url")
        purchaseReference = r.string("purchase_reference")
        licensee = r.string("licensee")
        editorialOnly = r.bool("editorial_only") ?? false
        depictsPeople = r.bool("depicts_people")
        depictsProperty = r.bool("depicts_property")
        modelRelease = r.bool("model_release")
        propertyRelease = r.bool("property_release")
        territories = r.strings("territories")
        validFrom = r.day("valid_from")
        expires = r.day("expires")
        maxCopies = r.int("max_copies")
        maxProductionBudget = r.int("max_production_budget")
        licensedDomains = r.strings("licensed_domains")
        licensedPageviewsMonth = r.int("licensed_pageviews_month")
        platformsAllowed = r.strings("platforms_allowed")
        paidMediaAllowed = r.bool("paid_media_allowed")
        usedIn = r.objects("used_in", context: "asset use")
        delivery = r.enumValue("delivery")
        sourceOfferURL = r.string("source_offer_url")
        noticesPreserved = r.bool("notices_preserved")
        reservedFontName = r.string("reserved_font_name")
        modified = r.bool("modified")
        soldSeparately = r.bool("sold_separately")
        system = r.string("system")
        packageURL = r.string("purl")
        importedFrom = nil
        origin = r.origin
    }
}

/// One place an asset is used: a channel, platform, country and period.
/// A class, like the entities: rules walk these for every system, flow or asset, and each
/// copy of a struct retained all its fields (see docs/performance.md, eighteenth round).
public final class AssetUse: DeclarationDecodable {
    /// `web`, `social`, `email`, `advertising`, `print`, `tv`, `product`, `editorial`, …
    public let channel: String
    public let platform: String?
    public let accountKind: AccountOwnership?
    public let paid: Bool
    public let country: String?
    public let start: Day?
    public let end: Day?
    public let domain: String?
    public let monthlyPageviews: Int?
    public let copies: Int?
    public let productionBudget: Int?
    public let origin: Origin

    public init(reading r: inout FieldReader) {
        channel = r.string("channel", required: true) ?? ""
        platform = r.string("platform")
        accountKind = r.enumValue("account_kind")
        paid = r.bool("paid") ?? false
        country = r.string("country")
        start = r.day("start")
        end = r.day("end")
        domain = r.string("domain")
        monthlyPageviews = r.int("monthly_pageviews")
        copies = r.int("copies")
        productionBudget = r.int("production_budget")
        origin = r.origin
    }
}
