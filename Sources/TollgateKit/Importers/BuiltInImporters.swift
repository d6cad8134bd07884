/// The importers that ship with Tollgate, in the order `InventoryLoader` offers documents to
/// them (the first that recognises a document takes it).
public enum BuiltInImporters {
    public static let all: [any Importer] = [
        GTMContainerImporter(), TCFVendorListImporter(), FidesManifestImporter(),
    ]

    /// The importer registered under `kind` (`--import KIND=PATH`).
    public static func named(_ kind: String) -> (any Importer)? { all.first(where: { $0.kind == kind }) }
}
