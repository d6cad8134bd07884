/// A vendor that tags send data to, as Tollgate's catalogue knows it: how to recognise it
/// (tag types, template names, script hosts), how it is usually named in declarations, and
/// the data its tags plausibly send.
public struct TagVendor: Sendable, Hashable {
    /// Stable key, e.g. `google-analytics`, `meta`.
    public let key: String
    public let name: String
    /// Lower-case names a declared system's `id`, `name` or `vendor` is matched against.
    public let aliases: [String]
    /// Hosts (and their subdomains) the vendor's scripts and beacons are served from.
    public let hosts: [String]
    /// Google tags read Consent Mode signals (`ad_storage`, `analytics_storage`,
    /// `ad_user_data`, `ad_personalization`) through built-in consent checks.
    public let isGoogle: Bool
    /// Consent-management platforms: they must run before consent to ask for it.
    public let isEssential: Bool
    /// The Fides data use its tags serve by default.
    public let dataUse: String
    /// The Fides data categories its tags plausibly send.
    public let dataCategories: [String]

    public init(
        key: String, name: String, aliases: [String], hosts: [String], isGoogle: Bool = false,
        isEssential: Bool = false, dataUse: String, dataCategories: [String]
    ) {
        self.key = key
        self.name = name
        self.aliases = aliases
        self.hosts = hosts
        self.isGoogle = isGoogle
        self.isEssential = isEssential
        self.dataUse = dataUse
        self.dataCategories = dataCategories
    }

    /// Whether `host` is one of the vendor's hosts or below one, on label boundaries.
    public func serves(host: String) -> Bool {
        let host = host.lowercased()
        return hosts.contains { host == $0 || host.hasSuffix("." + $0) }
    }
}

/// What Tollgate made of a tag on import: its kind, a readable type name, the vendors it
/// sends data to and the hosts it loads.
public struct TagClassification: Sendable {
    /// The families of tag types.
    public enum Kind: String, Sendable, Hashable {
        /// A tag type built into GTM and known to Tollgate (GA4, Google Ads, Floodlight, …).
        case builtIn = "built-in"
        /// `html`: arbitrary markup and script, written by whoever edits the container.
        case customHTML = "custom HTML"
        /// `img`: a pixel request to any URL.
        case customImage = "custom image"
        /// `cvt_…`: a Community Template Gallery template.
        case communityTemplate = "community template"
        /// A type Tollgate does not know; reported, never dropped.
        case unknown
    }

    public let kind: Kind
    /// E.g. `GA4 event (gaawe)`, `community template 'Facebook Pixel' (cvt_123_45)`.
    public let typeName: String
    /// Vendors the tag sends data to (several for custom HTML loading several scripts).
    public let vendors: [TagVendor]
    /// Hosts the tag loads scripts, images or frames from (custom HTML and image tags).
    public let hosts: [String]
    /// The Fides data categories the tag plausibly sends.
    public let dataCategories: [String]
    /// Whether the tag's kind is known: `unknown` kinds and templates of unknown vendors are not.
    public let isRecognised: Bool

    public init(
        kind: Kind, typeName: String, vendors: [TagVendor], hosts: [String], dataCategories: [String],
        isRecognised: Bool
    ) {
        self.kind = kind
        self.typeName = typeName
        self.vendors = vendors
        self.hosts = hosts
        self.dataCategories = dataCategories
        self.isRecognised = isRecognised
    }

    /// Whether any vendor of the tag is a Google product with built-in consent checks.
    public var isGoogle: Bool { vendors.contains(where: \.isGoogle) }
}
