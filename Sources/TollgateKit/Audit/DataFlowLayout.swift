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
    }

    public static let nodeWidth = 168
    public static let nodeHeight = 34
    public static let columnSpacing = 236
    public static let rowSpacing = 52
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

        // 3. Order within columns: start by id, then sweep right and left placing each node at
        //    the mean position of its neighbours in the previous column.
        let columnCount = (column.values.max() ?? -1) + 1
        var columns: [[String]] = Array(repeating: [], count: columnCount)
        for id in ids { columns[column[id]!].append(id) }
        var neighbours: [String: [String]] = [:]
        for pair in pairs {
            neighbours[pair.from, default: []].append(pair.to)
            neighbours[pair.to, default: []].append(pair.from)
        }
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

        // 4. Coordinates: columns left to right, each column centred vertically.
        let rows = columns.map(\.count).max() ?? 0
        var nodes: [Node] = []
        for (index, list) in columns.enumerated() {
            let offset = (rows - list.count) * Self.rowSpacing / 2
            for (row, id) in list.enumerated() {
                nodes.append(
                    Node(
                        id: id, column: index, row: row, x: Self.margin + index * Self.columnSpacing,
                        y: Self.margin + offset + row * Self.rowSpacing))
            }
        }
        self.nodes = nodes
        self.edges = pairs.map { pair in
            Edge(
                from: pair.from, to: pair.to, flows: flowsByPair[pair]!.sorted(),
                isBackward: column[pair.to]! <= column[pair.from]!)
        }
        width =
            columnCount == 0
            ? 2 * Self.margin : 2 * Self.margin + (columnCount - 1) * Self.columnSpacing + Self.nodeWidth
        // Room below for backward edges, which loop under the boxes.
        height = 2 * Self.margin + max(rows - 1, 0) * Self.rowSpacing + Self.nodeHeight + 40
    }

    /// The node with `id`.
    public func node(_ id: String) -> Node? { nodes.first { $0.id == id } }

    private struct Pair: Hashable, Comparable {
        let from: String
        let to: String
        static func < (lhs: Pair, rhs: Pair) -> Bool { (lhs.from, lhs.to) < (rhs.from, rhs.to) }
    }
}
