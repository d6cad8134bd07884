extension Report {
    /// The subjects one rule evaluated, in subject order, each with its findings.
    ///
    /// Kept as the rule returned its evaluations plus a short table of the few that failed,
    /// because nearly every (rule, subject) pair passes: 1.9 million pairs at the benchmark's L
    /// size, 1.5 % of them failing. Building a `SubjectResult` for each pair copied every subject
    /// into a second array of each rule's size (retaining its strings and faulting in fresh
    /// pages). A `SubjectResult` is now made only when someone reads one.
    public struct SubjectResults: RandomAccessCollection, Sendable {
        /// What the rule returned, in subject order; the violations of failing subjects are
        /// dropped once they became findings (in `failures`), so no unredacted message is kept.
        private var evaluations: [Evaluation]
        /// The subjects with findings: their positions in `evaluations`, ascending.
        private var failures: [Failure]

        private struct Failure: Sendable {
            let position: Int
            var findings: [Finding]
        }

        /// Sorts `evaluations` by subject and turns each violation into a finding with `finding`.
        /// Takes `evaluations` over: they are sorted and edited in place, never copied. `order`,
        /// when given, ranks declared entities once per check (the same order, found faster).
        init(
            _ evaluations: consuming [Evaluation], order: SubjectOrder? = nil,
            finding: (Violation, Subject) -> Finding
        ) {
            Self.sortBySubject(&evaluations, order: order)
            var failures: [Failure] = []
            // Located first by reading in place, so passing evaluations are not copied.
            let failing = evaluations.withUnsafeBufferPointer { buffer in
                buffer.indices.filter { !buffer[$0].violations.isEmpty }
            }
            for position in failing {
                let subject = evaluations[position].subject
                failures.append(
                    Failure(position: position, findings: evaluations[position].violations.map { finding($0, subject) })
                )
                evaluations[position] = Evaluation(subject)
            }
            self.evaluations = evaluations
            self.failures = failures
        }

        /// Results given one by one, in their order (tests build reports this way).
        init(_ results: [SubjectResult]) {
            evaluations = results.map { Evaluation($0.subject) }
            failures = results.indices.compactMap { position in
                results[position].findings.isEmpty
                    ? nil : Failure(position: position, findings: results[position].findings)
            }
        }

        public var startIndex: Int { 0 }
        public var endIndex: Int { evaluations.count }

        public subscript(position: Int) -> SubjectResult {
            SubjectResult(subject: evaluations[position].subject, findings: findings(at: position))
        }

        /// The findings of the subject at `position`; empty when it passed.
        private func findings(at position: Int) -> [Finding] {
            var low = 0
            var high = failures.count
            while low < high {
                let middle = (low + high) / 2
                if failures[middle].position < position { low = middle + 1 } else { high = middle }
            }
            return low < failures.count && failures[low].position == position ? failures[low].findings : []
        }

        /// Walks the evaluations and the failures side by side: no search per subject.
        public struct Iterator: IteratorProtocol {
            let results: SubjectResults
            var position = 0
            var nextFailure = 0

            public mutating func next() -> SubjectResult? {
                guard position < results.evaluations.count else { return nil }
                defer { position += 1 }
                let subject = results.evaluations[position].subject
                guard nextFailure < results.failures.count, results.failures[nextFailure].position == position else {
                    return SubjectResult(subject: subject, findings: [])
                }
                nextFailure += 1
                return SubjectResult(subject: subject, findings: results.failures[nextFailure - 1].findings)
            }
        }

        public func makeIterator() -> Iterator { Iterator(results: self) }

        /// Calls `body` with each subject, in order, and its findings (empty when it passed),
        /// reading them in place: walking every result of a large report (JUnit writes 1.9
        /// million at L) copies no subject.
        func forEach(_ body: (Subject, [Finding]) -> Void) {
            evaluations.withUnsafeBufferPointer { buffer in
                var next = 0
                for position in buffer.indices {
                    if next < failures.count && failures[next].position == position {
                        body(buffer[position].subject, failures[next].findings)
                        next += 1
                    } else {
                        body(buffer[position].subject, [])
                    }
                }
            }
        }

        /// How many subjects came to each outcome; passing subjects are counted, not visited.
        public func outcomeCounts(failOn: FailThreshold) -> [Outcome: Int] {
            var counts: [Outcome: Int] = [:]
            if count > failures.count { counts[.passed] = count - failures.count }
            for failure in failures {
                let outcome = SubjectResult.outcome(of: failure.findings, failOn: failOn)
                counts[outcome, default: 0] += 1
            }
            return counts
        }

        /// Every finding, in subject order.
        public var findings: [Finding] { failures.flatMap(\.findings) }

        /// Replaces each subject's findings (only subjects with findings are visited).
        mutating func updateFindings(_ transform: ([Finding]) -> [Finding]) {
            for index in failures.indices { failures[index].findings = transform(failures[index].findings) }
        }

        /// Puts evaluations in subject order. Rules mostly report in the order of the declarations,
        /// which is often already sorted, so that is checked first; otherwise positions are sorted
        /// and the evaluations moved once, since an evaluation holds two references and a
        /// sort moves each many times. Stable: equal subjects keep the rule's order.
        ///
        /// Most comparisons are of integers: each subject's kind and first 16 bytes of its id,
        /// taken once (`OrderKey`). Sorting by comparing the id strings cost 3 % of a whole
        /// check's instructions at M, where rules over systems, flows and accounts report in
        /// declaration order, which is not id order.
        ///
        /// With `subjectOrder`, evaluations of declared entities are put in order by the
        /// entities' ranks (see `SubjectOrder`), which reads no ids at all.
        static func sortBySubject(_ evaluations: inout [Evaluation], order subjectOrder: SubjectOrder? = nil) {
            let order: [Int]? = evaluations.withUnsafeBufferPointer { buffer in
                if let keys = subjectOrder?.orderKeys(of: buffer) { return byKey(keys) }
                // Checking the order reads the two fields it needs and copies no `Subject`.
                let sorted = buffer.indices.dropFirst().allSatisfy { index in
                    !Subject.precedes(
                        buffer[index].subject.kind, buffer[index].subject.id, buffer[index - 1].subject.kind,
                        buffer[index - 1].subject.id)
                }
                if sorted { return nil }
                // By position, reading the two fields in place: `map` would copy each evaluation.
                let keys = buffer.indices.map { OrderKey(kind: buffer[$0].subject.kind, id: buffer[$0].subject.id) }
                return buffer.indices.sorted { a, b in
                    keys[a].compare(keys[b]) ?? (buffer[a].subject < buffer[b].subject)
                }
            }
            if let order { permute(&evaluations, into: order) }
        }

        /// The positions of `keys` (`SubjectOrder.orderKeys`, the position in the low bits) in
        /// ascending order, or `nil` when they already are.
        static func byKey(_ keys: consuming [UInt64]) -> [Int]? {
            if keys.indices.dropFirst().allSatisfy({ keys[$0 - 1] < keys[$0] }) { return nil }
            keys.sort()
            let mask: UInt64 = 1 << SubjectOrder.positionBits - 1
            return keys.map { Int($0 & mask) }
        }

        /// Rearranges `elements` so that position `k` holds what was at `order[k]`, moving each
        /// element once along the cycles of the permutation: nothing is copied into a second
        /// array, and nothing is retained (`swapAt` retained and released each element it moved,
        /// touching every entity of a rule's results again at L). `order` must be a permutation
        /// of the positions, as the sorts that make it give (checked).
        static func permute<Element>(_ elements: inout [Element], into positions: consuming [Int]) {
            var order = positions
            precondition(order.count == elements.count, "one position per element")
            // Checked in every build: a position given twice would move one element twice. The
            // check is a pass over booleans, little next to the sort that made `order`.
            var seen = [Bool](repeating: false, count: order.count)
            for position in order {
                precondition(seen.indices.contains(position) && !seen[position], "a permutation")
                seen[position] = true
            }
            elements.withUnsafeMutableBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                for start in order.indices where order[start] != start {
                    // Lift the cycle's first element out, pull each next one into the hole, and
                    // put the first where the cycle closes.
                    let first = (base + start).move()
                    var current = start
                    while order[current] != start {
                        let next = order[current]
                        (base + current).moveInitialize(from: base + next, count: 1)
                        order[current] = current
                        current = next
                    }
                    (base + current).initialize(to: first)
                    order[current] = current
                }
            }
        }
    }

    /// A subject's place in `Subject`'s order, as far as integers can tell: for an ASCII id, its
    /// first 16 bytes (big-endian, so integer order is byte order, which for ASCII is the order
    /// of Swift strings).
    struct OrderKey {
        let kind: Subject.Kind
        let high: UInt64
        let low: UInt64
        /// The id's length in bytes when it is ASCII; `nil` otherwise (the bytes of other text
        /// need not sort as Swift compares strings, which is by canonical equivalence).
        let asciiLength: Int?

        init(_ subject: Subject) {
            self.init(kind: subject.kind, id: subject.id)
        }

        init(kind: Subject.Kind, id: String) {
            self.kind = kind
            var id = id
            (high, low, asciiLength) = id.withUTF8 { bytes in
                var high: UInt64 = 0
                var low: UInt64 = 0
                var all: UInt8 = 0
                for index in bytes.indices {
                    let byte = bytes[index]
                    all |= byte
                    if index < 8 {
                        high |= UInt64(byte) << (56 - 8 * UInt64(index))
                    } else if index < 16 {
                        low |= UInt64(byte) << (120 - 8 * UInt64(index))
                    }
                }
                return (high, low, all < 0x80 ? bytes.count : nil)
            }
        }

        /// Whether `self` comes before `other`, or `nil` when only comparing the ids can tell.
        func compare(_ other: OrderKey) -> Bool? {
            // Rare within one rule: most evaluate one kind of subject.
            if kind != other.kind { return kind.rawValue < other.kind.rawValue }
            guard let length = asciiLength, let otherLength = other.asciiLength else { return nil }
            if high != other.high { return high < other.high }
            if low != other.low { return low < other.low }
            // Equal first 16 bytes: when both ids end within them, the shorter comes first
            // (the zero padding made `ab` and `ab\0` look alike); otherwise compare the rest.
            if length <= 16 && otherLength <= 16 { return length < otherLength }
            return nil
        }
    }
}
