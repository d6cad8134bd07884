/// The importers that ship with Tollgate, offered every document that is not a declaration.
public enum BuiltInImporters {
    public static let all: [any Importer] = [CycloneDXImporter(), SPDXImporter()]
}
