/// A deterministic layered ("Sugiyama-style") layout of the data-flow graph: systems in columns
/// by their distance from where data is collected, flows left to right.
///
/// Our own small algorithm, so the map needs no library and the same stack always gives the
/// same picture: cycles are broken by a depth-first search in id order, each node's column is
/// its longest path from a source, and a few barycenter sweeps order each column to reduce
/// crossings, ties broken by id.
public struct DataFlowLayout: Sendable {
    /// A box on the map.
    public struct Node: Sendable, Hashable {
        public let id: String
        public let column: Int
        public let row: Int
        public let x: Int
        public let y: Int
    }

    /// One connection between two nodes; several flows between the same pair share it.
    public struct Edge: Sendable, Hashable {
        public let from: String
        public let to: String
        /// Flow ids along this connection, sorted.
        public let flows: [String]
        /// Whether the edge runs against the columns (it closes a cycle, or stays in one column).
        public let isBackward: Bool
        /// For an edge that spans several columns, where it crosses each column in between (the
        /// left end of a box-wide lane, at its vertical centre), so it runs beside boxes rather
        /// than through them.
        public let waypoints: [Point]
    }

    /// A point on the map.
    public struct Point: Sendable, Hashable {
        public let x: Int
        public let y: Int
    }

    public static let nodeWidth = 168
    public static let nodeHeight = 34
    public static let columnSpacing = 236
    public static let rowSpacing = 52
    /// The height of a lane that an edge passing through a column takes.
    public static let laneSpacing = 16
    public static let margin = 24

    public let nodes: [Node]
    public let edges: [Edge]
    public let width: Int
    public let height: Int

    /// Lays out `connections` (from, to, flow id). Node ids are whatever the caller uses; every
    /// endpoint becomes a node.
    public init(connections: [(from: String, to: String, flow: String)], sweeps: Int = 6) {
        var flowsByPair: [Pair: [String]] = [:]
        for connection in connections where connection.from != connection.to {
            flowsByPair[Pair(from: connection.from, to: connection.to), default: []].append(connection.flow)
        }
        let pairs = flowsByPair.keys.sorted()
        let ids = Set(pairs.flatMap { [$0.from, $0.to] }).sorted()
        var successors: [String: [String]] = [:]
        var predecessorCount: [String: Int] = [:]
        for pair in pairs {
            successors[pair.from, default: []].append(pair.to)
            predecessorCount[pair.to, default: 0] += 1
        }

        // 1. Break cycles: a depth-first search from the sources (then any unvisited node), in
        //    id order; an edge into a node still on the stack is a back edge.
        var state: [String: Int] = [:]  // 1 = on the stack, 2 = done
        var backEdges = Set<Pair>()
        func visit(_ start: String) {
            var stack: [(node: String, next: Int)] = [(start, 0)]
            state[start] = 1
            while !stack.isEmpty {
                let (node, next) = stack[stack.count - 1]
                let children = successors[node] ?? []
                if next == children.count {
                    state[node] = 2
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].next += 1
                let child = children[next]
                switch state[child] {
                case 1: backEdges.insert(Pair(from: node, to: child))
                case 2: break
                default:
                    state[child] = 1
                    stack.append((child, 0))
                }
            }
        }
        for id in ids where predecessorCount[id] == nil && state[id] == nil { visit(id) }
        for id in ids where state[id] == nil { visit(id) }

        // 2. Columns: the longest path from a source over the remaining (acyclic) edges.
        var column: [String: Int] = [:]
        var indegree: [String: Int] = [:]
        var forward: [String: [String]] = [:]
        for pair in pairs where !backEdges.contains(pair) {
            forward[pair.from, default: []].append(pair.to)
            indegree[pair.to, default: 0] += 1
        }
        var ready = ids.filter { indegree[$0] == nil }
        for id in ready { column[id] = 0 }
        while !ready.isEmpty {
            let node = ready.removeFirst()
            for child in forward[node] ?? [] {
                column[child] = max(column[child] ?? 0, column[node]! + 1)
                indegree[child]! -= 1
                if indegree[child] == 0 {
                    ready.append(child)
                    ready.sort()
                }
            }
        }

        // 3. Waypoints: an edge spanning several columns gets a lane in each column in between,
        //    ordered with the boxes, so that long edges do not cut through boxes.
        var lanes: [Pair: [String]] = [:]
        var neighbours: [String: [String]] = [:]
        func link(_ a: String, _ b: String) {
            neighbours[a, default: []].append(b)
            neighbours[b, default: []].append(a)
        }
        for pair in pairs {
            let (start, end) = (column[pair.from]!, column[pair.to]!)
            guard !backEdges.contains(pair), end - start > 1 else {
                link(pair.from, pair.to)
                continue
            }
            let chain = (start + 1..<end).map { "\u{1}\(pair.from)\u{0}\(pair.to)\u{0}\($0)" }
            for (index, lane) in chain.enumerated() { column[lane] = start + 1 + index }
            lanes[pair] = chain
            for (a, b) in zip([pair.from] + chain, chain + [pair.to]) { link(a, b) }
        }
        let isLane: (String) -> Bool = { $0.hasPrefix("\u{1}") }

        // 4. Order within columns: start by id, then sweep right and left placing each node at
        //    the mean position of its neighbours in the previous column.
        let columnCount = (column.values.max() ?? -1) + 1
        var columns: [[String]] = Array(repeating: [], count: columnCount)
        for id in column.keys.sorted() { columns[column[id]!].append(id) }
        func positions() -> [String: Double] {
            var result: [String: Double] = [:]
            for list in columns {
                for (index, id) in list.enumerated() { result[id] = Double(index) - Double(list.count - 1) / 2 }
            }
            return result
        }
        for sweep in 0..<sweeps {
            let order =
                sweep % 2 == 0 ? Array(1..<max(columnCount, 1)) : Array((0..<max(columnCount - 1, 0)).reversed())
            for index in order where index < columnCount {
                let reference = sweep % 2 == 0 ? index - 1 : index + 1
                guard reference >= 0, reference < columnCount else { continue }
                let place = positions()
                let referenceNodes = Set(columns[reference])
                let current = columns[index]
                let keys: [String: Double] = Dictionary(
                    uniqueKeysWithValues: current.map { id in
                        let linked = (neighbours[id] ?? []).filter(referenceNodes.contains).compactMap { place[$0] }
                        return (id, linked.isEmpty ? place[id]! : linked.reduce(0, +) / Double(linked.count))
                    })
                columns[index] = current.enumerated().sorted { lhs, rhs in
                    let (a, b) = (keys[lhs.element]!, keys[rhs.element]!)
                    return a != b ? a < b : lhs.offset < rhs.offset
                }.map(\.element)
            }
        }

        // 5. Coordinates: columns left to right, boxes and lanes stacked, each column centred vertically.
        func slot(_ id: String) -> Int { isLane(id) ? Self.laneSpacing : Self.rowSpacing }
        let heights = columns.map { $0.reduce(0) { $0 + slot($1) } }
        let tallest = heights.max() ?? 0
        var nodes: [Node] = []
        var lanePoints: [String: Point] = [:]
        for (index, list) in columns.enumerated() {
            var y = Self.margin + (tallest - heights[index]) / 2
            let x = Self.margin + index * Self.columnSpacing
            var row = 0
            for id in list {
                if isLane(id) {
                    lanePoints[id] = Point(x: x, y: y + Self.laneSpacing / 2)
                } else {
                    nodes.append(Node(id: id, column: index, row: row, x: x, y: y))
                    row += 1
                }
                y += slot(id)
            }
        }
        self.nodes = nodes
        self.edges = pairs.map { pair in
            Edge(
                from: pair.from, to: pair.to, flows: flowsByPair[pair]!.sorted(),
                isBackward: column[pair.to]! <= column[pair.from]!,
                waypoints: (lanes[pair] ?? []).compactMap { lanePoints[$0] })
        }
        width =
            columnCount == 0
            ? 2 * Self.margin : 2 * Self.margin + (columnCount - 1) * Self.columnSpacing + Self.nodeWidth
        // Room below for backward edges, which loop under the boxes.
        height = 2 * Self.margin + max(tallest - Self.rowSpacing, 0) + Self.nodeHeight + 40
    }

    /// The node with `id`.
    public func node(_ id: String) -> Node? { nodes.first { $0.id == id } }

    private struct Pair: Hashable, Comparable {
        let from: String
        let to: String
        static func < (lhs: Pair, rhs: Pair) -> Bool { (lhs.from, lhs.to) < (rhs.from, rhs.to) }
    }
}
