/// Lookups computed once per run and shared by every rule, so that no rule scans the whole
/// inventory to find one system's accounts.
public struct InventoryIndex: Sendable {
    public let systemsByID: [String: System]
    public let peopleByID: [String: Person]
    public let accountsBySystem: [String: [Account]]
    public let flowsFrom: [String: [Flow]]
    public let flowsTo: [String: [Flow]]
    public let assetsByID: [String: Asset]
    /// Imported SBOMs by standardised file path.
    public let sbomsByPath: [String: SBOMDocument]
    /// Web properties that ship each asset: through a tag placement (`tags[].asset`) or because
    /// the property's SBOM (`sbom.path`) lists it.
    public let webPropertiesByAsset: [String: [WebProperty]]
    /// Every imported tag-manager container with its links to the declarations, sharing one
    /// lookup (empty without containers, so other stacks pay nothing for it).
    public let tagManagerLinks: [TagManagerLinks]

    public init(_ inventory: Inventory) {
        systemsByID = Dictionary(inventory.systems.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        peopleByID = Dictionary(inventory.people.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        accountsBySystem = Dictionary(grouping: inventory.accounts, by: \.system)
        flowsFrom = Dictionary(grouping: inventory.flows, by: \.from)
        flowsTo = Dictionary(grouping: inventory.flows, by: \.to)
        assetsByID = Dictionary(inventory.assets.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let sboms = Dictionary(
            inventory.sboms.map { (InventoryLoader.standardized($0.origin.file), $0) },
            uniquingKeysWith: { first, _ in first })
        sbomsByPath = sboms
        var shipping: [String: [WebProperty]] = [:]
        for property in inventory.webProperties {
            var ids = Set(property.tags.compactMap(\.asset))
            if let path = property.sbom?.path,
                let sbom = sboms[
                    InventoryLoader.standardized(InventoryLoader.resolve(path, relativeTo: property.origin.file))]
            {
                ids.formUnion(sbom.componentIDs)
            }
            for id in ids.sorted() { shipping[id, default: []].append(property) }
        }
        webPropertiesByAsset = shipping
        if inventory.tagManagerContainers.isEmpty {
            tagManagerLinks = []
        } else {
            let lookup = TagManagerLookup(inventory, systemsByID: systemsByID, flowsFrom: flowsFrom)
            tagManagerLinks = inventory.tagManagerContainers.map { TagManagerLinks(container: $0, lookup: lookup) }
        }
    }

    /// The SBOM a web property points at, when it was loaded.
    public func sbom(of property: WebProperty) -> SBOMDocument? {
        guard let path = property.sbom?.path else { return nil }
        return sbomsByPath[
            InventoryLoader.standardized(InventoryLoader.resolve(path, relativeTo: property.origin.file))]
    }

    /// Whether the account's owner is still with the organisation on `asOf`: the account's own
    /// `owner_active`, else the owner's `people` entry (`Person.hasLeft`), else unknown.
    public func ownerActive(_ account: Account, asOf: Day) -> Bool? {
        if let explicit = account.ownerActive { return explicit }
        return account.owner.flatMap { peopleByID[$0].map { !$0.hasLeft(asOf: asOf) } }
    }
}
