/// One user-defined variable of a tag-manager container (`variable[]`).
public struct TagManagerVariable: Sendable {
    public let id: String
    public let name: String
    /// GTM's variable type: `c` (constant), `v` (data layer), `u` (URL), `jsm` (custom
    /// JavaScript), `k` (first-party cookie), `cvt_…` (template), …
    public let type: String
    public let parameters: [TagManagerParameter]
    public let origin: Origin

    public init(id: String, name: String, type: String, parameters: [TagManagerParameter], origin: Origin) {
        self.id = id
        self.name = name
        self.type = type
        self.parameters = parameters
        self.origin = origin
    }

    /// The value of a constant variable (`c`), used to resolve `{{Name}}` in tag parameters.
    public var constantValue: String? { type == "c" ? parameters.named("value")?.value : nil }
}

/// A custom (community gallery) template a container uses (`customTemplate[]`); tags of type
/// `cvt_…` refer to it by `templateId` (`cvt_<container>_<template>`) or, for gallery templates,
/// by `galleryReference.galleryTemplateId` (`cvt_<galleryTemplateId>`).
public struct TagManagerTemplate: Sendable {
    public let id: String
    public let name: String
    /// Where the template came from in the Community Template Gallery, e.g. `github.com`,
    /// owner `facebookarchive`, repository `GoogleTagManager-WebTemplate-For-FacebookPixel`.
    public let galleryOwner: String?
    public let galleryRepository: String?
    /// The gallery's id of the template (`galleryReference.galleryTemplateId`, e.g. `5TP8W`).
    public let galleryTemplateID: String?
    public let origin: Origin

    public init(
        id: String, name: String, galleryOwner: String?, galleryRepository: String?,
        galleryTemplateID: String? = nil, origin: Origin
    ) {
        self.id = id
        self.name = name
        self.galleryOwner = galleryOwner
        self.galleryRepository = galleryRepository
        self.galleryTemplateID = galleryTemplateID
        self.origin = origin
    }
}
