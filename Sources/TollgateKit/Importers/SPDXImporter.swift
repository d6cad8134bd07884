import Foundation

/// Imports SPDX 2.3 JSON documents as assets (scripts) with their licences, and an
/// `SBOMDocument` recording what the document lists.
///
/// - A package's licence is `licenseConcluded`, or `licenseDeclared` when nothing was concluded
///   (absent or `NOASSERTION`); both are SPDX expressions already.
/// - When the document DESCRIBES (`documentDescribes`, or a `DESCRIBES` relationship from the
///   document) exactly one of its packages, that package is its subject — for a site's SBOM, the
///   site — not a component. Several described packages are all components: SPDX 2.3 uses
///   DESCRIBES for every top-level item of a document, not only for one product.
/// - A key of the wrong shape (`packages` as an object, a list for `licenseConcluded`) is an
///   error at its location.
/// - `LicenseRef-` ids defined in `hasExtractedLicensingInfos` are the document's own licences;
///   a `LicenseRef-` used but not defined there is reported.
public struct SPDXImporter: Importer {
    public let limits: LoadLimits

    public init(limits: LoadLimits = .default) {
        self.limits = limits
    }

    public var kind: String { "spdx" }

    public func recognises(_ root: Node) -> Bool {
        root["spdxVersion"]?.text?.hasPrefix("SPDX-") == true && root["SPDXID"] != nil
    }

    public func importDocument(_ root: Node, file: String) -> (inventory: Inventory, diagnostics: [Diagnostic]) {
        var problems = ExportProblems(file: file, format: "SPDX document")
        let version = root["spdxVersion"]?.text ?? ""
        if version != "SPDX-2.3" {
            problems.warning(
                root, "", "SPDX version '\(version)' is not one Tollgate was tested with",
                hint: "Tollgate reads SPDX-2.3 JSON")
        }
        let documentID = root["SPDXID"]?.text ?? "SPDXRef-DOCUMENT"
        var described = Set(problems.strings(root, "documentDescribes", "").map(\.0))
        for (relationship, pointer) in problems.objects(root, "relationships", "", what: "a relationship") {
            if problems.optionalString(relationship, "spdxElementId", pointer) == documentID,
                problems.optionalString(relationship, "relationshipType", pointer) == "DESCRIBES",
                let target = problems.optionalString(relationship, "relatedSpdxElement", pointer)
            {
                described.insert(target)
            }
        }
        let defined = Set(
            problems.objects(root, "hasExtractedLicensingInfos", "", what: "an extracted licence").compactMap {
                info, pointer in problems.optionalString(info, "licenseId", pointer)
            })
        let packages = problems.objects(root, "packages", "", what: "a package")
        // DESCRIBES names what the document is about. One described package beside others is the
        // product the document is the SBOM of (a site, an app): its subject, not a component of
        // itself. Several described packages are each an item the document lists, so they are
        // read as components like the rest.
        let describedPackages = packages.map(\.0).filter { $0["SPDXID"]?.text.map(described.contains) ?? false }
        let subjectID = describedPackages.count == 1 ? describedPackages[0]["SPDXID"]?.text : nil
        if packages.count > limits.maxSBOMComponents + (subjectID == nil ? 0 : 1) {
            problems.append([CycloneDXImporter.tooMany(file: file, mark: root.mark, limit: limits.maxSBOMComponents)])
            return (Inventory(sourceFiles: [file]), problems.diagnostics)
        }
        var subject: String?
        var components: [SBOMComponent] = []
        for (package, pointer) in packages {
            let name = problems.optionalString(package, "name", pointer)
            guard let name, !name.isEmpty else {
                // A `name` of the wrong shape is reported already.
                if name != nil || package.field("name") == nil {
                    problems.error(package, pointer, "SPDX package has no name", hint: "every package needs `name`")
                }
                continue
            }
            let spdxID = problems.optionalString(package, "SPDXID", pointer)
            if let spdxID, spdxID == subjectID {
                subject = name
                continue
            }
            let concluded = problems.optionalString(package, "licenseConcluded", pointer).flatMap(Self.nonEmpty)
            let declared = problems.optionalString(package, "licenseDeclared", pointer).flatMap(Self.nonEmpty)
            let useDeclared = concluded == nil || concluded == "NOASSERTION"
            let licence = useDeclared ? (declared ?? concluded) : concluded
            let licenceNode = useDeclared && declared != nil ? package["licenseDeclared"] : package["licenseConcluded"]
            for word in (licence ?? "").split(whereSeparator: { " ()".contains($0) })
            where word.hasPrefix("LicenseRef-") && !defined.contains(String(word)) {
                problems.warning(
                    licenceNode ?? package, pointer, "'\(word)' is not defined in this document",
                    hint: "add it to hasExtractedLicensingInfos with its text")
            }
            let references = problems.objects(package, "externalRefs", pointer, what: "an external reference")
            let purl = references.first { $0.0["referenceType"]?.text == "purl" }?.0["referenceLocator"]?.text
            let download = problems.optionalString(package, "downloadLocation", pointer)
            components.append(
                SBOMComponent(
                    name: name, version: problems.optionalString(package, "versionInfo", pointer), packageURL: purl,
                    reference: spdxID,
                    supplier: problems.optionalString(package, "supplier", pointer).map(Self.agentName), kind: .script,
                    licence: licence,
                    sourceURL: download == "NOASSERTION" || download == "NONE" ? nil : download, pointer: pointer,
                    mark: package.mark, licenceMark: licenceNode?.mark))
        }
        if components.isEmpty, !problems.diagnostics.contains(where: { $0.level == .error }) {
            problems.warning(
                root, "",
                subject.map { "the SBOM lists no components: its only package is \($0), the product it describes" }
                    ?? "the SBOM lists no components",
                hint: "generate the SBOM with the product's dependencies as packages")
        }
        let (unique, repeats) = SBOMComponent.mergingRepeats(components, file: file)
        components = unique
        let assets = components.map { Asset($0, format: .spdxJSON, file: file) }
        let document = SBOMDocument(
            format: .spdxJSON, specVersion: version, subject: subject,
            created: root["creationInfo"]?["created"]?.text.flatMap { Day(iso: $0) }, componentIDs: assets.map(\.id),
            componentsWithoutLicence: components.filter { $0.licence == nil }.count,
            origin: Origin(file: file, pointer: "", mark: root.mark))
        return (Inventory(assets: assets, sboms: [document], sourceFiles: [file]), problems.diagnostics + repeats)
    }

    private static func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }

    /// `Organization: Acme (contact)` → `Acme`.
    static func agentName(_ text: String) -> String {
        var name = Substring(text)
        for prefix in ["Organization:", "Person:", "Tool:"] where name.hasPrefix(prefix) {
            name = name.dropFirst(prefix.count)
        }
        if let paren = name.firstIndex(of: "(") { name = name[..<paren] }
        return name.trimmingCharacters(in: .whitespaces)
    }
}
