import Foundation

/// Imports SPDX 2.3 JSON documents as assets (scripts) with their licences, and an
/// `SBOMDocument` recording what the document lists.
///
/// - A package's licence is `licenseConcluded`, or `licenseDeclared` when nothing was concluded
///   (absent or `NOASSERTION`); both are SPDX expressions already.
/// - The packages the document DESCRIBES (`documentDescribes`, or a `DESCRIBES` relationship
///   from the document) are its subject — for a site's SBOM, the site — not components.
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
        var diagnostics: [Diagnostic] = []
        func location(_ node: Node, _ pointer: String) -> SourceLocation {
            SourceLocation(file: file, line: Int(node.mark.line), column: Int(node.mark.column), pointer: pointer)
        }
        let version = root["spdxVersion"]?.text ?? ""
        if version != "SPDX-2.3" {
            diagnostics.append(
                Diagnostic(
                    .warning, at: location(root, ""), "SPDX version '\(version)' is not one Tollgate was tested with",
                    hint: "Tollgate reads SPDX-2.3 JSON"))
        }
        let documentID = root["SPDXID"]?.text ?? "SPDXRef-DOCUMENT"
        var described = Set((root["documentDescribes"]?.items ?? []).compactMap(\.text))
        for relationship in root["relationships"]?.items ?? []
        where relationship["spdxElementId"]?.text == documentID && relationship["relationshipType"]?.text == "DESCRIBES"
        {
            if let target = relationship["relatedSpdxElement"]?.text { described.insert(target) }
        }
        let defined = Set((root["hasExtractedLicensingInfos"]?.items ?? []).compactMap { $0["licenseId"]?.text })
        var subject: String?
        var components: [SBOMComponent] = []
        let packages = root["packages"]?.items ?? []
        if packages.count > limits.maxSBOMComponents + described.count {
            return (
                Inventory(sourceFiles: [file]),
                diagnostics + [CycloneDXImporter.tooMany(file: file, mark: root.mark, limit: limits.maxSBOMComponents)]
            )
        }
        for (index, package) in packages.enumerated() {
            let pointer = "/packages/\(index)"
            guard let name = package["name"]?.text else {
                diagnostics.append(
                    Diagnostic(
                        at: location(package, pointer), "SPDX package has no name", hint: "every package needs `name`"))
                continue
            }
            let spdxID = package["SPDXID"]?.text
            if let spdxID, described.contains(spdxID) {
                subject = subject ?? name
                continue
            }
            let concluded = package["licenseConcluded"]
            let declared = package["licenseDeclared"]
            let licenceNode =
                concluded?.text == nil || concluded?.text == "NOASSERTION" ? (declared ?? concluded) : concluded
            let licence = licenceNode?.text
            for word in (licence ?? "").split(whereSeparator: { " ()".contains($0) })
            where word.hasPrefix("LicenseRef-") && !defined.contains(String(word)) {
                diagnostics.append(
                    Diagnostic(
                        .warning, at: location(licenceNode ?? package, pointer),
                        "'\(word)' is not defined in this document",
                        hint: "add it to hasExtractedLicensingInfos with its text"))
            }
            let purl = (package["externalRefs"]?.items ?? []).first { $0["referenceType"]?.text == "purl" }?[
                "referenceLocator"]?.text
            let download = package["downloadLocation"]?.text
            components.append(
                SBOMComponent(
                    name: name, version: package["versionInfo"]?.text, packageURL: purl, reference: spdxID,
                    supplier: package["supplier"]?.text.map(Self.agentName), kind: .script, licence: licence,
                    sourceURL: download == "NOASSERTION" || download == "NONE" ? nil : download, pointer: pointer,
                    mark: package.mark, licenceMark: licenceNode?.mark))
        }
        let assets = components.map { Asset($0, format: .spdxJSON, file: file) }
        let document = SBOMDocument(
            format: .spdxJSON, specVersion: version, subject: subject,
            created: root["creationInfo"]?["created"]?.text.flatMap { Day(iso: $0) }, componentIDs: assets.map(\.id),
            componentsWithoutLicence: components.filter { $0.licence == nil }.count,
            origin: Origin(file: file, pointer: "", mark: root.mark))
        return (Inventory(assets: assets, sboms: [document], sourceFiles: [file]), diagnostics)
    }

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
