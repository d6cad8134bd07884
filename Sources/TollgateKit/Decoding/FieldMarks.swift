/// Where each field of one declared entity was, stored compactly.
///
/// A large stack holds millions of field positions, and the entities of one kind list the same
/// keys in the same order. So the keys live in a `FieldKeys` list shared by every entity that
/// has the same ones (`FieldKeyCache` finds it), and each entity keeps only its marks, 8 bytes
/// a field. Kept as `[(key: String, mark: Mark)]` per entity, with list items named
/// `"data_categories/0"`, the positions took about 300 MB of the L benchmark stack.
public struct FieldMarks: Sendable {
    /// The keys, in the order they were read; shared.
    let keys: FieldKeys
    /// `marks[i]` is where `keys.keys[i]` was.
    let marks: [Mark]

    init(keys: FieldKeys, marks: [Mark]) {
        precondition(keys.keys.count == marks.count, "one mark per key")
        self.keys = keys
        self.marks = marks
    }

    /// Positions given as relative pointers (`name`, `data_categories/2`), as importers make them.
    public init(_ fields: [(key: String, mark: Mark)]) {
        self.init(keys: FieldKeys(fields.map { FieldKey(name: $0.key) }), marks: fields.map(\.mark))
    }

    public static let none = FieldMarks(keys: FieldKeys([]), marks: [])

    public var isEmpty: Bool { marks.isEmpty }

    /// The mark of a field (`"retention_days"`) or of a list item (`"data_categories/1"`).
    public func mark(of field: String) -> Mark? {
        Self.index(of: field, in: keys.keys).map { marks[$0] }
    }

    /// Where `field` (a key, or `key/index` for a list item) is in `keys`.
    static func index(of field: String, in keys: [FieldKey]) -> Int? {
        if let index = keys.firstIndex(where: { $0.item < 0 && $0.name == field }) { return index }
        guard let slash = field.utf8.lastIndex(of: UInt8(ascii: "/")) else { return nil }
        let number = field[field.index(after: slash)...]
        // Only the canonical form names an item: `list/1`, not `list/01` or `list/+1`.
        guard let item = Int32(number), String(item) == number, item >= 0 else { return nil }
        let name = field[..<slash]
        return keys.firstIndex { $0.item == item && $0.name == name }
    }
}

/// A field's key, or an item of a list field (`item` ≥ 0): items are not named
/// `"data_categories/0"` so that reading them builds no strings.
struct FieldKey: Equatable, Sendable {
    let name: String
    let item: Int32

    init(name: String, item: Int32 = -1) {
        self.name = name
        self.item = item
    }
}

/// A list of keys shared by the entities that have the same ones.
final class FieldKeys: Sendable {
    let keys: [FieldKey]

    init(_ keys: [FieldKey]) { self.keys = keys }
}

/// The key lists made while decoding one document, to share instead of copying.
///
/// Belongs to one `FieldReader` tree, so to one thread. Lists are found by a fingerprint that
/// needs no string hashing (key lengths and item numbers), then compared: the entities of a
/// document differ in which optional fields they give and how long their lists are, so a flow
/// file has dozens of shapes, not one.
final class FieldKeyCache {
    private var lists: [Int: [FieldKeys]] = [:]

    func shared(_ keys: [FieldKey]) -> FieldKeys {
        var fingerprint = keys.count
        for key in keys { fingerprint = fingerprint &* 31 &+ key.name.utf8.count &* 8 &+ Int(key.item) }
        if let candidates = lists[fingerprint] {
            for list in candidates where list.keys == keys { return list }
        }
        let list = FieldKeys(keys)
        lists[fingerprint, default: []].append(list)
        return list
    }
}
