/// One imported software bill of materials: which format, what it describes, when it was made
/// and which components (assets) it lists.
///
/// A web property points at its SBOM with `sbom: { path: … }`, relative to the file that
/// declares the property; the components of that SBOM are what the property ships
/// (`InventoryIndex.webProperties(shipping:)`).
public struct SBOMDocument: Sendable, Identifiable {
    /// The file, as the user named it (or as resolved from a web property's `sbom.path`).
    public var id: String { origin.file }
    public let format: SBOMFormat
    /// `specVersion` (CycloneDX) or `spdxVersion` (SPDX), e.g. `1.6`, `SPDX-2.3`.
    public let specVersion: String
    /// What the SBOM describes: CycloneDX `metadata.component.name`, or the name of the SPDX
    /// package the document DESCRIBES (for a site's SBOM, usually its domain).
    public let subject: String?
    /// CycloneDX `metadata.timestamp` or SPDX `creationInfo.created`.
    public let created: Day?
    /// Asset ids of the components it lists, in document order.
    public let componentIDs: [String]
    /// Components with no licence information at all.
    public let componentsWithoutLicence: Int
    public let origin: Origin

    public init(
        format: SBOMFormat, specVersion: String, subject: String?, created: Day?, componentIDs: [String],
        componentsWithoutLicence: Int, origin: Origin
    ) {
        self.format = format
        self.specVersion = specVersion
        self.subject = subject
        self.created = created
        self.componentIDs = componentIDs
        self.componentsWithoutLicence = componentsWithoutLicence
        self.origin = origin
    }
}
