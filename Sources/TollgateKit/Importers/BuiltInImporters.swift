/// The importers that ship with Tollgate, in the order `InventoryLoader` offers documents to
/// them (the first that recognises a document takes it).
public enum BuiltInImporters {
    /// Every built-in importer, bounded by `limits`.
    public static func all(limits: LoadLimits = .default) -> [any Importer] {
        [
            GTMContainerImporter(), TCFVendorListImporter(), FidesManifestImporter(), CycloneDXImporter(limits: limits),
            SPDXImporter(limits: limits), AWSIAMPasswordPolicyImporter(), OktaPasswordPolicyImporter(),
            GoogleWorkspaceUsersImporter(), OktaUsersImporter(),
        ]
    }

    /// The importer registered under `kind` (`--import KIND=PATH`).
    public static func named(_ kind: String, limits: LoadLimits = .default) -> (any Importer)? {
        all(limits: limits).first(where: { $0.kind == kind })
    }
}
