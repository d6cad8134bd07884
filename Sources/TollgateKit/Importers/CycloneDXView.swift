import Foundation

/// What the CycloneDX importer needs from one object of a BOM, in JSON or in XML, so that one
/// walk over the document serves both encodings and gives the same components.
protocol CycloneDXView {
    /// A scalar property: a JSON key, or an XML attribute or child element's text.
    func value(_ name: String) -> String?
    /// A nested object (`metadata`, `component`, `supplier`).
    func object(_ name: String) -> Self?
    /// The objects of a list property: JSON `name: [...]`, XML `<name><item/>…</name>`.
    func list(_ name: String, item: String) -> [Self]
    /// The licences of a component: (expression or id, `acknowledgement`, where).
    func licenceEntries() -> [(text: String, acknowledgement: String?, mark: Mark)]
    /// Where the object starts.
    var mark: Mark { get }
    /// The mark of a property, when present (for locations of findings).
    func mark(of name: String) -> Mark?
}

/// A CycloneDX JSON object.
struct CycloneDXJSONView: CycloneDXView {
    let node: Node

    func value(_ name: String) -> String? { node[name]?.text }
    func object(_ name: String) -> CycloneDXJSONView? { node[name].map(CycloneDXJSONView.init) }
    func list(_ name: String, item: String) -> [CycloneDXJSONView] {
        (node[name]?.items ?? []).map(CycloneDXJSONView.init)
    }
    var mark: Mark { node.mark }
    func mark(of name: String) -> Mark? { node[name]?.mark }

    func licenceEntries() -> [(text: String, acknowledgement: String?, mark: Mark)] {
        (node["licenses"]?.items ?? []).compactMap { item in
            if let expression = item["expression"]?.text {
                return (expression, item["acknowledgement"]?.text, item.mark)
            }
            guard let licence = item["license"] else { return nil }
            let text = licence["id"]?.text ?? licence["name"]?.text.map(SBOMComponent.licence(forName:))
            return text.map { ($0, licence["acknowledgement"]?.text, item.mark) }
        }
    }
}

/// A CycloneDX XML element (`http://cyclonedx.org/schema/bom/1.x`).
struct CycloneDXXMLView: CycloneDXView {
    let element: XMLElementNode

    func value(_ name: String) -> String? { element.attribute(name) ?? element.childText(name) }
    func object(_ name: String) -> CycloneDXXMLView? { element.child(name).map(CycloneDXXMLView.init) }
    func list(_ name: String, item: String) -> [CycloneDXXMLView] {
        (element.child(name)?.children(item) ?? []).map(CycloneDXXMLView.init)
    }
    var mark: Mark { Mark(line: element.line, column: element.column) }
    func mark(of name: String) -> Mark? { element.child(name).map { Mark(line: $0.line, column: $0.column) } }

    func licenceEntries() -> [(text: String, acknowledgement: String?, mark: Mark)] {
        (element.child("licenses")?.children ?? []).compactMap { child in
            let mark = Mark(line: child.line, column: child.column)
            let text: String?
            switch child.name {
            case "expression":
                let trimmed = child.text.trimmingCharacters(in: .whitespacesAndNewlines)
                text = trimmed.isEmpty ? nil : trimmed
            case "license":
                text = child.childText("id") ?? child.childText("name").map(SBOMComponent.licence(forName:))
            default:
                text = nil
            }
            return text.map { ($0, child.attribute("acknowledgement"), mark) }
        }
    }
}
