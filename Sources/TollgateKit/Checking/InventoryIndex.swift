/// Lookups computed once per run and shared by every rule, so that no rule scans the whole
/// inventory to find one system's accounts.
public struct InventoryIndex: Sendable {
    public let systemsByID: [String: System]
    public let peopleByID: [String: Person]
    public let accountsBySystem: [String: [Account]]
    public let flowsFrom: [String: [Flow]]
    public let flowsTo: [String: [Flow]]

    public init(_ inventory: Inventory) {
        systemsByID = Dictionary(inventory.systems.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        peopleByID = Dictionary(inventory.people.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        accountsBySystem = Dictionary(grouping: inventory.accounts, by: \.system)
        flowsFrom = Dictionary(grouping: inventory.flows, by: \.from)
        flowsTo = Dictionary(grouping: inventory.flows, by: \.to)
    }

    /// Whether the account's owner is still with the organisation: the account's own
    /// `owner_active`, else the owner's `people` entry, else unknown.
    public func ownerActive(_ account: Account) -> Bool? {
        if let explicit = account.ownerActive { return explicit }
        return account.owner.flatMap { peopleByID[$0]?.active }
    }
}
