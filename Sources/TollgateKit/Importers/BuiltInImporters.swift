/// The importers that ship with Tollgate, offered every document that is not a declaration.
public enum BuiltInImporters {
    /// Every built-in importer, bounded by `limits`.
    public static func all(limits: LoadLimits = .default) -> [any Importer] {
        [CycloneDXImporter(limits: limits), SPDXImporter(limits: limits)]
    }
}
