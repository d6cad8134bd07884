/// Which personal data reaches which system, collected for what and on which basis, and by
/// which path: the data-flow graph of the declared flows, evaluated once per run.
///
/// ## How it is computed
/// One multi-source breadth-first pass over the product graph *(system × fact)*, where a
/// `LineageFact` is a data category together with the circumstances of its collection
/// (purpose, lawful basis, regions, subjects, hashing, consent signal). Each (system, fact)
/// pair is entered at most once and remembers the step it was first reached by, so:
/// - the cost is O((V + E) · F), where F is the number of distinct facts at a system — bounded
///   by the taxonomy and the declared vocabularies, not by the number of paths, which grows
///   exponentially in a marketing stack where everything feeds the CDP;
/// - cycles (CRM ⇄ ESP syncs) terminate, because a pair already reached is never re-entered;
/// - the remembered steps form a shortest-path tree, so every arrival has one deterministic,
///   shortest evidence path (breadth-first, flows in declaration order).
///
/// Two alternatives were rejected. A depth-first search per source is simple but costs
/// O(S · E) for S sources — minutes at 100,000 flows with thousands of collection points.
/// Condensing strongly connected components first gives linear reachability, but merges the
/// members of a cycle, so it can neither tell which category survives each hop nor produce the
/// per-hop evidence path the findings need.
///
/// ## What a flow carries
/// A flow declaring category `k` carries the upstream data under `k` unchanged (a hop declaring
/// `user` passes health data on) and narrows broader upstream data to `k`. Data enters the graph
/// at collection (flows from `data_subject`), at systems that receive nothing, and wherever a
/// flow declares a category nothing upstream supplies (the system collected it itself); the
/// last case is found after each pass and seeded, so nothing declared is left out.
/// Only personal data (`user.*`) is followed.
///
/// A class, computed once and shared: rules reach it through `RuleContext.lineage` many times
/// each, and as a struct every access copied its tables (a dozen references retained).
public final class Lineage: Sendable {
    /// One fact at one system, with a handle to its path.
    public struct Arrival: Sendable, Hashable {
        public let fact: LineageFact
        /// Where the path walk starts (see `Lineage.path(_:)`).
        let start: Int
        /// A node to append after the walk (the destination of a carrying flow), or -1.
        let last: Int
    }

    /// Node names; index 0 is the data-subject pseudo-source.
    private let nodes: [String]
    private let nodeIndex: [String: Int]
    private let flowIndex: [String: Int]
    private let flowEnds: [(from: Int, to: Int)]
    private let facts: [LineageFact]
    /// The facts reaching each node, in the order found.
    private let factsAt: [[Int32]]
    /// The first step to each arrival (`previousAt[n][i]` for `factsAt[n][i]`): the (node, fact)
    /// key it came from, or -1 for data collected from people at the node, or `-2 - u` for data
    /// born at node `u` then sent.
    private let previousAt: [[Int]]
    /// What travels along each flow (`LineageBuilder.carriedTable()`).
    private let carried: LineageBuilder.CarriedTable

    /// Computes the lineage of `inventory`'s flows.
    public init(_ inventory: Inventory) {
        var builder = LineageBuilder(inventory)
        builder.run()
        nodes = builder.nodes
        nodeIndex = builder.nodeIndex
        flowIndex = builder.flowIndex
        flowEnds = builder.flowEnds
        facts = builder.facts
        factsAt = builder.factsAt
        previousAt = builder.previousAt
        carried = builder.carriedTable()
    }

    /// Number of distinct facts and of (system, fact) pairs reached: the size of the result.
    public var size: (facts: Int, arrivals: Int) { (facts.count, factsAt.reduce(0) { $0 + $1.count }) }

    /// Every fact that reaches `system`, each by its shortest path, in the order found.
    public func arrivals(at system: String) -> [Arrival] {
        guard let node = nodeIndex[system] else { return [] }
        return factsAt[node].map { Arrival(fact: facts[Int($0)], start: LineageBuilder.key(node, Int($0)), last: -1) }
    }

    /// Calls `body` with every fact that reaches `system`, in the order found, without building
    /// arrivals (for rules that summarise what a system holds rather than cite a path).
    public func forEachFact(at system: String, _ body: (LineageFact) -> Void) {
        forEachFactID(at: system) { body(facts[$0]) }
    }

    /// The number of distinct facts: `forEachFactID(at:_:)` names them `0..<factCount`, so a
    /// rule can work out what it needs of each fact once instead of at every system it reaches.
    public var factCount: Int { facts.count }

    /// The fact with id `id` (`0..<factCount`).
    public func fact(_ id: Int) -> LineageFact { facts[id] }

    /// Calls `body` with the id of every fact that reaches `system`, in the order found.
    public func forEachFactID(at system: String, _ body: (Int) -> Void) {
        guard let node = nodeIndex[system] else { return }
        for fact in factsAt[node] { body(Int(fact)) }
    }

    /// Every fact that travels along `flow` (the flow completes each arrival's path): what
    /// entered the graph on it, and what it carries on from its sender. Read from a table built
    /// once, since most privacy rules ask this of every flow.
    public func carried(by flow: Flow) -> [Arrival] {
        carried(by: flow) { _ in true }
    }

    /// The facts travelling along `flow` that satisfy `predicate`, in `carried(by:)` order;
    /// the others are never wrapped into arrivals.
    public func carried(by flow: Flow, where predicate: (LineageFact) -> Bool) -> [Arrival] {
        var result: [Arrival] = []
        visitCarried(by: flow, where: predicate) { arrival in
            result.append(arrival)
            return true
        }
        return result
    }

    /// The first fact travelling along `flow` that satisfies `predicate`, in `carried(by:)`
    /// order, without building the whole list.
    public func firstCarried(by flow: Flow, where predicate: (LineageFact) -> Bool) -> Arrival? {
        var first: Arrival?
        visitCarried(by: flow, where: predicate) { arrival in
            first = arrival
            return false
        }
        return first
    }

    /// The one walk behind `carried` and `firstCarried`: what entered the graph on `flow`, then
    /// what it carries on from its sender (one row of the carried table), each fact that
    /// satisfies `predicate` handed to `visit` until it answers `false`.
    private func visitCarried(
        by flow: Flow, where predicate: (LineageFact) -> Bool, _ visit: (Arrival) -> Bool
    ) {
        guard let index = flowIndex[flow.id] else { return }
        let (from, to) = flowEnds[index]
        for entry in carried.start[index]..<carried.start[index + 1] {
            // The fact is read in place for the predicate and copied only for an arrival.
            let factID = Int(carried.fact[entry])
            guard predicate(facts[factID]) else { continue }
            let upstream = carried.upstream[entry]
            let start = upstream >= 0 ? LineageBuilder.key(from, Int(upstream)) : from == 0 ? -1 : -2 - from
            guard visit(Arrival(fact: facts[factID], start: start, last: to)) else { return }
        }
    }

    /// The first arrival at `system` whose fact satisfies `predicate`.
    public func firstArrival(at system: String, where predicate: (LineageFact) -> Bool) -> Arrival? {
        arrivals(at: system).first { predicate($0.fact) }
    }

    /// The systems of an arrival's path, from where the data entered to where it arrived
    /// (`["website", "cdp", "meta-ads"]`).
    public func path(_ arrival: Arrival) -> [String] {
        var reversed: [Int] = []
        if arrival.last >= 0 { reversed.append(arrival.last) }
        var cursor = arrival.start
        while true {
            if cursor == -1 { break }
            if cursor <= -2 {
                reversed.append(-2 - cursor)
                break
            }
            let node = LineageBuilder.node(of: cursor)
            reversed.append(node)
            // Paths are walked only for findings, so a scan of the node's facts is cheap enough.
            guard let position = factsAt[node].firstIndex(of: Int32(LineageBuilder.fact(of: cursor))) else { break }
            cursor = previousAt[node][position]
        }
        return reversed.reversed().map { nodes[$0] }
    }
}
