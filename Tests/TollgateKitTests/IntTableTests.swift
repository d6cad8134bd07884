import Testing

@testable import TollgateKit

/// The lineage's hash table must behave like a dictionary: every key inserted is found with
/// its last value, absent keys are absent, through many growths and at the edges of the key
/// range (0 is stored as 1 internally, so the largest keys are the risky ones).
@Suite("IntTable")
struct IntTableTests {
    @Test func behavesLikeADictionaryThroughGrowth() {
        var table = IntTable<Int>()
        var reference: [UInt64: Int] = [:]
        var generator = SeededGenerator(seed: 42)
        for step in 0..<20_000 {
            // Clustered keys (consecutive node/fact keys) and scattered ones.
            let key = step % 3 == 0 ? UInt64(step) : generator.next() >> UInt64(step % 40)
            table[key] = step
            reference[key] = step
        }
        #expect(table.count == reference.count)
        for (key, value) in reference { #expect(table[key] == value) }
        var absent = 0
        for _ in 0..<5_000 {
            let key = generator.next()
            if reference[key] == nil {
                #expect(table[key] == nil)
                absent += 1
            }
        }
        #expect(absent > 4_000)
    }

    @Test func edgeKeysAndOverwrites() {
        var table = IntTable<[Int32]>()
        #expect(table[0] == nil)
        table[0] = [1]
        table[UInt64.max - 1] = [2]
        table[1 << 63] = [3]
        #expect(table[0] == [1])
        #expect(table[UInt64.max - 1] == [2])
        #expect(table[1 << 63] == [3])
        #expect(table[1] == nil)
        table[0] = [4, 5]
        #expect(table[0] == [4, 5])
        #expect(table.count == 3)
    }

    /// The lineage's carry memo packs keys three ways (no regions or subjects; all parts in 16
    /// bits; the rest in a dictionary). Keys that differ in one part, at the edges of each
    /// packing, must never share an entry.
    @Test func carryMemoKeysAtThePackingEdgesStayDistinct() {
        typealias Key = LineageBuilder.CarryKey
        let parts: [Int32] = [-1, 0, 1, 0xFFFD, 0xFFFE, 0xFFFF, 0x1_0000, Int32.max]
        var keys: [Key] = []
        for fact in parts where fact >= 0 {
            for transformation in parts where transformation >= 0 {
                for regions in parts {
                    for subjects in [-1, 0, 0xFFFE, 0x1_0000] as [Int32] {
                        keys.append(
                            Key(fact: fact, transformation: transformation, regions: regions, subjects: subjects))
                    }
                }
            }
        }
        var memo = LineageBuilder.CarryMemo()
        for (index, key) in keys.enumerated() {
            memo[key] = LineageBuilder.CarryRun(start: Int32(index), count: 1)
        }
        #expect(memo.count == keys.count)
        for (index, key) in keys.enumerated() { #expect(memo[key]?.start == Int32(index), "\(key)") }
        #expect(memo[Key(fact: 2, transformation: 2, regions: 2, subjects: 2)] == nil)
    }
}
