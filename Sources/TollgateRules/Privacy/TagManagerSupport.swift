import TollgateKit

/// Helpers shared by the rules over imported tag-manager containers (PRIV-101…108).
extension RuleContext {
    /// Every imported container with its links to the declarations (built once per run).
    var tagManagerLinks: [TagManagerLinks] { index.tagManagerLinks }

    /// The `first_party_domains` parameter of the rules that judge where tags send data.
    var firstPartyDomains: [String] { parameters.strings(RuleParameter.firstPartyDomains.name) }
}

extension RuleParameter {
    /// Hosts a policy treats as its own, shared by PRIV-101, PRIV-103 and PRIV-104 so that one
    /// list means the same in each.
    static let firstPartyDomains = RuleParameter(
        "first_party_domains", .strings([]),
        "hosts (and subdomains) treated as first party besides the linked web properties' domains",
        values: .freeText("host names"))
}

extension TagManagerTag {
    /// Where the tag sends data that needs a lawful reason: its non-essential vendors and, for
    /// custom HTML and image tags, hosts no catalogue vendor serves (outside the first party).
    func destinations(_ links: TagManagerLinks, firstParty: [String]) -> (vendors: [TagVendor], hosts: [String]) {
        let vendors = classification.vendors.filter { !$0.isEssential }
        let hosts = classification.hosts.filter { host in
            TagVendorCatalog.vendor(host: host) == nil && !links.isFirstParty(host: host, extra: firstParty)
        }
        return (vendors, hosts)
    }

    /// The location a finding about where the tag sends data points at: the custom HTML or URL
    /// for host-based tags, the tag type otherwise.
    var destinationLocation: SourceLocation {
        switch classification.kind {
        case .customHTML: return parameters.named("html")?.location ?? origin.location("type")
        case .customImage: return parameters.named("url")?.location ?? origin.location("type")
        default: return origin.location("type")
        }
    }
}

/// Example containers shared by the rule examples, kept small enough to read in the docs.
enum TagManagerExamples {
    /// A declaration with one EEA web property loading `GTM-EX1`, plus `systems`.
    static func stack(systems: String = "", flows: String = "", regions: String = "[EEA]") -> String {
        """
        version: 1
        systems:
          - { id: gtm, name: Tag Manager, system_type: tag_manager, tag_ids: [GTM-EX1] }
        \(systems)
        web_properties:
          - { id: shop, domain: shop.example, audience_regions: \(regions), tag_manager_containers: [GTM-EX1] }
        \(flows)
        """
    }

    /// A GTM export holding `tags` (JSON objects, comma-separated).
    static func container(_ tags: String, triggers: String = "", extra: String = "") -> RuleExample.Attachment {
        RuleExample.Attachment(
            "gtm.json",
            """
            {"exportFormatVersion": 2, "containerVersion": {"container": {"publicId": "GTM-EX1"},\(extra)
             "trigger": [\(triggers)],
             "tag": [\(tags)]}}
            """)
    }

    /// `consentSettings` JSON for a status and consent types.
    static func consent(_ status: String, _ types: [String] = []) -> String {
        let list = types.map { #"{"type": "TEMPLATE", "value": "\#($0)"}"# }.joined(separator: ", ")
        return types.isEmpty
            ? #"{"consentStatus": "\#(status)"}"#
            : #"{"consentStatus": "\#(status)", "consentType": {"type": "LIST", "list": [\#(list)]}}"#
    }

    /// One tag as JSON.
    static func tag(
        _ id: String, _ name: String, _ type: String, parameters: String = "", firing: String = "\"2147479553\"",
        consent: String? = nil, extra: String = ""
    ) -> String {
        #"{"tagId": "\#(id)", "name": "\#(name)", "type": "\#(type)", "parameter": [\#(parameters)], "firingTriggerId": [\#(firing)]"#
            + (consent.map { #", "consentSettings": \#($0)"# } ?? "") + extra + "}"
    }

    /// A template parameter as JSON.
    static func parameter(_ key: String, _ value: String) -> String {
        #"{"type": "TEMPLATE", "key": "\#(key)", "value": "\#(value)"}"#
    }
}
