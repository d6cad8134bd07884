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
public struct Lineage: Sendable {
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
    /// First step to each (node, fact) key: `previous` is the key it came from, or -1 for data
    /// collected from people at the node, or `-2 - u` for data born at node `u` then sent.
    private let steps: IntTable<Int>
    private let factIndex: [LineageFact: Int32]
    private let factsAt: [[Int32]]
    /// Facts that entered the graph along each flow (collection or data born at the sender).
    private let seeds: [Int: [Int32]]
    private let flows: [Flow]
    /// The builder's memo of what each fact becomes along each kind of flow (`CarryKey`): complete after
    /// the build (every fact at a sender was carried along each of its outgoing flows), so
    /// `carried(by:)` is a lookup rather than a re-derivation with hashing of new facts.
    private let carryMemo: LineageBuilder.CarryMemo
    private let carryKeys: LineageBuilder.CarryKeys

    /// Computes the lineage of `inventory`'s flows.
    public init(_ inventory: Inventory) {
        var builder = LineageBuilder(inventory)
        builder.run()
        nodes = builder.nodes
        nodeIndex = builder.nodeIndex
        flowIndex = builder.flowIndex
        flowEnds = builder.flowEnds
        facts = builder.facts
        steps = builder.steps
        factIndex = builder.factIndex
        factsAt = builder.factsAt
        seeds = builder.seeds
        flows = inventory.flows
        carryMemo = builder.carryMemo
        carryKeys = builder.carryKeys
    }

    /// Number of distinct facts and of (system, fact) pairs reached: the size of the result.
    public var size: (facts: Int, arrivals: Int) { (facts.count, steps.count) }

    /// Every fact that reaches `system`, each by its shortest path, in the order found.
    public func arrivals(at system: String) -> [Arrival] {
        guard let node = nodeIndex[system] else { return [] }
        return factsAt[node].map { Arrival(fact: facts[Int($0)], start: LineageBuilder.key(node, Int($0)), last: -1) }
    }

    /// Calls `body` with every fact that reaches `system`, in the order found, without building
    /// arrivals (for rules that summarise what a system holds rather than cite a path).
    public func forEachFact(at system: String, _ body: (LineageFact) -> Void) {
        guard let node = nodeIndex[system] else { return }
        for fact in factsAt[node] { body(facts[Int(fact)]) }
    }

    /// Every fact that travels along `flow` (the flow completes each arrival's path): what
    /// entered the graph on it, and what it carries on from its sender. Computed on demand from
    /// the facts at the sender, so the lineage stores nothing per flow.
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
    /// what it carries on from its sender (looked up in the build's memo), each fact that
    /// satisfies `predicate` handed to `visit` until it answers `false`.
    private func visitCarried(
        by flow: Flow, where predicate: (LineageFact) -> Bool, _ visit: (Arrival) -> Bool
    ) {
        guard let index = flowIndex[flow.id] else { return }
        let (from, to) = flowEnds[index]
        for fact in seeds[index] ?? [] where predicate(facts[Int(fact)]) {
            guard visit(Arrival(fact: facts[Int(fact)], start: from == 0 ? -1 : -2 - from, last: to)) else { return }
        }
        for fact in factsAt[from] {
            let key = LineageBuilder.key(from, Int(fact))
            // The memo is complete after a build; deriving is a fallback that cannot happen then.
            let next =
                carryMemo[carryKeys.key(fact, along: index)]
                ?? LineageBuilder.carry(
                    facts[Int(fact)], along: flows[index], categories: LineageBuilder.personal(flows[index])
                ).compactMap { factIndex[$0] }
            for known in next where predicate(facts[Int(known)]) {
                guard visit(Arrival(fact: facts[Int(known)], start: key, last: to)) else { return }
            }
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
            reversed.append(LineageBuilder.node(of: cursor))
            guard let previous = steps[UInt64(cursor)] else { break }
            cursor = previous
        }
        return reversed.reversed().map { nodes[$0] }
    }
}

/// The mutable state of one lineage computation (kept apart so `Lineage` stays immutable).
struct LineageBuilder {
    var nodes: [String] = [Flow.dataSubjectSource]
    var nodeIndex: [String: Int] = [Flow.dataSubjectSource: 0]
    var flowIndex: [String: Int] = [:]
    var flowEnds: [(from: Int, to: Int)] = []
    var facts: [LineageFact] = []
    var factIndex: [LineageFact: Int32] = [:]
    var steps = IntTable<Int>()
    var factsAt: [[Int32]] = []
    var seeds: [Int: [Int32]] = [:]
    /// Categories reached at each node, for the coverage check between rounds.
    private var categoriesAt: [Set<String>] = []

    private let flows: [Flow]
    private var outgoing: [[Int]] = []
    private var personalCategories: [[String]] = []
    private(set) var carryKeys = CarryKeys()
    private(set) var carryMemo = CarryMemo()
    private var queue: [Int] = []
    private var head = 0

    static func key(_ node: Int, _ fact: Int) -> Int { node << 32 | fact }
    static func node(of key: Int) -> Int { key >> 32 }
    static func fact(of key: Int) -> Int { key & 0xFFFF_FFFF }

    /// What a hop does to any fact: the categories it declares and its flags.
    private struct Transformation: Hashable {
        let categories: [String]
        let hashed: Bool
        let pseudonymised: Bool
        let dropsConsentSignal: Bool
    }

    /// The memo key of carrying a fact along a flow. A flow's regions and subjects only reach a
    /// fact that has none of its own, so they are part of the key only for such facts: keyed by
    /// the whole flow, the memo missed five times as often (468,000 entries at L for 1,812 facts).
    struct CarryKey: Hashable {
        let fact: Int32
        let transformation: Int32
        let regions: Int32
        let subjects: Int32
    }

    /// The carry memo: keys without regions or subjects of a flow (facts that have their own,
    /// nearly all) packed into one integer in an `IntTable`, the rest in a dictionary.
    struct CarryMemo: Sendable {
        private var packed = IntTable<[Int32]>()
        private var other: [CarryKey: [Int32]] = [:]

        var count: Int { packed.count + other.count }

        subscript(key: CarryKey) -> [Int32]? {
            get {
                if key.regions < 0 && key.subjects < 0 { return packed[Self.pack(key)] }
                return other[key]
            }
            set {
                if key.regions < 0 && key.subjects < 0 {
                    packed[Self.pack(key)] = newValue
                } else {
                    other[key] = newValue
                }
            }
        }

        private static func pack(_ key: CarryKey) -> UInt64 {
            UInt64(UInt32(bitPattern: key.fact)) << 32 | UInt64(UInt32(bitPattern: key.transformation))
        }
    }

    /// What `CarryKey`s are made of: per flow, its transformation, regions and subjects as
    /// small integers; per fact, whether it lacks regions or subjects of its own.
    struct CarryKeys: Sendable {
        var transformationOf: [Int32] = []
        var regionsOf: [Int32] = []
        var subjectsOf: [Int32] = []
        var factLacksRegions: [Bool] = []
        var factLacksSubjects: [Bool] = []

        func key(_ fact: Int32, along flow: Int) -> CarryKey {
            CarryKey(
                fact: fact, transformation: transformationOf[flow],
                regions: factLacksRegions[Int(fact)] ? regionsOf[flow] : -1,
                subjects: factLacksSubjects[Int(fact)] ? subjectsOf[flow] : -1)
        }
    }

    init(_ inventory: Inventory) {
        flows = inventory.flows
        for system in inventory.systems where nodeIndex[system.id] == nil {
            nodeIndex[system.id] = nodes.count
            nodes.append(system.id)
        }
        var transformations: [Transformation: Int32] = [:]
        var lists: [[String]: Int32] = [:]
        func listID(_ list: [String]) -> Int32 {
            if let known = lists[list] { return known }
            let id = Int32(lists.count)
            lists[list] = id
            return id
        }
        for (index, flow) in flows.enumerated() {
            let from = intern(flow.from)
            let to = intern(flow.to)
            if flowIndex[flow.id] == nil { flowIndex[flow.id] = index }
            flowEnds.append((from, to))
            let personal = Self.personal(flow)
            personalCategories.append(personal)
            let transformation = Transformation(
                categories: personal, hashed: flow.hashed, pseudonymised: flow.pseudonymised,
                dropsConsentSignal: flow.consentSignalPropagated == false)
            if let known = transformations[transformation] {
                carryKeys.transformationOf.append(known)
            } else {
                let id = Int32(transformations.count)
                transformations[transformation] = id
                carryKeys.transformationOf.append(id)
            }
            carryKeys.regionsOf.append(listID(flow.subjectRegions.sorted()))
            carryKeys.subjectsOf.append(listID(flow.dataSubjects.sorted()))
        }
        outgoing = Array(repeating: [], count: nodes.count)
        for (index, ends) in flowEnds.enumerated() { outgoing[ends.from].append(index) }
        factsAt = Array(repeating: [], count: nodes.count)
        categoriesAt = Array(repeating: [], count: nodes.count)
    }

    /// The personal categories a flow declares, deduplicated and sorted.
    static func personal(_ flow: Flow) -> [String] {
        Array(Set(flow.dataCategories.filter { Taxonomy.matches($0, ancestor: "user") })).sorted()
    }

    private mutating func intern(_ name: String) -> Int {
        if let index = nodeIndex[name] { return index }
        nodeIndex[name] = nodes.count
        nodes.append(name)
        return nodes.count - 1
    }

    private mutating func intern(_ fact: LineageFact) -> Int32 {
        if let index = factIndex[fact] { return index }
        let index = Int32(facts.count)
        facts.append(fact)
        factIndex[fact] = index
        carryKeys.factLacksRegions.append(fact.subjectRegions.isEmpty)
        carryKeys.factLacksSubjects.append(fact.dataSubjects.isEmpty)
        return index
    }

    mutating func run() {
        // Round one: collection from people, and categories a system sends that no flow into it
        // declares (not even a broader or narrower key): the system collected them itself.
        var inbound: [Set<String>] = Array(repeating: [], count: nodes.count)
        for (index, ends) in flowEnds.enumerated() { inbound[ends.to].formUnion(personalCategories[index]) }
        for (index, ends) in flowEnds.enumerated() {
            for category in personalCategories[index]
            where ends.from == 0
                || !inbound[ends.from].contains(where: {
                    Taxonomy.matches($0, ancestor: category) || Taxonomy.matches(category, ancestor: $0)
                })
            {
                seed(flow: index, category: category)
            }
        }
        propagate()
        // Later rounds: categories a flow declares that nothing reached after all (a cycle no
        // collection feeds). Each (flow, category) is seeded at most once, so this terminates.
        while true {
            var seeded = false
            for index in flows.indices {
                // What reached the sender and this flow carries: a category related either way.
                let (from, _) = flowEnds[index]
                let entered = Set((seeds[index] ?? []).map { facts[Int($0)].category })
                for category in personalCategories[index]
                where !entered.contains(category)
                    && !categoriesAt[from].contains(where: {
                        Taxonomy.matches($0, ancestor: category) || Taxonomy.matches(category, ancestor: $0)
                    })
                {
                    seed(flow: index, category: category)
                    seeded = true
                }
            }
            if !seeded { break }
            propagate()
        }
    }

    /// Data of `category` entering the graph along flow `index`.
    private mutating func seed(flow index: Int, category: String) {
        let flow = flows[index]
        let (from, to) = flowEnds[index]
        let fact = intern(
            LineageFact(
                category: category, collectedFor: flow.dataUse, legalBasis: flow.legalBasis,
                subjectRegions: flow.subjectRegions.sorted(), dataSubjects: flow.dataSubjects.sorted(),
                hashed: flow.hashed, pseudonymised: flow.pseudonymised,
                consentSignalLost: from != 0 && flow.legalBasis == .consent && flow.consentSignalPropagated == false))
        let source = from == 0 ? -1 : -2 - from
        seeds[index, default: []].append(fact)
        reach(node: to, fact: fact, previous: source)
    }

    private mutating func reach(node: Int, fact: Int32, previous: Int) {
        let key = Self.key(node, Int(fact))
        guard steps[UInt64(key)] == nil else { return }
        steps[UInt64(key)] = previous
        factsAt[node].append(fact)
        categoriesAt[node].insert(facts[Int(fact)].category)
        queue.append(key)
    }

    private mutating func propagate() {
        while head < queue.count {
            let key = queue[head]
            head += 1
            let node = Self.node(of: key)
            let fact = Int32(Self.fact(of: key))
            for index in outgoing[node] {
                for next in carry(fact, along: index) {
                    reach(node: flowEnds[index].to, fact: next, previous: key)
                }
            }
        }
        queue.removeAll(keepingCapacity: true)
        head = 0
    }

    /// The facts that `fact` becomes after crossing flow `index`, interned and memoised per
    /// `CarryKey`.
    private mutating func carry(_ fact: Int32, along index: Int) -> [Int32] {
        let memoKey = carryKeys.key(fact, along: index)
        if let known = carryMemo[memoKey] { return known }
        var result: [Int32] = []
        for next in Self.carry(facts[Int(fact)], along: flows[index], categories: personalCategories[index]) {
            let interned = intern(next)
            if !result.contains(interned) { result.append(interned) }
        }
        carryMemo[memoKey] = result
        return result
    }

    /// What `upstream` becomes after crossing `flow` (none if the flow does not carry its
    /// category; several if the flow narrows it to several sub-categories). Pure, so queries
    /// recompute exactly what the build did.
    static func carry(_ upstream: LineageFact, along flow: Flow, categories: [String]) -> [LineageFact] {
        var result: [LineageFact] = []
        for declared in categories {
            let category: String
            if Taxonomy.matches(upstream.category, ancestor: declared) {
                category = upstream.category
            } else if Taxonomy.matches(declared, ancestor: upstream.category) {
                category = declared
            } else {
                continue
            }
            result.append(
                LineageFact(
                    category: category, collectedFor: upstream.collectedFor, legalBasis: upstream.legalBasis,
                    subjectRegions: upstream.subjectRegions.isEmpty
                        ? flow.subjectRegions.sorted() : upstream.subjectRegions,
                    dataSubjects: upstream.dataSubjects.isEmpty ? flow.dataSubjects.sorted() : upstream.dataSubjects,
                    hashed: upstream.hashed || flow.hashed, pseudonymised: upstream.pseudonymised || flow.pseudonymised,
                    consentSignalLost: upstream.consentSignalLost
                        || (upstream.legalBasis == .consent && flow.consentSignalPropagated == false)))
        }
        return result
    }
}
