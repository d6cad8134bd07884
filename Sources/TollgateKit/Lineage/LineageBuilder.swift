/// The mutable state of one lineage computation (kept apart so `Lineage` stays immutable).
///
/// Everything the propagation touches is a small integer: systems, facts, categories, data
/// uses and region or subject lists are interned once from the flows, and a fact is built as a
/// `LineageFact` (strings and arrays) only when it is first found. Hashing those strings for
/// every seed and carry was a third of the lineage at L (100,000 flows).
struct LineageBuilder {
    var nodes: [String] = [Flow.dataSubjectSource]
    var nodeIndex: [String: Int] = [Flow.dataSubjectSource: 0]
    var flowIndex: [String: Int] = [:]
    var flowEnds: [(from: Int, to: Int)] = []
    var facts: [LineageFact] = []
    /// The facts reaching each node, in the order found, and the step each came by:
    /// `previousAt[n][i]` is where `factsAt[n][i]` came from (see `Lineage.previous`).
    var factsAt: [[Int32]] = []
    var previousAt: [[Int]] = []
    /// Facts that entered the graph along each flow (by flow index).
    var seeds: [[Int32]] = []
    /// Categories reached at each node, for the coverage check between rounds.
    private var categoriesAt: [LineageCategories.Set] = []
    /// Which facts reached each node, once it holds `LineageBuilder.scanLimit` of them (below
    /// that, `factsAt` is scanned): one bit test per arrival instead of a hash-table probe.
    private var reachedBits: [LineageCategories.Bits] = []
    static let scanLimit = 32

    private var factIndex: [FactKey: Int32] = [:]
    private var factKeys: [FactKey] = []
    /// What each flow is carried along, as (flow, fact carried, fact at the sender) in the
    /// order propagation carried them; grouped by flow into the carried table at the end.
    private var carriedRecords: [(flow: Int32, fact: Int32, upstream: Int32)] = []

    private let flows: [Flow]
    private var outgoing: [[Int]] = []
    /// The personal categories each flow declares (`personal(_:)`), as ids of `categories`.
    private var personalCategories: [[Int32]] = []
    private let categories: LineageCategories
    private(set) var carryKeys = CarryKeys()
    private var carryMemo = CarryMemo()
    private var carryPool: [Int32] = []
    private var queue: [Int] = []
    private var head = 0
    /// Interned data uses (`collectedFor`), and each flow's; -1 for none.
    private var useNames: [String] = []
    private var useOf: [Int32] = []
    /// Interned sorted region and subject lists (`CarryKeys.regionsOf`, `subjectsOf` index them).
    private var listValues: [[String]] = []

    static func key(_ node: Int, _ fact: Int) -> Int { node << 32 | fact }
    static func node(of key: Int) -> Int { key >> 32 }
    static func fact(of key: Int) -> Int { key & 0xFFFF_FFFF }

    /// What a hop does to any fact: the categories it declares (ids of `categories`) and its flags.
    private struct Transformation: Hashable {
        let categories: [Int32]
        let hashed: Bool
        let pseudonymised: Bool
        let dropsConsentSignal: Bool
    }

    /// A fact as interned integers: equal keys are equal `LineageFact`s, since every name and
    /// list is interned one to one.
    struct FactKey: Hashable {
        let category: Int32
        let collectedFor: Int32
        let legalBasis: LegalBasis?
        let regions: Int32
        let subjects: Int32
        let hashed: Bool
        let pseudonymised: Bool
        let consentSignalLost: Bool
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
            let sorted = list.count > 1 ? list.sorted() : list
            if let known = lists[sorted] { return known }
            let id = Int32(listValues.count)
            lists[sorted] = id
            listValues.append(sorted)
            return id
        }
        var uses: [String: Int32] = [:]
        for (index, flow) in flows.enumerated() {
            let from = intern(flow.from)
            let to = intern(flow.to)
            if flowIndex[flow.id] == nil { flowIndex[flow.id] = index }
            flowEnds.append((from, to))
            let personal = personalNames[index].map { categories.id($0)! }
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
            carryKeys.regionsOf.append(listID(flow.subjectRegions))
            carryKeys.subjectsOf.append(listID(flow.dataSubjects))
            if let use = flow.dataUse {
                if let known = uses[use] {
                    useOf.append(known)
                } else {
                    let id = Int32(useNames.count)
                    uses[use] = id
                    useNames.append(use)
                    useOf.append(id)
                }
            } else {
                useOf.append(-1)
            }
        }
        outgoing = Array(repeating: [], count: nodes.count)
        for (index, ends) in flowEnds.enumerated() { outgoing[ends.from].append(index) }
        factsAt = Array(repeating: [], count: nodes.count)
        previousAt = Array(repeating: [], count: nodes.count)
        reachedBits = Array(repeating: LineageCategories.Bits(), count: nodes.count)
        categoriesAt = Array(repeating: LineageCategories.Set(), count: nodes.count)
        seeds = Array(repeating: [], count: flows.count)
    }

    /// The personal categories a flow declares, deduplicated and sorted.
    static func personal(_ flow: Flow) -> [String] {
        var personal = flow.dataCategories.filter { Taxonomy.matches($0, ancestor: "user") }
        guard personal.count > 1 else { return personal }
        personal.sort()
        var kept = 1
        for index in 1..<personal.count where personal[index] != personal[kept - 1] {
            personal[kept] = personal[index]
            kept += 1
        }
        personal.removeLast(personal.count - kept)
        return personal
    }

    private mutating func intern(_ name: String) -> Int {
        if let index = nodeIndex[name] { return index }
        nodeIndex[name] = nodes.count
        nodes.append(name)
        return nodes.count - 1
    }

    private mutating func intern(_ key: FactKey) -> Int32 {
        if let index = factIndex[key] { return index }
        let index = Int32(facts.count)
        let regions = listValues[Int(key.regions)]
        let subjects = listValues[Int(key.subjects)]
        facts.append(
            LineageFact(
                category: categories.name(key.category),
                collectedFor: key.collectedFor < 0 ? nil : useNames[Int(key.collectedFor)],
                legalBasis: key.legalBasis, subjectRegions: regions, dataSubjects: subjects, hashed: key.hashed,
                pseudonymised: key.pseudonymised, consentSignalLost: key.consentSignalLost))
        factKeys.append(key)
        factIndex[key] = index
        carryKeys.factLacksRegions.append(regions.isEmpty)
        carryKeys.factLacksSubjects.append(subjects.isEmpty)
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
                where !seeds[index].contains(where: { factKeys[Int($0)].category == category })
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
            FactKey(
                category: category, collectedFor: useOf[index], legalBasis: flow.legalBasis,
                regions: carryKeys.regionsOf[index], subjects: carryKeys.subjectsOf[index], hashed: flow.hashed,
                pseudonymised: flow.pseudonymised,
                consentSignalLost: from != 0 && flow.legalBasis == .consent && flow.consentSignalPropagated == false))
        let source = from == 0 ? -1 : -2 - from
        seeds[index].append(fact)
        reach(node: to, fact: fact, previous: source)
    }

    private func hasReached(_ node: Int, _ fact: Int32) -> Bool {
        factsAt[node].count < Self.scanLimit ? factsAt[node].contains(fact) : reachedBits[node].contains(fact)
    }

    private mutating func reach(node: Int, fact: Int32, previous: Int) {
        guard !hasReached(node, fact) else { return }
        factsAt[node].append(fact)
        previousAt[node].append(previous)
        let count = factsAt[node].count
        if count == Self.scanLimit {
            for known in factsAt[node] { _ = reachedBits[node].insert(known) }
        } else if count > Self.scanLimit {
            _ = reachedBits[node].insert(fact)
        }
        categoriesAt[node].insert(factKeys[Int(fact)].category, in: categories)
        queue.append(Self.key(node, Int(fact)))
    }

    private mutating func propagate() {
        while head < queue.count {
            let key = queue[head]
            head += 1
            let node = Self.node(of: key)
            let fact = Int32(Self.fact(of: key))
            for index in outgoing[node] {
                for slot in carry(fact, along: index).indices {
                    carriedRecords.append((Int32(index), carryPool[slot], fact))
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
        let upstream = factKeys[Int(fact)]
        let flow = flows[index]
        for declared in personalCategories[index] {
            // The flow passes narrower upstream data on unchanged and narrows broader data to what it declares.
            let category: Int32
            if categories.isWithin(upstream.category, declared) {
                category = upstream.category
            } else if categories.isWithin(declared, upstream.category) {
                category = declared
            } else {
                continue
            }
            let interned = intern(
                FactKey(
                    category: category, collectedFor: upstream.collectedFor, legalBasis: upstream.legalBasis,
                    regions: carryKeys.factLacksRegions[Int(fact)] ? carryKeys.regionsOf[index] : upstream.regions,
                    subjects: carryKeys.factLacksSubjects[Int(fact)] ? carryKeys.subjectsOf[index] : upstream.subjects,
                    hashed: upstream.hashed || flow.hashed, pseudonymised: upstream.pseudonymised || flow.pseudonymised,
                    consentSignalLost: upstream.consentSignalLost
                        || (upstream.legalBasis == .consent && flow.consentSignalPropagated == false)))
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
    /// million times at L. Propagation carries a sender's facts in the order they reached it,
    /// so grouping its records by flow (a stable counting sort) gives each row in that order.
    func carriedTable() -> CarriedTable {
        var table = CarriedTable()
        var start = Array(repeating: 0, count: flows.count + 1)
        for index in flows.indices { start[index + 1] = seeds[index].count }
        for record in carriedRecords { start[Int(record.flow) + 1] += 1 }
        for index in flows.indices { start[index + 1] += start[index] }
        table.fact = Array(repeating: 0, count: start[flows.count])
        table.upstream = Array(repeating: -1, count: start[flows.count])
        var next = start
        for index in flows.indices {
            for fact in seeds[index] {
                table.fact[next[index]] = fact
                next[index] += 1
            }
        }
        for record in carriedRecords {
            let slot = next[Int(record.flow)]
            table.fact[slot] = record.fact
            table.upstream[slot] = record.upstream
            next[Int(record.flow)] = slot + 1
        }
        table.start = start
        return table
    }

    /// See `carriedTable()`.
    struct CarriedTable: Sendable {
        var start: [Int] = []
        var fact: [Int32] = []
        var upstream: [Int32] = []
    }
}
