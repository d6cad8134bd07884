/// One kind of vendor export that a system names by path (`security.password_policy_import`,
/// `accounts_import`): where a system names it, which loaded exports are of the kind, and what
/// to say when a link cannot be made (`InventoryLoader.link`).
struct ExportLink<Imported> {
    /// The key that names the export, as written in declarations.
    let key: String
    /// What the export is, for messages: "password-policy export".
    let what: String
    /// The formats Tollgate reads, for the hint when a named file is none of them.
    let formats: String
    /// Where the key goes, for the hint when no system names an export.
    let placement: String
    /// The path a system gives, and the origin of the mapping that holds the key.
    let named: (System) -> (path: String, origin: Origin)?
    /// The exports of this kind that a loaded part of the inventory holds.
    let exports: (Inventory) -> [Imported]
    /// An export's path as loaded, and the importer that read it.
    let file: (Imported) -> String
    let kind: (Imported) -> String
    /// How a named file that no importer recognises is read, given its content (nil: the file
    /// holds only white space), or nil when such a file is simply not of this kind. The name
    /// says what the file is meant to be, so it is read as that rather than as a declaration.
    var read: ((Node?, String) -> Detected)? = nil
    /// Whether the export is an identity provider's user list (`accounts_import`), as
    /// `Importer.readsUserList`: a named file that is the Google Admin console's users CSV is
    /// then said to be that download.
    var readsUserList = false

    /// What `read` made of a file, and the importer that read it (nil: none did), whose
    /// `keptSecrets` leaves out the fields of its format that hold no secret.
    typealias Detected = (decoded: (inventory: Inventory, diagnostics: [Diagnostic]), importer: (any Importer)?)
}
