/// A hash table from 64-bit keys to values, with open addressing and a multiplicative hash.
///
/// The lineage looks up (node, fact) steps and carry results a few million times on a large
/// stack, and `SubjectOrder` finds entities by address; `Dictionary` hashes every `Int` key with
/// seeded SipHash, which was most of the lineage's time. Keys here are the program's own
/// integers (packed lineage keys, object addresses), never attacker-chosen strings, so a fixed,
/// fast hash is safe. Deterministic: lookups do not depend on insertion order beyond which slot
/// a key lands in, and nothing iterates the table. Keys are stored plus one, so `UInt64.max` is
/// not a valid key (lineage keys stay below 2^63, and so do user-space addresses).
struct IntTable<Value: Sendable>: Sendable {
    /// Slot keys, stored plus one so that zero marks an empty slot.
    private var keys: [UInt64]
    private var values: [Value?]
    private var shift: UInt64
    private(set) var count = 0

    /// An empty table with room for `capacity` keys before it grows.
    init(capacity: Int = 0) {
        var bits: UInt64 = 4
        while 1 << bits < 2 * capacity { bits += 1 }
        keys = Array(repeating: 0, count: 1 << bits)
        values = Array(repeating: nil, count: 1 << bits)
        shift = 64 - bits
    }

    private func slot(for key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The slot holding `key`, or the empty slot where it would go (linear probing).
    private func probe(_ key: UInt64) -> Int {
        let stored = key &+ 1
        let mask = keys.count - 1
        var index = slot(for: key)
        while keys[index] != 0 && keys[index] != stored { index = (index + 1) & mask }
        return index
    }

    subscript(key: UInt64) -> Value? {
        get {
            let index = probe(key)
            return keys[index] == 0 ? nil : values[index]
        }
        set {
            guard let newValue else { preconditionFailure("IntTable does not remove keys") }
            precondition(key != .max, "UInt64.max is reserved")
            if (count + 1) * 2 > keys.count { grow() }
            let index = probe(key)
            if keys[index] == 0 { count += 1 }
            keys[index] = key &+ 1
            values[index] = newValue
        }
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        values = Array(repeating: nil, count: oldKeys.count * 2)
        shift -= 1
        count = 0
        for (index, stored) in oldKeys.enumerated() where stored != 0 {
            self[stored &- 1] = oldValues[index]
        }
    }
}
