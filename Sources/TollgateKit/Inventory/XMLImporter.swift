/// An importer that also reads an XML form of its format (CycloneDX XML).
///
/// `InventoryLoader` reads `.xml` files with `SafeXMLReader` and offers the root element to the
/// importers that conform; the first that recognises it takes it.
public protocol XMLImporter: Importer {
    /// Whether the XML document looks like this importer's format.
    func recognises(xml root: XMLElementNode) -> Bool
    /// The entities the XML document contributes, or diagnostics explaining why it cannot be read.
    func importDocument(xml root: XMLElementNode, file: String) -> (inventory: Inventory, diagnostics: [Diagnostic])
}
