/// One tag of a tag-manager container: what it is, what fires and blocks it, what consent it
/// waits for, and (worked out on import) which vendors it sends data to.
/// A class, like the entities: the rules that walk these copied every field of a struct.
public final class TagManagerTag: Sendable {
    /// GTM's `tagId`, unique in the container.
    public let id: String
    /// The tag's name, unique in the container (GTM enforces it): used in subjects, because it
    /// survives re-exports where ids may not.
    public let name: String
    /// GTM's tag type identifier: `gaawe`, `awct`, `html`, `cvt_123_45`, …
    public let type: String
    public let parameters: [TagManagerParameter]
    /// The parameters with `{{Name}}` references to constant variables resolved on import (see
    /// `TagManagerConstants`): what the tag really sends, for classifying it and tying it to a
    /// declared system. The same as `parameters` when nothing was resolved.
    public let resolvedParameters: [TagManagerParameter]
    public let firingTriggers: [TagManagerReference]
    public let blockingTriggers: [TagManagerReference]
    /// Tags that must fire before / after this one (tag sequencing), by tag name.
    public let setupTags: [TagManagerReference]
    public let teardownTags: [TagManagerReference]
    /// A paused tag never fires; GTM keeps it in the container.
    public let paused: Bool
    public let consent: TagConsentSettings
    /// What the tag is and where it sends data, from Tollgate's catalogue of tag types.
    public let classification: TagClassification
    public let origin: Origin

    public init(
        id: String, name: String, type: String, parameters: [TagManagerParameter],
        firingTriggers: [TagManagerReference], blockingTriggers: [TagManagerReference],
        setupTags: [TagManagerReference], teardownTags: [TagManagerReference], paused: Bool,
        consent: TagConsentSettings, classification: TagClassification, origin: Origin,
        resolvedParameters: [TagManagerParameter]? = nil
    ) {
        self.id = id
        self.name = name
        self.type = type
        self.parameters = parameters
        self.resolvedParameters = resolvedParameters ?? parameters
        self.firingTriggers = firingTriggers
        self.blockingTriggers = blockingTriggers
        self.setupTags = setupTags
        self.teardownTags = teardownTags
        self.paused = paused
        self.consent = consent
        self.classification = classification
        self.origin = origin
    }

    /// The custom HTML of an `html` tag.
    public var html: String? { parameters.named("html")?.value }
}

/// A reference by id or name from one element of a container to another, with its position.
public struct TagManagerReference: Sendable, Hashable {
    public let id: String
    public let location: SourceLocation

    public init(id: String, location: SourceLocation) {
        self.id = id
        self.location = location
    }
}
