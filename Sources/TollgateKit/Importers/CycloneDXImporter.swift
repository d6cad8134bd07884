/// Imports CycloneDX 1.4–1.6 SBOMs, JSON and XML, as assets (scripts and SDKs) with their
/// licences, and an `SBOMDocument` recording what the SBOM lists.
///
/// - A component's `licenses` is either one `expression` or a list of `license` entries with an
///   SPDX `id` or a free `name`; several entries each apply, so they are joined with AND. A
///   `name` that is an SPDX id or expression is read as that; any other is an unknown licence
///   (`SBOMComponent.licence(forName:)`). When some entries are `acknowledgement: concluded`
///   (CycloneDX 1.6), only those are used: a concluded licence overrides a declared one.
/// - `type: framework` becomes an `sdk`, every other type a `script`.
/// - Components with `scope: excluded` (not reachable at runtime: tests, build tools) are not
///   shipped, so they are not read, nor the components nested in them.
/// - Nested `components` are read too; the BOM's own subject (`metadata.component`) is not a
///   component of itself.
/// - In JSON, a key the importer reads with the wrong type (`components` as an object,
///   `licenses` as an object, a list for a licence `id`) is an error at its location.
public struct CycloneDXImporter: Importer, XMLImporter {
    /// Spec versions the importer was written against; others are read with a warning.
    public static let supportedVersions = ["1.4", "1.5", "1.6"]

    public let limits: LoadLimits

    public init(limits: LoadLimits = .default) {
        self.limits = limits
    }

    public var kind: String { "cyclonedx" }

    public func recognises(_ root: Node) -> Bool { root["bomFormat"]?.text == "CycloneDX" }

    public func importDocument(_ root: Node, file: String) -> (inventory: Inventory, diagnostics: [Diagnostic]) {
        // The views read leniently (a wrong shape reads as absent), so the JSON's shapes are
        // checked first: a malformed export is an input error at its location, never an SBOM
        // silently read as listing nothing.
        var problems = ExportProblems(file: file, format: "CycloneDX BOM")
        checkShapes(root, &problems)
        if problems.diagnostics.contains(where: { $0.level == .error }) {
            return (Inventory(sourceFiles: [file]), problems.diagnostics)
        }
        return read(CycloneDXJSONView(node: root), format: .cycloneDXJSON, file: file)
    }

    /// Reports the keys the importer reads that have the wrong JSON type (CycloneDX 1.6 schema).
    private func checkShapes(_ root: Node, _ problems: inout ExportProblems) {
        _ = problems.optionalString(root, "specVersion", "")
        if let metadata = object(root, "metadata", "", &problems) {
            _ = problems.optionalString(metadata, "timestamp", "/metadata")
            if let subject = object(metadata, "component", "/metadata", &problems) {
                _ = problems.optionalString(subject, "name", "/metadata/component")
            }
        }
        checkComponents(of: root, "", &problems)
    }

    private func checkComponents(of node: Node, _ pointer: String, _ problems: inout ExportProblems) {
        for (component, itemPointer) in problems.objects(node, "components", pointer, what: "a component") {
            for key in ["name", "version", "purl", "bom-ref", "type", "publisher", "author"] {
                _ = problems.optionalString(component, key, itemPointer)
            }
            if let supplier = object(component, "supplier", itemPointer, &problems) {
                _ = problems.optionalString(supplier, "name", itemPointer + "/supplier")
            }
            for (entry, entryPointer) in problems.objects(component, "licenses", itemPointer, what: "a licence") {
                _ = problems.optionalString(entry, "expression", entryPointer)
                _ = problems.optionalString(entry, "acknowledgement", entryPointer)
                if let licence = object(entry, "license", entryPointer, &problems) {
                    for key in ["id", "name", "acknowledgement"] {
                        _ = problems.optionalString(licence, key, entryPointer + "/license")
                    }
                }
            }
            for (reference, referencePointer) in problems.objects(
                component, "externalReferences", itemPointer, what: "an external reference")
            {
                _ = problems.optionalString(reference, "type", referencePointer)
                _ = problems.optionalString(reference, "url", referencePointer)
            }
            checkComponents(of: component, itemPointer, &problems)
        }
    }

    /// An optional object-valued key; anything else in its place is reported.
    private func object(_ node: Node, _ key: String, _ pointer: String, _ problems: inout ExportProblems) -> Node? {
        guard let value = node.field(key) else { return nil }
        guard value.entries != nil else {
            problems.error(
                value, pointer + "/" + key, "expected an object for '\(key)', found \(value.typeDescription)")
            return nil
        }
        return value
    }

    public func recognises(xml root: XMLElementNode) -> Bool {
        root.name == "bom" && root.namespace.hasPrefix("http://cyclonedx.org/schema/bom/")
    }

    public func importDocument(
        xml root: XMLElementNode, file: String
    ) -> (
        inventory: Inventory, diagnostics: [Diagnostic]
    ) {
        read(CycloneDXXMLView(element: root), format: .cycloneDXXML, file: file, xmlNamespace: root.namespace)
    }

    private func read<View: CycloneDXView>(
        _ bom: View, format: SBOMFormat, file: String, xmlNamespace: String? = nil
    ) -> (inventory: Inventory, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let version =
            xmlNamespace.map { String($0.dropFirst("http://cyclonedx.org/schema/bom/".count)) }
            ?? bom.value("specVersion") ?? ""
        if !Self.supportedVersions.contains(version) {
            diagnostics.append(
                Diagnostic(
                    .warning, at: SourceLocation(file: file, mark: bom.mark),
                    version.isEmpty
                        ? "the CycloneDX BOM has no specVersion, which CycloneDX requires"
                        : "CycloneDX version '\(version)' is not one Tollgate was tested with",
                    hint: "Tollgate reads CycloneDX \(Self.supportedVersions.joined(separator: ", "))"))
        }
        var components: [SBOMComponent] = []
        collect(
            bom.list("components", item: "component"), pointer: "/components", into: &components, file: file,
            diagnostics: &diagnostics)
        if components.count > limits.maxSBOMComponents {
            let error = Self.tooMany(file: file, mark: bom.mark, limit: limits.maxSBOMComponents)
            return (Inventory(sourceFiles: [file]), diagnostics + [error])
        }
        let (unique, repeats) = SBOMComponent.mergingRepeats(components, file: file)
        components = unique
        diagnostics += repeats
        let assets = components.map { Asset($0, format: format, file: file) }
        let metadata = bom.object("metadata")
        let document = SBOMDocument(
            format: format, specVersion: version, subject: metadata?.object("component")?.value("name"),
            created: metadata?.value("timestamp").flatMap { Day(iso: $0) }, componentIDs: assets.map(\.id),
            componentsWithoutLicence: components.filter { $0.licence == nil }.count,
            origin: Origin(file: file, pointer: "", mark: bom.mark))
        return (Inventory(assets: assets, sboms: [document], sourceFiles: [file]), diagnostics)
    }

    private func collect<View: CycloneDXView>(
        _ items: [View], pointer: String, into components: inout [SBOMComponent], file: String,
        diagnostics: inout [Diagnostic]
    ) {
        for (index, item) in items.enumerated() {
            // One past the limit is enough to refuse the SBOM; stop reading there.
            if components.count > limits.maxSBOMComponents { return }
            let itemPointer = "\(pointer)/\(index)"
            guard let name = item.value("name") else {
                diagnostics.append(
                    Diagnostic(
                        at: SourceLocation(
                            file: file, mark: item.mark, pointer: itemPointer),
                        "SBOM component has no name", hint: "every CycloneDX component needs `name`"))
                continue
            }
            // `scope: excluded` marks code not reachable at runtime (tests, build tools, CycloneDX
            // 1.4+); it is not shipped, and neither are the components nested in it.
            if item.value("scope") == "excluded" { continue }
            var entries = item.licenceEntries()
            if entries.contains(where: { $0.acknowledgement == "concluded" }) {
                entries = entries.filter { $0.acknowledgement == "concluded" }
            }
            let source = item.list("externalReferences", item: "reference").first { reference in
                reference.value("type") == "source-distribution" || reference.value("type") == "vcs"
            }
            components.append(
                SBOMComponent(
                    name: name, version: item.value("version"), packageURL: item.value("purl"),
                    reference: item.value("bom-ref"),
                    supplier: item.object("supplier")?.value("name") ?? item.value("publisher")
                        ?? item.value("author"),
                    kind: item.value("type") == "framework" ? .sdk : .script,
                    licence: SBOMComponent.conjunction(entries.map(\.text)),
                    sourceURL: source?.value("url"), pointer: itemPointer, mark: item.mark,
                    licenceMark: entries.first?.mark ?? item.mark(of: "licenses")))
            collect(
                item.list("components", item: "component"), pointer: itemPointer + "/components", into: &components,
                file: file, diagnostics: &diagnostics)
        }
    }

    /// The error for an SBOM with more components than `LoadLimits.maxSBOMComponents`.
    static func tooMany(file: String, mark: Mark, limit: Int) -> Diagnostic {
        Diagnostic(
            at: SourceLocation(file: file, mark: mark),
            "SBOM lists more than \(limit) components",
            hint: "split it by site or bundle; Tollgate refuses larger SBOMs to bound its memory")
    }
}
