import Foundation

/// The declarations indexed the way `TagManagerLinks` asks of them, built once per run and
/// shared by every container's links and every tag-manager rule.
///
/// Each question used to be a scan of all systems or all flows per tag, so the tag-manager
/// rules grew with tags × systems and tags × flows: 35 s for PRIV-103 alone on a stack of
/// 10,000 systems, 100,000 flows and 5,800 tags. Every answer here is the one the scan gave
/// (the first match in declaration order), found by lookup instead.
public final class TagManagerLookup: @unchecked Sendable {
    let systems: [System]
    /// Positions in `systems` of the systems listing each tag id (lower-cased), ascending.
    private let systemsByTagID: [String: [Int]]
    /// The first system listing each tag id, upper-cased (how container ids are compared).
    private let systemsByContainerID: [String: System]
    /// The first system with each id.
    private let systemsByID: [String: System]
    /// Web properties listing each container id (upper-cased), in declaration order.
    private let webPropertiesByContainer: [String: [WebProperty]]
    /// Systems that some flow reaches from people (`data_subject`) or from a tag-manager system.
    private let reachedFromPeopleOrTagManagers: Set<String>
    /// The system found by vendor name for each vendor's aliases, worked out when first asked
    /// (rules run concurrently, hence the lock).
    private var systemsByVendorAliases: [[String]: Int] = [:]
    private var normalisedNames: [[String]]?
    private let lock = NSLock()

    /// The lookup of `inventory`; `systemsByID` and `flowsFrom` are the index's own
    /// (`InventoryIndex`), shared rather than built a second time.
    public init(_ inventory: Inventory, systemsByID: [String: System], flowsFrom: [String: [Flow]]) {
        systems = inventory.systems
        var byTagID: [String: [Int]] = [:]
        for (position, system) in systems.enumerated() {
            // Each position once per id, even if a system lists an id twice in different cases.
            for id in Set(system.tagIDs.map { $0.lowercased() }) { byTagID[id, default: []].append(position) }
        }
        systemsByTagID = byTagID
        var byContainerID: [String: System] = [:]
        for system in systems {
            for id in system.tagIDs where byContainerID[id.uppercased()] == nil {
                byContainerID[id.uppercased()] = system
            }
        }
        systemsByContainerID = byContainerID
        self.systemsByID = systemsByID
        var byContainer: [String: [WebProperty]] = [:]
        for property in inventory.webProperties {
            for id in Set(property.tagManagerContainers.map { $0.uppercased() }) {
                byContainer[id, default: []].append(property)
            }
        }
        webPropertiesByContainer = byContainer
        let tagManagers = Set(systems.filter { $0.systemType == .tagManager }.map(\.id))
        let senders = [Flow.dataSubjectSource] + tagManagers
        reachedFromPeopleOrTagManagers = Set(senders.flatMap { flowsFrom[$0] ?? [] }.map(\.to))
    }

    /// Web properties that list the container id (any case).
    func webProperties(loading containerID: String) -> [WebProperty] {
        webPropertiesByContainer[containerID.uppercased()] ?? []
    }

    /// The first system listing the container id (any case) among its `tag_ids`.
    func firstSystem(withContainerID id: String) -> System? { systemsByContainerID[id.uppercased()] }

    /// The first system listing `tagID` (any case) among its `tag_ids`.
    func firstSystem(withTagID tagID: String) -> System? {
        systemsByTagID[tagID.lowercased()]?.first.map { systems[$0] }
    }

    /// The first system listing any of `tagIDs` (already lower-cased) that `accepts`.
    func firstSystem(withAnyTagID tagIDs: Set<String>, where accepts: (System) -> Bool) -> System? {
        let position = tagIDs.compactMap { id in systemsByTagID[id]?.first { accepts(systems[$0]) } }.min()
        return position.map { systems[$0] }
    }

    func system(id: String) -> System? { systemsByID[id] }

    /// Whether a declared flow brings data into `system` from people or from a tag manager.
    func isReachedFromPeopleOrTagManager(_ system: System) -> Bool {
        reachedFromPeopleOrTagManagers.contains(system.id)
    }

    /// The first system whose `id`, `name` or `vendor` contains one of `aliases` as a word
    /// (`_` and `-` read as spaces, case ignored).
    func firstSystem(namedByAnyOf aliases: [String]) -> System? {
        lock.lock()
        defer { lock.unlock() }
        if let known = systemsByVendorAliases[aliases] { return known >= 0 ? systems[known] : nil }
        if normalisedNames == nil {
            normalisedNames = systems.map { system in
                [system.id, system.name, system.vendor ?? ""].map {
                    $0.lowercased().replacingASCII("_", with: " ").replacingASCII("-", with: " ")
                }
            }
        }
        let position =
            normalisedNames!.firstIndex { names in
                aliases.contains { alias in names.contains { TagVendorCatalog.containsWord($0, alias) } }
            } ?? -1
        systemsByVendorAliases[aliases] = position
        return position >= 0 ? systems[position] : nil
    }
}
