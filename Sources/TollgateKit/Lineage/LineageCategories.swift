/// The personal-data categories of one lineage computation as small integers, with the
/// taxonomy relation between them answered from short ancestor lists instead of comparing
/// strings.
///
/// Every category the lineage handles is one a flow declares (a fact's category is the
/// upstream one or the declared one), so the table is complete once built from the flows, and
/// each category's ancestors among them are found once. Comparing dotted keys byte by byte was
/// a third of the lineage's time at L (100,000 flows).
struct LineageCategories {
    private(set) var names: [String] = []
    private var ids: [String: Int32] = [:]
    /// For each category, the categories of the table it falls under, itself first. Taxonomy
    /// keys are a few levels deep, so these lists are short whatever the number of categories.
    private var ancestors: [[Int32]] = []

    /// A table of `names` (duplicates ignored), in first-seen order.
    init(_ names: some Sequence<String>) {
        for name in names where ids[name] == nil {
            ids[name] = Int32(self.names.count)
            self.names.append(name)
        }
        ancestors = self.names.map { name in
            // `a.b.c` falls under `a.b.c`, `a.b` and `a`: the prefixes that end at a dot.
            var found: [Int32] = []
            let bytes = Array(name.utf8)
            for end in stride(from: bytes.count, to: 0, by: -1)
            where end == bytes.count || bytes[end] == UInt8(ascii: ".") {
                if let id = ids[String(decoding: bytes[..<end], as: UTF8.self)] { found.append(id) }
            }
            return found
        }
    }

    var count: Int { names.count }

    func id(_ name: String) -> Int32? { ids[name] }

    func name(_ id: Int32) -> String { names[Int(id)] }

    /// Whether `key` is `ancestor` or narrower (`Taxonomy.matches(key, ancestor:)`).
    func isWithin(_ key: Int32, _ ancestor: Int32) -> Bool { ancestors[Int(key)].contains(ancestor) }

    /// The categories `id` falls under, itself included.
    func ancestors(of id: Int32) -> [Int32] { ancestors[Int(id)] }

    /// A set of categories that answers "does it hold one related to `c`, either way?" with a
    /// few bit tests: it keeps its members and everything they fall under, as bitsets over the
    /// table's ids (the lineage keeps one per system and asks this for every declared category
    /// of every flow; hashing into `Swift.Set`s was a tenth of the lineage at L).
    struct Set {
        private var members = Bits()
        /// Members and all their ancestors: `c` is in here exactly when a member is within `c`.
        private var covered = Bits()

        mutating func insert(_ id: Int32, in table: LineageCategories) {
            guard members.insert(id) else { return }
            for ancestor in table.ancestors[Int(id)] { _ = covered.insert(ancestor) }
        }

        /// Whether a member is within `id` or `id` is within a member.
        func containsRelated(_ id: Int32, in table: LineageCategories) -> Bool {
            covered.contains(id) || table.ancestors[Int(id)].contains { members.contains($0) }
        }
    }

    /// A growable bitset of non-negative ids.
    struct Bits {
        private var words: [UInt64] = []

        func contains(_ id: Int32) -> Bool {
            let word = Int(id) >> 6
            return word < words.count && words[word] & (1 << UInt64(id & 63)) != 0
        }

        /// Adds `id`; whether it was new.
        mutating func insert(_ id: Int32) -> Bool {
            let word = Int(id) >> 6
            if word >= words.count { words += repeatElement(0, count: word + 1 - words.count) }
            let bit: UInt64 = 1 << UInt64(id & 63)
            guard words[word] & bit == 0 else { return false }
            words[word] |= bit
            return true
        }
    }
}
