/// Placeholder replaced below.
public struct FidesManifestImporter: Importer {
    public init() {}
    public var kind: String { "fides-manifest" }
    public func recognises(_ root: Node) -> Bool { false }
    public func importDocument(_ root: Node, file: String) -> (inventory: Inventory, diagnostics: [Diagnostic]) {
        (Inventory(), [])
    }
}
