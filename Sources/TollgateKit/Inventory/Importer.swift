/// Turns another tool's export (a password-policy export, an SBOM, a tag-manager container)
/// into inventory entities with locations in the original file.
///
/// `InventoryLoader` offers every document that is not a Tollgate declaration to its importers,
/// and the first that recognises the content takes it.
public protocol Importer: Sendable {
    /// Short name used by `--import KIND=PATH` and in messages, e.g. `aws-iam-password-policy`.
    var kind: String { get }
    /// Whether the document looks like this importer's format.
    func recognises(_ root: Node) -> Bool
    /// The entities the document contributes, or diagnostics explaining why it cannot be read.
    func importDocument(_ root: Node, file: String) -> (inventory: Inventory, diagnostics: [Diagnostic])
    /// Fields of the format whose values look like credentials to the secret scan's heuristics
    /// but are not (photo URLs, public keys, API links): ACC-018 leaves them out once this
    /// importer has recognised a file. None by default.
    var fieldsWithoutSecrets: [FieldWithoutSecrets] { get }
    /// Whether the format is an identity provider's user list (`accounts_import`). False by default.
    var readsUserList: Bool { get }
    /// Whether a document given with `--import KIND=` of this kind is read although `recognises`
    /// does not take it: a user list with some malformed entries is read as when a system names
    /// it, each bad entry reported at its position. By default, only a recognised document.
    func readsWhenNamed(_ root: Node) -> Bool
}

extension Importer {
    public var readsUserList: Bool { false }
    public func readsWhenNamed(_ root: Node) -> Bool { recognises(root) }
}
