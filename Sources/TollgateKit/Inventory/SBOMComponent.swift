/// A component read from an SBOM, before it becomes an `Asset`: the fields Tollgate uses and
/// where they were in the SBOM file. Importers of every SBOM format produce these, so the same
/// component gives the same asset whichever format carried it.
public struct SBOMComponent: Sendable {
    public var name: String
    public var version: String?
    public var packageURL: String?
    /// CycloneDX `bom-ref` or SPDX `SPDXID`: unique in the document, not across regenerations.
    public var reference: String?
    public var supplier: String?
    public var kind: AssetKind
    /// The licence as one SPDX expression; several CycloneDX `license` entries are joined with
    /// AND (each applies); a licence named by free text is an unknown id (`licence(forName:)`).
    public var licence: String?
    /// Where the source can be had: a CycloneDX `externalReferences` entry of type
    /// `source-distribution` or `vcs`, or SPDX `downloadLocation`. Serves as the source offer
    /// copyleft licences ask for.
    public var sourceURL: String?
    public var pointer: String
    public var mark: Mark
    public var licenceMark: Mark?

    public init(
        name: String, version: String? = nil, packageURL: String? = nil, reference: String? = nil,
        supplier: String? = nil, kind: AssetKind = .script, licence: String? = nil, sourceURL: String? = nil,
        pointer: String, mark: Mark, licenceMark: Mark? = nil
    ) {
        self.name = name
        self.version = version
        self.packageURL = packageURL
        self.reference = reference
        self.supplier = supplier
        self.kind = kind
        self.licence = licence
        self.sourceURL = sourceURL
        self.pointer = pointer
        self.mark = mark
        self.licenceMark = licenceMark
    }

    /// The asset id: the package URL when there is one (stable across SBOM regenerations,
    /// unlike generated `bom-ref`s), else `name@version`, else the reference.
    public var assetID: String {
        if let packageURL { return packageURL }
        if let version { return "\(name)@\(version)" }
        return reference ?? name
    }

    /// The licence an SBOM names without an SPDX id (CycloneDX `license.name`). A name that is an
    /// SPDX licence id (in any letter case) or a valid SPDX expression is read as that: generators
    /// write ids into `name` (Trivy writes every licence so, aquasecurity/trivy#9042).
    ///
    /// Any other name is free text: an unknown licence, which nobody has identified, so it is not
    /// turned into a `LicenseRef-` (which `licence_refs: allowed` approves as vendor terms on
    /// file). It becomes an id that is not on the SPDX License List, the name with every
    /// character outside the SPDX idstring set replaced by `-` (`Acme EULA v2` is `Acme-EULA-v2`),
    /// so the licensing rules treat it as they treat any unrecognised licence: LIC-008 reports
    /// the unknown id, and no rule reads it as allowed. When that spelling happens to be a listed
    /// id (`Apache 2.0` as `Apache-2.0`), the name is kept as written, which is no expression
    /// either: a guess from free text is not a licence anybody stated.
    public static func licence(forName name: String) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        let parser = LicenceExpressionParser()
        if case .success(let parsed) = parser.parse(trimmed), parsed.errors.isEmpty {
            return parsed.expression.description
        }
        let cleaned = String(
            String.UnicodeScalarView(
                trimmed.unicodeScalars.map { scalar in
                    switch scalar {
                    case "a"..."z", "A"..."Z", "0"..."9", ".", "-": return scalar
                    default: return "-"
                    }
                }))
        if case .success(let parsed) = parser.parse(cleaned), parsed.errors.isEmpty { return trimmed }
        return cleaned
    }

    /// The components with repeats of one asset id collapsed into the first. CycloneDX requires
    /// unique `bom-ref`s, not unique package URLs, and generators list one package twice (nested
    /// `node_modules` copies, anchore/syft#914). A repeat with another licence is a warning at the
    /// repeat, and the kept component is under both (AND): neither copy's licence is dropped.
    public static func mergingRepeats(
        _ components: [SBOMComponent], file: String
    ) -> (
        components: [SBOMComponent], diagnostics: [Diagnostic]
    ) {
        var merged: [SBOMComponent] = []
        // Each kept component as first listed: repeats are compared with it, not with the
        // licence merged so far, so every repeat reads alike however many came before.
        var firsts: [SBOMComponent] = []
        var position: [String: Int] = [:]
        var licences: [[String]] = []
        var repeats: [(index: Int, copy: SBOMComponent)] = []
        for component in components {
            let id = component.assetID
            guard let index = position[id] else {
                position[id] = merged.count
                licences.append(component.licence.map { [$0] } ?? [])
                merged.append(component)
                firsts.append(component)
                continue
            }
            guard component.licence != firsts[index].licence else { continue }
            if let licence = component.licence, !licences[index].contains(licence) { licences[index].append(licence) }
            merged[index].licence = conjunction(licences[index])
            if merged[index].licenceMark == nil { merged[index].licenceMark = component.licenceMark }
            repeats.append((index, component))
        }
        // Worded once every copy is merged, so each names the licence the component is read under.
        let diagnostics = repeats.map { index, copy in
            let first = firsts[index]
            let at = copy.licenceMark ?? copy.mark
            return Diagnostic(
                .warning,
                at: SourceLocation(file: file, mark: at, pointer: copy.pointer),
                "component '\(copy.assetID)' is listed again with licence \(copy.licence ?? "none"), after "
                    + "\(first.licence ?? "none") at line \((first.licenceMark ?? first.mark).line); it is read once, "
                    + "under \(merged[index].licence ?? "no licence")",
                hint: "regenerate the SBOM, or check which licence each copy is under")
        }
        return (merged, diagnostics)
    }

    /// Joins several licences of one component: each applies, so AND, with compound ones in parentheses.
    public static func conjunction(_ licences: [String]) -> String? {
        guard licences.count > 1 else { return licences.first }
        return licences.map { $0.contains(" ") ? "(\($0))" : $0 }.joined(separator: " AND ")
    }
}
