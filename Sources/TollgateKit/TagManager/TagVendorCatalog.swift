/// Tollgate's catalogue of tag types and vendors, used to tell where a tag sends data.
///
/// Facts only: GTM's tag type identifiers (as listed in the Tag Manager API documentation and
/// seen in container exports) and the public hosts vendors serve their tags from. A tag the
/// catalogue does not know is classified `unknown` and reported, never assumed harmless.
public enum TagVendorCatalog {
    static let trackingCategories = [
        "user.device.cookie_id", "user.device.ip_address", "user.behavior.browsing_history",
    ]

    /// Every vendor the catalogue knows, by key.
    public static let vendors: [TagVendor] = [
        TagVendor(
            key: "google-analytics", name: "Google Analytics",
            aliases: ["google analytics", "ga4", "universal analytics", "google-analytics", "googleanalytics"],
            hosts: ["google-analytics.com", "analytics.google.com", "googletagmanager.com"], isGoogle: true,
            dataUse: "analytics.reporting", dataCategories: trackingCategories),
        TagVendor(
            key: "google-ads", name: "Google Ads",
            aliases: ["google ads", "google-ads", "googleads", "adwords"],
            hosts: ["googleadservices.com", "googlesyndication.com"], isGoogle: true,
            dataUse: "marketing.advertising.third_party.targeted", dataCategories: trackingCategories),
        TagVendor(
            key: "google-marketing-platform", name: "Google Marketing Platform (Floodlight)",
            aliases: [
                "floodlight", "campaign manager", "cm360", "dv360", "display & video 360", "search ads 360",
                "doubleclick", "google marketing platform",
            ],
            hosts: ["doubleclick.net", "fls.doubleclick.net"], isGoogle: true,
            dataUse: "analytics.reporting.ad_performance", dataCategories: trackingCategories),
        TagVendor(
            key: "meta", name: "Meta (Facebook)", aliases: ["meta", "facebook", "instagram"],
            hosts: ["connect.facebook.net", "facebook.com", "facebook.net"],
            dataUse: "marketing.advertising.third_party.targeted", dataCategories: trackingCategories),
        TagVendor(
            key: "tiktok", name: "TikTok", aliases: ["tiktok"], hosts: ["analytics.tiktok.com", "tiktok.com"],
            dataUse: "marketing.advertising.third_party.targeted", dataCategories: trackingCategories),
        TagVendor(
            key: "linkedin", name: "LinkedIn", aliases: ["linkedin"],
            hosts: ["snap.licdn.com", "licdn.com", "px.ads.linkedin.com", "linkedin.com"],
            dataUse: "marketing.advertising.third_party.targeted", dataCategories: trackingCategories),
        TagVendor(
            key: "microsoft-advertising", name: "Microsoft Advertising (UET)",
            aliases: ["microsoft advertising", "microsoft ads", "bing ads", "bing"],
            hosts: ["bat.bing.com", "bing.com"],
            dataUse: "marketing.advertising.third_party.targeted", dataCategories: trackingCategories),
        TagVendor(
            key: "microsoft-clarity", name: "Microsoft Clarity", aliases: ["clarity"], hosts: ["clarity.ms"],
            dataUse: "analytics.reporting", dataCategories: trackingCategories),
        TagVendor(
            key: "hotjar", name: "Hotjar", aliases: ["hotjar"], hosts: ["hotjar.com", "hotjar.io"],
            dataUse: "analytics.reporting", dataCategories: trackingCategories),
        TagVendor(
            key: "crazy-egg", name: "Crazy Egg", aliases: ["crazy egg", "crazyegg"], hosts: ["crazyegg.com"],
            dataUse: "analytics.reporting", dataCategories: trackingCategories),
        TagVendor(
            key: "pinterest", name: "Pinterest", aliases: ["pinterest"], hosts: ["pinimg.com", "pinterest.com"],
            dataUse: "marketing.advertising.third_party.targeted", dataCategories: trackingCategories),
        TagVendor(
            key: "x", name: "X (Twitter)", aliases: ["twitter", "x ads"],
            hosts: ["ads-twitter.com", "analytics.twitter.com", "t.co"],
            dataUse: "marketing.advertising.third_party.targeted", dataCategories: trackingCategories),
        TagVendor(
            key: "snap", name: "Snap", aliases: ["snapchat", "snap pixel"], hosts: ["sc-static.net", "snapchat.com"],
            dataUse: "marketing.advertising.third_party.targeted", dataCategories: trackingCategories),
        TagVendor(
            key: "criteo", name: "Criteo", aliases: ["criteo"], hosts: ["criteo.net", "criteo.com"],
            dataUse: "marketing.advertising.third_party.targeted", dataCategories: trackingCategories),
        TagVendor(
            key: "cookiebot", name: "Cookiebot (Usercentrics)", aliases: ["cookiebot"],
            hosts: ["cookiebot.com", "cookiebot.eu"], isEssential: true,
            dataUse: "functional.storage.privacy_preferences", dataCategories: ["user.privacy_preferences"]),
        TagVendor(
            key: "usercentrics", name: "Usercentrics", aliases: ["usercentrics"], hosts: ["usercentrics.eu"],
            isEssential: true, dataUse: "functional.storage.privacy_preferences",
            dataCategories: ["user.privacy_preferences"]),
        TagVendor(
            key: "onetrust", name: "OneTrust", aliases: ["onetrust"], hosts: ["cookielaw.org", "onetrust.com"],
            isEssential: true, dataUse: "functional.storage.privacy_preferences",
            dataCategories: ["user.privacy_preferences"]),
        TagVendor(
            key: "didomi", name: "Didomi", aliases: ["didomi"], hosts: ["privacy-center.org", "didomi.io"],
            isEssential: true, dataUse: "functional.storage.privacy_preferences",
            dataCategories: ["user.privacy_preferences"]),
        TagVendor(
            key: "cookieyes", name: "CookieYes", aliases: ["cookieyes"], hosts: ["cdn-cookieyes.com", "cookieyes.com"],
            isEssential: true, dataUse: "functional.storage.privacy_preferences",
            dataCategories: ["user.privacy_preferences"]),
        TagVendor(
            key: "consent-mode-template", name: "Consent Mode template", aliases: ["consent mode"], hosts: [],
            isEssential: true, dataUse: "functional.storage.privacy_preferences",
            dataCategories: ["user.privacy_preferences"]),
    ]

    /// A GTM built-in tag type: its readable name and the vendor it sends data to.
    public struct TagType: Sendable {
        public let name: String
        public let vendorKey: String?
    }

    /// GTM built-in tag types (web containers). `html` and `img` are classified separately.
    public static let tagTypes: [String: TagType] = [
        "gaawc": TagType(name: "GA4 configuration", vendorKey: "google-analytics"),
        "gaawe": TagType(name: "GA4 event", vendorKey: "google-analytics"),
        "googtag": TagType(name: "Google tag", vendorKey: "google-analytics"),
        "ua": TagType(name: "Universal Analytics", vendorKey: "google-analytics"),
        "awct": TagType(name: "Google Ads conversion tracking", vendorKey: "google-ads"),
        "sp": TagType(name: "Google Ads remarketing", vendorKey: "google-ads"),
        "awcc": TagType(name: "Google Ads calls from website conversion", vendorKey: "google-ads"),
        "awud": TagType(name: "Google Ads user-provided data event", vendorKey: "google-ads"),
        "gclidw": TagType(name: "Conversion Linker", vendorKey: "google-ads"),
        "flc": TagType(name: "Floodlight counter", vendorKey: "google-marketing-platform"),
        "fls": TagType(name: "Floodlight sales", vendorKey: "google-marketing-platform"),
        "baut": TagType(name: "Microsoft Advertising Universal Event Tracking", vendorKey: "microsoft-advertising"),
        "bzi": TagType(name: "LinkedIn Insight", vendorKey: "linkedin"),
        "hjtc": TagType(name: "Hotjar tracking code", vendorKey: "hotjar"),
        "cegg": TagType(name: "Crazy Egg", vendorKey: "crazy-egg"),
        "pntr": TagType(name: "Pinterest tag", vendorKey: "pinterest"),
        "twitter_website_tag": TagType(name: "Twitter website tag", vendorKey: "x"),
    ]

    /// The vendor with `key`.
    public static func vendor(key: String) -> TagVendor? { vendors.first(where: { $0.key == key }) }

    /// The vendor serving `host`, preferring the most specific host entry.
    public static func vendor(host: String) -> TagVendor? {
        vendors.filter { $0.serves(host: host) }
            .max { lhs, rhs in
                (lhs.hosts.filter { host.hasSuffix($0) }.map(\.count).max() ?? 0)
                    < (rhs.hosts.filter { host.hasSuffix($0) }.map(\.count).max() ?? 0)
            }
    }

    /// The vendor a community template belongs to, from its name and gallery repository.
    public static func vendor(template name: String, owner: String?, repository: String?) -> TagVendor? {
        let text = [name, owner ?? "", repository ?? ""].joined(separator: " ").lowercased()
        // Names are compared as words, so that "snap" does not match "snapshot".
        return vendors.first { vendor in
            vendor.aliases.contains { alias in
                Self.containsWord(text, alias) || Self.containsWord(text, alias.replacingASCII(" ", with: nil))
            }
        }
    }

    /// Whether `alias` occurs in `text` bounded by non-letters.
    static func containsWord(_ text: String, _ alias: String) -> Bool {
        guard !alias.isEmpty else { return false }
        if let answer = asciiContainsWord(text, alias) { return answer }
        var searchStart = text.startIndex
        while let range = text.range(of: alias, range: searchStart..<text.endIndex) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            if !(before?.isLetter ?? false) && !(after?.isLetter ?? false) { return true }
            searchStart = text.index(after: range.lowerBound)
        }
        return false
    }

    /// `containsWord` on bytes when both strings are ASCII (nearly always: system names and
    /// vendor aliases), where a character is a byte and a letter is `A`–`Z` or `a`–`z`; `nil`
    /// otherwise. Foundation's search was most of the cost of matching tags to systems by name.
    private static func asciiContainsWord(_ text: String, _ alias: String) -> Bool? {
        var text = text
        var alias = alias
        return text.withUTF8 { text -> Bool? in
            alias.withUTF8 { alias -> Bool? in
                guard !text.contains(where: { $0 >= 0x80 }), !alias.contains(where: { $0 >= 0x80 }) else { return nil }
                func isLetter(_ byte: UInt8) -> Bool {
                    (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
                }
                guard text.count >= alias.count else { return false }
                for start in 0...(text.count - alias.count) {
                    guard text[start] == alias[0] else { continue }
                    var matched = true
                    for offset in 1..<alias.count where text[start + offset] != alias[offset] {
                        matched = false
                        break
                    }
                    guard matched else { continue }
                    let end = start + alias.count
                    if (start == 0 || !isLetter(text[start - 1])) && (end == text.count || !isLetter(text[end])) {
                        return true
                    }
                }
                return false
            }
        }
    }
}
