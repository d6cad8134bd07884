import Foundation

/// The lineage of one run, computed on first use and then shared by every rule.
///
/// A class because it owns a resource — the one computation per run — and a lock so that rules
/// evaluated concurrently never compute it twice. Runs whose rules never ask (an accounts-only
/// policy) never pay for it.
public final class LineageStore: @unchecked Sendable {
    private let inventory: Inventory
    private let timer: PhaseTimer
    private let lock = NSLock()
    private var computed: Lineage?

    /// `timer` records the computation as the `lineage` phase. It overlaps the rules that do
    /// not need it (they keep running on the other cores), so it is not a serial phase.
    public init(_ inventory: Inventory, timer: PhaseTimer = .disabled) {
        self.inventory = inventory
        self.timer = timer
    }

    /// The lineage, computed now if no rule asked before.
    public var lineage: Lineage {
        lock.lock()
        defer { lock.unlock() }
        if let computed { return computed }
        let lineage = timer.measure("lineage") { Lineage(inventory) }
        computed = lineage
        return lineage
    }
}
