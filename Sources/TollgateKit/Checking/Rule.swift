/// One check: a stateless value with a description and a pure evaluation.
///
/// A rule returns one `Evaluation` per subject it applies to (passes included, so reports can
/// show what was checked); returning none means "not applicable".
public protocol Rule: Sendable {
    var description: RuleDescription { get }
    func evaluate(_ context: RuleContext) -> [Evaluation]
}

/// What a rule may read: the inventory and its indexes, the data-flow lineage, the as-of date,
/// its parameters.
public struct RuleContext: Sendable {
    public let inventory: Inventory
    public let index: InventoryIndex
    public let asOf: Day
    public let parameters: Parameters
    /// The accounts whose user export is newer than `asOf` (`Inventory.accountsExportedAfter`),
    /// by system id: worked out once per check and given to every rule.
    public let accountsExportedAfterAsOf: [String: [Account]]
    private let lineageStore: LineageStore

    /// `accountsExportedAfterAsOf` is worked out from `inventory` when not given.
    public init(
        inventory: Inventory, index: InventoryIndex, asOf: Day, parameters: Parameters,
        lineage: LineageStore? = nil, accountsExportedAfterAsOf: [String: [Account]]? = nil
    ) {
        self.inventory = inventory
        self.index = index
        self.asOf = asOf
        self.parameters = parameters
        self.accountsExportedAfterAsOf = accountsExportedAfterAsOf ?? inventory.accountsExportedAfter(asOf)
        self.lineageStore = lineage ?? LineageStore(inventory)
    }

    /// Which personal data reaches which system, and by which path; computed once per run, on
    /// first use. Rules about paths ask it rather than searching the graph themselves.
    public var lineage: Lineage { lineageStore.lineage }
}
