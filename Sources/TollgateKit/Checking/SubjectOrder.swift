import Foundation

/// Where each declared entity stands in subject order (its kind, then its id among its kind's
/// ids), worked out once per check, so that a rule's results are put in order by comparing
/// integers.
///
/// Every rule's evaluations are sorted by subject (`Report.SubjectResults`). Each rule sorted
/// its own results by reading and comparing the ids again: at the benchmark's L size (1.9
/// million subjects) that was a seventh of the rules' CPU on real hardware, half of it
/// reference counting of the id strings. Here each kind's entities are ranked once, when a rule
/// first needs them, and a subject finds its rank by its entity's identity: rules mostly
/// evaluate entities in declaration order, so the next declaration is tried first, then a table
/// by identity. A subject that is not a declared entity (web properties, tags, files…) makes
/// `orderKeys` answer `nil`, and those results are sorted by id as before.
final class SubjectOrder: @unchecked Sendable {
    /// One kind's entities in declaration order, each with its place in id order, and a table
    /// of where each is declared.
    private final class Ranking: Sendable {
        let entities: [ObjectIdentifier]
        let ranks: [Int32]
        let positions: IntTable<Int32>

        init(entities: [ObjectIdentifier], ranks: [Int32], positions: IntTable<Int32>) {
            self.entities = entities
            self.ranks = ranks
            self.positions = positions
        }
    }

    /// Bits of an order key: the kind's ordinal above the rank above the evaluation's position,
    /// so that one integer sort orders by subject and keeps the rule's order among equals.
    static let positionBits: UInt64 = 32
    static let rankBits: UInt64 = 28

    /// Bits left for the kind's ordinal above rank and position.
    static let kindBits: UInt64 = 64 - rankBits - positionBits

    /// One kind's ranking, made once by the first rule that needs it. Each kind has its own
    /// lock, so that ranking the accounts (a sort of 200,000 ids at L) does not hold up the
    /// rules over flows.
    private final class Cell: @unchecked Sendable {
        let lock = NSLock()
        /// `nil` until made; `.some(nil)` for a kind that has no ranking.
        var ranking: Ranking??
    }

    private let inventory: Inventory
    /// Kinds in `Subject`'s order of kinds, indexed by ordinal.
    private let kinds = Subject.Kind.inOrder
    private let cells: [Cell]

    init(_ inventory: Inventory) {
        precondition(kinds.count <= 1 << Self.kindBits, "every kind's ordinal fits its bits of an order key")
        self.inventory = inventory
        cells = kinds.map { _ in Cell() }
    }

    /// For each evaluation, its subject's kind and rank above its position (see `positionBits`),
    /// or `nil` when a subject is not a declared entity of this inventory.
    func orderKeys(of evaluations: UnsafeBufferPointer<Evaluation>) -> [UInt64]? {
        guard UInt64(evaluations.count) < 1 << Self.positionBits else { return nil }
        var keys: [UInt64] = []
        keys.reserveCapacity(evaluations.count)
        // The rankings this rule's subjects use, and where in each kind's declarations it was.
        var used: [Ranking?] = Array(repeating: nil, count: kinds.count)
        var last = Array(repeating: 0, count: kinds.count)
        var kind: Subject.Kind?
        var ordinal = 0
        // The current kind's ranking, its arrays held here so that reading them retains nothing.
        var entities: [ObjectIdentifier] = []
        var ranks: [Int32] = []
        var positions = IntTable<Int32>()
        for index in evaluations.indices {
            // Read in place: copying the subject would retain its entity, touching a million
            // objects at L, which is what ranking is here to avoid.
            let subjectKind = evaluations[index].subject.kind
            let entity = evaluations[index].subject.sourceIdentifier
            if subjectKind != kind {
                kind = subjectKind
                ordinal = kinds.firstIndex(of: subjectKind)!
                if used[ordinal] == nil { used[ordinal] = ranking(ordinal) }
                guard let ranking = used[ordinal] else { return nil }
                (entities, ranks, positions) = (ranking.entities, ranking.ranks, ranking.positions)
            }
            let previous = last[ordinal]
            let position: Int
            if previous < entities.count && entities[previous] == entity {
                position = previous  // evaluated again
            } else if previous + 1 < entities.count && entities[previous + 1] == entity {
                position = previous + 1  // the next declaration: rules mostly go in declaration order
            } else if let found = positions[Self.key(entity)] {
                position = Int(found)
            } else {
                return nil
            }
            last[ordinal] = position
            let rank = UInt64(UInt32(bitPattern: ranks[position]))
            keys.append(
                UInt64(ordinal) << (Self.rankBits + Self.positionBits) | rank << Self.positionBits | UInt64(index))
        }
        return keys
    }

    /// The ranking of the kind with `ordinal` (its place in `kinds`).
    private func ranking(_ ordinal: Int) -> Ranking? {
        let kind = kinds[ordinal]
        let cell = cells[ordinal]
        cell.lock.lock()
        defer { cell.lock.unlock() }
        if let known = cell.ranking { return known }
        let entities: [(ObjectIdentifier, String)]
        switch kind {
        case .system: entities = inventory.systems.map { (ObjectIdentifier($0), $0.id) }
        case .flow: entities = inventory.flows.map { (ObjectIdentifier($0), $0.id) }
        case .account: entities = inventory.accounts.map { (ObjectIdentifier($0), $0.id) }
        case .apiKey: entities = inventory.apiKeys.map { (ObjectIdentifier($0), $0.id) }
        case .asset: entities = inventory.assets.map { (ObjectIdentifier($0), $0.id) }
        case .person: entities = inventory.people.map { (ObjectIdentifier($0), $0.id) }
        case .organization, .webProperty, .emailProgram, .file, .tag, .tagManagerContainer: entities = []
        }
        let ranking =
            entities.isEmpty || UInt64(entities.count) >= 1 << Self.rankBits
            ? nil : Self.rank(entities, kind: kind)
        cell.ranking = .some(ranking)
        return ranking
    }

    /// Ranks `entities` by id in `Subject`'s order (the first 16 bytes compared as integers).
    private static func rank(_ entities: [(ObjectIdentifier, String)], kind: Subject.Kind) -> Ranking {
        let keys = entities.map { Report.OrderKey(kind: kind, id: $0.1) }
        func precedes(_ a: Int, _ b: Int) -> Bool { keys[a].compare(keys[b]) ?? (entities[a].1 < entities[b].1) }
        let byID = entities.indices.sorted(by: precedes)
        // Equal ids share a rank, so that the sort by rank keeps the rule's order among them, as
        // the stable sort by id does.
        var ranks = [Int32](repeating: 0, count: entities.count)
        var rank: Int32 = 0
        for (place, index) in byID.enumerated() {
            if place > 0 && precedes(byID[place - 1], index) { rank = Int32(place) }
            ranks[index] = rank
        }
        var positions = IntTable<Int32>(capacity: entities.count)
        for (position, entity) in entities.enumerated() where positions[key(entity.0)] == nil {
            positions[key(entity.0)] = Int32(position)
        }
        return Ranking(entities: entities.map(\.0), ranks: ranks, positions: positions)
    }

    /// An entity's address as a table key (addresses stay below 2^63).
    private static func key(_ entity: ObjectIdentifier) -> UInt64 { UInt64(UInt(bitPattern: entity)) }
}
