import Foundation

/// The lineage of one run, computed on first use and then shared by every rule.
///
/// A class because it owns a resource — the one computation per run — and a lock so that rules
/// evaluated concurrently never compute it twice. Runs whose rules never ask (an accounts-only
/// policy) never pay for it.
public final class LineageStore: @unchecked Sendable {
    private let inventory: Inventory
    private let lock = NSLock()
    private var computed: Lineage?

    public init(_ inventory: Inventory) {
        self.inventory = inventory
    }

    /// The lineage, computed now if no rule asked before.
    public var lineage: Lineage {
        lock.lock()
        defer { lock.unlock() }
        if let computed { return computed }
        let lineage = Lineage(inventory)
        computed = lineage
        return lineage
    }
}
