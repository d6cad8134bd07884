/// How an imported container relates to the declarations: the web properties that load it,
/// the tag-manager system it belongs to, and the declared system each of its tags sends to.
///
/// The links, in the order they are tried:
/// 1. a web property lists the container's public id in `tag_manager_containers`; a system of
///    type `tag_manager` lists it in `tag_ids`;
/// 2. a tag goes to the system whose `tag_ids` holds one of the tag's parameter values
///    (measurement id, conversion id, pixel id, or a host for custom HTML and image tags),
///    constants (`{{Name}}` of a constant variable) resolved on import;
/// 3. else to the system of a linked web property's tag placement with the same name as the tag;
/// 4. else to a system whose `id`, `name` or `vendor` contains one of the vendor's names as a
///    word (`Google Analytics 4` for GA4 tags, `Meta Ads` for the Meta pixel).
public struct TagManagerLinks: Sendable {
    public let container: TagManagerContainer
    /// Web properties that load the container.
    public let webProperties: [WebProperty]
    /// The declared system of type `tag_manager` holding the container id, if any.
    public let tagManagerSystem: System?
    private let lookup: TagManagerLookup

    /// The links of `container`; `InventoryIndex.tagManagerLinks` shares one lookup among all containers.
    public init(container: TagManagerContainer, lookup: TagManagerLookup) {
        self.container = container
        self.lookup = lookup
        webProperties = container.publicID.map(lookup.webProperties(loading:)) ?? []
        tagManagerSystem = container.publicID.flatMap(lookup.firstSystem(withContainerID:))
    }

    /// Whether the container is tied to at least one declared web property.
    public var isLinked: Bool { !webProperties.isEmpty }

    /// The declared system a vendor's data from `tag` goes to (see the type's documentation).
    public func system(for vendor: TagVendor, tag: TagManagerTag) -> System? {
        if let system = systemByTagID(tag) { return system }
        if let system = systemByPlacement(tag) { return system }
        return lookup.firstSystem(namedByAnyOf: vendor.aliases)
    }

    /// The declared system for a host no catalogue vendor serves: one listing the host in `tag_ids`.
    public func system(forHost host: String, tag: TagManagerTag) -> System? {
        lookup.firstSystem(withTagID: host) ?? systemByPlacement(tag)
    }

    private func systemByTagID(_ tag: TagManagerTag) -> System? {
        let values = Set(
            tag.resolvedParameters.literals.flatMap { literal -> [String] in
                let value = literal.value.lowercased()
                return [value, "aw-" + value]
            })
        return lookup.firstSystem(withAnyTagID: values) { $0.systemType != .tagManager }
    }

    private func systemByPlacement(_ tag: TagManagerTag) -> System? {
        for property in webProperties {
            if let placement = property.tags.first(where: { $0.name == tag.name }), let id = placement.system {
                return lookup.system(id: id)
            }
        }
        return nil
    }

    /// Whether a declared flow brings data into `system` from people (`data_subject`) or from a
    /// tag-manager system: the declaration of what the tag does.
    public func hasInboundFlow(_ system: System) -> Bool {
        lookup.isReachedFromPeopleOrTagManager(system)
    }

    /// Whether `host` belongs to the organisation: a linked property's domain or one of `extra`,
    /// or a subdomain of one.
    public func isFirstParty(host: String, extra: [String]) -> Bool {
        let host = host.lowercased()
        let domains = (webProperties.map(\.domain) + extra).map { $0.lowercased() }
        return domains.contains { host == $0 || host.hasSuffix("." + $0) }
    }

    /// The trigger with `id`, or the name of a built-in trigger.
    public func trigger(_ id: String) -> TagManagerTrigger? { container.triggers.first { $0.id == id } }
}
