/// One check: a stateless value with a description and a pure evaluation.
///
/// A rule returns one `Evaluation` per subject it applies to (passes included, so reports can
/// show what was checked); returning none means "not applicable".
public protocol Rule: Sendable {
    var description: RuleDescription { get }
    func evaluate(_ context: RuleContext) -> [Evaluation]
}

/// What a rule may read: the inventory and its indexes, the as-of date, its parameters.
public struct RuleContext: Sendable {
    public let inventory: Inventory
    public let index: InventoryIndex
    public let asOf: Day
    public let parameters: Parameters

    public init(inventory: Inventory, index: InventoryIndex, asOf: Day, parameters: Parameters) {
        self.inventory = inventory
        self.index = index
        self.asOf = asOf
        self.parameters = parameters
    }
}
