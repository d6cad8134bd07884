/// The data-flow map of the HTML report: the inventory's systems and flows as an inline SVG,
/// laid out by `DataFlowLayout`, with the flows behind findings drawn in red.
///
/// A flow is highlighted when a finding's subject is that flow (`flow:ID`), or when consecutive
/// hops of a finding's evidence path (system ids) are the flow's endpoints.
struct DataFlowMap {
    let inventory: Inventory
    let findings: [Finding]

    func render(into page: inout HTMLPage) {
        let layout = DataFlowLayout(
            connections: inventory.flows.map { (from: $0.from, to: $0.to, flow: $0.id) })
        let hotFlows = Set(findings.filter { $0.subject.kind == .flow }.map(\.subject.id))
        var hotPairs = Set<String>()
        for finding in findings where finding.evidence.count > 1 {
            for (from, to) in zip(finding.evidence, finding.evidence.dropFirst()) {
                hotPairs.insert(from + "\u{0}" + to)
            }
        }
        var findingsPerNode: [String: Int] = [:]
        for finding in findings where finding.subject.kind == .system {
            findingsPerNode[finding.subject.id, default: 0] += 1
        }
        let hotEdges = layout.edges.filter { edge in
            edge.flows.contains(where: hotFlows.contains) || hotPairs.contains(edge.from + "\u{0}" + edge.to)
        }
        let hotNodes = Set(hotEdges.flatMap { [$0.from, $0.to] })
        let names = Dictionary(inventory.systems.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let connected = Set(layout.nodes.map(\.id))
        let isolated = inventory.systems.map(\.id).filter { !connected.contains($0) }.sorted()

        page.raw("<section id=\"map\">\n")
        page.element("h2", "Data-flow map")
        page.raw("<p class=\"legend\">")
        page.text(
            "\(inventory.flows.count.counted("flow")) between \(layout.nodes.count.counted("system")), collection from people on the left; \(hotEdges.count.counted("connection")) \(hotEdges.count == 1 ? "carries" : "carry") flows named in findings."
        )
        page.raw(
            "<span class=\"swatch\"></span>flow behind a finding<span class=\"swatch plain\"></span>other flow</p>\n")
        page.raw("<div class=\"map\">\n")
        page.raw(
            "<svg viewBox=\"0 0 \(layout.width) \(layout.height)\" width=\"\(layout.width)\" height=\"\(layout.height)\" role=\"img\" aria-labelledby=\"map-title\">\n"
        )
        page.raw("<title id=\"map-title\">Data-flow map of the declared systems and flows</title>\n")
        page.raw(
            "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0 0L10 5L0 10z\" fill=\"#9aa5b1\"/></marker>"
                + "<marker id=\"arrow-hot\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\"><path d=\"M0 0L10 5L0 10z\" fill=\"#d62828\"/></marker></defs>\n"
        )
        let hotSet = Set(hotEdges)
        // Plain edges first so highlighted ones are drawn on top.
        for edge in layout.edges.sorted(by: { !hotSet.contains($0) && hotSet.contains($1) }) {
            guard let from = layout.node(edge.from), let to = layout.node(edge.to) else { continue }
            let hot = hotSet.contains(edge)
            page.raw(
                "<path class=\"edge\(hot ? " hot" : "")\" d=\"\(Self.path(from, to, edge: edge))\" marker-end=\"url(#\(hot ? "arrow-hot" : "arrow"))\"><title>"
            )
            page.text("\(edge.from) → \(edge.to): " + edge.flows.joined(separator: ", "))
            page.raw("</title></path>\n")
        }
        let width = DataFlowLayout.nodeWidth
        let height = DataFlowLayout.nodeHeight
        for node in layout.nodes {
            let isSubject = node.id == Flow.dataSubjectSource
            let classes = ["node"] + (isSubject ? ["subject"] : []) + (hotNodes.contains(node.id) ? ["hot"] : [])
            page.raw("<g class=\"\(classes.joined(separator: " "))\">")
            page.raw("<title>")
            page.text(isSubject ? "people the data is collected from" : "\(names[node.id] ?? node.id) (\(node.id))")
            page.raw("</title>")
            page.raw("<rect x=\"\(node.x)\" y=\"\(node.y)\" width=\"\(width)\" height=\"\(height)\" rx=\"6\"/>")
            page.raw("<text x=\"\(node.x + 10)\" y=\"\(node.y + height / 2 + 4)\">")
            page.text(Self.label(isSubject ? "people (collection)" : node.id))
            page.raw("</text>")
            if let count = findingsPerNode[node.id] {
                page.raw(
                    "<circle class=\"count\" cx=\"\(node.x + width - 2)\" cy=\"\(node.y + 2)\" r=\"9\"/><text class=\"count-text\" x=\"\(node.x + width - 2)\" y=\"\(node.y + 6)\" text-anchor=\"middle\">\(min(count, 99))</text>"
                )
            }
            page.raw("</g>\n")
        }
        page.raw("</svg>\n</div>\n")
        if !isolated.isEmpty {
            page.element("p", "Systems with no declared flow: " + isolated.joined(separator: ", "), class: "note")
        }
        let hotFlowIDs = hotEdges.flatMap(\.flows).sorted()
        if !hotFlowIDs.isEmpty {
            page.element("p", "Flows behind findings: " + hotFlowIDs.joined(separator: ", "), class: "legend")
        }
        page.raw("</section>\n")
    }

    /// A box label that fits its box (about 22 characters at 12 px).
    static func label(_ text: String) -> String {
        text.count <= 22 ? text : String(text.prefix(21)) + "…"
    }

    /// A cubic curve from the right edge of `from` to the left edge of `to`, running straight
    /// along the lane of each column it passes; a backward edge loops under the boxes, from
    /// bottom to bottom.
    static func path(_ from: DataFlowLayout.Node, _ to: DataFlowLayout.Node, edge: DataFlowLayout.Edge) -> String {
        let width = DataFlowLayout.nodeWidth
        let height = DataFlowLayout.nodeHeight
        if edge.isBackward {
            let (x1, y1) = (from.x + width / 2, from.y + height)
            let (x2, y2) = (to.x + width / 2 + 12, to.y + height)
            let below = max(y1, y2) + 36
            return "M\(x1) \(y1)C\(x1) \(below) \(x2) \(below) \(x2) \(y2)"
        }
        var (x, y) = (from.x + width, from.y + height / 2)
        var path = "M\(x) \(y)"
        func curve(to x2: Int, _ y2: Int) {
            let bend = max((x2 - x) / 2, 30)
            path += "C\(x + bend) \(y) \(x2 - bend) \(y2) \(x2) \(y2)"
            (x, y) = (x2, y2)
        }
        for point in edge.waypoints {
            curve(to: point.x, point.y)
            x = point.x + width
            path += "L\(x) \(y)"
        }
        curve(to: to.x, to.y + height / 2)
        return path
    }
}
