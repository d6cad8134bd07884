/// The software-bill-of-materials formats Tollgate imports.
public enum SBOMFormat: String, Sendable, Hashable, CaseIterable {
    case cycloneDXJSON = "cyclonedx-json"
    case cycloneDXXML = "cyclonedx-xml"
    case spdxJSON = "spdx-json"

    /// How the format is named in messages, e.g. "CycloneDX JSON".
    public var displayName: String {
        switch self {
        case .cycloneDXJSON: return "CycloneDX JSON"
        case .cycloneDXXML: return "CycloneDX XML"
        case .spdxJSON: return "SPDX JSON"
        }
    }
}
