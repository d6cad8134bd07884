import Testing
import TollgateKit

@Suite("Data-flow layout")
struct DataFlowLayoutTests {
    @Test func columnsFollowTheLongestPathFromTheSources() {
        let layout = DataFlowLayout(connections: [
            ("data_subject", "shop", "a"), ("shop", "crm", "b"), ("crm", "ads", "c"), ("data_subject", "ads", "d"),
        ])
        let column = Dictionary(uniqueKeysWithValues: layout.nodes.map { ($0.id, $0.column) })
        #expect(column == ["data_subject": 0, "shop": 1, "crm": 2, "ads": 3])
        #expect(layout.edges.allSatisfy { !$0.isBackward })
    }

    @Test func cyclesAreBrokenDeterministically() {
        let connections: [(from: String, to: String, flow: String)] = [
            ("a", "b", "1"), ("b", "c", "2"), ("c", "a", "3"), ("c", "d", "4"), ("d", "d", "self"),
        ]
        let layout = DataFlowLayout(connections: connections)
        #expect(Set(layout.nodes.map(\.id)) == ["a", "b", "c", "d"])
        #expect(layout.edges.filter(\.isBackward).map(\.flows) == [["3"]])
        let again = DataFlowLayout(connections: connections.reversed())
        #expect(again.nodes == layout.nodes)
        #expect(again.edges == layout.edges)
    }

    @Test func parallelFlowsShareOneEdgeAndBoxesDoNotOverlap() {
        var connections: [(from: String, to: String, flow: String)] = [("a", "b", "2"), ("a", "b", "1")]
        for index in 0..<30 { connections.append(("hub", "s\(index)", "f\(index)")) }
        let layout = DataFlowLayout(connections: connections)
        #expect(layout.edges.first { $0.from == "a" }?.flows == ["1", "2"])
        let positions = layout.nodes.map { "\($0.x),\($0.y)" }
        #expect(Set(positions).count == positions.count)
        #expect(layout.nodes.allSatisfy { $0.x + DataFlowLayout.nodeWidth <= layout.width })
        #expect(layout.nodes.allSatisfy { $0.y + DataFlowLayout.nodeHeight <= layout.height })
    }

    @Test func emptyGraph() {
        let layout = DataFlowLayout(connections: [])
        #expect(layout.nodes.isEmpty && layout.edges.isEmpty)
    }
}
