/// Works out what a tag is and where it sends data, from its type, its parameters and the
/// container's custom templates.
public enum TagClassifier {
    /// Classifies a tag of `type` with `parameters`; `templates` are the container's custom
    /// templates, `containerID` its numeric id (template tag types are `cvt_<container>_<template>`, or
    /// `cvt_<galleryTemplateId>` for gallery templates). `parameters` are the tag's parameters with
    /// constant variables resolved (`TagManagerTag.resolvedParameters`), so that a host kept in a
    /// constant is still found in the markup of a custom HTML tag or the URL of a custom image tag.
    public static func classify(
        type: String, parameters: [TagManagerParameter], templates: [TagManagerTemplate], containerID: String?
    ) -> TagClassification {
        let userData = userProvidedCategories(parameters)
        switch type {
        case "html":
            let hosts = ScriptHostExtractor.hosts(in: parameters.named("html")?.value ?? "")
            return hostBased(.customHTML, "custom HTML (html)", hosts: hosts, extra: userData)
        case "img":
            let url = parameters.named("url")?.value
            let hosts = url.flatMap(ScriptHostExtractor.host(ofURL:)).map { [$0] } ?? []
            return hostBased(.customImage, "custom image (img)", hosts: hosts, extra: userData)
        default:
            break
        }
        if let known = TagVendorCatalog.tagTypes[type] {
            var vendorKey = known.vendorKey
            // The Google tag sends to whichever product its tag id belongs to.
            if type == "googtag", let id = parameters.named("tagId")?.value?.uppercased() {
                if id.hasPrefix("AW-") { vendorKey = "google-ads" }
                if id.hasPrefix("DC-") { vendorKey = "google-marketing-platform" }
            }
            let vendors = vendorKey.flatMap(TagVendorCatalog.vendor(key:)).map { [$0] } ?? []
            return TagClassification(
                kind: .builtIn, typeName: "\(known.name) (\(type))", vendors: vendors, hosts: [],
                dataCategories: categories(vendors, userData), isRecognised: true)
        }
        if type.hasPrefix("cvt_") {
            let template = templates.first { template in
                type == "cvt_\(containerID ?? "")_\(template.id)" || type.hasSuffix("_" + template.id)
                    || template.galleryTemplateID.map { type == "cvt_" + $0 } ?? false
            }
            guard let template else {
                return TagClassification(
                    kind: .unknown, typeName: "community template not included in the export (\(type))", vendors: [],
                    hosts: [], dataCategories: [], isRecognised: false)
            }
            let vendor = TagVendorCatalog.vendor(
                template: template.name, owner: template.galleryOwner, repository: template.galleryRepository)
            return TagClassification(
                kind: .communityTemplate, typeName: "community template '\(template.name)' (\(type))",
                vendors: vendor.map { [$0] } ?? [], hosts: [],
                dataCategories: categories(vendor.map { [$0] } ?? [], userData), isRecognised: vendor != nil)
        }
        return TagClassification(
            kind: .unknown, typeName: "unknown tag type '\(type)'", vendors: [], hosts: [], dataCategories: [],
            isRecognised: false)
    }

    private static func hostBased(
        _ kind: TagClassification.Kind, _ name: String, hosts: [String], extra: [String]
    ) -> TagClassification {
        var vendors: [TagVendor] = []
        for host in hosts {
            if let vendor = TagVendorCatalog.vendor(host: host), !vendors.contains(vendor) { vendors.append(vendor) }
        }
        var categories = categories(vendors, extra)
        // An unknown third party still receives the visitor's IP address and page.
        if !hosts.isEmpty && vendors.isEmpty { categories = union(TagVendorCatalog.trackingCategories, extra) }
        return TagClassification(
            kind: kind, typeName: name, vendors: vendors, hosts: hosts, dataCategories: categories, isRecognised: true)
    }

    /// Contact data a tag sends on purpose (GA4 user-provided data, enhanced conversions),
    /// recognised from parameter keys.
    static func userProvidedCategories(_ parameters: [TagManagerParameter]) -> [String] {
        var keys: [String] = []
        func collect(_ parameter: TagManagerParameter) {
            if let key = parameter.key { keys.append(key.lowercased()) }
            if let value = parameter.value, parameter.key == "name" || parameter.key == "parameter" {
                keys.append(value.lowercased())
            }
            parameter.list.forEach(collect)
            parameter.map.forEach(collect)
        }
        parameters.forEach(collect)
        var found: [String] = []
        if keys.contains(where: {
            $0.containsPlainText("email") || $0.containsPlainText("userdata") || $0.containsPlainText("user_data")
        }) {
            found.append("user.contact.email")
        }
        if keys.contains(where: { $0.containsPlainText("phone") }) { found.append("user.contact.phone_number") }
        if keys.contains(where: {
            $0.containsPlainText("enhancedconversion") || $0.containsPlainText("enhanced_conversion")
        }) {
            found = union(found, ["user.contact.email", "user.contact.phone_number"])
        }
        return found
    }

    private static func categories(_ vendors: [TagVendor], _ extra: [String]) -> [String] {
        union(vendors.flatMap(\.dataCategories), extra)
    }

    private static func union(_ lhs: [String], _ rhs: [String]) -> [String] {
        var seen = Set<String>()
        return (lhs + rhs).filter { seen.insert($0).inserted }
    }
}
