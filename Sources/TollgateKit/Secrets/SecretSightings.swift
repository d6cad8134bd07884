/// The secrets found in one document so far, each with the path to it as child positions.
///
/// Why a recorder of its own: the secret scan runs in two ways that must agree exactly. It
/// walks a finished `Node` tree (`visit`, for YAML and for `SecretScanner.scan(_:file:)`), and
/// `JSONReader` scans each string as it reads it, so the large JSON stacks are not walked a
/// second time (the walk cost about as much as parsing them). Both make the same calls here
/// for the same strings, in document order; the JSON pointer of a sighting is made from the
/// finished tree only when it is reported, so neither keeps strings on its way down.
struct SecretSightings {
    /// One secret before its JSON pointer is known.
    struct Sighting {
        let path: [Int]
        let mark: Mark
        let field: String
        let kind: SecretKind
        let value: String
        let entropy: Double
        /// The length of the path to the mapping entry the sighting's field came from (0 for
        /// the document root), so a rescan of that entry finds its own sightings without
        /// walking the tree.
        let owner: Int
    }

    private(set) var sightings: [Sighting] = []
    /// Child positions from the root to the node being read (entry or item indices).
    var path: [Int] = []
    /// The length of `path` at the mapping entry whose key is the current field (see
    /// `Sighting.owner`); set by whoever descends into an entry (`enter(_:)`).
    private var owner = 0
    /// What each key recently asked about means, by a hash of its bytes: keys repeat on every
    /// entity, and judging one normalises it. Two-way: a key goes to slot `2h` or `2h + 1`, the
    /// newer in the first, so two keys that share `h` on every entity do not evict each other.
    private var keyKinds: [(key: String, kinds: SecretScanner.KeyKinds)?] = Array(repeating: nil, count: 512)

    var count: Int { sightings.count }
    /// Scalars judged so far (each string of a document is judged once, or twice in a key/value
    /// pair object's value): what the scan's work is bounded by.
    private(set) var judged = 0
    /// Bytes of the scalars actually scanned: a string judged again is looked up, not scanned.
    private(set) var scannedBytes = 0

    /// The mark of the latest scalar judged for the first time. Scalars come in document order,
    /// so one whose mark is not after it is met again: a YAML alias shares its anchor's node,
    /// mark included, and a pair object's values are judged again under the pair's key.
    private var latest = Mark(line: 0, column: 0)
    /// What scalars met again were found to hold, by mark and key kinds. The alias budget
    /// counts nodes, not bytes, so a small file can alias one large string thousands of times:
    /// scanning it at each place cost its length times the aliases (1 MB under 1,000 aliases
    /// took 19 s). Now such a string is scanned twice (first met, first met again), whatever
    /// the number of aliases, and its sightings are still recorded at each place.
    private var foundAgain: [Recall: (text: String, found: [Found])] = [:]

    typealias Found = (match: SecretScanner.Match, entropy: Double)

    struct Recall: Hashable {
        let mark: Mark
        let credential: Bool
        let digest: Bool
    }

    /// What `key` says about the values under it.
    mutating func kinds(of key: String) -> SecretScanner.KeyKinds {
        let slot = SecretScanner.withBytes(key) { Int(truncatingIfNeeded: StringInterner.hash($0)) & 255 } * 2
        if let cached = keyKinds[slot], cached.key == key { return cached.kinds }
        if let cached = keyKinds[slot + 1], cached.key == key { return cached.kinds }
        let kinds = SecretScanner.keyKinds(key)
        keyKinds[slot + 1] = keyKinds[slot]
        keyKinds[slot] = (key, kinds)
        return kinds
    }

    /// A mapping key at `mark`: keys are strings too, and only token formats are looked for in
    /// them. Call with the key's entry position already on `path`.
    mutating func key(_ key: String, at mark: Mark) {
        // Length first: nothing shorter than 16 bytes matches a format.
        guard key.utf8.count >= 16 else { return }
        for match in SecretScanner.knownFormats(in: key) {
            sightings.append(
                Sighting(
                    path: path, mark: mark, field: key, kind: match.kind, value: match.value, entropy: 0,
                    owner: path.count))
        }
    }

    /// A scalar at `mark` under `field`, whose name says `kinds`.
    mutating func scalar(_ text: String, isPlain: Bool, at mark: Mark, field: String, kinds: SecretScanner.KeyKinds) {
        judged += 1
        if text.isEmpty || (isPlain && (Node.isNull(text) || text == "true" || text == "false")) { return }
        for secret in scan(text, at: mark, kinds: kinds) {
            sightings.append(
                Sighting(
                    path: path, mark: mark, field: field, kind: secret.match.kind, value: secret.match.value,
                    entropy: secret.entropy, owner: owner))
        }
    }

    /// What `SecretScanner.scanScalar` finds in `text`, looked up where the same node was
    /// scanned under the same kinds of key before. Strings under 16 bytes are scanned every
    /// time: the scan returns at once for them.
    private mutating func scan(_ text: String, at mark: Mark, kinds: SecretScanner.KeyKinds) -> [Found] {
        let metAgain = mark <= latest
        latest = max(latest, mark)
        guard metAgain, text.utf8.count >= 16 else { return scanScalar(text, kinds: kinds) }
        let recall = Recall(mark: mark, credential: kinds.credential, digest: kinds.digest)
        // Aliases share the string's storage, so comparing them is immediate.
        if let known = foundAgain[recall], known.text == text { return known.found }
        let found = scanScalar(text, kinds: kinds)
        foundAgain[recall] = (text, found)
        return found
    }

    private mutating func scanScalar(_ text: String, kinds: SecretScanner.KeyKinds) -> [Found] {
        scannedBytes += text.utf8.count
        return SecretScanner.scanScalar(text, credentialKey: kinds.credential, digestKey: kinds.digest)
    }

    /// Scans the value of entry `position` of a mapping (`entries`, whose own path is on `path`)
    /// again under `field`, in place of the sightings recorded for it in `range`: a reader
    /// learns only once a mapping is read whether it is a key/value pair object
    /// (`{value: …, key: …}`).
    ///
    /// Only what takes its field from the entry is judged again: the value itself when it is a
    /// scalar, and the scalars of its lists, but nothing inside a mapping below it, whose
    /// entries have keys of their own. So each string is judged at most twice however deeply
    /// pair objects nest; judging the whole value again would judge the strings of a file of
    /// pair objects nested n deep up to n times.
    mutating func rescan(_ position: Int, of entries: [Node.Entry], as field: String, replacing range: Range<Int>) {
        let value = entries[position].value
        if case .mapping = value.kind { return }
        path.append(position)
        let kept = sightings[range].filter { $0.owner != path.count }
        let end = sightings.count
        let outer = enter()
        visit(value, field: field, kinds: kinds(of: field), enteringMappings: false)
        leave(to: outer)
        path.removeLast()
        let rescanned = sightings[end...]
        // Both are in document order, and for one document that is the order of their marks
        // (no string holds sightings of both), so a merge by mark restores it.
        var merged: [Sighting] = []
        merged.reserveCapacity(kept.count + rescanned.count)
        var (keptIndex, rescannedIndex) = (kept.startIndex, rescanned.startIndex)
        while keptIndex < kept.endIndex || rescannedIndex < rescanned.endIndex {
            if rescannedIndex == rescanned.endIndex
                || (keptIndex < kept.endIndex && kept[keptIndex].mark < rescanned[rescannedIndex].mark)
            {
                merged.append(kept[keptIndex])
                keptIndex += 1
            } else {
                merged.append(rescanned[rescannedIndex])
                rescannedIndex += 1
            }
        }
        sightings.removeSubrange(end...)
        sightings.replaceSubrange(range, with: merged)
    }

    /// Makes the entry whose position was just pushed on `path` the owner of the fields below
    /// it; returns the previous owner, to restore when leaving the entry.
    mutating func enter() -> Int {
        defer { owner = path.count }
        return owner
    }

    /// Gives the fields back to the entry `enter()` returned, on leaving an entry.
    mutating func leave(to outer: Int) {
        owner = outer
    }

    /// The sightings as exposed secrets of `file`, with JSON pointers into `root`.
    func secrets(in root: Node, file: String) -> [ExposedSecret] {
        sightings.map { sighting in
            ExposedSecret(
                kind: sighting.kind,
                location: SourceLocation(
                    file: file, mark: sighting.mark,
                    pointer: Self.pointer(to: sighting.path, in: root)),
                field: sighting.field, value: sighting.value, entropy: sighting.entropy)
        }
    }

    /// The JSON pointer (RFC 6901) of the node `path` leads to in `root`.
    static func pointer(to path: [Int], in root: Node) -> String {
        var node = root
        var pointer = ""
        for position in path {
            switch node.kind {
            case .mapping(let entries):
                pointer += "/" + SecretScanner.escape(entries[position].key)
                node = entries[position].value
            case .sequence(let items):
                pointer += "/\(position)"
                node = items[position]
            case .scalar:
                return pointer
            }
        }
        return pointer
    }
}

// MARK: - Walking a finished tree

extension SecretSightings {
    /// Records the secrets in `node` (under `field`, which says `kinds`) and below it; without
    /// `enteringMappings`, only in the scalars that take `field` from above (see `rescan`).
    /// Children are read in place: a stack has millions of strings, and retaining each one on
    /// the way down cost more than scanning it.
    mutating func visit(
        _ node: Node, field: String, kinds: SecretScanner.KeyKinds, enteringMappings: Bool = true
    ) {
        switch node.kind {
        case .mapping(let entries):
            guard enteringMappings else { return }
            entries.withUnsafeBufferPointer { entries in visit(entries) }
        case .sequence(let items):
            items.withUnsafeBufferPointer { items in
                for index in items.indices {
                    path.append(index)
                    visit(items[index], field: field, kinds: kinds, enteringMappings: enteringMappings)
                    path.removeLast()
                }
            }
        case .scalar(let text, let isPlain):
            scalar(text, isPlain: isPlain, at: node.mark, field: field, kinds: kinds)
        }
    }

    private mutating func visit(_ entries: UnsafeBufferPointer<Node.Entry>) {
        let pairKey = SecretScanner.pairKey(in: entries)
        for position in entries.indices {
            path.append(position)
            let key = entries[position].key
            self.key(key, at: entries[position].keyMark)
            let outer = enter()
            if let pairKey, SecretScanner.isPairValue(key) {
                visit(entries[position].value, field: pairKey, kinds: kinds(of: pairKey))
            } else {
                visit(entries[position].value, field: key, kinds: kinds(of: key))
            }
            leave(to: outer)
            path.removeLast()
        }
    }
}
