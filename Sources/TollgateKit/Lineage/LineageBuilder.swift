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
    /// Facts that entered the graph along each flow (by flow index).
    var seeds: [[Int32]] = []
    /// Categories reached at each node, for the coverage check between rounds.
    private var categoriesAt: [LineageCategories.Set] = []

    private let flows: [Flow]
    private var outgoing: [[Int]] = []
    /// The personal categories each flow declares (`personal(_:)`), as ids of `categories`.
    private var personalCategories: [[Int32]] = []
    private let categories: LineageCategories
    /// Each fact's category, as an id of `categories`.
    private var factCategory: [Int32] = []
    private(set) var carryKeys = CarryKeys()
    private var carryMemo = CarryMemo()
    private var carryPool: [Int32] = []
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

    /// A run of `carryPool`: what one fact becomes along one kind of flow.
    struct CarryRun: Sendable {
        let start: Int32
        let count: Int32
        var indices: Range<Int> { Int(start)..<Int(start) + Int(count) }
    }

    /// The carry memo: keys without regions or subjects of a flow (facts that have their own,
    /// nearly all) packed into one integer in an `IntTable`, the rest in a dictionary. Results
    /// are runs of one shared pool rather than an array each: 134,000 arrays at L, retained
    /// and released on each of 2.4 million lookups.
    /// Keys with regions or subjects whose four parts each fit in 16 bits (all of them in
    /// practice) are packed into a second `IntTable`: a stack whose flows declare no regions
    /// sent every lookup to the dictionary, and SipHash was most of building its lineage.
    struct CarryMemo: Sendable {
        private var packed = IntTable<CarryRun>()
        private var packedWide = IntTable<CarryRun>()
        private var other: [CarryKey: CarryRun] = [:]

        var count: Int { packed.count + packedWide.count + other.count }

        subscript(key: CarryKey) -> CarryRun? {
            get {
                if key.regions < 0 && key.subjects < 0 { return packed[Self.pack(key)] }
                if let wide = Self.packWide(key) { return packedWide[wide] }
                return other[key]
            }
            set {
                if key.regions < 0 && key.subjects < 0 {
                    packed[Self.pack(key)] = newValue
                } else if let wide = Self.packWide(key) {
                    packedWide[wide] = newValue
                } else {
                    other[key] = newValue
                }
            }
        }

        private static func pack(_ key: CarryKey) -> UInt64 {
            UInt64(UInt32(bitPattern: key.fact)) << 32 | UInt64(UInt32(bitPattern: key.transformation))
        }

        /// The four parts in 16 bits each (regions and subjects plus one, since -1 means none),
        /// or `nil` when one does not fit.
        private static func packWide(_ key: CarryKey) -> UInt64? {
            func fits(_ part: Int32) -> Bool { part >= 0 && part < 0xFFFF }
            let (regions, subjects) = (key.regions &+ 1, key.subjects &+ 1)
            guard fits(key.fact), fits(key.transformation), fits(regions), fits(subjects) else { return nil }
            return UInt64(key.fact) << 48 | UInt64(key.transformation) << 32 | UInt64(regions) << 16 | UInt64(subjects)
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
        let personalNames = flows.map(Self.personal)
        categories = LineageCategories(personalNames.joined())
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
            let personal = personalNames[index]
            personalCategories.append(personal.map { categories.id($0)! })
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
        categoriesAt = Array(repeating: LineageCategories.Set(), count: nodes.count)
        seeds = Array(repeating: [], count: flows.count)
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

    private mutating func intern(_ fact: LineageFact, category: Int32) -> Int32 {
        if let index = factIndex[fact] { return index }
        let index = Int32(facts.count)
        facts.append(fact)
        factCategory.append(category)
        factIndex[fact] = index
        carryKeys.factLacksRegions.append(fact.subjectRegions.isEmpty)
        carryKeys.factLacksSubjects.append(fact.dataSubjects.isEmpty)
        return index
    }

    mutating func run() {
        // Round one: collection from people, and categories a system sends that no flow into it
        // declares (not even a broader or narrower key): the system collected them itself.
        var inbound = Array(repeating: LineageCategories.Set(), count: nodes.count)
        for (index, ends) in flowEnds.enumerated() {
            for category in personalCategories[index] { inbound[ends.to].insert(category, in: categories) }
        }
        for (index, ends) in flowEnds.enumerated() {
            for category in personalCategories[index]
            where ends.from == 0 || !inbound[ends.from].containsRelated(category, in: categories) {
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
                for category in personalCategories[index]
                where !seeds[index].contains(where: { factCategory[Int($0)] == category })
                    && !categoriesAt[from].containsRelated(category, in: categories)
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
    private mutating func seed(flow index: Int, category: Int32) {
        let flow = flows[index]
        let (from, to) = flowEnds[index]
        let fact = intern(
            LineageFact(
                category: categories.name(category), collectedFor: flow.dataUse, legalBasis: flow.legalBasis,
                subjectRegions: flow.subjectRegions.sorted(), dataSubjects: flow.dataSubjects.sorted(),
                hashed: flow.hashed, pseudonymised: flow.pseudonymised,
                consentSignalLost: from != 0 && flow.legalBasis == .consent && flow.consentSignalPropagated == false),
            category: category)
        let source = from == 0 ? -1 : -2 - from
        seeds[index].append(fact)
        reach(node: to, fact: fact, previous: source)
    }

    private mutating func reach(node: Int, fact: Int32, previous: Int) {
        let key = Self.key(node, Int(fact))
        guard steps[UInt64(key)] == nil else { return }
        steps[UInt64(key)] = previous
        factsAt[node].append(fact)
        categoriesAt[node].insert(factCategory[Int(fact)], in: categories)
        queue.append(key)
    }

    private mutating func propagate() {
        while head < queue.count {
            let key = queue[head]
            head += 1
            let node = Self.node(of: key)
            let fact = Int32(Self.fact(of: key))
            for index in outgoing[node] {
                for slot in carry(fact, along: index).indices {
                    reach(node: flowEnds[index].to, fact: carryPool[slot], previous: key)
                }
            }
        }
        queue.removeAll(keepingCapacity: true)
        head = 0
    }

    /// The facts that `fact` becomes after crossing flow `index`, interned and memoised per
    /// `CarryKey`.
    private mutating func carry(_ fact: Int32, along index: Int) -> CarryRun {
        let memoKey = carryKeys.key(fact, along: index)
        if let known = carryMemo[memoKey] { return known }
        var result: [Int32] = []
        let upstream = facts[Int(fact)]
        let upstreamCategory = factCategory[Int(fact)]
        for declared in personalCategories[index] {
            // The flow passes narrower upstream data on unchanged and narrows broader data to what it declares.
            let category: Int32
            if categories.isWithin(upstreamCategory, declared) {
                category = upstreamCategory
            } else if categories.isWithin(declared, upstreamCategory) {
                category = declared
            } else {
                continue
            }
            let next = Self.carried(upstream, as: categories.name(category), along: flows[index])
            let interned = intern(next, category: category)
            if !result.contains(interned) { result.append(interned) }
        }
        let run = CarryRun(start: Int32(carryPool.count), count: Int32(result.count))
        carryPool += result
        carryMemo[memoKey] = run
        return run
    }

    /// What travels along each flow, in the order queries report it: the facts that entered
    /// the graph on the flow, then what each fact at the sender (in the order found) becomes
    /// along it. Flow `i`'s entries are `start[i]..<start[i + 1]`; `upstream` is the sender's
    /// fact an entry came from, or -1 for one that entered on the flow. Built once after the
    /// build, so a rule asking about every flow scans arrays instead of probing the memo 2.4
    /// million times at L.
    func carriedTable() -> CarriedTable {
        var table = CarriedTable()
        table.start.reserveCapacity(flows.count + 1)
        for index in flows.indices {
            table.start.append(table.fact.count)
            for fact in seeds[index] {
                table.fact.append(fact)
                table.upstream.append(-1)
            }
            let from = flowEnds[index].from
            for fact in factsAt[from] {
                // Complete after the build: every fact at a sender was carried along each of its flows.
                guard let run = carryMemo[carryKeys.key(fact, along: index)] else { continue }
                for slot in run.indices {
                    table.fact.append(carryPool[slot])
                    table.upstream.append(fact)
                }
            }
        }
        table.start.append(table.fact.count)
        return table
    }

    /// See `carriedTable()`.
    struct CarriedTable: Sendable {
        var start: [Int] = []
        var fact: [Int32] = []
        var upstream: [Int32] = []
    }

    /// `upstream` after crossing `flow`, as data of `category`.
    private static func carried(_ upstream: LineageFact, as category: String, along flow: Flow) -> LineageFact {
        LineageFact(
            category: category, collectedFor: upstream.collectedFor, legalBasis: upstream.legalBasis,
            subjectRegions: upstream.subjectRegions.isEmpty ? flow.subjectRegions.sorted() : upstream.subjectRegions,
            dataSubjects: upstream.dataSubjects.isEmpty ? flow.dataSubjects.sorted() : upstream.dataSubjects,
            hashed: upstream.hashed || flow.hashed, pseudonymised: upstream.pseudonymised || flow.pseudonymised,
            consentSignalLost: upstream.consentSignalLost
                || (upstream.legalBasis == .consent && flow.consentSignalPropagated == false))
    }
}
