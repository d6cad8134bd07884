import Foundation

/// Reads a file that a system names in `accounts_import` but that no importer recognised by its
/// content. The name already says the file is a user export, so it is read as the export it is
/// closest to, or refused with what the file is instead, never with the errors of a declaration
/// file (`version`, unknown keys) that the admin did not write:
/// - an API error response saved in place of the users (Google's `{"error": {"code": 401, …}}`,
///   Okta's `{"errorCode": "E0000011", …}`): said so, with the status and message;
/// - an empty file or `[]` (an organisation with no users, or `jq` over pages that had none): an
///   export with no users;
/// - `{"users": [...]}` without `"kind"`: Google Workspace;
/// - a list where some entries lack `primaryEmail` or `profile.login`: the format most entries
///   have, so each bad entry is reported at its position rather than the whole file refused.
enum UserExportDetection {
    /// The kind of an export with no users, whose format cannot be told from its content.
    static let emptyKind = "user-export"

    /// The file at `file`, named by `accounts_import`, with `root` its parsed content (nil: the
    /// file holds nothing but white space), and the importer that read it, which knows which of
    /// its fields hold no secret (nil when none did).
    static func read(_ root: Node?, file: String) -> ExportLink<ImportedAccounts>.Detected {
        guard let root else { return (empty(file), nil) }
        let workspace = GoogleWorkspaceUsersImporter()
        let okta = OktaUsersImporter()
        switch root.kind {
        case .sequence(let items):
            if items.isEmpty { return (empty(file), nil) }
            let googleLike = items.count(where: { $0.has("primaryEmail") })
            let oktaLike = items.count(where: { $0.has("profile") || $0.has("status") })
            if googleLike > 0, googleLike >= oktaLike { return (workspace.importDocument(root, file: file), workspace) }
            if oktaLike > 0 { return (okta.importDocument(root, file: file), okta) }
        case .mapping:
            if let refusal = apiError(root, file: file) { return ((Inventory(), [refusal]), nil) }
            if root.has("users") { return (workspace.importDocument(root, file: file), workspace) }
        case .scalar:
            if root.isNull { return (empty(file), nil) }
        }
        return ((Inventory(), [Diagnostic(at: location(root, file: file), notAUserList(root), hint: formats)]), nil)
    }

    /// The formats a user export may have, for the hint when a file has none of them.
    static let formats =
        "save the Google Workspace Directory API users.list response (GET https://admin.googleapis.com/admin/directory/v1/users), or the Okta users list (GET /api/v1/users)"

    private static func empty(_ file: String) -> (inventory: Inventory, diagnostics: [Diagnostic]) {
        ImportedAccounts.outcome(
            file: file, kind: emptyKind, accounts: [], formatWithoutAdmins: nil, diagnostics: [])
    }

    private static func location(_ node: Node, file: String, pointer: String = "") -> SourceLocation {
        SourceLocation(file: file, mark: node.mark, pointer: pointer)
    }

    /// What a file that is no user export is, as far as its content tells.
    private static func notAUserList(_ root: Node) -> String {
        switch root.kind {
        case .mapping(let entries):
            if entries.contains(where: { DeclarationDocument.topLevelKeys.contains($0.key) }) {
                return "this is a Tollgate declaration file, not a user export"
            }
            let keys = entries.prefix(3).map { "'\($0.key)'" }.joined(separator: ", ")
            return "not a user export: a mapping with \(keys.isEmpty ? "no keys" : "the keys \(keys)")"
                + "\(entries.count > 3 ? ", …" : ""), where a users list has 'users'"
        case .sequence:
            return "not a user export: no entry of this list has 'primaryEmail' (Google Workspace) "
                + "or 'profile' and 'status' (Okta)"
        case .scalar:
            return "not a user export: the file holds \(root.typeDescription), not a users list"
        }
    }

    /// The error an API returned, saved where its users list should be (`curl` with an expired
    /// token writes the error body with the same redirect): Google's JSON error
    /// (`{"error": {"code", "message", "status"}}`, the Google JSON style guide) or Okta's
    /// (`{"errorCode", "errorSummary", …}`, Okta's error codes).
    static func apiError(_ root: Node, file: String) -> Diagnostic? {
        if let error = root["error"], error.has("code") || error.has("message") {
            let code = error["code"]?.text
            let words = [code, error["status"]?.text].compactMap { $0 }.joined(separator: " ")
            let message = error["message"]?.text.map { words.isEmpty ? $0 : "\(words): \($0)" } ?? words
            return Diagnostic(
                at: location(error, file: file, pointer: "/error"),
                "this is an error response from the Google API (\(message)), not a users list",
                hint: advice(unauthenticated: code == "401", forbidden: code == "403"))
        }
        if let codeNode = root["errorCode"], let code = codeNode.text {
            let summary = root["errorSummary"]?.text.map { "\(code): \($0)" } ?? code
            return Diagnostic(
                at: location(codeNode, file: file, pointer: "/errorCode"),
                "this is an error response from the Okta API (\(summary)), not a users list",
                // E0000011: invalid token; E0000006: no permission (Okta's error codes).
                hint: advice(unauthenticated: code == "E0000011", forbidden: code == "E0000006"))
        }
        return nil
    }

    private static func advice(unauthenticated: Bool, forbidden: Bool) -> String {
        if unauthenticated { return "refresh the token and export again" }
        if forbidden { return "export with an account allowed to list users (an admin), then check again" }
        return "correct the request and export again"
    }

    /// The Admin console's *Users › Download users* CSV (first line like `First Name
    /// [Required],Last Name [Required],Email Address [Required],…,2sv Enrolled [READ ONLY]`),
    /// saved under any name: said to be that, since it is not the Directory API JSON that is read.
    static func adminConsoleCSV(_ data: Data, file: String) -> Diagnostic? {
        let bytes = DocumentLoader.withoutByteOrderMark(data)
        let firstLine = String(decoding: bytes.prefix(4096).prefix { $0 != 0x0A }, as: UTF8.self)
        guard firstLine.contains("Email Address [Required]"), firstLine.contains(",") else { return nil }
        return Diagnostic(
            at: SourceLocation(file: file, line: 1, column: 1),
            "this is the Google Admin console's users CSV download, not the Directory API users list",
            hint: "Tollgate reads the Directory API JSON: save the response of "
                + "GET https://admin.googleapis.com/admin/directory/v1/users?customer=my_customer "
                + "(see docs/importers.md, account exports)")
    }
}
